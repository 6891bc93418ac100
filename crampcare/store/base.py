"""The journal store's interface: what every backend does for one owner, the filter the views
use, and the errors callers see.

A store is opened for one owner (the person on their own computer is "local"; a person
logged in to a hosted server is their provider's issuer and subject). Every read and write
is that owner's only: no caller passes an owner, so no page can forget it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from crampcare.episodes import Episode

LOCAL_OWNER = "local"
"""The owner of a journal on the person's own computer, with no login."""
REFRESH_ALL_ABOVE = 200
"""Refreshing this many days one by one costs more than recomputing every summary."""
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def migration_scripts(backend: str) -> tuple[str, ...]:
    """A backend's migrations, in order: the n-th brings its schema to version n."""
    folder = MIGRATIONS / backend
    return tuple(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.sql")))


def episode_from_row(
    row: tuple,
    when: Callable[[Any], datetime] = lambda started: started,
    listed: Callable[[Any], tuple[str, ...]] = tuple,
) -> Episode:
    """An episode from a row of the backends' episode columns (id, submission id, start,
    region, side, severity, duration, helped, notes, triggers, relief); `when` and `listed`
    read a backend's own form of the start time and of the two lists."""
    (id_, sub, started, region, side, severity, duration, helped, notes, trig, rel) = row
    return Episode(
        id=id_,
        submission_id=sub,
        started_at=when(started),
        region=region,
        side=side,
        severity=severity,
        duration_seconds=duration,
        helped=helped,
        notes=notes,
        triggers=listed(trig),
        relief=listed(rel),
    )


@dataclass(frozen=True)
class Filter:
    """Which episodes a view shows: a date range (inclusive), regions and triggers (any of)."""

    start: date | None = None
    end: date | None = None
    regions: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()


EVERYTHING = Filter()
"""No filter: the whole journal."""


class StoreError(RuntimeError):
    """The journal can't be read or written just now; nothing was half-written."""


class StoreBusy(StoreError):
    """The journal stayed locked by another writer for longer than we wait."""


class StoreUnavailable(StoreError):
    """The journal can't be reached (missing file or folder, full disk, server down, damage)."""


class EpisodeNotFound(KeyError):
    """No episode with that id in this owner's journal (deleted, or someone else's)."""


class Journal(Protocol):
    """One owner's journal. Every backend passes the same contract tests (tests/store)."""

    owner: str
    readonly: bool

    @property
    def key(self) -> str:
        """Names this journal (backend, database and owner) for caches; holds no secret."""
        ...

    # -- writes: each one transaction, whole or not at all ---------------------------------

    def add(self, episode: Episode) -> int:
        """Save a new episode and return its id; the same submission id twice saves one row."""
        ...

    def add_many(self, episodes: Iterable[Episode]) -> tuple[int, int]:
        """Save many in one transaction; returns (added, already there)."""
        ...

    def update(self, episode: Episode) -> None:
        """Replace every field of a saved episode; EpisodeNotFound if it is not this owner's."""
        ...

    def delete(self, episode_id: int) -> Episode | None:
        """Remove an episode and return it (for undo); None if it is not this owner's."""
        ...

    def restore(self, episode: Episode) -> int:
        """Put a deleted episode back, with its submission id (and its id, if still free)."""
        ...

    def set_day_triggers(self, days: Mapping[date, Iterable[str]]) -> None:
        """Record what happened on each day, cramp or not, replacing those days' lists."""
        ...

    def delete_all(self) -> None:
        """Every episode and day note of this owner; nobody else's."""
        ...

    # -- reads ------------------------------------------------------------------------------

    def revision(self) -> int:
        """Changes with every write of this owner: the key for cached reads."""
        ...

    def get(self, episode_id: int) -> Episode | None: ...

    def episodes(self, where: Filter = EVERYTHING, limit: int | None = None) -> list[Episode]:
        """Episodes matching the filter, newest first."""
        ...

    def count(self, where: Filter = EVERYTHING) -> int: ...

    def triggers_used(self) -> list[str]:
        """Every trigger recorded, most used first."""
        ...

    def day_triggers(self, day: date) -> list[str] | None:
        """What was noted for a day, or None when the day was never noted."""
        ...

    def all_days(self) -> dict[str, list[str]]: ...

    def date_span(self) -> tuple[date, date] | None:
        """First and last day with anything noted, or None while no cramp is logged."""
        ...

    # -- chart reads, from per-day summaries: never one row per episode ----------------------

    def weekly(self, where: Filter) -> pd.DataFrame:
        """Columns week (Monday, ISO date), episodes, mean_severity, rated."""
        ...

    def trigger_counts(self, where: Filter) -> pd.DataFrame:
        """Columns trigger, episodes; most first."""
        ...

    def region_counts(self, where: Filter) -> pd.DataFrame:
        """Columns region, episodes; most first."""
        ...

    def hour_weekday(self, where: Filter) -> pd.DataFrame:
        """Columns weekday (0 = Monday), hour, episodes."""
        ...

    def relief_outcomes(self, where: Filter) -> pd.DataFrame:
        """Columns region, relief, helped, episodes (only where 'helped' was answered)."""
        ...

    def day_facts(self, where: Filter) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(day, cramps) for every tracked day and (day, trigger) for every trigger noted."""
        ...
