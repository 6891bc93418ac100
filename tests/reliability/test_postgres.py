"""The hosted journal's promises on a real PostgreSQL server: many writers with double
submits, connections killed and the server restarted mid-save, and a failure injected at
every statement of a save, an edit, a delete and an import."""

from __future__ import annotations

import multiprocessing
import threading
import time
from contextlib import contextmanager
from datetime import datetime

import pytest

from crampcare.episodes import Episode
from crampcare.store import PostgresJournal, StoreError, postgres
from tests.reliability.test_injected_failures import OPERATIONS as SHARED
from tests.reliability.test_injected_failures import TABLES

THREADS, PROCESSES, SAVES = 6, 3, 30


def episode(writer: str, n: int) -> Episode:
    return Episode(datetime(2026, 3, 1 + n % 28, n % 24, 0), "calf", notes=f"{writer}-{n}",
                   triggers=("cold",), relief=("stretch",), helped="yes")  # fmt: skip


def _process_writer(url: str, owner: str, name: str) -> list[str]:
    pool = postgres.open_pool(url, max_size=2)
    journal, problems = PostgresJournal(pool, owner), []
    for n in range(SAVES):
        try:
            e = episode(name, n)
            journal.add(e)
            if n % 10 == 0:
                journal.add(e)  # a double submit
        except Exception as err:  # counted: none may reach a person raw
            problems.append(repr(err))
    pool.close()
    return problems


@pytest.fixture
def pool(postgres_url: str):
    pool = postgres.open_pool(postgres_url, max_size=10)
    postgres.migrate(pool)
    yield pool
    pool.close()


def test_threads_and_processes_on_postgres_lose_and_double_nothing(
    pool, postgres_url, record
) -> None:
    owners = ("issuer|ann", "issuer|ben")
    problems: list[str] = []

    def thread_writer(name: str, owner: str) -> None:
        journal = PostgresJournal(pool, owner)
        for n in range(SAVES):
            try:
                e = episode(name, n)
                journal.add(e)
                if n % 10 == 0:
                    journal.add(e)
            except Exception as err:
                problems.append(repr(err))

    threads = [
        threading.Thread(target=thread_writer, args=(f"t{i}", owners[i % 2]))
        for i in range(THREADS)
    ]
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as processes:
        pending = processes.starmap_async(
            _process_writer,
            [(postgres_url, owners[i % 2], f"p{i}") for i in range(PROCESSES)],
        )
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        problems += [p for ps in pending.get(timeout=300) for p in ps]
    lost = duplicated = 0
    for index, owner in enumerate(owners):
        names = [f"t{i}" for i in range(THREADS) if i % 2 == index]
        names += [f"p{i}" for i in range(PROCESSES) if i % 2 == index]
        expected = {f"{name}-{n}" for name in names for n in range(SAVES)}
        notes = [e.notes for e in PostgresJournal(pool, owner).episodes()]
        lost += len(expected - set(notes)) + len(set(notes) - expected)
        duplicated += len(notes) - len(set(notes))
    record(
        f"PostgreSQL writers: {THREADS} threads + {PROCESSES} processes for 2 owners, "
        f"{(THREADS + PROCESSES) * SAVES} saves (+{(THREADS + PROCESSES) * SAVES // 10} double "
        f"submits): lost {lost}, duplicated {duplicated}, raw errors {len(problems)}"
    )
    assert (lost, duplicated, problems) == (0, 0, [])


def _save_until_stopped(
    journal: PostgresJournal, stop: threading.Event, name: str, log: dict
) -> None:
    """Save like a person does: a save that fails calmly is tried again; a save that said
    'saved' is remembered. Anything but a StoreError is a raw error."""
    n = 0
    while not stop.is_set():
        e = episode(name, n)
        for _attempt in range(20):
            try:
                journal.add(e)
                log["acknowledged"].add(e.notes)
                break
            except StoreError:
                log["calm failures"] += 1
                time.sleep(0.1)
            except Exception as err:
                log["raw"].append(repr(err))
                break
        n += 1


