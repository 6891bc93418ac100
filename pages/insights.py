"""Insights: charts of the journal for a date range, each with its table and an empty state."""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from crampcare import charts, insights
from crampcare.journal import Filter, Journal

ui.require_frame(__file__)
guide = ui.guide()
labels = ui.labels()

st.title("Insights")
ui.demo_switch()
book = ui.current_journal()


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    table: Callable[[insights.Insights], pd.DataFrame]
    draw: Callable[[pd.DataFrame], go.Figure]
    empty: str
    note: str = ""


NO_CRAMPS = "No cramps in these dates."
CHARTS = (
    Chart("weekly", "Cramps per week", lambda d: d.weekly[["week", "episodes"]],
          charts.episodes_per_week, NO_CRAMPS),
    Chart("hours", "Time of day, by weekday", lambda d: d.hour_weekday, charts.time_of_day,
          NO_CRAMPS,
          "Darker squares: more cramps at that hour. Night cramps show up on the left and far right."),
    Chart("triggers", "Triggers", lambda d: d.triggers, charts.trigger_frequency,
          "No triggers noted yet. Add them when you log a cramp: it is how patterns show up."),
    Chart("regions", "Where", lambda d: d.regions, charts.region_breakdown, NO_CRAMPS),
    Chart("severity", "Severity over time",
          lambda d: d.weekly.dropna(subset=["mean_severity"])[["week", "mean_severity"]],
          charts.severity_over_time,
          "No severities noted yet. Rate a cramp from 0 to 10 when you log it."),
    Chart("works", "What works for me", lambda d: d.what_works, charts.what_works,
          "Nothing to rank yet. When you log a cramp, tick what you tried and whether it helped.",
          "Score: 1 = helped every time, 0.5 = partly, 0 = never. Few tries make a shaky score."),
)  # fmt: skip


@st.cache_resource(max_entries=16, ttl=3600, show_spinner="Adding up your journal…")
def compute(
    path: str, readonly: bool, revision: int, where: Filter
) -> tuple[insights.Insights, dict[str, tuple[pd.DataFrame, go.Figure | None]]]:
    """Aggregates and figures for one journal state. `revision` changes with every write, so a
    result is never stale; results are shared and never mutated (plotly_chart copies)."""
    data = insights.compute(Journal(path, readonly=readonly), where, labels)
    drawn = {}
    for chart in CHARTS:
        table = chart.table(data)
        drawn[chart.key] = (table, None if table.empty else chart.draw(table))
    return data, drawn


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
data, drawn = compute(str(book.path), book.readonly, book.revision(), where)

if data.episodes == 0:
    st.info("No cramps in these dates. Widen the date range or clear the filter.")
    st.stop()
st.metric("Cramps in this period", data.episodes)

for chart in CHARTS:
    table, figure = drawn[chart.key]
    st.subheader(chart.title)
    if figure is None:
        st.info(chart.empty)
        continue
    if chart.note:
        st.caption(chart.note)
    # Only the open tab is drawn, so tables cost nothing until someone asks for them.
    as_chart, as_table = st.tabs(
        ["Chart", "Table"], key=f"insights.tab.{chart.key}", on_change="rerun"
    )
    if as_chart.open:
        with as_chart:
            st.plotly_chart(figure, key=chart.key, config={"displayModeBar": False})
    if as_table.open:
        with as_table:
            st.dataframe(table, hide_index=True)

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
