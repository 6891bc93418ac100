"""The embedded journal: one SQLite file, its migrations, and every query, for one owner.

Each call opens its own short-lived connection (Streamlit serves every session from its own
thread), and each write is one `BEGIN IMMEDIATE` transaction that either lands whole or not
at all. Every statement names the owner, so one owner's rows are never read, changed or
counted for another. Reads that feed charts return aggregates, never one row per episode.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from crampcare.episodes import Episode, check_triggers
from crampcare.store.base import (
    EVERYTHING,
    LOCAL_OWNER,
    REFRESH_ALL_ABOVE,
    EpisodeNotFound,
    Filter,
    StoreBusy,
    StoreUnavailable,
    episode_from_row,
    migration_scripts,
)

BUSY_TIMEOUT_MS = 10_000
LOCK_RETRIES = 5
_SEP = "\x1f"  # unit separator: validated triggers can never contain it


def default_path() -> Path:
    """$CRAMPCARE_DB, or journal.db in the per-user data folder ($XDG_DATA_HOME/cramp-care)."""
    if os.environ.get("CRAMPCARE_DB"):
        return Path(os.environ["CRAMPCARE_DB"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "cramp-care" / "journal.db"


MIGRATIONS = migration_scripts("sqlite")
SCHEMA_VERSION = len(MIGRATIONS)


def _listed(joined: str | None) -> tuple[str, ...]:
    return tuple(joined.split(_SEP)) if joined else ()


def _episode(row: tuple) -> Episode:
    return episode_from_row(row, datetime.fromisoformat, _listed)


@contextmanager
def _store_errors() -> Iterator[None]:
    """SQLite's own failures, as the errors callers handle. Programming errors (a bad query,
    a broken constraint) are left alone: those are bugs, not a busy or failing file."""
    try:
        yield
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise StoreBusy("the journal is busy") from e
        raise StoreUnavailable(str(e)) from e
    except sqlite3.DatabaseError as e:
        if isinstance(e, sqlite3.IntegrityError | sqlite3.ProgrammingError):
            raise
        raise StoreUnavailable(str(e)) from e


def _where(where: Filter, owner: str) -> tuple[str, list]:
    """The filter over episodes (alias e), always within one owner's rows."""
    clauses, params = ["e.owner = ?"], [owner]
    if where.start:
        clauses.append("e.started_at >= ?")
        params.append(where.start.isoformat())
    if where.end:
        clauses.append("e.started_at < ?")
        params.append((where.end + timedelta(days=1)).isoformat())
    if where.regions:
        clauses.append(f"e.region IN ({','.join('?' * len(where.regions))})")
        params += where.regions
    if where.triggers:
        marks = ",".join("?" * len(where.triggers))
        clauses.append(
            "e.id IN (SELECT episode_id FROM episode_trigger "
            f"WHERE owner = ? AND trigger IN ({marks}))"
        )
        params += [owner, *where.triggers]
    return " AND ".join(clauses), params


def _day_where(where: Filter, owner: str) -> tuple[str, list]:
    """The same filter over the per-day summary tables (which know day and region only)."""
    if where.triggers:
        raise ValueError("summaries can't be filtered by trigger")
    clauses, params = ["owner = ?"], [owner]
    if where.start:
        clauses.append("day >= ?")
        params.append(where.start.isoformat())
    if where.end:
        clauses.append("day <= ?")
        params.append(where.end.isoformat())
    if where.regions:
        clauses.append(f"region IN ({','.join('?' * len(where.regions))})")
        params += where.regions
    return " AND ".join(clauses), params


_EPISODE_COLUMNS = """
    e.id, e.submission_id, e.started_at, e.region, e.side, e.severity,
    e.duration_seconds, e.helped, e.notes,
    (SELECT group_concat(trigger, char(31)) FROM
        (SELECT trigger FROM episode_trigger WHERE episode_id = e.id ORDER BY position)),
    (SELECT group_concat(relief, char(31)) FROM
        (SELECT relief FROM episode_relief WHERE episode_id = e.id ORDER BY position))
"""

_FIELDS = ("started_at", "region", "side", "severity", "duration_seconds", "helped", "notes")
"""The episode columns a save or an edit writes (ids and tags are handled apart)."""


