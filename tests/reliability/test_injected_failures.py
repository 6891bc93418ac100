"""A failure injected at every statement of a save, an edit, a delete, an import, a day note
and a delete-all: each either completes or leaves the journal exactly as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from crampcare import csvio
from crampcare.episodes import Episode
from crampcare.store import SQLiteJournal
from tests.unit.test_episodes import VOCAB

TABLES = ("episode", "episode_trigger", "episode_relief", "checked_day", "day_trigger",
          "episode_daily", "trigger_daily", "relief_daily", "revision")  # fmt: skip


class Injected(OSError):
    """The failure we inject."""


class FailingConnection:
    """Wraps a connection; the n-th statement (not counting ROLLBACK) raises."""

    def __init__(self, conn: sqlite3.Connection, fail_at: int, counter: list[int]):
        self._conn, self._fail_at, self._counter = conn, fail_at, counter

    def _tick(self, sql: str) -> None:
        if sql.strip().upper() == "ROLLBACK":
            return
        self._counter[0] += 1
        if self._counter[0] == self._fail_at:
            raise Injected(f"injected at statement {self._fail_at}: {sql.split()[0]}")

    def execute(self, sql: str, *args):
        self._tick(sql)
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, *args):
        self._tick(sql)
        return self._conn.executemany(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def dump(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


def seed(journal: SQLiteJournal) -> Episode:
    first = Episode(datetime(2026, 3, 1, 3, 0), "calf", severity=4, triggers=("cold",),
                    relief=("stretch",), helped="yes", notes="seed")  # fmt: skip
    journal.add(first)
    journal.add(Episode(datetime(2026, 3, 2, 4, 0), "foot", triggers=("alcohol",)))
    journal.set_day_triggers({date(2026, 3, 1): ["cold"]})
    return journal.episodes()[-1]


IMPORT = csvio.export_csv(
    [Episode(datetime(2026, 3, d, 2, 0), "calf", triggers=("new",), relief=("warmth",), helped="no")
     for d in range(3, 8)]
)  # fmt: skip

OPERATIONS: dict[str, Callable[[SQLiteJournal, Episode], object]] = {
    "save": lambda j, e: j.add(
        Episode(
            datetime(2026, 3, 9, 1, 0),
            "neck",
            triggers=("x",),
            relief=("massage",),
            helped="partly",
        )
    ),
    "edit": lambda j, e: j.update(
        replace(
            e, started_at=datetime(2026, 3, 20, 1, 0), region="hand", triggers=("y", "z"), relief=()
        )
    ),
    "delete": lambda j, e: j.delete(e.id),
    "import": lambda j, e: j.add_many(
        csvio.parse_csv(IMPORT, VOCAB, datetime(2026, 11, 1)).episodes
    ),
    "day note": lambda j, e: j.set_day_triggers(
        {date(2026, 3, 1): ["a", "b"], date(2026, 3, 4): []}
    ),
    "delete all": lambda j, e: j.delete_all(),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_every_injected_failure_leaves_nothing_partial(name, tmp_path, monkeypatch, record) -> None:
    operation = OPERATIONS[name]
    original_open = SQLiteJournal._open
    injected, partial = 0, []
    for fail_at in range(1, 200):
        path = tmp_path / f"{name.replace(' ', '-')}-{fail_at}.db"
        journal = SQLiteJournal(path)
        episode = seed(journal)
        before = dump(path)
        counter = [0]
        monkeypatch.setattr(
            SQLiteJournal,
            "_open",
            lambda self, writing=False, n=fail_at, c=counter: FailingConnection(
                original_open(self, writing=writing), n, c
            ),
        )
        try:
            operation(journal, episode)
        except Injected:
            injected += 1
            monkeypatch.setattr(SQLiteJournal, "_open", original_open)
            if dump(path) != before:
                partial.append(fail_at)
            continue
        finally:
            monkeypatch.setattr(SQLiteJournal, "_open", original_open)
        assert dump(path) != before, f"{name}: completed but changed nothing"
        break
    record(f"injected failures in {name}: {injected} points tried, partial writes {len(partial)}")
    assert injected >= 3
    assert partial == [], f"{name}: partial writes after failures at statements {partial}"
