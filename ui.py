"""Streamlit glue shared by the pages: the cached guide, session keys and widgets used on several pages.

Decisions live in crampcare/; this module only shows them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from crampcare import access, bodymap, charts, csvio, demo, insights, store
from crampcare.content import Guide, Labels, RedFlag, Region, Tier, load_guide
from crampcare.episodes import SIDES, Episode, Vocabulary, journal_table
from crampcare.insights import Insights
from crampcare.store import postgres, sqlite

HOME_PAGE = "pages/home.py"
RELIEF_PAGE = "pages/relief.py"
CAUSES_PAGE = "pages/causes.py"
JOURNAL_PAGE = "pages/journal.py"
INSIGHTS_PAGE = "pages/insights.py"
DATA_PAGE = "pages/data.py"
ABOUT_PAGE = "pages/about.py"
ACCOUNT_PAGE = "pages/account.py"

# Session keys shared across pages; page-only keys carry the page's name as a prefix.
REGION = "cramp.region"
SIDE = "cramp.side"
AUTOSTART = "relief.autostart"
DEMO = "journal.demo"
UNDO = "journal.undo"
PLACE = "guide.place"

FRAME = "frame.ready"

SESSION_DEFAULTS = {REGION: None, SIDE: None, AUTOSTART: False, DEMO: False, UNDO: []}


def init_session() -> None:
    """Run once per script run from app.py, before any page."""
    for key, value in SESSION_DEFAULTS.items():
        st.session_state.setdefault(key, value)
    if PLACE not in st.session_state:
        # Where the person is, guessed once from the browser's language; they can change it.
        st.session_state[PLACE] = _template().place_for_locale(st.context.locale)
    st.session_state[FRAME] = True


def require_frame(page_file: str) -> None:
    """Every page calls this first with its own __file__, so no page runs outside app.py.

    Until some script has called st.navigation, a fresh Streamlit server treats pages/ as a
    legacy auto-discovered folder and runs a deep-linked page on its own. Calling
    st.navigation switches that mode off for the whole server; switching to the same page
    (page identity is its URL path) then runs it again through app.py, query string kept.
    """
    if not st.session_state.get(FRAME):
        home = st.Page(HOME_PAGE, default=True)
        # The page is registered under its own URL (not as the default page, which lives at
        # "/"), so the browser's address stays valid and no "page not found" is shown.
        page = home if Path(page_file).name == Path(HOME_PAGE).name else st.Page(page_file)
        st.navigation(list(dict.fromkeys([home, page])), position="hidden")
        st.switch_page(page, query_params=st.query_params.to_dict())


@st.cache_resource
def _template() -> Guide:
    """The validated guide with its placeholders; loaded once per server process."""
    return load_guide()


@st.cache_resource(max_entries=16)
def _guide_for(place: str) -> Guide:
    return _template().for_place(place)


def guide() -> Guide:
    """The guide in the words of the person's place (its emergency number, its services).
    Built once per place and never mutated (frozen dataclasses)."""
    return _guide_for(st.session_state.get(PLACE) or _template().default_place)


@st.cache_resource
def _vocabulary() -> Vocabulary:
    return Vocabulary.from_guide(_template())


def vocabulary(used: list[str] = ()) -> Vocabulary:
    """What an episode may say; `used` adds the journal's own triggers, so a trigger typed in
    another case ("wine", "Wine") is stored under the spelling already there."""
    return _vocabulary().knowing(used) if used else _vocabulary()


@st.cache_resource
def labels() -> Labels:
    return _template().labels


@st.cache_resource(max_entries=64)
def body_map(chosen: str | None, side: str | None) -> go.Figure:
    """The body map for a choice; built once per choice and never mutated (plotly_chart copies)."""
    return bodymap.body_map(chosen, side)


# -- whose journal, and where ---------------------------------------------------------


def login_configured() -> bool:
    """Hosted mode: an [auth] section in the secrets (secrets.toml or STREAMLIT_SECRETS_FILES)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False


def _only_me() -> bool:
    return os.environ.get("CRAMPCARE_ONLY_ME", "").lower() in ("1", "true", "yes")