def _field_values(episode: Episode) -> tuple:
    return tuple(
        episode.started_at.isoformat(timespec="seconds") if name == "started_at"
        else getattr(episode, name)
        for name in _FIELDS
    )  # fmt: skip


_SUMMARIES = {
    "episode_daily": """
        SELECT e.owner, date(e.started_at), e.region,
               CAST(strftime('%H', e.started_at) AS INTEGER),
               count(*), coalesce(sum(e.severity), 0), count(e.severity)
        FROM episode e WHERE {where} GROUP BY 1, 2, 3, 4""",
    "trigger_daily": """
        SELECT e.owner, date(e.started_at), e.region, t.trigger, count(*)
        FROM episode_trigger t JOIN episode e ON e.id = t.episode_id
        WHERE {where} GROUP BY 1, 2, 3, 4""",
    "relief_daily": """
        SELECT e.owner, date(e.started_at), e.region, r.relief, coalesce(e.helped, ''), count(*)
        FROM episode_relief r JOIN episode e ON e.id = r.episode_id
        WHERE {where} GROUP BY 1, 2, 3, 4, 5""",
}
"""How each per-day summary table is computed from the episodes (see migration 0003)."""


def _refresh(conn: sqlite3.Connection, owner: str, days: set[date] | None) -> None:
    """Recompute one owner's summaries for the given days (None: all), inside the caller's
    transaction."""
    if days is None or len(days) > REFRESH_ALL_ABOVE:
        for table, select in _SUMMARIES.items():
            conn.execute(f"DELETE FROM {table} WHERE owner = ?", (owner,))
            conn.execute(f"INSERT INTO {table} " + select.format(where="e.owner = ?"), (owner,))
        return
    for day in days:
        bounds = (owner, day.isoformat(), (day + timedelta(days=1)).isoformat())
        for table, select in _SUMMARIES.items():
            conn.execute(f"DELETE FROM {table} WHERE owner = ? AND day = ?", bounds[:2])
            conn.execute(
                f"INSERT INTO {table} "
                + select.format(where="e.owner = ? AND e.started_at >= ? AND e.started_at < ?"),
                bounds,
            )


