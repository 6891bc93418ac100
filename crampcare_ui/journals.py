"""Which journal a page works on (the person's own, in SQLite or PostgreSQL, or the
read-only demo one), and the one calm message for a journal that can't be reached.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from crampcare import access, demo, store
from crampcare.store import postgres, sqlite
from crampcare_ui import auth, session

DATABASE_URL = "CRAMPCARE_DATABASE_URL"
"""postgresql://... for the hosted journal; sqlite:///path, or unset for the embedded one."""


@st.cache_resource(on_release=lambda pool: pool.close())
def _postgres_pool(url: str) -> object:
    # One pool per server process, shared by every session; the schema is migrated once.
    pool = postgres.open_pool(url)
    postgres.migrate(pool)
    return pool


@st.cache_resource(max_entries=256)
def _sqlite_journal(path: str, owner: str) -> store.Journal:
    # It holds a path and an owner, never a connection per session, so sessions can share it.
    return store.SQLiteJournal(Path(path), owner)


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def _sqlite_path(url: str) -> Path:
    if url.startswith("sqlite://"):
        return Path(url.removeprefix("sqlite://"))
    return sqlite.default_path()


def journal_location() -> str:
    """Where journals are kept, as the data page says it (never with a password)."""
    url = os.environ.get(DATABASE_URL, "")
    if _is_postgres(url):
        return f"PostgreSQL database {postgres.describe(url)}"
    return str(_sqlite_path(url))


def open_journal(owner: str) -> store.Journal:
    """One owner's journal in the configured store: PostgreSQL, or a SQLite file."""
    url = os.environ.get(DATABASE_URL, "")
    if _is_postgres(url):
        with journal_reads():
            pool = _postgres_pool(url)
        return store.PostgresJournal(pool, owner, database=postgres.describe(url))
    return _sqlite_journal(str(_sqlite_path(url)), owner)


def user_journal() -> store.Journal | None:
    """The journal of whoever this visit belongs to, or None while it may open none."""
    verdict = auth.journal_access()
    return open_journal(verdict.owner) if verdict.verdict == access.Verdict.OPEN else None


@st.cache_resource
def _demo_folder() -> Path:
    # One folder per server process; the demo file in it is built once and only read.
    return Path(tempfile.mkdtemp(prefix="cramp-care-demo-"))


def current_journal() -> store.Journal:
    """The demo journal while demo mode is on, otherwise the person's own. Stops the page
    with a login button, or an explanation, while this visit may open no journal."""
    if st.session_state[session.DEMO]:
        return demo.demo_journal(_demo_folder())
    book = user_journal()
    if book is None:
        auth.journal_gate()
        st.stop()
    return book


DEMO_TOGGLE = "journal.demo_toggle"


def _toggle_demo() -> None:
    st.session_state[session.DEMO] = st.session_state[DEMO_TOGGLE]
    if st.session_state[session.DEMO]:
        st.query_params["demo"] = "1"
    else:
        st.query_params.pop("demo", None)


def demo_switch() -> bool:
    """The demo-mode toggle, in step with ?demo=1; shows the banner while it is on.

    The mode lives in its own session key, because a widget's key is dropped on page switch.
    """
    if st.query_params.get("demo") == "1":
        st.session_state[session.DEMO] = True
    st.session_state[DEMO_TOGGLE] = st.session_state[session.DEMO]
    st.toggle(
        "Demo data",
        key=DEMO_TOGGLE,
        on_change=_toggle_demo,
        help="A made-up journal for showing the app to someone. Your own journal is not read "
        "or changed while this is on.",
    )
    if st.session_state[session.DEMO]:
        st.info(
            "**Demo mode:** these are made-up cramps, not anyone's journal. "
            "Switch off *Demo data* to get back to your own, untouched."
        )
    return st.session_state[session.DEMO]


STORE_PROBLEM = (
    "Your journal couldn't be reached just now, so nothing was changed. "
    "What you entered is still here: please try again in a moment."
)


_PROBLEM = "store.problem."


def note_store_problem(where: str) -> None:
    """Called where a write failed (StoreError); the message then shows beside that control."""
    st.session_state[_PROBLEM + where] = True


def store_problem(where: str) -> None:
    """The calm 'try again' message, beside the control whose write just failed."""
    if st.session_state.pop(_PROBLEM + where, False):
        st.error(STORE_PROBLEM)


@contextmanager
def journal_reads() -> Iterator[None]:
    """Around a page's journal reads: if the journal can't be read, say so calmly, offer to
    try again and stop the page there (the guide pages keep working)."""
    try:
        yield
    except store.StoreError:
        st.error(
            "Your journal couldn't be read just now. Nothing has been lost or changed: "
            "please try again in a moment."
        )
        st.button("Try again", key="store.retry")
        st.stop()