def journal_access() -> access.Access:
    """Whose journal this visit may open (personal, logged in), or why none."""
    user = st.user
    ip = st.context.ip_address
    headers = {k: v for k, v in (st.context.headers or {}).items() if isinstance(v, str)}
    return access.decide(
        access.Visit(
            login_configured=login_configured(),
            logged_in=bool(user.get("is_logged_in")),
            issuer=user.get("iss"),
            subject=user.get("sub"),
            listen_address=st.get_option("server.address"),
            # Only a real address counts (a session without a browser connection has none).
            client_ip=ip if isinstance(ip, str) else None,
            headers=headers,
            only_me=_only_me(),
        )
    )


DATABASE_URL = "CRAMPCARE_DATABASE_URL"
"""postgresql://... for the hosted journal; sqlite:///path, or unset for the embedded one."""


@st.cache_resource
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
    verdict = journal_access()
    return open_journal(verdict.owner) if verdict.verdict == access.Verdict.OPEN else None


@st.cache_resource
def _demo_folder() -> Path:
    # One folder per server process; the demo file in it is built once and only read.
    return Path(tempfile.mkdtemp(prefix="cramp-care-demo-"))


# Cached reads, keyed by the journal (its backend, database and owner: never shared between
# owners) and its revision (it changes with every write), so a rerun that changed nothing
# costs one small query. The journal object itself is not hashed (the leading underscore).
# Results are shared and never mutated.


@st.cache_resource(max_entries=32, ttl=600)
def _overview(key: str, revision: int, _book: store.Journal) -> tuple[list[str], tuple | None]:
    return _book.triggers_used(), _book.date_span()


def journal_overview(book: store.Journal, revision: int) -> tuple[list[str], tuple | None]:
    """(triggers used, most used first; (first day, last day) or None when empty)."""
    return _overview(book.key, revision, book)


def _plain(where: store.Filter) -> tuple:
    # Cache keys made of strings hash far faster than a dataclass holding dates.
    return (
        where.start.isoformat() if where.start else None,
        where.end.isoformat() if where.end else None,
        where.regions,
        where.triggers,
    )


def _filter(plain: tuple) -> store.Filter:
    start, end, regions, triggers = plain
    return store.Filter(
        start=date.fromisoformat(start) if start else None,
        end=date.fromisoformat(end) if end else None,
        regions=regions,
        triggers=triggers,
    )


@st.cache_resource(max_entries=32, ttl=600)
def _listing(
    key: str, revision: int, where: tuple, limit: int, _book: store.Journal
) -> tuple[int, list[Episode], pa.Table]:
    shown = _book.episodes(_filter(where), limit=limit)
    table = pa.Table.from_pandas(journal_table(shown, labels()), preserve_index=False)
    return _book.count(_filter(where)), shown, table


def journal_listing(
    book: store.Journal, revision: int, where: store.Filter, limit: int
) -> tuple[int, list[Episode], pa.Table]:
    """(how many match, the newest `limit` of them, their table for display, as Arrow)."""
    return _listing(book.key, revision, _plain(where), limit, book)


Drawn = dict[str, tuple[pa.Table, go.Figure | None]]


@st.cache_resource(max_entries=16, ttl=600, show_spinner="Adding up your journal…")
def _insights(
    key: str, revision: int, where: tuple, _book: store.Journal
) -> tuple[Insights, Drawn]:
    data = insights.compute(_book, _filter(where), labels())
    drawn = {}
    for chart in charts.CHARTS:
        table = chart.table(data)
        figure = None if table.empty else chart.draw(table)
        drawn[chart.key] = (
            pa.Table.from_pandas(chart.readable(table), preserve_index=False),
            figure,
        )
    associations = data.associations.rename(columns=charts.ASSOCIATION_COLUMNS)
    drawn["associations"] = (pa.Table.from_pandas(associations, preserve_index=False), None)
    return data, drawn


def insights_view(
    book: store.Journal, revision: int, where: store.Filter
) -> tuple[Insights, Drawn]:
    """Aggregates and, per chart, its numbers as an Arrow table and its figure (None when
    there is nothing to draw); "associations" holds the trigger table."""
    return _insights(book.key, revision, _plain(where), book)


def current_journal() -> store.Journal:
    """The demo journal while demo mode is on, otherwise the person's own. Stops the page
    with a login button, or an explanation, while this visit may open no journal."""
    if st.session_state[DEMO]:
        return demo.demo_journal(_demo_folder())
    book = user_journal()
    if book is None:
        journal_gate()
        st.stop()
    return book


