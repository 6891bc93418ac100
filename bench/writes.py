"""Time to log one episode, alone and while other processes write to the same journal."""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.figures import Figure, percentile
from crampcare.episodes import Episode
from crampcare.store import Journal, SQLiteJournal

OTHER_WRITERS = 4


def _episode(n: int) -> Episode:
    return Episode(started_at=datetime(2026, 3, 1 + n % 28, 3, n % 60), region="calf", notes=f"{n}")


def keep_writing(journal: Journal, ready, stop, failures) -> None:
    """A writer process's loop: say it is ready, then save until told to stop, counting
    failures in the shared `failures`."""
    with ready.get_lock():
        ready.value += 1
    n = 0
    while not stop.is_set():
        try:
            journal.add(_episode(n))
        except Exception:
            with failures.get_lock():
                failures.value += 1
        n += 1


def _keep_writing(path: str, ready, stop, failures) -> None:
    keep_writing(SQLiteJournal(Path(path)), ready, stop, failures)


def timed_saves(journal: Journal, count: int, first: int = 0) -> tuple[list[float], int]:
    """The time of each of `count` saves (episodes numbered from `first`), and how many failed."""
    times, failed = [], 0
    for n in range(first, first + count):
        start = time.perf_counter()
        try:
            journal.add(_episode(n))
        except Exception:
            failed += 1
        times.append(time.perf_counter() - start)
    return times, failed


def run(quick: bool) -> list[Figure]:
    count = 60 if quick else 300
    with tempfile.TemporaryDirectory(prefix="cramp-bench-writes-") as tmp:
        alone = SQLiteJournal(Path(tmp) / "alone.db")
        alone.migrate()
        solo, solo_failed = timed_saves(alone, count)

        shared = SQLiteJournal(Path(tmp) / "shared.db")
        shared.migrate()
        ctx = multiprocessing.get_context("spawn")
        ready, stop, failures = ctx.Value("i", 0), ctx.Event(), ctx.Value("i", 0)
        writers = [
            ctx.Process(target=_keep_writing, args=(str(shared.path), ready, stop, failures))
            for _ in range(OTHER_WRITERS)
        ]
        for w in writers:
            w.start()
        while ready.value < OTHER_WRITERS:
            time.sleep(0.05)  # the other writers are still importing
        before = shared.count()
        busy, busy_failed = timed_saves(shared, count)
        others_during = shared.count() - before - count
        stop.set()
        for w in writers:
            w.join(timeout=30)

    return [
        Figure("writes.alone_p50_ms", percentile(solo, 50) * 1000, "ms"),
        Figure("writes.alone_p95_ms", percentile(solo, 95) * 1000, "ms"),
        Figure(f"writes.with_{OTHER_WRITERS}_writers_p50_ms", percentile(busy, 50) * 1000, "ms"),
        Figure(
            f"writes.with_{OTHER_WRITERS}_writers_p95_ms", percentile(busy, 95) * 1000, "ms", 50
        ),
        Figure("writes.failed", solo_failed + busy_failed + failures.value, "count", 0),
        Figure("writes.others_rows_while_measuring", others_during, "rows"),
    ]
