"""The hosted journal's figures beside the embedded one's, in the same run: logging an episode
while other processes write to PostgreSQL, and the journal and insights pages on PostgreSQL
against the same pages on SQLite, with the same journal."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.figures import Figure, paired_medians, percentile
from bench.pages import _page, _run
from bench.writes import keep_writing, timed_saves
from crampcare import demo
from crampcare.store import LOCAL_OWNER, PostgresJournal, SQLiteJournal, postgres
from tests import throwaway_postgres

OTHER_WRITERS = 8


def _keep_writing(url: str, owner: str, ready, stop, failures) -> None:
    pool = postgres.open_pool(url, max_size=1)
    keep_writing(PostgresJournal(pool, owner), ready, stop, failures)
    pool.close()


def writes(url: str, count: int) -> list[Figure]:
    """Saves timed while OTHER_WRITERS processes write too (half for the same owner)."""
    pool = postgres.open_pool(url)
    postgres.migrate(pool)
    journal = PostgresJournal(pool, "bench|timed")
    ctx = multiprocessing.get_context("spawn")
    ready, stop, failures = ctx.Value("i", 0), ctx.Event(), ctx.Value("i", 0)
    owners = ["bench|timed" if i % 2 else f"bench|other{i}" for i in range(OTHER_WRITERS)]
    writers = [
        ctx.Process(target=_keep_writing, args=(url, owner, ready, stop, failures))
        for owner in owners
    ]
    for w in writers:
        w.start()
    while ready.value < OTHER_WRITERS:
        time.sleep(0.05)  # the other writers are still starting
    times, failed = timed_saves(journal, count, first=10_000_000)
    stop.set()
    for w in writers:
        w.join(timeout=60)
    pool.close()
    return [
        Figure(f"postgres.with_{OTHER_WRITERS}_writers_p50_ms", percentile(times, 50) * 1000, "ms"),
        Figure(
            f"postgres.with_{OTHER_WRITERS}_writers_p95_ms", percentile(times, 95) * 1000, "ms", 50
        ),
        Figure("postgres.writes_failed", failed + failures.value, "count", 0),
    ]


def pages(url: str, folder: Path, episodes: int, runs: int) -> list[Figure]:
    """Journal and insights pages on PostgreSQL against SQLite, the same journal in each."""
    data = demo.sized(episodes, end=date.today())
    sqlite_path = folder / "pages.db"
    demo.write(SQLiteJournal(sqlite_path), data)
    pool = postgres.open_pool(url)
    postgres.migrate(pool)
    demo.write(PostgresJournal(pool, LOCAL_OWNER), data)
    pool.close()

    figures = []
    for name in ("journal", "insights"):
        os.environ.pop("CRAMPCARE_DATABASE_URL", None)
        os.environ["CRAMPCARE_DB"] = str(sqlite_path)
        on_sqlite = _page(name)
        _run(on_sqlite)
        os.environ["CRAMPCARE_DATABASE_URL"] = url
        on_postgres = _page(name)
        _run(on_postgres)

        def sqlite_run(at=on_sqlite) -> None:
            os.environ.pop("CRAMPCARE_DATABASE_URL", None)
            _run(at)

        def postgres_run(at=on_postgres) -> None:
            os.environ["CRAMPCARE_DATABASE_URL"] = url
            _run(at)

        base, seconds = paired_medians(sqlite_run, postgres_run, runs, warmup=2)
        figures.append(
            Figure(f"postgres.{name}_{episodes // 1000}k_vs_sqlite", seconds / base, "x", 1.2)
        )
    os.environ.pop("CRAMPCARE_DATABASE_URL", None)
    return figures


def run(quick: bool) -> list[Figure]:
    with throwaway_postgres.running() as server, tempfile.TemporaryDirectory() as tmp:
        figures = writes(server.new_database("bench_writes"), 60 if quick else 300)
        figures += pages(
            server.new_database("bench_pages"), Path(tmp), 2_000 if quick else 10_000,
            runs=5 if quick else 15,
        )  # fmt: skip
        return figures
