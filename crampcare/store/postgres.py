"""The hosted journal: PostgreSQL through psycopg 3 and a connection pool, for one owner.

Every transaction first names its owner (`crampcare.owner`), and row-level security lets it
see and write that owner's rows only: a second wall behind the owner filter every query
carries anyway. Writes of one owner take turns (a transaction-scoped advisory lock), so the
per-day summaries they refresh never race; different owners write side by side.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pandas as pd
import psycopg
import psycopg_pool
from psycopg.conninfo import conninfo_to_dict

from crampcare.episodes import Episode, check_triggers
from crampcare.store.base import (
    EVERYTHING,
    REFRESH_ALL_ABOVE,
    EpisodeNotFound,
    Filter,
    StoreBusy,
    StoreUnavailable,
    episode_from_row,
    migration_scripts,
)

POOL_TIMEOUT_S = 5.0
"""How long a page waits for a free connection (or a server coming back) before saying so."""
MIGRATION_LOCK = 20_261_125
"""Advisory lock id: app servers starting together migrate one at a time."""


MIGRATIONS = migration_scripts("postgres")
SCHEMA_VERSION = len(MIGRATIONS)


def open_pool(url: str, max_size: int = 8) -> psycopg_pool.ConnectionPool:
    """A pool of connections to `url`, each checked before use, so a connection the server
    dropped (a restart, a terminated backend) is replaced instead of failing a page."""
    return psycopg_pool.ConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        kwargs={"autocommit": True, "connect_timeout": 5},
        check=psycopg_pool.ConnectionPool.check_connection,
        timeout=POOL_TIMEOUT_S,
        name="crampcare",
        open=True,
    )


def describe(url: str) -> str:
    """The database a URL names, without its password: for cache keys and the data page."""
    parts = conninfo_to_dict(url)
    return f"{parts.get('host', '')}:{parts.get('port', '5432')}/{parts.get('dbname', '')}"


@contextmanager
def _store_errors() -> Iterator[None]:
    """psycopg's failures, as the errors callers handle. A broken constraint or a bad query
    is a bug and is left alone."""
    try:
        yield
    except psycopg_pool.PoolTimeout as e:
        raise StoreBusy("no database connection came free in time") from e
    except (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled) as e:
        raise StoreBusy(str(e)) from e
    except (psycopg.OperationalError, psycopg.InterfaceError) as e:
        raise StoreUnavailable(str(e)) from e


def _where(where: Filter, owner: str) -> tuple[str, list]:
    clauses, params = ["e.owner = %s"], [owner]
    if where.start:
        clauses.append("e.started_at >= %s")
        params.append(datetime.combine(where.start, datetime.min.time()))
    if where.end:
        clauses.append("e.started_at < %s")
        params.append(datetime.combine(where.end + timedelta(days=1), datetime.min.time()))
    if where.regions:
        clauses.append("e.region = ANY(%s)")
        params.append(list(where.regions))
    if where.triggers:
        clauses.append(
            "e.id IN (SELECT episode_id FROM episode_trigger WHERE owner = %s AND trigger = ANY(%s))"
        )
        params += [owner, list(where.triggers)]
    return " AND ".join(clauses), params


def _day_where(where: Filter, owner: str) -> tuple[str, list]:
    if where.triggers:
        raise ValueError("summaries can't be filtered by trigger")
    clauses, params = ["owner = %s"], [owner]
    if where.start:
        clauses.append("day >= %s")
        params.append(where.start)
    if where.end:
        clauses.append("day <= %s")
        params.append(where.end)
    if where.regions:
        clauses.append("region = ANY(%s)")
        params.append(list(where.regions))
    return " AND ".join(clauses), params


_EPISODE_COLUMNS = """
    e.id, e.submission_id, e.started_at, e.region, e.side, e.severity,
    e.duration_seconds, e.helped, e.notes,
    coalesce((SELECT array_agg(trigger ORDER BY position) FROM episode_trigger
              WHERE episode_id = e.id), '{}'),
    coalesce((SELECT array_agg(relief ORDER BY position) FROM episode_relief
              WHERE episode_id = e.id), '{}')
