"""Journal: log a cramp, note a day, and browse, edit or delete episodes (with undo)."""

from datetime import date, datetime

import streamlit as st

import ui
from crampcare import csvio
from crampcare.episodes import HELPED, SIDES, Episode, EpisodeInvalid, journal_table, validate
from crampcare.journal import Filter, StoreBusy

NEW = "journal.new."
EDIT = "journal.edit."
TABLE = "journal.table"
SAVED = "journal.saved"
CHECKIN = "journal.checkin."
CONFIRM_DELETE = "journal.confirm_delete"
PAGE_ROWS = 100
SHOWN = "journal.shown"
HELPED_LABELS = {"yes": "Yes", "partly": "Partly", "no": "No"}

ui.require_frame(__file__)
guide = ui.guide()
labels = ui.labels()
state = st.session_state

st.title("Journal")
demo = ui.demo_switch()
book = ui.current_journal()
triggers_used = book.triggers_used()
span = book.date_span()


# -- the episode form, shared by "log" and "edit" -------------------------------------


def seed(prefix: str, episode: Episode | None) -> None:
    """Put an episode's values (or fresh defaults) into the form's keys, once."""
    if state.get(prefix + "seeded"):
        return
    now = datetime.now().replace(second=0, microsecond=0)
    e = episode or Episode(started_at=now, region=state[ui.REGION] or "calf", side=state[ui.SIDE])
    minutes, seconds = (
        divmod(e.duration_seconds, 60) if e.duration_seconds is not None else (None, None)
    )
    state.update(
        {
            prefix + "day": e.started_at.date(),
            prefix + "time": e.started_at.time(),
            prefix + "region": e.region,
            prefix + "side": e.side,
            prefix + "severity": e.severity,
            prefix + "minutes": minutes,
            prefix + "seconds": seconds,
            prefix + "triggers": list(e.triggers),
            prefix + "relief": list(e.relief),
            prefix + "helped": e.helped,
            prefix + "notes": e.notes,
            prefix + "submission": e.submission_id,
            prefix + "errors": {},
            prefix + "seeded": True,
        }
    )


def unseed(prefix: str) -> None:
    for key in [k for k in state if isinstance(k, str) and k.startswith(prefix)]:
        del state[key]


def raw_values(prefix: str) -> dict:
    day, at = state[prefix + "day"], state[prefix + "time"]
    minutes, seconds = state[prefix + "minutes"], state[prefix + "seconds"]
    duration = None
    if minutes is not None or seconds is not None:
        duration = int((minutes or 0) * 60 + (seconds or 0))
    return {
        "started_at": datetime.combine(day, at) if day and at else None,
        "region": state[prefix + "region"],
        "side": state[prefix + "side"],
        "severity": state[prefix + "severity"],
        "duration_seconds": duration,
        "triggers": state[prefix + "triggers"],
        "relief": state[prefix + "relief"],
        "helped": state[prefix + "helped"],
        "notes": state[prefix + "notes"],
        "submission_id": state[prefix + "submission"],
    }


def trigger_options(chosen: list[str]) -> list[str]:
    return list(dict.fromkeys([*guide.causes, *triggers_used, *chosen]))


def error_beside(prefix: str, field: str) -> None:
    message = state[prefix + "errors"].get(field)
    if message:
        st.markdown(f":red[{message}]")  # our own message text, never user input


