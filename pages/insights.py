"""Insights: charts of the journal for a date range, each with its table and an empty state."""

import pandas as pd
import streamlit as st

import ui
from crampcare import charts, insights
from crampcare.journal import Filter

ui.require_frame(__file__)
guide = ui.guide()
labels = ui.labels()

st.title("Insights")
ui.demo_switch()
book = ui.current_journal()


@st.cache_data(max_entries=32, ttl=3600, show_spinner="Adding up your journal…")
def compute(path: str, readonly: bool, revision: int, where: Filter) -> insights.Insights:
    """Aggregates for one journal state; `revision` changes with every write, so never stale."""
    return insights.compute(type(book)(path, readonly=readonly), where, labels)


span = book.date_span()
if span is None:
    st.info(
        "Nothing to chart yet. Log a few cramps (from the Journal, or from the hold timer) "
        "and your patterns will show up here."
    )
    st.page_link(ui.JOURNAL_PAGE, label="Log a cramp in the Journal")
    st.stop()

range_col, region_col = st.columns([1, 1])
with range_col:
    start, end = ui.date_range_picker("insights.range", span, days=180)
regions = region_col.multiselect(
    "Where", list(guide.regions), format_func=labels.region, key="insights.regions"
)
where = Filter(start=start, end=end, regions=tuple(regions))
data = compute(str(book.path), book.readonly, book.revision(), where)

if data.episodes == 0:
    st.info("No cramps in these dates. Widen the date range or clear the filter.")
    st.stop()
st.metric("Cramps in this period", data.episodes)


def chart(title: str, figure_fn, table: pd.DataFrame, key: str, empty: str, note: str = "") -> None:
    """A chart with its own table beside it in a tab, or a message saying what to do."""
    st.subheader(title)
    if table.empty:
        st.info(empty)
        return
    if note:
        st.caption(note)
    as_chart, as_table = st.tabs(["Chart", "Table"])
    with as_chart:
        st.plotly_chart(figure_fn(table), key=key, config={"displayModeBar": False})
    with as_table:
        st.dataframe(table, hide_index=True)


weekly = data.weekly
chart("Cramps per week", charts.episodes_per_week, weekly[["week", "episodes"]], "weekly",
      "No cramps in these dates.")  # fmt: skip
chart("Time of day, by weekday", charts.time_of_day, data.hour_weekday, "hours",
      "No cramps in these dates.",
      "Darker squares: more cramps at that hour. Night cramps show up on the left and far right.")  # fmt: skip
chart("Triggers", charts.trigger_frequency, data.triggers, "triggers",
      "No triggers noted yet. Add them when you log a cramp: it is how patterns show up.")  # fmt: skip
chart("Where", charts.region_breakdown, data.regions, "regions", "No cramps in these dates.")
rated = weekly.dropna(subset=["mean_severity"])[["week", "mean_severity"]]
chart("Severity over time", charts.severity_over_time, rated, "severity",
      "No severities noted yet. Rate a cramp from 0 to 10 when you log it.")  # fmt: skip
chart("What works for me", charts.what_works, data.what_works, "works",
      "Nothing to rank yet. When you log a cramp, tick what you tried and whether it helped.",
      "Score: 1 = helped every time, 0.5 = partly, 0 = never. Few tries make a shaky score.")  # fmt: skip

st.subheader("Triggers and cramp days")
table = data.associations
if table.empty:
    st.info(
        "To compare days with and without a trigger, note your days in the Journal "
        "('How was your day?'), cramp or not."
    )
else:
    st.caption(
        "Of the days you noted with each trigger, the share that had a cramp, against the "
        "days without it. This shows things that go together in your journal; it cannot "
        "show that a trigger causes cramps, and small counts can mislead."
    )
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "share with": st.column_config.NumberColumn(format="percent"),
            "share without": st.column_config.NumberColumn(format="percent"),
        },
    )
