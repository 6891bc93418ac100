"""The SQLite journal in particular: its migrations, its file, its locks, its transactions,
writers in other processes, and its summary tables (the contract suite covers the rest)."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings

from crampcare.episodes import Episode
from crampcare.store import sqlite as store
from crampcare.store.sqlite import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Filter,
    SQLiteJournal,
    StoreBusy,
    StoreUnavailable,
    _statements,
)
from tests.store.changes import apply, change_lists, ep


@pytest.fixture
def journal(journal_path: Path) -> SQLiteJournal:
    return SQLiteJournal(journal_path)


def table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("episode", "episode_trigger", "episode_relief", "checked_day", "day_trigger")
        }


def test_migrates_an_empty_file(journal: SQLiteJournal) -> None:
    journal.migrate()
    with sqlite3.connect(journal.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrates_from_every_earlier_version(journal_path: Path, version: int) -> None:
    with sqlite3.connect(journal_path) as conn:
        for number, script in enumerate(MIGRATIONS[:version], start=1):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    journal = SQLiteJournal(journal_path)
    journal.add(ep(notes="after migration"))
    assert journal.episodes()[0].notes == "after migration"


def test_a_personal_journal_from_before_owners_keeps_everything_as_the_local_owners(
    journal_path: Path,
) -> None:
    """A version-2 file, as the app wrote it before accounts, opens with every cramp, tag,
    day note and chart figure intact, all of them the local owner's."""
    with sqlite3.connect(journal_path) as conn:
        for number, script in enumerate(MIGRATIONS[:2], start=1):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute(
            "INSERT INTO episode (id, submission_id, started_at, region, side, severity, "
            "duration_seconds, helped, notes) VALUES "
            "(7, 'a', '2026-03-01T03:15:00', 'calf', 'left', 6, 90, 'yes', 'old one'), "
            "(9, 'b', '2026-03-02T04:00:00', 'foot', NULL, NULL, NULL, NULL, '')"
        )
        conn.execute(
            "INSERT INTO episode_trigger (episode_id, position, trigger) "
            "VALUES (7, 0, 'cold'), (7, 1, 'Wine')"
        )
        conn.execute(
            "INSERT INTO episode_relief (episode_id, position, relief) VALUES (7, 0, 'stretch')"
        )
        conn.execute("INSERT INTO checked_day VALUES ('2026-03-03')")
        conn.execute("INSERT INTO day_trigger VALUES ('2026-03-03', 'cold')")
        conn.execute("UPDATE revision SET value = 5")
    journal = SQLiteJournal(journal_path)
    old, other = journal.get(7), journal.get(9)
    assert (old.notes, old.triggers, old.relief, old.severity) == ("old one", ("cold", "Wine"),
                                                                   ("stretch",), 6)  # fmt: skip
    assert other.region == "foot" and journal.count() == 2
    assert journal.all_days() == {"2026-03-03": ["cold"]}
    assert journal.revision() == 5
    assert journal.trigger_counts(Filter())["trigger"].tolist() == ["Wine", "cold"]
    assert SQLiteJournal(journal_path, owner="someone else").count() == 0
    with sqlite3.connect(journal_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert {r[0] for r in conn.execute("SELECT DISTINCT owner FROM episode")} == {"local"}


def test_refuses_a_file_from_a_newer_version(journal_path: Path) -> None:
    with sqlite3.connect(journal_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer Cramp Care"):
        SQLiteJournal(journal_path).add(ep())


def test_the_same_submission_saves_one_row(journal: SQLiteJournal) -> None:
    e = ep(triggers=("cold",))
    first, second = journal.add(e), journal.add(e)
    assert first == second
    assert table_counts(journal.path)["episode"] == 1
    assert journal.add_many([e, ep(day=2)]) == (1, 1)


def test_delete_then_restore_gives_back_the_same_episode(journal: SQLiteJournal) -> None:
    episode_id = journal.add(ep(triggers=("cold",), notes="keep me"))
    before = journal.get(episode_id)
    deleted = journal.delete(episode_id)
    assert deleted == before
    assert journal.get(episode_id) is None
    assert table_counts(journal.path)["episode_trigger"] == 0
    journal.restore(deleted)
    assert journal.get(episode_id) == before
    assert journal.delete(12345) is None


def test_a_failure_inside_a_save_leaves_nothing(journal: SQLiteJournal, monkeypatch) -> None:
    journal.add(ep(day=1, triggers=("cold",)))
    before = table_counts(journal.path)
    revision = journal.revision()

    def broken(*args, **kwargs):
        raise OSError("disk unplugged half-way")

    monkeypatch.setattr(SQLiteJournal, "_save_tags", broken)
    with pytest.raises(OSError):
        journal.add(ep(day=2, triggers=("alcohol",)))
    with pytest.raises(OSError):
        journal.add_many([ep(day=3), ep(day=4)])
    saved = journal.episodes()[0]
    with pytest.raises(OSError):
        journal.update(Episode(**{**saved.__dict__, "notes": "changed"}))
    assert table_counts(journal.path) == before
    assert journal.revision() == revision
    assert journal.get(saved.id).notes == ""


def test_revision_sees_writes_from_other_connections_threads_and_processes(
    journal: SQLiteJournal,
) -> None:
    journal.add(ep())
    seen = journal.revision()  # its connection is now open and kept
    SQLiteJournal(journal.path).add(ep(day=2))
    assert journal.revision() > seen
    seen = journal.revision()
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(_write_from_process, ((str(journal.path), 9, 1),)) == 1
    assert journal.revision() > seen
    seen = journal.revision()
    results: list[int] = []
    reader = threading.Thread(target=lambda: results.append(journal.revision()))
    reader.start()
    reader.join()
    assert results == [seen]


def test_revision_follows_a_file_replaced_under_the_same_name(journal: SQLiteJournal) -> None:
    for day in (1, 2, 3):
        journal.add(ep(day=day))
    assert journal.revision() > 0
    for suffix in ("", "-wal", "-shm"):
        Path(f"{journal.path}{suffix}").unlink(missing_ok=True)
    fresh = SQLiteJournal(journal.path)
    fresh.add(ep())
    assert journal.revision() == fresh.revision()


def test_read_only_journal_refuses_writes(journal: SQLiteJournal) -> None:
    journal.add(ep())
    reader = SQLiteJournal(journal.path, readonly=True)
    assert reader.count() == 1
    with pytest.raises(PermissionError):
        reader.add(ep(day=2))


def test_a_journal_that_cannot_be_opened_raises_the_one_store_error(tmp_path: Path) -> None:
    folder = SQLiteJournal(tmp_path)  # a folder where the file should be
    with pytest.raises(StoreUnavailable):
        folder.count()
    with pytest.raises(StoreUnavailable):
        folder.add(ep())
    blocked = SQLiteJournal(tmp_path / "a-file" / "journal.db")
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(StoreUnavailable):
        blocked.add(ep())


def test_a_journal_locked_by_another_writer_raises_store_busy(
    journal: SQLiteJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.add(ep())
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(store, "LOCK_RETRIES", 1)
    other = sqlite3.connect(journal.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusy):
            journal.add(ep(day=2))
        assert journal.count() == 1, "reading goes on while another process writes"
    finally:
        other.execute("ROLLBACK")
        other.close()
    journal.add(ep(day=2))
    assert journal.count() == 2


def test_delete_all(journal: SQLiteJournal) -> None:
    journal.add(ep(triggers=("cold",)))
    journal.set_day_triggers({date(2026, 3, 2): ["cold"]})
    journal.delete_all()
    assert set(table_counts(journal.path).values()) == {0}


def _write_from_process(args: tuple[str, int, int]) -> int:
    path, worker, count = args
    journal = SQLiteJournal(Path(path))
    for n in range(count):
        journal.add(ep(day=1 + n % 28, notes=f"p{worker}-{n}"))
    return count


def test_many_threads_and_processes_write_at_once(journal: SQLiteJournal) -> None:
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for n in range(25):
                journal.add(ep(day=1 + n % 28, notes=f"t{worker}-{n}"))
        except BaseException as e:  # collected, so the assertion below names it
            errors.append(e)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(6)]
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        pending = pool.map_async(
            _write_from_process, [(str(journal.path), w, 25) for w in range(3)]
        )
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        written_by_processes = sum(pending.get(timeout=120))
    assert errors == []
    notes = [e.notes for e in journal.episodes()]
    assert len(notes) == 6 * 25 + written_by_processes
    assert len(set(notes)) == len(notes), "no duplicates"
    with sqlite3.connect(journal.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def summaries(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {
            t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall())
            for t in ("episode_daily", "trigger_daily", "relief_daily")
        }


def recomputed(path: Path) -> dict[str, list[tuple]]:
    from crampcare.store.sqlite import _SUMMARIES

    with sqlite3.connect(path) as conn:
        return {
            t: sorted(conn.execute(select.format(where="1")).fetchall())
            for t, select in _SUMMARIES.items()
        }


@settings(max_examples=40, deadline=None)
@given(operations=change_lists(max_size=12))
def test_chart_summaries_always_match_the_episodes(tmp_path_factory, operations) -> None:
    journal = SQLiteJournal(tmp_path_factory.mktemp("summaries") / "journal.db")
    for change in operations:
        apply(journal, change)
        assert summaries(journal.path) == recomputed(journal.path)
