"""A writer killed with SIGKILL at random moments never corrupts the journal or loses a save
that had returned, and never leaves half an episode behind."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from crampcare.episodes import Episode
from crampcare.store import SQLiteJournal
from crampcare.store.sqlite import _SUMMARIES
from tests.reliability.conftest import KILLS


def writer(path: str, start: int, acks) -> None:
    """Save episodes one after another; report each submission id once its save returned."""
    journal = SQLiteJournal(Path(path))
    acks.send("ready")
    n = start
    while True:
        e = Episode(datetime(2026, 3, 1 + n % 28, n % 24, n % 60), "calf", severity=n % 11,
                    triggers=("cold", f"k{n % 5}"), relief=("stretch",), helped="yes",
                    notes=f"crash {n}")  # fmt: skip
        journal.add(e)
        acks.send(e.submission_id)
        n += 1


def check(path: Path) -> tuple[str, set[str], int, bool]:
    """(integrity, saved ids, episodes missing their tags, summaries match the episodes)."""
    with sqlite3.connect(path) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        ids = {r[0] for r in conn.execute("SELECT submission_id FROM episode")}
        half = conn.execute(
            """SELECT count(*) FROM episode e WHERE
               (SELECT count(*) FROM episode_trigger WHERE episode_id = e.id) != 2
               OR (SELECT count(*) FROM episode_relief WHERE episode_id = e.id) != 1"""
        ).fetchone()[0]
        summaries = all(
            sorted(conn.execute(f"SELECT * FROM {t}").fetchall())
            == sorted(conn.execute(q.format(where="1")).fetchall())
            for t, q in _SUMMARIES.items()
        )
    return integrity, ids, half, summaries


def test_sigkill_mid_write_never_corrupts_or_loses_acknowledged_saves(journal_path, record) -> None:
    SQLiteJournal(journal_path).migrate()
    rng = random.Random(2026)
    # Children come from a fork server that has the journal code loaded already: they start at
    # once, and nothing is forked from this (multi-threaded) test process.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.reliability.test_crash"])
    acknowledged: set[str] = set()
    problems = []
    for round_ in range(KILLS):
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=writer, args=(str(journal_path), round_ * 10_000, send))
        child.start()
        send.close()
        assert receive.poll(60), "the writer started"
        assert receive.recv() == "ready"
        time.sleep(rng.uniform(0.002, 0.06))  # let it get somewhere, then pull the plug
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        while receive.poll():
            try:
                acknowledged.add(receive.recv())
            except EOFError:
                break
        receive.close()
        integrity, ids, half, summaries = check(journal_path)
        if integrity != "ok" or acknowledged - ids or half or not summaries:
            problems.append((round_, integrity, len(acknowledged - ids), half, summaries))
    integrity, ids, half, summaries = check(journal_path)
    record(
        f"crashes: {KILLS} SIGKILLs mid-write, {len(ids)} episodes saved, "
        f"{len(acknowledged)} acknowledged: corrupt {sum(p[1] != 'ok' for p in problems)}, "
        f"acknowledged lost {len(acknowledged - ids)}, half-saved {half}, "
        f"summaries consistent {summaries}"
    )
    assert problems == []
    assert len(acknowledged) > KILLS, "the writer did get to save between kills"
