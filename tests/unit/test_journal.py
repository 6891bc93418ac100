"""The journal store: migrations, atomic and idempotent writes, many writers, and its queries."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crampcare import journal as store
from crampcare.episodes import Episode, EpisodeInvalid
from crampcare.journal import (
    SCHEMA_VERSION,
    Filter,
    Journal,
    StoreBusy,
    StoreUnavailable,
    _statements,
    migrations,
)


def ep(day: int = 1, hour: int = 3, region: str = "calf", **kw) -> Episode:
    return Episode(started_at=datetime(2026, 3, day, hour, 15), region=region, **kw)


@pytest.fixture
def journal(journal_path: Path) -> Journal:
    return Journal(journal_path)


def table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("episode", "episode_trigger", "episode_relief", "checked_day", "day_trigger")
        }


def test_migrates_an_empty_file(journal: Journal) -> None:
    journal.migrate()
    with sqlite3.connect(journal.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrates_from_every_earlier_version(journal_path: Path, version: int) -> None:
    with sqlite3.connect(journal_path) as conn:
        for number, script in enumerate(migrations()[:version], start=1):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    journal = Journal(journal_path)
    journal.add(ep(notes="after migration"))
    assert journal.episodes()[0].notes == "after migration"


def test_refuses_a_file_from_a_newer_version(journal_path: Path) -> None:
    with sqlite3.connect(journal_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer Cramp Care"):
        Journal(journal_path).add(ep())


def test_saves_and_reads_back_every_field(journal: Journal) -> None:
    original = ep(side="left", severity=6, duration_seconds=95, triggers=("cold", "New shoes"),
                  relief=("stretch", "warmth"), helped="partly", notes="line 1\nline 2")  # fmt: skip
    episode_id = journal.add(original)
    assert journal.get(episode_id) == original.__class__(**{**original.__dict__, "id": episode_id})


def test_the_same_submission_saves_one_row(journal: Journal) -> None:
    e = ep(triggers=("cold",))
    first, second = journal.add(e), journal.add(e)
    assert first == second
    assert table_counts(journal.path)["episode"] == 1
    assert journal.add_many([e, ep(day=2)]) == (1, 1)


def test_update_replaces_fields_and_tags(journal: Journal) -> None:
    episode_id = journal.add(ep(triggers=("cold",), relief=("stretch",)))
    saved = journal.get(episode_id)
    journal.update(
        Episode(**{**saved.__dict__, "severity": 3, "triggers": ("alcohol",), "relief": ()})
    )
    again = journal.get(episode_id)
    assert again.severity == 3 and again.triggers == ("alcohol",) and again.relief == ()


def test_delete_then_restore_gives_back_the_same_episode(journal: Journal) -> None:
    episode_id = journal.add(ep(triggers=("cold",), notes="keep me"))
    before = journal.get(episode_id)
    deleted = journal.delete(episode_id)
    assert deleted == before
    assert journal.get(episode_id) is None
    assert table_counts(journal.path)["episode_trigger"] == 0
    journal.restore(deleted)
    assert journal.get(episode_id) == before
    assert journal.delete(12345) is None


def test_filters(journal: Journal) -> None:
    journal.add(ep(day=1, region="calf", triggers=("cold",)))
    journal.add(ep(day=5, region="foot", triggers=("alcohol",)))
    journal.add(ep(day=9, region="calf"))
    assert [e.started_at.day for e in journal.episodes()] == [9, 5, 1]
    assert journal.count(Filter(start=date(2026, 3, 5), end=date(2026, 3, 9))) == 2
    assert journal.count(Filter(end=date(2026, 3, 1))) == 1
    assert journal.count(Filter(regions=("foot",))) == 1
    assert journal.count(Filter(triggers=("cold", "alcohol"))) == 2
    assert len(journal.episodes(limit=1)) == 1


def test_a_failure_inside_a_save_leaves_nothing(journal: Journal, monkeypatch) -> None:
    journal.add(ep(day=1, triggers=("cold",)))
    before = table_counts(journal.path)
    revision = journal.revision()

    def broken(*args, **kwargs):
        raise OSError("disk unplugged half-way")

    monkeypatch.setattr(Journal, "_save_tags", broken)
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


def test_revision_changes_with_every_write(journal: Journal) -> None:
    assert journal.revision() == 0
    journal.add(ep())
    first = journal.revision()
    journal.set_day_triggers({date(2026, 3, 2): ["cold"]})
    assert journal.revision() > first


def test_revision_sees_writes_from_other_connections_threads_and_processes(
    journal: Journal,
) -> None:
    journal.add(ep())
    seen = journal.revision()  # its connection is now open and kept
    Journal(journal.path).add(ep(day=2))
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


def test_revision_follows_a_file_replaced_under_the_same_name(journal: Journal) -> None:
    for day in (1, 2, 3):
        journal.add(ep(day=day))
    assert journal.revision() > 0
    for suffix in ("", "-wal", "-shm"):
        Path(f"{journal.path}{suffix}").unlink(missing_ok=True)
    fresh = Journal(journal.path)
    fresh.add(ep())
    assert journal.revision() == fresh.revision()


def test_read_only_journal_refuses_writes(journal: Journal) -> None:
    journal.add(ep())
    reader = Journal(journal.path, readonly=True)
    assert reader.count() == 1
    with pytest.raises(PermissionError):
        reader.add(ep(day=2))


def test_day_notes_and_custom_triggers(journal: Journal) -> None:
    day = date(2026, 3, 2)
    assert journal.day_triggers(day) is None
    journal.set_day_triggers({day: []})
    assert journal.day_triggers(day) == []
    journal.set_day_triggers({day: ["Long walk", "cold"]})
    assert journal.day_triggers(day) == ["Long walk", "cold"]
    journal.add(ep(triggers=("Long walk",)))
    assert journal.triggers_used()[0] == "Long walk"
    assert journal.all_days() == {"2026-03-02": ["Long walk", "cold"]}


def test_day_notes_obey_the_same_trigger_rules_as_episodes(journal: Journal) -> None:
    day = date(2026, 3, 2)
    for bad in (["x" * 41], ["wine; cheese"], [str(n) for n in range(21)]):
        with pytest.raises(EpisodeInvalid):
            journal.set_day_triggers({day: bad})
    assert journal.day_triggers(day) is None, "nothing written"
    journal.set_day_triggers({day: [" Cold ", "cold", "Wine"]})
    assert journal.day_triggers(day) == ["Cold", "Wine"], "trimmed, each once"


def test_the_date_span_includes_days_noted_without_a_cramp(journal: Journal) -> None:
    journal.set_day_triggers({date(2026, 3, 9): []})
    assert journal.date_span() is None, "no cramp logged yet"
    journal.add(ep(day=1))
    assert journal.date_span() == (date(2026, 3, 1), date(2026, 3, 9))


def test_a_journal_that_cannot_be_opened_raises_the_one_store_error(tmp_path: Path) -> None:
    folder = Journal(tmp_path)  # a folder where the file should be
    with pytest.raises(StoreUnavailable):
        folder.count()
    with pytest.raises(StoreUnavailable):
        folder.add(ep())
    blocked = Journal(tmp_path / "a-file" / "journal.db")
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(StoreUnavailable):
        blocked.add(ep())


def test_a_journal_locked_by_another_writer_raises_store_busy(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
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


def test_delete_all(journal: Journal) -> None:
    journal.add(ep(triggers=("cold",)))
    journal.set_day_triggers({date(2026, 3, 2): ["cold"]})
    journal.delete_all()
    assert set(table_counts(journal.path).values()) == {0}


def test_aggregates(journal: Journal) -> None:
    journal.add(
        ep(day=2, hour=3, severity=4, triggers=("cold",), relief=("stretch",), helped="yes")
    )  # Mon
    journal.add(
        ep(day=4, hour=3, severity=8, region="foot", relief=("stretch",), helped="no")
    )  # Wed
    journal.add(ep(day=10, hour=22))  # Tue, next week
    weekly = journal.weekly(Filter())
    assert weekly["week"].tolist() == ["2026-03-02", "2026-03-09"]
    assert weekly["episodes"].tolist() == [2, 1]
    assert weekly["mean_severity"].iloc[0] == 6.0 and pd.isna(weekly["mean_severity"].iloc[1])
    assert journal.trigger_counts(Filter()).to_dict("list") == {
        "trigger": ["cold"],
        "episodes": [1],
    }
    assert journal.region_counts(Filter()).to_dict("list") == {
        "region": ["calf", "foot"], "episodes": [2, 1]
    }  # fmt: skip
    hours = journal.hour_weekday(Filter())
    assert sorted(map(tuple, hours.values.tolist())) == [(0, 3, 1), (1, 22, 1), (2, 3, 1)]
    assert len(journal.relief_outcomes(Filter())) == 2


def _write_from_process(args: tuple[str, int, int]) -> int:
    path, worker, count = args
    journal = Journal(Path(path))
    for n in range(count):
        journal.add(ep(day=1 + n % 28, notes=f"p{worker}-{n}"))
    return count


def test_many_threads_and_processes_write_at_once(journal: Journal) -> None:
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
    from crampcare.journal import _SUMMARIES

    with sqlite3.connect(path) as conn:
        return {
            t: sorted(conn.execute(select.format(where="1")).fetchall())
            for t, select in _SUMMARIES.items()
        }


@settings(max_examples=40, deadline=None)
@given(
    operations=st.lists(
        st.tuples(
            st.sampled_from(["add", "update", "delete", "add_many"]),
            st.integers(1, 5),  # day
            st.sampled_from(["calf", "foot", "neck"]),
            st.one_of(st.none(), st.integers(0, 10)),
            st.sampled_from([(), ("cold",), ("cold", "alcohol")]),
            st.sampled_from([None, "yes", "no"]),
        ),
        max_size=12,
    )
)
def test_chart_summaries_always_match_the_episodes(tmp_path_factory, operations) -> None:
    journal = Journal(tmp_path_factory.mktemp("summaries") / "journal.db")
    for op, day, region, severity, triggers, helped in operations:
        e = ep(day=day, region=region, severity=severity, triggers=triggers,
               relief=("stretch",) if helped else (), helped=helped)  # fmt: skip
        existing = journal.episodes(limit=1)
        if op == "add":
            journal.add(e)
        elif op == "add_many":
            journal.add_many([e, ep(day=day + 1, region=region)])
        elif op == "update" and existing:
            journal.update(Episode(**{**e.__dict__, "id": existing[0].id}))
        elif op == "delete" and existing:
            journal.delete(existing[0].id)
        assert summaries(journal.path) == recomputed(journal.path)