@pytest.mark.parametrize("disruption", ["terminate connections", "restart the server"])
def test_killed_connections_and_a_restart_lose_no_acknowledged_save(
    pool, postgres_server, postgres_url, disruption, record
) -> None:
    journal = PostgresJournal(pool, "issuer|dee")
    log = {"acknowledged": set(), "calm failures": 0, "raw": []}
    stop = threading.Event()
    writers = [
        threading.Thread(target=_save_until_stopped, args=(journal, stop, f"w{i}", log))
        for i in range(3)
    ]
    for w in writers:
        w.start()
    database = postgres.describe(postgres_url).rsplit("/", 1)[1]
    try:
        for _ in range(3):
            while len(log["acknowledged"]) < 5:
                time.sleep(0.01)  # let the writers get going: the disruption hits them mid-save
            if disruption == "restart the server":
                postgres_server.restart()
            else:
                postgres_server.admin(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    f"WHERE datname = '{database}' AND pid <> pg_backend_pid()"
                )
            before = len(log["acknowledged"])
            deadline = time.monotonic() + 60
            while len(log["acknowledged"]) < before + 5 and time.monotonic() < deadline:
                time.sleep(0.01)  # the writers carry on by themselves afterwards
    finally:
        stop.set()
        for w in writers:
            w.join(timeout=60)
    stored = {e.notes for e in journal.episodes()}
    lost = len(log["acknowledged"] - stored)
    record(
        f"PostgreSQL, {disruption} three times mid-save: {len(log['acknowledged'])} saves "
        f"acknowledged, lost {lost}; {log['calm failures']} failed calmly and were retried; "
        f"raw errors {len(log['raw'])}"
    )
    assert lost == 0 and log["raw"] == []
    assert len(log["acknowledged"]) >= 15, "the writers recovered after each disruption"


class _Injected(OSError):
    """The failure we inject."""


class _FailingConnection:
    """Wraps a connection; the n-th statement (of any cursor) raises."""

    def __init__(self, conn, counter: list[int], fail_at: int):
        self._conn, self._counter, self._fail_at = conn, counter, fail_at

    def _tick(self) -> None:
        self._counter[0] += 1
        if self._counter[0] == self._fail_at:
            raise _Injected(f"injected at statement {self._fail_at}")

    def execute(self, *args, **kwargs):
        self._tick()
        return self._conn.execute(*args, **kwargs)

    @contextmanager
    def cursor(self, *args, **kwargs):
        with self._conn.cursor(*args, **kwargs) as cur:
            outer = self

            class Cursor:
                def execute(self, *a, **k):
                    outer._tick()
                    return cur.execute(*a, **k)

                def executemany(self, *a, **k):
                    outer._tick()
                    return cur.executemany(*a, **k)

            yield Cursor()

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


class _FailingPool:
    def __init__(self, pool, fail_at: int):
        self._pool, self._fail_at, self._counter = pool, fail_at, [0]

    @contextmanager
    def connection(self):
        with self._pool.connection() as conn:
            yield _FailingConnection(conn, self._counter, self._fail_at)


def _dump(pool) -> dict[str, list[tuple]]:
    journal = PostgresJournal(pool, "issuer|eve")
    with journal._transaction() as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


OPERATIONS = {name: SHARED[name] for name in ("save", "edit", "delete", "import")}
"""The operations the SQLite test injects failures into that write episodes."""


@pytest.mark.parametrize("name", OPERATIONS)
def test_every_injected_failure_on_postgres_leaves_nothing_partial(pool, name, record) -> None:
    seeded = PostgresJournal(pool, "issuer|eve")
    seeded.add(Episode(datetime(2026, 3, 1, 3), "calf", triggers=("cold",), relief=("stretch",),
                       helped="yes", notes="seed"))  # fmt: skip
    target = seeded.episodes()[0]
    injected, partial = 0, []
    for fail_at in range(1, 200):
        before = _dump(pool)
        journal = PostgresJournal(_FailingPool(pool, fail_at), "issuer|eve")
        try:
            OPERATIONS[name](journal, target)
        except _Injected:
            injected += 1
            if _dump(pool) != before:
                partial.append(fail_at)
            continue
        assert _dump(pool) != before, f"{name}: completed but changed nothing"
        break
    record(f"PostgreSQL, injected failures in {name}: {injected} points tried, "
           f"partial writes {len(partial)}")  # fmt: skip
    assert injected >= 3 and partial == []
