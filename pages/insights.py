"""Insights: charts of the journal for a date range (or their tables), each with an empty state."""

import streamlit as st

from crampcare import charts
from crampcare.store import Filter
from crampcare_ui import cache, journals, session
from crampcare_ui.widgets import guide as guide_widgets
from crampcare_ui.widgets import journal as journal_widgets

session.require_frame(__file__)
guide = cache.guide()
labels = cache.labels()

st.title("Insights")
journals.demo_switch()
book = journals.current_journal()
with journals.journal_reads():
    revision = book.revision()
    span = cache.journal_overview(book, revision)[1]
if span is None:
    st.info(
        "Nothing to chart yet. Log a few cramps (from the Journal, or from the hold timer) "
        "and your patterns will show up here."
    )
    st.page_link(session.JOURNAL_PAGE, label="Log a cramp in the Journal")
    st.stop()

range_col, region_col = st.columns([1, 1])
with range_col:
    start, end = journal_widgets.date_range_picker("insights.range", span, days=180)
regions = region_col.multiselect(
    "Where", list(guide.regions), format_func=labels.region, key="insights.regions"
)
where = Filter(start=start, end=end, regions=tuple(regions))
with journals.journal_reads():
    data, drawn = cache.insights_view(book, revision, where)

if data.episodes == 0:
    st.info("No cramps in these dates. Widen the date range or clear the filter.")
    st.stop()
count_col, tables_col = st.columns([1, 1], vertical_alignment="bottom")
count_col.metric("Cramps in these dates", data.episodes)
as_tables = tables_col.toggle(
    "Show the numbers as tables", key="insights.tables", help="The same numbers, without charts."
)

for chart in charts.CHARTS:
    table, figure = drawn[chart.key]
    # Titles and notes come from the chart catalogue, never from the journal.
    note = f"\n\n{guide_widgets.aside(chart.note)}" if chart.note and figure is not None else ""
    st.markdown(f"### {chart.title}{note}")
    if figure is None:
        st.info(chart.empty)
        continue
    if as_tables:
        st.dataframe(table, hide_index=True, key=f"insights.table.{chart.key}")
    else:
        st.plotly_chart(
            figure,
            key=chart.key,
            config={"displayModeBar": False},
            alt=f"{chart.title} chart; switch on 'Show the numbers as tables' to read it.",
        )

table = drawn["associations"][0]
heading = "### Triggers and cramp days"
if table.num_rows == 0:
    st.markdown(heading)
    if data.cramp_free_days == 0:
        st.info(
            "Nothing to compare yet: every day noted in these dates had a cramp. Note your days "
            "without cramps too ('How was your day?' in the Journal), and this table will "
            "compare days with and without each trigger."
        )
    else:
        st.info("No triggers noted in these dates yet, so there is nothing to compare.")
else:
    note = (
        "Of the days you noted with each trigger, how many had a cramp, against the days "
        "without it. This shows things that go together in your journal; it cannot show that "
        "a trigger causes cramps, and small counts can mislead."
    )
    st.markdown(f"{heading}\n\n{guide_widgets.aside(note)}")
    percent = st.column_config.NumberColumn(format="%d%%")
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            charts.ASSOCIATION_COLUMNS["% with"]: percent,
            charts.ASSOCIATION_COLUMNS["% without"]: percent,
        },
    )