def episode_fields(prefix: str) -> None:
    """The form's widgets; each shows its own error message beneath it."""
    when, place = st.columns(2)
    with when:
        day_col, time_col = st.columns(2)
        day_col.date_input("Date", key=prefix + "day", persist_state="session", format="YYYY-MM-DD")
        time_col.time_input("Time", key=prefix + "time", persist_state="session", step=60)
        error_beside(prefix, "started_at")
    with place:
        where_col, side_col = st.columns(2)
        where_col.selectbox(
            "Where",
            list(guide.regions),
            format_func=labels.region,
            key=prefix + "region",
            persist_state="session",
        )
        error_beside(prefix, "region")
        side_col.selectbox(
            "Side",
            [None, *SIDES],
            format_func=lambda s: "Not sure / no side" if s is None else s.capitalize(),
            placeholder="Not sure / no side",
            key=prefix + "side",
            persist_state="session",
        )
        error_beside(prefix, "side")
    sev, mins, secs = st.columns(3)
    sev.number_input(
        "Severity (0-10)", min_value=0, max_value=10, step=1, key=prefix + "severity", persist_state="session",
        placeholder="0 none, 10 worst",
    )  # fmt: skip
    with sev:
        error_beside(prefix, "severity")
    mins.number_input(
        "Lasted: minutes", min_value=0, step=1, key=prefix + "minutes", persist_state="session"
    )
    secs.number_input(
        "and seconds",
        min_value=0,
        max_value=59,
        step=5,
        key=prefix + "seconds",
        persist_state="session",
    )
    with mins:
        error_beside(prefix, "duration_seconds")
    st.multiselect(
        "Triggers",
        trigger_options(state[prefix + "triggers"]),
        format_func=labels.trigger,
        key=prefix + "triggers",
        persist_state="session",
        accept_new_options=True,
        placeholder="Choose, or type your own and press Enter",
    )
    error_beside(prefix, "triggers")
    relief_col, helped_col = st.columns([2, 1])
    relief_col.multiselect(
        "Relief tried", list(guide.relief_options), format_func=labels.relief_option,
        key=prefix + "relief", persist_state="session",
    )  # fmt: skip
    with relief_col:
        error_beside(prefix, "relief")
    helped_col.segmented_control(
        "Did it help?",
        list(HELPED),
        format_func=HELPED_LABELS.get,
        key=prefix + "helped",
        persist_state="session",
    )
    st.text_area(
        "Notes",
        key=prefix + "notes",
        persist_state="session",
        help="Plain text, up to 1000 characters.",
        height=90,
    )
    error_beside(prefix, "notes")


def save_new() -> None:
    """Form callback: validate and save in one call, before the page draws again."""
    prefix = NEW
    raw = raw_values(prefix)
    try:
        episode = validate(raw, ui.vocabulary(), datetime.now())
    except EpisodeInvalid as invalid:
        state[prefix + "errors"] = invalid.errors
        return
    try:
        book.add(episode)  # the same submission id twice saves one row
    except StoreBusy as busy:
        state[prefix + "errors"] = {"notes": str(busy)}
        return
    state[SAVED] = episode
    unseed(prefix)


def save_edit(episode_id: int) -> None:
    raw = raw_values(EDIT) | {"id": episode_id}
    try:
        episode = validate(raw, ui.vocabulary(), datetime.now())
    except EpisodeInvalid as invalid:
        state[EDIT + "errors"] = invalid.errors
        return
    book.update(episode)
    state[SAVED] = episode
    unseed(EDIT)


def keep_episode() -> None:
    state.pop(CONFIRM_DELETE, None)


@st.dialog("Delete this cramp?", on_dismiss=keep_episode)
def confirm_delete(episode: Episode) -> None:
    st.write(
        f"{labels.region(episode.region)}, {episode.started_at:%a %d %b %Y %H:%M}. "
        "You can undo this until you close the app."
    )
    keep, delete = st.columns(2)
    if keep.button("Keep it", key="journal.keep", width="stretch"):
        keep_episode()
        st.rerun()
    if delete.button("Delete", type="primary", key="journal.delete_yes", width="stretch"):
        keep_episode()
        deleted = book.delete(episode.id)
        if deleted:
            state[ui.UNDO] = [*state[ui.UNDO], deleted]
        unseed(EDIT)
        st.rerun()


def undo_last() -> None:
    episode, state[ui.UNDO] = state[ui.UNDO][-1], state[ui.UNDO][:-1]
    ui.user_journal().restore(episode)
    state[SAVED] = episode


# -- the page -------------------------------------------------------------------------

if state.get(SAVED):
    saved = state.pop(SAVED)
    st.success(f"Saved: {labels.region(saved.region)}, {saved.started_at:%a %d %b %H:%M}.")

if state[ui.UNDO] and not demo:
    last = state[ui.UNDO][-1]
    with st.container(horizontal=True, key="undo-bar", vertical_alignment="center"):
        st.write(f"Deleted: {labels.region(last.region)}, {last.started_at:%a %d %b %H:%M}.")
        st.button("Undo", key="journal.undo_button", on_click=undo_last)

