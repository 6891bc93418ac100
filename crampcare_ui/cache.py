"""Cached reads: the guide in the words of the person's place, and journal reads keyed by
the journal (backend, database, owner: never shared between owners) and its revision.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from crampcare import charts, insights, store
from crampcare.content import Guide, Labels, Place, load_guide
from crampcare.episodes import Episode, Vocabulary, journal_table
from crampcare.insights import Insights
from crampcare_ui import session


@st.cache_resource
def _template() -> Guide:
    """The validated guide with its placeholders; loaded once per server process."""
    return load_guide()


@st.cache_resource(max_entries=16)
def _guide_for(place: str) -> Guide:
    return _template().for_place(place)


def places() -> dict[str, Place]:
    """Every place the guide knows, for the place picker."""
    return _template().places


def place_for_locale(locale: str | None) -> str:
    """The place a browser's language tag suggests (see Guide.place_for_locale)."""
    return _template().place_for_locale(locale)


def guide() -> Guide:
    """The guide in the words of the person's place (its emergency number, its services).
    Built once per place and never mutated (frozen dataclasses)."""
    return _guide_for(st.session_state.get(session.PLACE) or _template().default_place)


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
