"""Streamlit glue shared by the pages: the cached guide, session keys and widgets used on several pages.

Decisions live in crampcare/; this module only shows them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from crampcare import bodymap, charts, demo, insights, journal
from crampcare.content import Guide, Labels, RedFlag, Region, load_guide
from crampcare.episodes import SIDES, Episode, Vocabulary, journal_table
from crampcare.insights import Insights

HOME_PAGE = "pages/home.py"
RELIEF_PAGE = "pages/relief.py"
CAUSES_PAGE = "pages/causes.py"
JOURNAL_PAGE = "pages/journal.py"
INSIGHTS_PAGE = "pages/insights.py"
DATA_PAGE = "pages/data.py"
ABOUT_PAGE = "pages/about.py"

# Session keys shared across pages; page-only keys carry the page's name as a prefix.
REGION = "cramp.region"
SIDE = "cramp.side"
AUTOSTART = "relief.autostart"
DEMO = "journal.demo"
UNDO = "journal.undo"

FRAME = "frame.ready"

SESSION_DEFAULTS = {REGION: None, SIDE: None, AUTOSTART: False, DEMO: False, UNDO: []}


def init_session() -> None:
    """Run once per script run from app.py, before any page."""
    for key, value in SESSION_DEFAULTS.items():
        st.session_state.setdefault(key, value)
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
def guide() -> Guide:
    """The validated guide; loaded once per server process and never mutated (frozen dataclasses)."""
    return load_guide()


@st.cache_resource
def vocabulary() -> Vocabulary:
    return Vocabulary.from_guide(guide())


@st.cache_resource
def labels() -> Labels:
    return guide().labels


@st.cache_resource(max_entries=64)
def body_map(chosen: str | None, side: str | None) -> go.Figure:
    """The body map for a choice; built once per choice and never mutated (plotly_chart copies)."""
    return bodymap.body_map(chosen, side)


@st.cache_resource(max_entries=8)
def _journal_at(path: str) -> journal.Journal:
    # A Journal holds a path and a flag, never a connection, so sessions can share it.
    return journal.Journal(Path(path))


def user_journal() -> journal.Journal:
    """The person's own journal: $CRAMPCARE_DB or the per-user data folder."""
    return _journal_at(str(journal.default_path()))


@st.cache_resource
def _demo_folder() -> Path:
    # One folder per server process; the demo file in it is built once and only read.
    return Path(tempfile.mkdtemp(prefix="cramp-care-demo-"))


# Cached reads, keyed by the journal's revision (it changes with every write), so a rerun
# that changed nothing costs one small query. Results are shared and never mutated.


@st.cache_resource(max_entries=32, ttl=600)
def _overview(path: str, readonly: bool, revision: int) -> tuple[list[str], tuple | None]:
    book = journal.Journal(Path(path), readonly=readonly)
    return book.triggers_used(), book.date_span()


def journal_overview(book: journal.Journal, revision: int) -> tuple[list[str], tuple | None]:
    """(triggers used, most used first; (first day, last day) or None when empty)."""
    return _overview(str(book.path), book.readonly, revision)


def _plain(where: journal.Filter) -> tuple:
    # Cache keys made of strings hash far faster than a dataclass holding dates.
    return (
        where.start.isoformat() if where.start else None,
        where.end.isoformat() if where.end else None,
        where.regions,
        where.triggers,
    )


def _filter(plain: tuple) -> journal.Filter:
    start, end, regions, triggers = plain
    return journal.Filter(
        start=date.fromisoformat(start) if start else None,
        end=date.fromisoformat(end) if end else None,
        regions=regions,
        triggers=triggers,
    )


@st.cache_resource(max_entries=32, ttl=600)
def _listing(
    path: str, readonly: bool, revision: int, where: tuple, limit: int
) -> tuple[int, list[Episode], pa.Table]:
    book = journal.Journal(Path(path), readonly=readonly)
    shown = book.episodes(_filter(where), limit=limit)
    table = pa.Table.from_pandas(journal_table(shown, labels()), preserve_index=False)
    return book.count(_filter(where)), shown, table


def journal_listing(
    book: journal.Journal, revision: int, where: journal.Filter, limit: int
) -> tuple[int, list[Episode], pa.Table]:
    """(how many match, the newest `limit` of them, their table for display, as Arrow)."""
    return _listing(str(book.path), book.readonly, revision, _plain(where), limit)


Drawn = dict[str, tuple[pa.Table, go.Figure | None]]


@st.cache_resource(max_entries=16, ttl=600, show_spinner="Adding up your journal…")
def _insights(path: str, readonly: bool, revision: int, where: tuple) -> tuple[Insights, Drawn]:
    book = journal.Journal(Path(path), readonly=readonly)
    data = insights.compute(book, _filter(where), labels())
    drawn = {}
    for chart in charts.CHARTS:
        table = chart.table(data)
        figure = None if table.empty else chart.draw(table)
        drawn[chart.key] = (pa.Table.from_pandas(table, preserve_index=False), figure)
    drawn["associations"] = (pa.Table.from_pandas(data.associations, preserve_index=False), None)
    return data, drawn


def insights_view(
    book: journal.Journal, revision: int, where: journal.Filter
) -> tuple[Insights, Drawn]:
    """Aggregates and, per chart, its numbers as an Arrow table and its figure (None when
    there is nothing to draw); "associations" holds the trigger table."""
    return _insights(str(book.path), book.readonly, revision, _plain(where))


def current_journal() -> journal.Journal:
    """The demo journal while demo mode is on, otherwise the person's own."""
    if st.session_state[DEMO]:
        return demo.demo_journal(_demo_folder())
    return user_journal()


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


def _flag_list(flags: list[RedFlag]) -> str:
    # Content text is ours (validated TOML), never user input, so markdown is safe here.
    return "\n".join(f"- {f.text}" for f in flags)


def help_box(region_key: str) -> None:
    """'When to get help', in two tiers. Never collapsed: red flags are not hidden."""
    g = guide()
    with st.container(border=True, key="help-box"):
        st.subheader("When to get help")
        st.error(
            "**Get help now**\n\n"
            + _flag_list(g.flags_for(region_key, "now"))
            + "\n\nIn an emergency call 999 in the UK, 112 in Europe, 911 in North America."
        )
        st.warning("**See a doctor soon**\n\n" + _flag_list(g.flags_for(region_key, "soon")))


def date_range_picker(key: str, span: tuple[date, date], days: int) -> tuple[date, date]:
    """A 'Dates' range picker over the journal's span, starting `days` before its last entry.

    While only one end has been picked, the range is that single day.
    """
    first, last = span
    chosen = st.date_input(
        "Dates", value=(max(first, last - timedelta(days=days)), last), key=key, format="YYYY-MM-DD"
    )
    if len(chosen) == 2:
        return chosen[0], chosen[1]
    if len(chosen) == 1:
        return chosen[0], chosen[0]
    return first, last


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