if demo:
    st.caption("Logging is off in demo mode.")
else:
    # Expanders run their content only while open (on_change="rerun").
    log = st.expander("Log a cramp", expanded=book.count() == 0, key="log-form", on_change="rerun")
    if log.open:
        with log:
            seed(NEW, None)
            with st.form("journal.log_form", border=False):
                episode_fields(NEW)
                st.form_submit_button("Save to journal", type="primary", on_click=save_new)

    checkin = st.expander(
        "How was your day? (helps spot triggers)", key="checkin", on_change="rerun"
    )
    if checkin.open:
        with checkin:
            st.caption(
                "Note what happened on a day, cramp or not. Comparing days with and without a "
                "trigger is what makes the trigger table on Insights meaningful."
            )
            with st.form("journal.checkin_form", border=False):
                day = st.date_input(
                    "Day", value=date.today(), max_value=date.today(), key=CHECKIN + "day"
                )
                noted = book.day_triggers(day) or []
                chosen = st.multiselect(
                    "What happened that day?",
                    trigger_options(noted),
                    default=noted,
                    format_func=labels.trigger,
                    accept_new_options=True,
                    key=CHECKIN + "triggers",
                )
                if st.form_submit_button("Save the day"):
                    book.set_day_triggers({day: [t.strip() for t in chosen if t.strip()][:20]})
                    st.success(f"Noted {day:%a %d %b}.")

st.subheader("Episodes")
if span is None:
    st.info(
        "No cramps logged yet. Use **Log a cramp** above, or log one straight from the hold "
        "timer on a relief page."
    )
    st.page_link(ui.HOME_PAGE, label="Go to 'Where is the cramp?'")
    st.stop()

range_col, region_col, trigger_col = st.columns([2, 2, 2])
with range_col:
    start, end = ui.date_range_picker("journal.range", span, days=90)
regions = region_col.multiselect(
    "Where", list(guide.regions), format_func=labels.region, key="journal.regions"
)
triggers = trigger_col.multiselect(
    "Trigger", trigger_options([]), format_func=labels.trigger, key="journal.triggers"
)
where = Filter(start=start, end=end, regions=tuple(regions), triggers=tuple(triggers))

total = book.count(where)
limit = state.setdefault(SHOWN, PAGE_ROWS)
shown = book.episodes(where, limit=limit)
st.caption(
    f"{ui.plural(total, 'cramp')} match{'es' if total == 1 else ''}."
    + (f" Showing the newest {len(shown)}." if total > len(shown) else "")
    + " Select a row to edit or delete it."
)
table = journal_table(shown, labels)
event = st.dataframe(
    table,
    key=TABLE,
    on_select="rerun",
    selection_mode="single-row",
    hide_index=True,
    column_order=[c for c in table.columns if c != "id"],
    column_config={
        "When": st.column_config.DatetimeColumn(format="ddd D MMM YYYY, HH:mm"),
        "Severity": st.column_config.NumberColumn(format="%d"),
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
    "Export these cramps (CSV)",
    data=lambda: csvio.export_csv(book.episodes(where)),  # built on click, not on every run
    file_name=f"cramp-journal-{date.today().isoformat()}.csv",
    mime="text/csv",
    key="journal.export",
    on_click="ignore",
)

rows = event.selection.rows if event else []
if rows and rows[0] < len(shown):
    selected = shown[rows[0]]
    if state.get(EDIT + "id") != selected.id:
        unseed(EDIT)
        state[EDIT + "id"] = selected.id
    st.subheader(f"{labels.region(selected.region)}, {selected.started_at:%a %d %b %Y %H:%M}")
    if demo:
        st.caption("Editing is off in demo mode.")
    else:
        seed(EDIT, selected)
        with st.form("journal.edit_form"):
            episode_fields(EDIT)
            save_col, delete_col = st.columns([1, 1])
            save_col.form_submit_button(
                "Save changes", type="primary", on_click=save_edit, args=(selected.id,)
            )
            if delete_col.form_submit_button("Delete…"):
                state[CONFIRM_DELETE] = selected.id
        # Shown on every run until answered, so its buttons are seen when clicked.
        if state.get(CONFIRM_DELETE) == selected.id:
            confirm_delete(selected)