def log_out() -> None:
    """Button callback: forget everything of this person in the session (undo list, drafts,
    filters, the demo switch), then end the login."""
    st.session_state.clear()
    st.logout()


def journal_gate() -> None:
    """Why there is no journal here, and what to do: log in, or set the server up safely."""
    verdict = journal_access()
    if verdict.verdict == access.Verdict.LOG_IN:
        st.info(
            "Your journal is private to you: log in to see it and add to it. The guide, the "
            "stretches and demo data work without an account."
        )
        st.button("Log in", type="primary", key="auth.login", on_click=st.login)
        return
    where = {
        "listening": "this server listens for other computers",
        "address": "this page was opened from another computer",
        "proxy": "this page came through a proxy server",
    }[verdict.reason]
    st.warning(
        f"The journal is switched off here: {where}, and no login is set up, so anyone who "
        "can open the app could read and change it. To keep a journal on a shared server, "
        "set up login (README, 'Run it for many people'). If you alone can reach this "
        "server, start it with CRAMPCARE_ONLY_ME=1. The guide and demo data keep working."
    )


DEMO_TOGGLE = "journal.demo_toggle"


def _toggle_demo() -> None:
    st.session_state[DEMO] = st.session_state[DEMO_TOGGLE]
    if st.session_state[DEMO]:
        st.query_params["demo"] = "1"
    else:
        st.query_params.pop("demo", None)


def demo_switch() -> bool:
    """The demo-mode toggle, in step with ?demo=1; shows the banner while it is on.

    The mode lives in its own session key, because a widget's key is dropped on page switch.
    """
    if st.query_params.get("demo") == "1":
        st.session_state[DEMO] = True
    st.session_state[DEMO_TOGGLE] = st.session_state[DEMO]
    st.toggle(
        "Demo data",
        key=DEMO_TOGGLE,
        on_change=_toggle_demo,
        help="A made-up journal for showing the app to someone. Your own journal is not read "
        "or changed while this is on.",
    )
    if st.session_state[DEMO]:
        st.info(
            "**Demo mode:** these are made-up cramps, not anyone's journal. "
            "Switch off *Demo data* to get back to your own, untouched."
        )
    return st.session_state[DEMO]


def trigger_options(used: list[str], chosen: list[str] = ()) -> list[str]:
    """What a trigger picker offers: the guide's causes, then the person's own, then any
    already chosen (so a chosen one never disappears from its own picker)."""
    return list(dict.fromkeys([*guide().causes, *used, *chosen]))


def level_badge(level_key: str) -> str:
    """Markdown for an evidence level's inline badge (content text only, never user text)."""
    level = guide().levels[level_key]
    return f":{level.tone}-badge[{level.label}]"


def evidence_note(level_key: str, sources: tuple[str, ...]) -> str:
    """Markdown for an inline evidence badge and the source ids (content text only, never user text)."""
    return f"{level_badge(level_key)} Sources: {', '.join(sources)}"


def aside(text: str) -> str:
    """Markdown for small grey text, as a caption looks, inside a larger block of markdown.

    For content text only: user text never goes into markdown."""
    return f":small[:gray[{text}]]"


def region_picker(
    key: str, label: str = "Or choose it from the list", on_change: Callable[[], None] | None = None
) -> str | None:
    """Pills for every region: the keyboard and screen-reader twin of the body map."""
    regions = guide().regions
    return st.pills(
        label,
        options=list(regions),
        format_func=lambda k: regions[k].name,
        key=key,
        on_change=on_change,
        wrap=True,
    )


def side_picker(key: str, on_change: Callable[[], None] | None = None) -> str | None:
    return st.segmented_control(
        "Which side?",
        options=list(SIDES),
        format_func=str.capitalize,
        key=key,
        on_change=on_change,
    )


def go_to_relief(region: Region, side: str | None, *, start_timer: bool) -> None:
    st.session_state[REGION] = region.key
    st.session_state[SIDE] = side if region.sided else None
    st.session_state[AUTOSTART] = start_timer
    st.switch_page(RELIEF_PAGE, query_params={"region": region.key})


TIER_STYLE = {"emergency": st.error, "today": st.warning, "soon": st.info}
"""How each tier of warning signs is drawn: red, amber, blue, on every page."""


