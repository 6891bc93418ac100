"""The journal's forms: an episode (log one, edit one, add details after a quick log) and
the note of a day.

Each form is a fragment: changing a field reruns only the form, and a message beside a field
goes away as soon as the field is fixed. Values live in session-state keys under a prefix
that names the draft ("journal.new.<draft id>.", "journal.edit.<episode id>."), so a draft
survives a page switch and a failed save keeps everything that was typed.

A new cramp's draft id is the submission id it is saved under, so a second click on the
same draft saves nothing more. After a save the form makes way for "Log another cramp",
so the second click of a double click never lands on a fresh form's Save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import streamlit as st

from crampcare.episodes import (
    HELPED,
    SIDES,
    Episode,
    EpisodeInvalid,
    check_triggers,
    duration_from,
    new_submission_id,
    validate,
)
from crampcare.store import Journal, StoreError
from crampcare_ui import cache, journals, session
from crampcare_ui.widgets import guide as guide_widgets

RESTORED = "journal.restored"
"""A deleted episode just brought back, for the page's banner."""
CONFIRM_DELETE = "journal.confirm_delete"

ALL_FIELDS = (
    "when",
    "region",
    "side",
    "severity",
    "duration",
    "triggers",
    "relief",
    "helped",
    "notes",
)
DETAIL_FIELDS = ("severity", "triggers", "notes")
"""What the quick log after the timer asks for: it already knows the rest."""

# Which field each validation message sits beside.
_BESIDE = {"started_at": "when", "duration_seconds": "minutes"}


def _state() -> Any:
    return st.session_state


def seed(prefix: str, episode: Episode) -> None:
    """Put an episode's values into the form's keys, once per draft."""
    state = _state()
    if state.get(prefix + "seeded"):
        return
    minutes, seconds = (
        divmod(episode.duration_seconds, 60)
        if episode.duration_seconds is not None
        else (None, None)
    )
    state.update(
        {
            prefix + "day": episode.started_at.date(),
            prefix + "time": episode.started_at.time(),
            prefix + "region": episode.region,
            prefix + "side": episode.side,
            prefix + "severity": episode.severity,
            prefix + "minutes": minutes,
            prefix + "seconds": seconds,
            prefix + "triggers": list(episode.triggers),
            prefix + "relief": list(episode.relief),
            prefix + "helped": episode.helped,
            prefix + "notes": episode.notes,
            prefix + "errors": {},
            prefix + "seeded": True,
        }
    )


def unseed(prefix: str) -> None:
    """Forget a draft's values, so the next seed starts afresh."""
    state = _state()
    for key in [k for k in state if isinstance(k, str) and k.startswith(prefix)]:
        del state[key]


_VALUE_KEYS = ("day", "time", "region", "side", "severity", "minutes", "seconds", "triggers",
               "relief", "helped", "notes")  # fmt: skip


def _check(prefix: str, base: Episode, used: list[str]) -> tuple[Episode | None, dict[str, str]]:
    """The draft as an episode, or every problem with it keyed by the field it sits beside.
    (None, {}) when the draft is gone: a late click on a form that was already saved."""
    state = _state()
    if any(prefix + key not in state for key in _VALUE_KEYS):
        return None, {}
    errors: dict[str, str] = {}
    try:
        duration = duration_from(state[prefix + "minutes"], state[prefix + "seconds"])
    except EpisodeInvalid as invalid:
        errors.update(invalid.errors)
        duration = None
    day, at = state[prefix + "day"], state[prefix + "time"]
    raw = {
        **asdict(base),
        "started_at": datetime.combine(day, at) if day and at else None,
        "region": state[prefix + "region"],
        "side": state[prefix + "side"],
        "severity": state[prefix + "severity"],
        "duration_seconds": duration,
        "triggers": state[prefix + "triggers"],
        "relief": state[prefix + "relief"],
        "helped": state[prefix + "helped"],
        "notes": state[prefix + "notes"],
    }
    try:
        episode = validate(raw, cache.vocabulary(used), datetime.now())
    except EpisodeInvalid as invalid:
        for field, message in invalid.errors.items():
            errors.setdefault(_BESIDE.get(field, field), message)
        episode = None
    return (None if errors else episode), errors


