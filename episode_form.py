"""The episode form, for logging a cramp and editing one: widgets, state, saving, deleting.

Values live in session-state keys under a prefix ("journal.new.", "journal.edit."), so a
draft survives a page switch and a failed save keeps everything that was typed.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

import ui
from crampcare.episodes import HELPED, SIDES, Episode, EpisodeInvalid, validate
from crampcare.journal import Journal, StoreBusy

HELPED_LABELS = {"yes": "Yes", "partly": "Partly", "no": "No"}
SAVED = "journal.saved"
CONFIRM_DELETE = "journal.confirm_delete"


def seed(
    prefix: str, episode: Episode | None, region: str | None = None, side: str | None = None
) -> None:
    """Put an episode's values (or a new one's defaults) into the form's keys, once."""
    state = st.session_state
    if state.get(prefix + "seeded"):
        return
    now = datetime.now().replace(second=0, microsecond=0)
    e = episode or Episode(started_at=now, region=region or "calf", side=side)
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
    """Forget the form's values, so the next seed starts afresh."""
    state = st.session_state
    for key in [k for k in state if isinstance(k, str) and k.startswith(prefix)]:
        del state[key]


def raw_values(prefix: str) -> dict:
    """The form's values as validate() takes them."""
    state = st.session_state
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


def error_beside(prefix: str, field: str) -> None:
    message = st.session_state[prefix + "errors"].get(field)
    if message:
        st.markdown(f":red[{message}]")  # our own message text, never user input


def fields(prefix: str, trigger_options: list[str]) -> None:
    """The form's widgets, to call inside st.form; each shows its own error beneath it."""
    guide, labels = ui.guide(), ui.labels()
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
        trigger_options,
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


def save(book: Journal, prefix: str, episode_id: int | None = None) -> None:
    """Submit callback: validate and save (a new episode, or an edit of `episode_id`) in one
    call, before the page draws again; on a problem, keep the input and note the errors."""
    state = st.session_state
    raw = raw_values(prefix) | ({"id": episode_id} if episode_id is not None else {})
    try:
        episode = validate(raw, ui.vocabulary(), datetime.now())
    except EpisodeInvalid as invalid:
        state[prefix + "errors"] = invalid.errors
        return
    try:
        if episode_id is None:
            book.add(episode)  # the same submission id twice saves one row
        else:
            book.update(episode)
    except StoreBusy as busy:
        state[prefix + "errors"] = {"notes": str(busy)}
        return
    state[SAVED] = episode
    unseed(prefix)


def keep_episode() -> None:
    st.session_state.pop(CONFIRM_DELETE, None)


@st.dialog("Delete this cramp?", on_dismiss=keep_episode)
def confirm_delete(book: Journal, episode: Episode, prefix: str) -> None:
    """Ask before deleting; a deleted episode can be brought back for the rest of the session."""
    st.write(
        f"{ui.labels().region(episode.region)}, {episode.started_at:%a %d %b %Y %H:%M}. "
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
            st.session_state[ui.UNDO] = [*st.session_state[ui.UNDO], deleted]
        unseed(prefix)
        st.rerun()


def undo_last() -> None:
    """Button callback: put the last deleted episode back, with its id."""
    state = st.session_state
    episode, state[ui.UNDO] = state[ui.UNDO][-1], state[ui.UNDO][:-1]
    ui.user_journal().restore(episode)
    state[SAVED] = episode