def tier_markdown(tier: Tier, flags: list[RedFlag], note: str = "") -> str:
    """One tier's signs under its heading, then what to do. Content text only (validated
    TOML and places.toml), never user input, so markdown is safe here."""
    lines = [f"**{tier.heading}:**", "", *(f"- {f.text}" for f in flags)]
    for paragraph in (tier.action, note):
        if paragraph:
            lines += ["", paragraph]
    return "\n".join(lines)


def show_tier(tier: Tier, flags: list[RedFlag], note: str = "") -> None:
    if flags:
        TIER_STYLE[tier.key](tier_markdown(tier, flags, note))


def _choose_place(key: str) -> None:
    st.session_state[PLACE] = st.session_state[key]


def place_picker(key: str) -> None:
    """Where the person is, for emergency numbers and service names; shared by every page."""
    places = _template().places
    st.session_state[key] = st.session_state[PLACE]
    st.selectbox(
        "Emergency numbers for",
        list(places),
        format_func=lambda k: places[k].name,
        key=key,
        on_change=_choose_place,
        args=(key,),
        help="Your browser's language setting chose this; change it if you are elsewhere.",
    )


def help_box(region_key: str) -> None:
    """'When to get help', tier by tier. Never collapsed: red flags are not hidden."""
    g = guide()
    place = g.places[g.place]
    with st.container(border=True, key="help-box"):
        st.subheader("When to get help")
        place_picker("help.place")
        for tier in g.tiers.values():
            note = place.emergency_note if tier.key == "emergency" else ""
            show_tier(tier, g.flags_for(region_key, tier.key), note)


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


def _touched(key: str) -> None:
    st.session_state[key + ".touched"] = True


def export_buttons(book: store.Journal, count: int, key: str) -> None:
    """CSV and JSON downloads of the whole journal, built only when pressed; or why not."""
    if count == 0:
        st.info("Nothing to export yet: the journal is empty.")
        return
    today = date.today().isoformat()
    st.download_button(
        f"Export {'the 1 cramp' if count == 1 else f'all {count} cramps'} (CSV)",
        data=lambda: csvio.export_csv(book.episodes()),
        file_name=f"cramp-journal-{today}.csv",
        mime="text/csv",
        key=f"{key}.export",
        on_click="ignore",
    )
    st.download_button(
        "Download all my data (JSON)",
        data=lambda: csvio.export_json(book.episodes(), book.all_days(), datetime.now()),
        file_name=f"cramp-care-all-data-{today}.json",
        mime="application/json",
        key=f"{key}.export_all",
        on_click="ignore",
    )


def _delete_everything(book: store.Journal, key: str) -> None:
    """Button callback: empty the journal, then clear the typed word and the undo list."""
    state = st.session_state
    try:
        book.delete_all()
    except store.StoreError:
        note_store_problem(f"{key}.confirm")
        return
    state[f"{key}.confirm"] = ""
    state[UNDO] = []
    state[f"{key}.emptied"] = True


def delete_everything(book: store.Journal, count: int, key: str) -> None:
    """'Delete all my data', behind a typed DELETE; drawn red; nothing left live after it."""
    if st.session_state.pop(f"{key}.emptied", False):
        st.success("Your journal is empty. Every cramp and day note has been deleted.")
    if count == 0:
        st.caption("There is nothing to delete: the journal is empty.")
        return
    st.caption(
        f"This removes all {plural(count, 'cramp')} and every day note from your journal. "
        "It can't be undone: export first if you may want them back."
    )
    typed = st.text_input("Type DELETE to confirm", key=f"{key}.confirm")
    st.button(
        ":red[Delete everything]",
        disabled=typed.strip() != "DELETE",
        key=f"{key}.delete_all",
        on_click=_delete_everything,
        args=(book, key),
    )
    store_problem(f"{key}.confirm")


def date_range_picker(key: str, span: tuple[date, date], days: int) -> tuple[date, date]:
    """A 'Dates' range picker over the journal's span, starting `days` before its last entry.

    Until the person changes it, the range follows the journal, so a cramp logged after the
    last day shows up at once. While only one end has been picked, the range is that day.
    """
    first, last = span
    if not st.session_state.get(key + ".touched"):
        st.session_state[key] = (max(first, last - timedelta(days=days)), last)
    chosen = st.date_input("Dates", key=key, format="YYYY-MM-DD", on_change=_touched, args=(key,))
    if len(chosen) == 2:
        return chosen[0], chosen[1]
    if len(chosen) == 1:
        return chosen[0], chosen[0]
    return first, last


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