def _recheck(prefix: str, base: Episode, used: list[str]) -> None:
    """On any change: messages already shown are checked again, so each goes as soon as its
    field is right. New ones wait for Save, so nobody is scolded while still typing."""
    state = _state()
    shown = state.get(prefix + "errors") or {}
    if shown:
        _episode, errors = _check(prefix, base, used)
        state[prefix + "errors"] = {k: v for k, v in errors.items() if k in shown}


def _error_beside(prefix: str, *fields: str) -> None:
    errors = _state().get(prefix + "errors") or {}
    for field in fields:
        if errors.get(field):
            st.markdown(f":red[{errors[field]}]")  # our own message text, never user input


def _fields(prefix: str, shown: tuple[str, ...], trigger_options: list[str], on_change: Callable,
            args: tuple) -> None:  # fmt: skip
    """The form's widgets; each shows its own message beneath it."""
    guide, labels = cache.guide(), cache.labels()
    kw: dict[str, Any] = {"persist_state": "session", "on_change": on_change, "args": args}
    if "when" in shown:
        day_col, time_col, where_col, side_col = st.columns(4)
        day_col.date_input("Date", key=prefix + "day", format="YYYY-MM-DD", **kw)
        time_col.time_input("Time", key=prefix + "time", step=60, **kw)
        with day_col:
            _error_beside(prefix, "when")
        where_col.selectbox(
            "Where", list(guide.regions), format_func=labels.region, key=prefix + "region", **kw
        )
        with where_col:
            _error_beside(prefix, "region")
        side_col.selectbox(
            "Side",
            [None, *SIDES],
            format_func=lambda s: "Not sure / no side" if s is None else s.capitalize(),
            placeholder="Not sure / no side",
            key=prefix + "side",
            **kw,
        )
        with side_col:
            _error_beside(prefix, "side")
    sev, mins, secs = st.columns(3)
    sev.number_input(
        "Severity (0-10)", step=1, key=prefix + "severity", placeholder="0 none, 10 worst", **kw
    )
    with sev:
        _error_beside(prefix, "severity")
    if "duration" in shown:
        mins.number_input("Lasted: minutes", step=1, key=prefix + "minutes", **kw)
        secs.number_input("and seconds", step=5, key=prefix + "seconds", **kw)
        with mins:
            _error_beside(prefix, "minutes")
        with secs:
            _error_beside(prefix, "seconds")
    st.multiselect(
        "Triggers",
        trigger_options,
        format_func=labels.trigger,
        key=prefix + "triggers",
        accept_new_options=True,
        placeholder="Choose, or type your own and press Enter",
        **kw,
    )
    _error_beside(prefix, "triggers")
    if "relief" in shown:
        relief_col, helped_col = st.columns([2, 1])
        relief_col.multiselect(
            "Relief tried", list(guide.relief_options), format_func=labels.relief_option,
            key=prefix + "relief", **kw,
        )  # fmt: skip
        with relief_col:
            _error_beside(prefix, "relief")
        helped_col.segmented_control(
            "Did it help?", list(HELPED), format_func=labels.helped_answer,
            key=prefix + "helped", **kw,
        )  # fmt: skip
    st.text_area(
        "Notes", key=prefix + "notes", help="Plain text, up to 1000 characters.", height=90, **kw
    )
    _error_beside(prefix, "notes")


def _save(book: Journal, prefix: str, base: Episode, used: list[str], done: str) -> None:
    """Save button callback: validate and write in one call, before anything is drawn.
    On a problem, keep the input and say what is wrong beside each field. On success, the
    episode goes under the `done` key and the draft is forgotten."""
    state = _state()
    episode, errors = _check(prefix, base, used)
    if episode is None:
        if errors:
            state[prefix + "errors"] = errors
        return  # a late click on a draft already saved: nothing more to do
    try:
        if base.id is None:
            book.add(episode)  # the draft's submission id twice still saves one row
        else:
            book.update(episode)
    except StoreError:
        journals.note_store_problem(prefix)
        return
    except KeyError:  # deleted meanwhile, in another window
        state[prefix + "errors"] = {"when": "This cramp is no longer in your journal."}
        return
    state[done] = episode
    state[done + ".redraw"] = True
    unseed(prefix)