"""
_FIELDS = ("started_at", "region", "side", "severity", "duration_seconds", "helped", "notes")

_SUMMARIES = {
    "episode_daily": """
        SELECT e.owner, e.started_at::date, e.region, extract(hour FROM e.started_at)::int,
               count(*), coalesce(sum(e.severity), 0), count(e.severity)
        FROM episode e WHERE {where} GROUP BY 1, 2, 3, 4""",
    "trigger_daily": """
        SELECT e.owner, e.started_at::date, e.region, t.trigger, count(*)
        FROM episode_trigger t JOIN episode e ON e.id = t.episode_id
        WHERE {where} GROUP BY 1, 2, 3, 4""",
    "relief_daily": """
        SELECT e.owner, e.started_at::date, e.region, r.relief, coalesce(e.helped, ''), count(*)
        FROM episode_relief r JOIN episode e ON e.id = r.episode_id
        WHERE {where} GROUP BY 1, 2, 3, 4, 5""",
}


def _refresh(conn: psycopg.Connection, owner: str, days: set[date] | None) -> None:
    if days is None or len(days) > REFRESH_ALL_ABOVE:
        for table, select in _SUMMARIES.items():
            conn.execute(f"DELETE FROM {table} WHERE owner = %s", (owner,))
            conn.execute(f"INSERT INTO {table} " + select.format(where="e.owner = %s"), (owner,))
        return
    for day in days:
        start = datetime.combine(day, datetime.min.time())
        for table, select in _SUMMARIES.items():
            conn.execute(f"DELETE FROM {table} WHERE owner = %s AND day = %s", (owner, day))
            conn.execute(
                f"INSERT INTO {table} "
                + select.format(where="e.owner = %s AND e.started_at >= %s AND e.started_at < %s"),
                (owner, start, start + timedelta(days=1)),
            )


def migrate(pool: psycopg_pool.ConnectionPool) -> None:
    """Bring the database up to SCHEMA_VERSION, one migration per transaction; app servers
    starting at once take turns."""
    with _store_errors(), pool.connection() as conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migration (version integer NOT NULL)")
        row = conn.execute("SELECT max(version) FROM schema_migration").fetchone()
        version = row[0] or 0
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"the database was written by a newer Cramp Care ({version})")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with conn.transaction():
                conn.execute(script)
                conn.execute("INSERT INTO schema_migration (version) VALUES (%s)", (number,))


class PostgresJournal:
    """One owner's journal in a PostgreSQL database, through a shared connection pool."""

    def __init__(
        self,
        pool: psycopg_pool.ConnectionPool,
        owner: str,
        *,
        database: str = "",
        readonly: bool = False,
    ):
        self.pool = pool
        self.owner = owner
        self.readonly = readonly
        self.database = database

    @property
    def key(self) -> str:
        return f"postgres:{self.database}?owner={self.owner}&readonly={self.readonly}"

    @contextmanager
    def _transaction(self, *, writing: bool = False) -> Iterator[psycopg.Connection]:
        if writing and self.readonly:
            raise PermissionError("this journal is read-only")
        with _store_errors(), self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT set_config('crampcare.owner', %s, true)", (self.owner,))
            if writing:
                conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (self.owner,))
            yield conn
            if writing:
                conn.execute(
                    """INSERT INTO revision (owner, value) VALUES (%s, 1)
                       ON CONFLICT (owner) DO UPDATE SET value = revision.value + 1""",
                    (self.owner,),
                )

    # -- writes -----------------------------------------------------------------------

    def add(self, episode: Episode) -> int:
        with self._transaction(writing=True) as conn:
            episode_id, _ = self._insert(conn, episode)
            _refresh(conn, self.owner, {episode.started_at.date()})
            return episode_id

    def add_many(self, episodes: Iterable[Episode]) -> tuple[int, int]:
        added = skipped = 0
        days: set[date] = set()
        with self._transaction(writing=True) as conn:
            for episode in episodes:
                _, new = self._insert(conn, episode)
                if new:
                    added += 1
                    days.add(episode.started_at.date())
                else:
                    skipped += 1
            _refresh(conn, self.owner, days)
        return added, skipped

    def _insert(self, conn: psycopg.Connection, episode: Episode) -> tuple[int, bool]:
        """(its id, whether it is new): the same submission id twice saves one row."""
        values = [getattr(episode, name) for name in _FIELDS]
        columns = ", ".join(_FIELDS)
        marks = ", ".join(["%s"] * len(_FIELDS))
        row = None
        if episode.id is not None:  # a restore: its old id, unless that is taken
            row = conn.execute(
                f"""INSERT INTO episode (id, owner, submission_id, {columns})
                    VALUES (%s, %s, %s, {marks}) ON CONFLICT DO NOTHING RETURNING id""",
                (episode.id, self.owner, episode.submission_id, *values),
            ).fetchone()
        if row is None:
            row = conn.execute(
                f"""INSERT INTO episode (owner, submission_id, {columns})
                    VALUES (%s, %s, {marks})
                    ON CONFLICT (owner, submission_id) DO NOTHING RETURNING id""",
                (self.owner, episode.submission_id, *values),
            ).fetchone()
        if row is None:
            existing = conn.execute(
                "SELECT id FROM episode WHERE owner = %s AND submission_id = %s",
                (self.owner, episode.submission_id),
            ).fetchone()
            return existing[0], False
        self._save_tags(conn, row[0], episode)
        return row[0], True

    def _save_tags(self, conn: psycopg.Connection, episode_id: int, episode: Episode) -> None:
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO episode_trigger (episode_id, owner, position, trigger) "
                "VALUES (%s, %s, %s, %s)",
                [(episode_id, self.owner, n, t) for n, t in enumerate(episode.triggers)],
            )
            cur.executemany(
                "INSERT INTO episode_relief (episode_id, owner, position, relief) "
                "VALUES (%s, %s, %s, %s)",
                [(episode_id, self.owner, n, r) for n, r in enumerate(episode.relief)],
            )

    def update(self, episode: Episode) -> None:
        with self._transaction(writing=True) as conn:
            old = conn.execute(
                "SELECT started_at FROM episode WHERE id = %s AND owner = %s",
                (episode.id, self.owner),
            ).fetchone()
            if old is None:
                raise EpisodeNotFound(episode.id)
            conn.execute(
                f"UPDATE episode SET {', '.join(f + ' = %s' for f in _FIELDS)} "
                "WHERE id = %s AND owner = %s",
                (*[getattr(episode, f) for f in _FIELDS], episode.id, self.owner),
            )
            conn.execute("DELETE FROM episode_trigger WHERE episode_id = %s", (episode.id,))
            conn.execute("DELETE FROM episode_relief WHERE episode_id = %s", (episode.id,))
            self._save_tags(conn, episode.id, episode)
            _refresh(conn, self.owner, {old[0].date(), episode.started_at.date()})

    def delete(self, episode_id: int) -> Episode | None:
        with self._transaction(writing=True) as conn:
            row = conn.execute(
                f"SELECT {_EPISODE_COLUMNS} FROM episode e WHERE e.id = %s AND e.owner = %s",
                (episode_id, self.owner),
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "DELETE FROM episode WHERE id = %s AND owner = %s", (episode_id, self.owner)
            )
            deleted = episode_from_row(row)
            _refresh(conn, self.owner, {deleted.started_at.date()})
            return deleted

    def restore(self, episode: Episode) -> int:
        with self._transaction(writing=True) as conn:
            episode_id, _ = self._insert(conn, episode)
            _refresh(conn, self.owner, {episode.started_at.date()})
            return episode_id

    def set_day_triggers(self, days: Mapping[date, Iterable[str]]) -> None:
        checked = {day: check_triggers(triggers) for day, triggers in days.items()}
        with self._transaction(writing=True) as conn, conn.cursor() as cur:
            for day, triggers in checked.items():
                key = (self.owner, day)
                cur.execute("DELETE FROM checked_day WHERE owner = %s AND day = %s", key)
                cur.execute("INSERT INTO checked_day (owner, day) VALUES (%s, %s)", key)
                cur.executemany(
                    "INSERT INTO day_trigger (owner, day, trigger) VALUES (%s, %s, %s)",
                    [(*key, t) for t in dict.fromkeys(triggers)],
                )

    def delete_all(self) -> None:
        with self._transaction(writing=True) as conn:
            conn.execute("DELETE FROM episode WHERE owner = %s", (self.owner,))
            conn.execute("DELETE FROM checked_day WHERE owner = %s", (self.owner,))
            _refresh(conn, self.owner, None)

    # -- reads ------------------------------------------------------------------------

    def _rows(self, sql: str, params: list | tuple | dict = ()) -> list[tuple]:
        with self._transaction() as conn:
            return conn.execute(sql, params).fetchall()

    def revision(self) -> int:
        rows = self._rows("SELECT value FROM revision WHERE owner = %s", (self.owner,))
        return rows[0][0] if rows else 0

    def get(self, episode_id: int) -> Episode | None:
        rows = self._rows(
            f"SELECT {_EPISODE_COLUMNS} FROM episode e WHERE e.id = %s AND e.owner = %s",
            (episode_id, self.owner),
        )
        return episode_from_row(rows[0]) if rows else None

    def episodes(self, where: Filter = EVERYTHING, limit: int | None = None) -> list[Episode]:
        clause, params = _where(where, self.owner)
        sql = (
            f"SELECT {_EPISODE_COLUMNS} FROM episode e WHERE {clause} "
            "ORDER BY e.started_at DESC, e.id DESC"
        )
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        return [episode_from_row(r) for r in self._rows(sql, params)]

    def count(self, where: Filter = EVERYTHING) -> int:
        clause, params = _where(where, self.owner)
        return self._rows(f"SELECT count(*) FROM episode e WHERE {clause}", params)[0][0]

    def triggers_used(self) -> list[str]:
        rows = self._rows(
            """SELECT trigger, sum(n) AS uses FROM (
                   SELECT trigger, episodes AS n FROM trigger_daily WHERE owner = %s
                   UNION ALL SELECT trigger, 1 FROM day_trigger WHERE owner = %s) AS used
               GROUP BY trigger ORDER BY uses DESC, trigger COLLATE "C"
            """,
            (self.owner, self.owner),
        )
        return [r[0] for r in rows]

    def day_triggers(self, day: date) -> list[str] | None:
        with self._transaction() as conn:
            key = (self.owner, day)
            if not conn.execute(
                "SELECT 1 FROM checked_day WHERE owner = %s AND day = %s", key
            ).fetchone():
                return None
            rows = conn.execute(
                "SELECT trigger FROM day_trigger WHERE owner = %s AND day = %s "
                'ORDER BY trigger COLLATE "C"',
                key,
            ).fetchall()
        return [r[0] for r in rows]

    def all_days(self) -> dict[str, list[str]]:
        with self._transaction() as conn:
            days = {
                d.isoformat(): []
                for (d,) in conn.execute(
                    "SELECT day FROM checked_day WHERE owner = %s ORDER BY day", (self.owner,)
                )
            }
            for day, trigger in conn.execute(
                "SELECT day, trigger FROM day_trigger WHERE owner = %s "
                'ORDER BY day, trigger COLLATE "C"',
                (self.owner,),
            ):
                days[day.isoformat()].append(trigger)
        return days

    def date_span(self) -> tuple[date, date] | None:
        first, last, first_day, last_day = self._rows(
            """SELECT (SELECT min(started_at) FROM episode WHERE owner = %(o)s),
                      (SELECT max(started_at) FROM episode WHERE owner = %(o)s),
                      (SELECT min(day) FROM checked_day WHERE owner = %(o)s),
                      (SELECT max(day) FROM checked_day WHERE owner = %(o)s)""",
            {"o": self.owner},
        )[0]
        if first is None:
            return None
        ends = [first.date(), last.date(), *(d for d in (first_day, last_day) if d)]
        return min(ends), max(ends)

    def _frame(self, sql: str, params: list, columns: list[str]) -> pd.DataFrame:
        return pd.DataFrame(self._rows(sql, params), columns=columns)

    def weekly(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week,
                       sum(episodes)::bigint,
                       sum(severity_sum)::float8 / nullif(sum(severity_n), 0),
                       sum(severity_n)::bigint
                FROM episode_daily WHERE {clause} GROUP BY week ORDER BY week""",
            params,
            ["week", "episodes", "mean_severity", "rated"],
        )

    def trigger_counts(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT trigger, sum(episodes)::bigint AS n FROM trigger_daily WHERE {clause}
                GROUP BY trigger ORDER BY n DESC, trigger COLLATE "C"
            """,
            params,
            ["trigger", "episodes"],
        )

    def region_counts(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT region, sum(episodes)::bigint AS n FROM episode_daily WHERE {clause}
                GROUP BY region ORDER BY n DESC, region COLLATE "C"
            """,
            params,
            ["region", "episodes"],
        )

    def hour_weekday(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT extract(isodow FROM day)::int - 1 AS weekday, hour, sum(episodes)::bigint
                FROM episode_daily WHERE {clause} GROUP BY weekday, hour""",
            params,
            ["weekday", "hour", "episodes"],
        )

    def relief_outcomes(self, where: Filter) -> pd.DataFrame:
        clause, params = _day_where(where, self.owner)
        return self._frame(
            f"""SELECT region, relief, helped, sum(episodes)::bigint FROM relief_daily
                WHERE {clause} AND helped != '' GROUP BY region, relief, helped""",
            params,
            ["region", "relief", "helped", "episodes"],
        )

    def day_facts(self, where: Filter) -> tuple[pd.DataFrame, pd.DataFrame]:
        clause, params = _day_where(where, self.owner)
        days_only, days_params = _day_where(Filter(start=where.start, end=where.end), self.owner)
        days = self._frame(
            f"""SELECT to_char(day, 'YYYY-MM-DD'), sum(cramps)::bigint FROM (
                    SELECT day, episodes AS cramps FROM episode_daily WHERE {clause}
                    UNION ALL
                    SELECT day, 0 FROM checked_day WHERE {days_only}) AS tracked
                GROUP BY day""",
            params + days_params,
            ["day", "cramps"],
        )
        exposures = self._frame(
            f"""SELECT to_char(day, 'YYYY-MM-DD'), trigger FROM (
                    SELECT day, trigger FROM trigger_daily WHERE {clause}
                    UNION
                    SELECT day, trigger FROM day_trigger WHERE {days_only}) AS noted""",
            params + days_params,
            ["day", "trigger"],
        )
        return days, exposures
