"""Many writers at once: nothing lost, nothing doubled, no 'database is locked' reaching anyone.

A control run with the protections switched off shows that the same workload can fail.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path

from crampcare.episodes import Episode
from crampcare.store import SQLiteJournal, StoreError

THREADS, PROCESSES, SAVES = 6, 4, 40


def episode(writer: str, n: int) -> Episode:
    return Episode(datetime(2026, 3, 1 + n % 28, n % 24, 0), "calf", notes=f"{writer}-{n}",
                   triggers=("cold",), relief=("stretch",), helped="yes")  # fmt: skip


def process_writer(path: str, name: str) -> int:
    journal, locked = SQLiteJournal(Path(path)), 0
    for n in range(SAVES):
        try:
            journal.add(episode(name, n))
        except (StoreError, sqlite3.OperationalError):
            locked += 1
    return locked


def test_threads_and_processes_lose_and_double_nothing(journal_path: Path, record) -> None:
    journal = SQLiteJournal(journal_path)
    journal.migrate()
    errors: list[BaseException] = []

    def thread_writer(name: str) -> None:
        for n in range(SAVES):
            try:
                e = episode(name, n)
                journal.add(e)
                if n % 10 == 0:
                    journal.add(e)  # a double submit: must stay one row
            except BaseException as e:
                errors.append(e)

    threads = [threading.Thread(target=thread_writer, args=(f"t{i}",)) for i in range(THREADS)]
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        pending = pool.starmap_async(
            process_writer, [(str(journal_path), f"p{i}") for i in range(PROCESSES)]
        )
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        process_locked = sum(pending.get(timeout=300))

    expected = {f"t{i}-{n}" for i in range(THREADS) for n in range(SAVES)}
    expected |= {f"p{i}-{n}" for i in range(PROCESSES) for n in range(SAVES)}
    notes = [e.notes for e in journal.episodes()]
    lost = len(expected - set(notes))
    duplicated = len(notes) - len(set(notes))
    locked = process_locked + sum(isinstance(e, StoreError) or "locked" in str(e) for e in errors)
    others = [e for e in errors if not isinstance(e, StoreError) and "locked" not in str(e)]
    with sqlite3.connect(journal_path) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    record(
        f"writers: {THREADS} threads + {PROCESSES} processes, {len(expected)} saves "
        f"(+{THREADS * SAVES // 10} double submits): lost {lost}, duplicated {duplicated}, "
        f"busy or locked {locked}, other errors {len(others)}, integrity {integrity}"
    )
    assert (lost, duplicated, locked, others, integrity) == (0, 0, 0, [], "ok")


def naive_insert(conn: sqlite3.Connection, note: str, hold: float = 0.0) -> None:
    """The unprotected way: a deferred transaction that reads, then writes."""
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM episode").fetchone()
    time.sleep(hold)  # the work a page does between reading and writing
    conn.execute(
        "INSERT INTO episode (owner, submission_id, started_at, region, notes) "
        "VALUES ('local', ?, ?, 'calf', ?)",
        (uuid.uuid4().hex, "2026-03-01T03:00:00", note),
    )
    conn.execute("COMMIT")


def test_control_same_workload_without_protections_loses_saves(tmp_path: Path, record) -> None:
    """The writers' workload with the protections off (no busy timeout, read-then-write
    transactions): saves fail with 'database is locked' and are lost."""
    path = tmp_path / "naive.db"
    SQLiteJournal(path).migrate()
    locked, done = [], []

    def naive_writer(name: str) -> None:
        conn = sqlite3.connect(path, isolation_level=None, timeout=0)
        for n in range(SAVES):
            try:
                naive_insert(conn, f"{name}-{n}", hold=0.001)
                done.append(1)
            except sqlite3.OperationalError as e:
                locked.append("locked" in str(e))
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
        conn.close()

    threads = [threading.Thread(target=naive_writer, args=(f"n{i}",)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lost = THREADS * SAVES - len(done)
    record(
        f"control run, same workload without protections: {THREADS * SAVES} saves, "
        f"'database is locked' {sum(locked)}, lost {lost}"
    )
    assert sum(locked) > 0 and lost > 0


def test_control_without_protections_does_fail(tmp_path: Path, record) -> None:
    """Two deferred read-then-write transactions with no busy timeout: one gets 'locked'."""
    path = tmp_path / "naive.db"
    SQLiteJournal(path).migrate()
    first = sqlite3.connect(path, isolation_level=None, timeout=0)
    second = sqlite3.connect(path, isolation_level=None, timeout=0)
    first.execute("BEGIN")
    first.execute("SELECT count(*) FROM episode").fetchone()
    second.execute("BEGIN")
    second.execute("SELECT count(*) FROM episode").fetchone()
    first.execute(
        "INSERT INTO episode (owner, submission_id, started_at, region) VALUES ('local', ?, ?, 'calf')",
        ("a" * 32, "2026-03-01T03:00:00"),
    )
    locked = 0
    try:
        second.execute(
            "INSERT INTO episode (owner, submission_id, started_at, region) VALUES ('local', ?, ?, 'calf')",
            ("b" * 32, "2026-03-01T03:00:00"),
        )
    except sqlite3.OperationalError as e:
        locked += "locked" in str(e)
    first.execute("COMMIT")
    second.close()
    first.close()

    # The same interleaving through the journal: the second writer waits, then succeeds.
    journal = SQLiteJournal(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    done = threading.Event()
    thread = threading.Thread(target=lambda: (journal.add(episode("guarded", 1)), done.set()))
    thread.start()
    thread.join(timeout=0.3)
    waited = not done.is_set()
    holder.execute("COMMIT")
    holder.close()
    thread.join(timeout=30)
    record(
        f"control without protections: 'database is locked' {locked} of 1; "
        f"with them the second writer waited ({waited}) and saved ({done.is_set()})"
    )
    assert locked == 1
    assert waited and done.is_set()