def _after_save(done: str) -> Episode | None:
    """Inside a form's fragment: once its save landed, redraw the whole page (the list, the
    charts) once; then the episode saved, if it is still to be shown."""
    state = _state()
    if state.pop(done + ".redraw", False):
        st.rerun()
    return state.get(done)


# -- the three forms ------------------------------------------------------------------


NEW = "journal.new."
NEW_DRAFT = "journal.new_draft"
LOGGED = "journal.logged"


def _save_new(book: Journal, prefix: str, base: Episode, used: list[str]) -> None:
    _save(book, prefix, base, used, LOGGED)
    if _state().get(LOGGED) is not None and _state()[LOGGED].submission_id == base.submission_id:
        _state()[NEW_DRAFT] = new_submission_id()  # this id is spent: the next cramp gets its own


def _log_another() -> None:
    _state().pop(LOGGED, None)


@st.fragment
def log_form(book: Journal, used: list[str], region: str | None, side: str | None) -> None:
    """'Log a cramp': every field. After a save it says so and offers a fresh form."""
    state = _state()
    logged = _after_save(LOGGED)
    if logged is not None:
        st.success(
            f"Saved: {cache.labels().region(logged.region)}, {logged.started_at:%a %d %b %H:%M}. "
            "It is in the list below."
        )
        st.button("Log another cramp", key="journal.log_another", on_click=_log_another)
        return
    draft = state.setdefault(NEW_DRAFT, new_submission_id())
    prefix = f"{NEW}{draft}."
    base = Episode(
        started_at=datetime.now().replace(second=0, microsecond=0),
        region=region or "calf",
        side=side,
        submission_id=draft,
    )
    seed(prefix, base)
    options = guide_widgets.trigger_options(used, state[prefix + "triggers"])
    _fields(prefix, ALL_FIELDS, options, _recheck, (prefix, base, used))
    st.button(
        "Save to journal", type="primary", key=prefix + "save",
        on_click=_save_new, args=(book, prefix, base, used),
    )  # fmt: skip
    journals.store_problem(prefix)


EDIT = "journal.edit."
EDITED = "journal.edited"


@st.fragment
def edit_form(book: Journal, episode: Episode, used: list[str]) -> None:
    """Change any field of a saved episode, or ask to delete it."""
    state = _state()
    if _after_save(EDITED) is not None:
        edited = state.pop(EDITED)
        st.success(
            f"Saved: {cache.labels().region(edited.region)}, {edited.started_at:%a %d %b %H:%M}."
        )
    prefix = f"{EDIT}{episode.id}."
    seed(prefix, episode)
    options = guide_widgets.trigger_options(used, state[prefix + "triggers"])
    _fields(prefix, ALL_FIELDS, options, _recheck, (prefix, episode, used))
    with st.container(horizontal=True):
        st.button(
            "Save changes", type="primary", key=prefix + "save",
            on_click=_save, args=(book, prefix, episode, used, EDITED),
        )  # fmt: skip
        if st.button("Delete…", key=prefix + "delete"):
            state[CONFIRM_DELETE] = episode.id
            st.rerun()  # the page asks first, in a dialog
    journals.store_problem(prefix)


DETAILED = "relief.detailed"


@st.fragment
def details_form(book: Journal, episode: Episode, used: list[str]) -> Episode | None:
    """After a one-click log: severity, triggers and notes for the episode just saved."""
    detailed = _after_save(DETAILED)
    if detailed is not None and detailed.id == episode.id:
        st.success("Details saved.")
        return
    prefix = f"relief.details.{episode.submission_id}."
    seed(prefix, episode)
    options = guide_widgets.trigger_options(used, _state()[prefix + "triggers"])
    _fields(prefix, DETAIL_FIELDS, options, _recheck, (prefix, episode, used))
    st.button(
        "Save details", key=prefix + "save",
        on_click=_save, args=(book, prefix, episode, used, DETAILED),
    )  # fmt: skip
    journals.store_problem(prefix)


