"""Journal: log a cramp, note a day, and browse, edit or delete episodes (with undo)."""

from datetime import date

import streamlit as st

from crampcare import csvio
from crampcare.store import Filter
from crampcare_ui import cache, journals, session
from crampcare_ui.widgets import episode_form
from crampcare_ui.widgets import guide as guide_widgets
from crampcare_ui.widgets import journal as journal_widgets

TABLE = "journal.table"
LOG_FORM = "log-form"
PAGE_ROWS = 100
SHOWN = "journal.shown"

session.require_frame(__file__)
guide = cache.guide()
labels = cache.labels()
state = st.session_state

st.title("Journal")
demo = journals.demo_switch()
book = journals.current_journal()
with journals.journal_reads():
    revision = book.revision()
    triggers_used, span = cache.journal_overview(book, revision)

if restored := state.pop(episode_form.RESTORED, None):
    st.success(f"Restored: {labels.region(restored.region)}, {restored.started_at:%a %d %b %H:%M}.")

if state[session.UNDO] and not demo:
    last = state[session.UNDO][-1]
    with st.container(horizontal=True, key="undo-bar", vertical_alignment="center"):
        st.write(f"Deleted: {labels.region(last.region)}, {last.started_at:%a %d %b %H:%M}.")
        st.button("Undo", key="journal.undo_button", on_click=episode_form.undo_last, args=(book,))
    journals.store_problem("undo")

if demo:
    st.caption("Logging is off in demo mode.")
else:
    # Expanders run their content only while open (on_change="rerun"). 'Log a cramp' starts
    # open on an empty journal; after that it stays as the person leaves it.
    state.setdefault(LOG_FORM, span is None)
    log = st.expander("Log a cramp", key=LOG_FORM, on_change="rerun")
    if log.open:
        with log:
            episode_form.log_form(book, triggers_used, state[session.REGION], state[session.SIDE])
    checkin = st.expander(
        "How was your day? (helps spot triggers)", key="checkin", on_change="rerun"
    )
    if checkin.open:
        with checkin:
            st.caption(
                "Note what happened on a day, cramp or not. Comparing days with and without a "
                "trigger is what makes the trigger table on Insights meaningful."
            )
            with journals.journal_reads():
                episode_form.day_form(book, triggers_used)

st.subheader("Episodes")
if span is None:
    st.info(
        "No cramps logged yet. Use **Log a cramp** above, or log one straight from the hold "
        "timer on a relief page."
    )
    st.page_link(session.HOME_PAGE, label="Go to 'Where is the cramp?'")
    st.stop()

range_col, region_col, trigger_col = st.columns([2, 2, 2])
with range_col:
    start, end = journal_widgets.date_range_picker("journal.range", span, days=90)
regions = region_col.multiselect(
    "Where", list(guide.regions), format_func=labels.region, key="journal.regions"
)
triggers = trigger_col.multiselect(
    "Trigger",
    guide_widgets.trigger_options(triggers_used),
    format_func=labels.trigger,
    key="journal.triggers",
)
where = Filter(start=start, end=end, regions=tuple(regions), triggers=tuple(triggers))

limit = state.setdefault(SHOWN, PAGE_ROWS)
with journals.journal_reads():
    total, shown, table = cache.journal_listing(book, revision, where, limit)
if total == 0:
    st.info("No cramps match these filters. Widen the dates, or clear *Where* and *Trigger*.")
    st.stop()

st.caption(
    f"{journal_widgets.plural(total, 'cramp')} match{'es' if total == 1 else ''}."
    + (f" Showing the newest {len(shown)}." if total > len(shown) else "")
    + " Select a row to edit or delete it."
)
event = st.dataframe(
    table,
    key=TABLE,
    on_select="rerun",
    selection_mode="single-row",
    hide_index=True,
    column_order=[c for c in table.column_names if c != "id"],
    column_config={
        "When": st.column_config.DatetimeColumn(format="ddd D MMM YYYY, HH:mm"),
        "Notes": st.column_config.TextColumn(width="large"),
    },
)

if total > len(shown):
    st.button(
        f"Show {PAGE_ROWS} more",
        key="journal.more",
        on_click=lambda: state.update({SHOWN: state[SHOWN] + PAGE_ROWS}),
    )
st.download_button(
    f"Export {'this cramp' if total == 1 else f'these {total} cramps'} (CSV)",
    data=lambda: csvio.export_csv(book.episodes(where)),  # built on click, not on every run
    file_name=f"cramp-journal-{date.today().isoformat()}.csv",
    mime="text/csv",
    key="journal.export",
    on_click="ignore",
)

rows = event.selection.rows if event else []
if rows and rows[0] < len(shown):
    selected = shown[rows[0]]
    st.subheader(f"{labels.region(selected.region)}, {selected.started_at:%a %d %b %Y %H:%M}")
    if demo:
        st.caption("Editing is off in demo mode.")
    else:
        with st.container(border=True, key="edit-form"):
            episode_form.edit_form(book, selected, triggers_used)
        # Shown on every run until answered, so its buttons are seen when clicked.
        if state.get(episode_form.CONFIRM_DELETE) == selected.id:
            episode_form.confirm_delete(book, selected)