class SQLiteJournal:
    """One owner's journal in a SQLite file. Cheap to create: it holds a path, not a
    connection (apart from the one `revision` keeps, which any thread may use in turn)."""

    def __init__(self, path: Path, owner: str = LOCAL_OWNER, *, readonly: bool = False):
        self.path = Path(path)
        self.owner = owner
        self.readonly = readonly
        self._migrated = False
        self._watch: tuple[int, sqlite3.Connection] | None = None
        self._watch_lock = threading.Lock()

    @property
    def key(self) -> str:
        return f"sqlite:{self.path.resolve()}?owner={self.owner}&readonly={self.readonly}"

    # -- connections and transactions -------------------------------------------------

    def _open(self, *, writing: bool = False, shared: bool = False) -> sqlite3.Connection:
        """A new connection; `timeout` sets SQLite's busy timeout. Foreign keys (for the
        cascade from an episode to its tags) only matter when writing. A `shared` one may be
        used from any thread, one at a time."""
        target = f"{self.path.resolve().as_uri()}?mode=ro" if self.readonly else str(self.path)
        conn = sqlite3.connect(
            target,
            uri=self.readonly,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=not shared,
        )
        if writing:
            conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def _ensure_schema(self) -> None:
        """Migrate once per object: later calls cost nothing. A read-only journal is read as
        it is."""
        if not self._migrated and not self.readonly:
            self.migrate()
            self._migrated = True

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with _store_errors():
            self._ensure_schema()
            conn = self._open()
            try:
                yield conn
            finally:
                conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: BEGIN IMMEDIATE takes the write lock up front, so it never fails
        half-way with 'database is locked'; anything raised inside rolls it all back."""
        if self.readonly:
            raise PermissionError("this journal is read-only")
        with _store_errors():
            self._ensure_schema()
            conn = self._open(writing=True)
            try:
                self._begin(conn)
                try:
                    yield conn
                    conn.execute(
                        """INSERT INTO revision (owner, value) VALUES (?, 1)
                           ON CONFLICT (owner) DO UPDATE SET value = value + 1""",
                        (self.owner,),
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            finally:
                conn.close()

    @staticmethod
    def _begin(conn: sqlite3.Connection) -> None:
        for attempt in range(LOCK_RETRIES):
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    raise
                time.sleep(0.05 * 2**attempt)  # back off: another writer holds the lock
        raise StoreBusy("the journal stayed locked by another writer")

    def migrate(self) -> None:
        """Bring the file up to SCHEMA_VERSION, one migration per transaction.

        Foreign keys stay off while migrating: a migration that rebuilds a table must be
        able to drop the old one without cascading to its rows."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreUnavailable(f"can't create {self.path.parent}: {e}") from e
        conn = self._open()
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                return
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path} was written by a newer Cramp Care (schema {version})"
                )
            conn.execute("PRAGMA journal_mode = WAL")
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                self._begin(conn)
                try:
                    # Re-check under the lock: another process may have migrated meanwhile.
                    if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                        conn.execute("ROLLBACK")
                        continue
                    for statement in _statements(script):
                        conn.execute(statement)
                    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise RuntimeError(f"migration {number} broke references: {problems}")
                    conn.execute(f"PRAGMA user_version = {number}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
        finally:
            conn.close()

    # -- writes -----------------------------------------------------------------------

    def add(self, episode: Episode) -> int:
        with self._write() as conn:
            episode_id = self._insert(conn, episode)
            _refresh(conn, self.owner, {episode.started_at.date()})
            return episode_id

    def add_many(self, episodes: Iterable[Episode]) -> tuple[int, int]:
        added = skipped = 0
        days: set[date] = set()
        with self._write() as conn:
            for episode in episodes:
                before = conn.total_changes
                self._insert(conn, episode)
                if conn.total_changes > before:
                    added += 1
                    days.add(episode.started_at.date())
                else:
                    skipped += 1
            _refresh(conn, self.owner, days)
        return added, skipped

    def _insert(self, conn: sqlite3.Connection, episode: Episode) -> int:
        row = conn.execute(
            "SELECT id FROM episode WHERE owner = ? AND submission_id = ?",
            (self.owner, episode.submission_id),
        ).fetchone()
        if row:
            return row[0]
        cursor = conn.execute(
            f"""INSERT INTO episode (id, owner, submission_id, {", ".join(_FIELDS)})
                VALUES (?, ?, ?, {", ".join("?" * len(_FIELDS))})""",
            (episode.id, self.owner, episode.submission_id, *_field_values(episode)),
        )
        self._save_tags(conn, cursor.lastrowid, episode)
        return cursor.lastrowid

    def _save_tags(self, conn: sqlite3.Connection, episode_id: int, episode: Episode) -> None:
        conn.executemany(
            "INSERT INTO episode_trigger (episode_id, owner, position, trigger) "
            "VALUES (?, ?, ?, ?)",
            [(episode_id, self.owner, n, t) for n, t in enumerate(episode.triggers)],
        )
        conn.executemany(
            "INSERT INTO episode_relief (episode_id, owner, position, relief) VALUES (?, ?, ?, ?)",
            [(episode_id, self.owner, n, r) for n, r in enumerate(episode.relief)],
        )

    def update(self, episode: Episode) -> None:
        with self._write() as conn:
            old = conn.execute(
                "SELECT started_at FROM episode WHERE id = ? AND owner = ?",
                (episode.id, self.owner),
            ).fetchone()
            if old is None:
                raise EpisodeNotFound(episode.id)
            conn.execute(
                f"UPDATE episode SET {', '.join(f + ' = ?' for f in _FIELDS)} "
                "WHERE id = ? AND owner = ?",
                (*_field_values(episode), episode.id, self.owner),
            )
            conn.execute("DELETE FROM episode_trigger WHERE episode_id = ?", (episode.id,))
            conn.execute("DELETE FROM episode_relief WHERE episode_id = ?", (episode.id,))
            self._save_tags(conn, episode.id, episode)
            days = {datetime.fromisoformat(old[0]).date(), episode.started_at.date()}
            _refresh(conn, self.owner, days)

    def delete(self, episode_id: int) -> Episode | None:
        with self._write() as conn:
            row = conn.execute(
                f"SELECT {_EPISODE_COLUMNS} FROM episode e WHERE e.id = ? AND e.owner = ?",
                (episode_id, self.owner),
            ).fetchone()
            if row is None:
                return None
            conn.execute("DELETE FROM episode WHERE id = ? AND owner = ?", (episode_id, self.owner))
            deleted = _episode(row)
            _refresh(conn, self.owner, {deleted.started_at.date()})
            return deleted

    def restore(self, episode: Episode) -> int:
        with self._write() as conn:
            taken = conn.execute("SELECT 1 FROM episode WHERE id = ?", (episode.id,)).fetchone()
            # Its old id may have gone to a newer episode meanwhile: then it gets a new one.
            episode_id = self._insert(conn, replace(episode, id=None) if taken else episode)
            _refresh(conn, self.owner, {episode.started_at.date()})
            return episode_id

    def set_day_triggers(self, days: Mapping[date, Iterable[str]]) -> None:
        checked = {day: check_triggers(triggers) for day, triggers in days.items()}
        with self._write() as conn:
            for day, triggers in checked.items():
                key = (self.owner, day.isoformat())
                conn.execute("DELETE FROM checked_day WHERE owner = ? AND day = ?", key)
                conn.execute("INSERT INTO checked_day (owner, day) VALUES (?, ?)", key)
                conn.executemany(
                    "INSERT INTO day_trigger (owner, day, trigger) VALUES (?, ?, ?)",
                    [(*key, t) for t in dict.fromkeys(triggers)],
                )

    def delete_all(self) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM episode WHERE owner = ?", (self.owner,))
            conn.execute("DELETE FROM checked_day WHERE owner = ?", (self.owner,))
            _refresh(conn, self.owner, None)

    # -- reads ------------------------------------------------------------------------

    def revision(self) -> int:
        """Asked on every page run, so it keeps one connection open for it: a new connection
        reads the whole schema first, which costs far more than the query. Each query is its
        own read transaction, so it sees every commit, from any process. A file replaced
        under the same name is noticed by its inode and opened afresh."""
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError:
            return 0
        with self._watch_lock, _store_errors():
            if self._watch is None or self._watch[0] != inode:
                self._ensure_schema()
                if self._watch is not None:
                    self._watch[1].close()
                self._watch = (inode, self._open(shared=True))
            row = (
                self._watch[1]
                .execute("SELECT value FROM revision WHERE owner = ?", (self.owner,))
                .fetchone()
            )
            return row[0] if row else 0

    def get(self, episode_id: int) -> Episode | None:
        with self._read() as conn:
            row = conn.execute(
                f"SELECT {_EPISODE_COLUMNS} FROM episode e WHERE e.id = ? AND e.owner = ?",
                (episode_id, self.owner),
            ).fetchone()
        return _episode(row) if row else None

    def episodes(self, where: Filter = EVERYTHING, limit: int | None = None) -> list[Episode]:
        clause, params = _where(where, self.owner)
        sql = (
            f"SELECT {_EPISODE_COLUMNS} FROM episode e WHERE {clause} "
            "ORDER BY e.started_at DESC, e.id DESC"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self._read() as conn:
            return [_episode(r) for r in conn.execute(sql, params)]

    def count(self, where: Filter = EVERYTHING) -> int:
        clause, params = _where(where, self.owner)
        with self._read() as conn:
            return conn.execute(
                f"SELECT count(*) FROM episode e WHERE {clause}", params
            ).fetchone()[0]

    def triggers_used(self) -> list[str]:
        with self._read() as conn:
            rows = conn.execute(
                """SELECT trigger, sum(n) AS uses FROM (
                       SELECT trigger, episodes AS n FROM trigger_daily WHERE owner = ?
                       UNION ALL SELECT trigger, 1 FROM day_trigger WHERE owner = ?)
                   GROUP BY trigger ORDER BY uses DESC, trigger""",
                (self.owner, self.owner),
            ).fetchall()
        return [r[0] for r in rows]

    def day_triggers(self, day: date) -> list[str] | None:
        key = (self.owner, day.isoformat())
        with self._read() as conn:
            if not conn.execute(
                "SELECT 1 FROM checked_day WHERE owner = ? AND day = ?", key
            ).fetchone():
                return None
            rows = conn.execute(
                "SELECT trigger FROM day_trigger WHERE owner = ? AND day = ? ORDER BY trigger", key
            ).fetchall()
        return [r[0] for r in rows]

    def all_days(self) -> dict[str, list[str]]:
        with self._read() as conn:
            days = {
                d: []
                for (d,) in conn.execute(
                    "SELECT day FROM checked_day WHERE owner = ? ORDER BY day", (self.owner,)
                )
            }
            for day, trigger in conn.execute(
                "SELECT day, trigger FROM day_trigger WHERE owner = ? ORDER BY day, trigger",
                (self.owner,),
            ):
                days[day].append(trigger)
        return days

    def date_span(self) -> tuple[date, date] | None:
        with self._read() as conn:
            # Subqueries, so each end is read straight off an index.
            first, last, first_day, last_day = conn.execute(
                """SELECT (SELECT min(started_at) FROM episode WHERE owner = :o),
                          (SELECT max(started_at) FROM episode WHERE owner = :o),
                          (SELECT min(day) FROM checked_day WHERE owner = :o),
                          (SELECT max(day) FROM checked_day WHERE owner = :o)""",
                {"o": self.owner},
            ).fetchone()
        if first is None:
            return None
        ends = [datetime.fromisoformat(first).date(), datetime.fromisoformat(last).date()]
        days = [date.fromisoformat(d) for d in (first_day, last_day) if d]
        return min(ends + days), max(ends + days)

    def _frame(self, sql: str, params: list, columns: list[str]) -> pd.DataFrame:
        with self._read() as conn:
            rows = conn.execute(sql, params).fetchall()
        return pd.DataFrame(rows, columns=columns)

    # Chart reads: from the per-day summaries, never one row per episode.

    def weekly(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT date(day, '-6 days', 'weekday 1') AS week, sum(episodes),
                       CAST(sum(severity_sum) AS REAL) / nullif(sum(severity_n), 0),
                       sum(severity_n)
                FROM episode_daily WHERE {clause} GROUP BY week ORDER BY week""",
            params,
            ["week", "episodes", "mean_severity", "rated"],
        )

    def trigger_counts(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT trigger, sum(episodes) AS n FROM trigger_daily WHERE {clause}
                GROUP BY trigger ORDER BY n DESC, trigger""",
            params,
            ["trigger", "episodes"],
        )

    def region_counts(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT region, sum(episodes) AS n FROM episode_daily WHERE {clause}
                GROUP BY region ORDER BY n DESC, region""",
            params,
            ["region", "episodes"],
        )

    def hour_weekday(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT (CAST(strftime('%w', day) AS INTEGER) + 6) % 7 AS weekday, hour,
                       sum(episodes)
                FROM episode_daily WHERE {clause} GROUP BY weekday, hour""",
            params,
            ["weekday", "hour", "episodes"],
        )

    def relief_outcomes(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT region, relief, helped, sum(episodes) FROM relief_daily
                WHERE {clause} AND helped != '' GROUP BY region, relief, helped""",
            params,
            ["region", "relief", "helped", "episodes"],
        )

    def day_facts(self, where: Filter) -> tuple[pd.DataFrame, pd.DataFrame]:
        clause, params = _day_where(where, self.owner)
        days_only, days_params = _day_where(Filter(start=where.start, end=where.end), self.owner)
        days = self._frame(
            f"""SELECT day, sum(cramps) FROM (
                    SELECT day, episodes AS cramps FROM episode_daily WHERE {clause}
                    UNION ALL
                    SELECT day, 0 FROM checked_day WHERE {days_only})
                GROUP BY day""",
            params + days_params,
            ["day", "cramps"],
        )
        exposures = self._frame(
            f"""SELECT day, trigger FROM trigger_daily WHERE {clause}
                UNION
                SELECT day, trigger FROM day_trigger WHERE {days_only}""",
            params + days_params,
            ["day", "trigger"],
        )
        return days, exposures


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement knows where they end)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