DAY = "journal.day."


def _day_key(day: date) -> str:
    # One widget per day, so picking another day shows what was noted for that day.
    return f"{DAY}triggers.{day.isoformat()}"


def _check_day(day: date, used: list[str]) -> tuple[tuple[str, ...] | None, str | None]:
    try:
        return check_triggers(_state()[_day_key(day)], cache.vocabulary(used)), None
    except EpisodeInvalid as invalid:
        return None, invalid.errors["triggers"]


def _recheck_day(day: date, used: list[str]) -> None:
    state = _state()
    state.pop(DAY + "saved", None)
    if state.get(DAY + "error"):
        state[DAY + "error"] = _check_day(day, used)[1]


def _save_day(book: Journal, day: date, used: list[str]) -> None:
    state = _state()
    triggers, error = _check_day(day, used)
    state[DAY + "error"] = error
    if triggers is None:
        return
    try:
        book.set_day_triggers({day: triggers})
    except StoreError:
        journals.note_store_problem(DAY)
        return
    state[DAY + "saved"] = day
    state[DAY + "redraw"] = True


@st.fragment
def day_form(book: Journal, used: list[str]) -> None:
    """'How was your day?': what happened on a day, cramp or not, with the same rules for
    triggers as an episode's."""
    state = _state()
    if state.pop(DAY + "redraw", False):
        st.rerun()  # the trigger pickers and Insights now know the day
    day = st.date_input("Day", value=date.today(), max_value=date.today(), key=DAY + "day")
    key = _day_key(day)
    if key not in state:
        state[key] = list(book.day_triggers(day) or [])
    st.multiselect(
        "What happened that day?",
        guide_widgets.trigger_options(used, state[key]),
        format_func=cache.labels().trigger,
        accept_new_options=True,
        placeholder="Choose, or type your own and press Enter",
        key=key,
        on_change=_recheck_day,
        args=(day, used),
    )
    if state.get(DAY + "error"):
        st.markdown(f":red[{state[DAY + 'error']}]")  # our own message text
    st.button("Save the day", key=DAY + "save", on_click=_save_day, args=(book, day, used))
    journals.store_problem(DAY)
    if state.get(DAY + "saved") == day:
        st.success(f"Noted {day:%a %d %b}.")


# -- deleting and undo ----------------------------------------------------------------


def keep_episode() -> None:
    _state().pop(CONFIRM_DELETE, None)


@st.dialog("Delete this cramp?", on_dismiss=keep_episode)
def confirm_delete(book: Journal, episode: Episode) -> None:
    """Ask before deleting; a deleted episode can be brought back for the rest of the session."""
    st.write(
        f"{cache.labels().region(episode.region)}, {episode.started_at:%a %d %b %Y %H:%M}. "
        "You can undo this until you close the app."
    )
    keep, delete = st.columns(2)
    if keep.button("Keep it", key="journal.keep", width="stretch"):
        keep_episode()
        st.rerun()
    if delete.button(":red[Delete]", key="journal.delete_yes", width="stretch"):
        try:
            deleted = book.delete(episode.id)
        except StoreError:
            st.error(journals.STORE_PROBLEM)
            return
        keep_episode()
        if deleted:
            _state()[session.UNDO] = [*_state()[session.UNDO], deleted]
            logged = _state().get(LOGGED)
            if logged is not None and logged.submission_id == deleted.submission_id:
                _state().pop(LOGGED)  # "It is in the list below" would no longer be true
        unseed(f"{EDIT}{episode.id}.")
        st.rerun()


def undo_last(book: Journal) -> None:
    """Undo button callback: put the last deleted episode back, with its id."""
    state = _state()
    episode = state[session.UNDO][-1]
    try:
        book.restore(episode)
    except StoreError:
        journals.note_store_problem("undo")
        return
    state[session.UNDO] = state[session.UNDO][:-1]
    state[RESTORED] = episode
