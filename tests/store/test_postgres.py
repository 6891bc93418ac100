"""The PostgreSQL journal in particular: row-level security as a second wall between owners,
its migrations, and reconnecting after the server drops a connection or restarts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import psycopg
import pytest

from crampcare.episodes import Episode
from crampcare.store import Filter, StoreError, postgres
from crampcare.store.postgres import PostgresJournal


def ep(day: int = 1, **kw) -> Episode:
    return Episode(started_at=datetime(2026, 3, day, 3, 15), region="calf", **kw)


@pytest.fixture
def pool(postgres_url: str) -> Iterator:
    pool = postgres.open_pool(postgres_url)
    postgres.migrate(pool)
    yield pool
    pool.close()


@pytest.fixture
def alice_and_bob(pool) -> tuple[PostgresJournal, PostgresJournal]:
    alice, bob = PostgresJournal(pool, "issuer|alice"), PostgresJournal(pool, "issuer|bob")
    alice.add(ep(1, notes="alice 1", triggers=("cold",), relief=("stretch",), helped="yes"))
    alice.add(ep(2, notes="alice 2"))
    alice.set_day_triggers({date(2026, 3, 5): ["alcohol"]})
    bob.add(ep(3, notes="bob 1", triggers=("Wine",)))
    return alice, bob


def acting_as(pool, owner: str | None):
    """A raw transaction of the app's role, acting for `owner` (or for nobody)."""
    conn = pool.getconn()
    conn.autocommit = False
    if owner is not None:
        conn.execute("SELECT set_config('crampcare.owner', %s, true)", (owner,))
    return conn


def test_a_query_that_forgets_its_owner_filter_still_sees_one_owners_rows(
    pool, alice_and_bob, postgres_server
) -> None:
    conn = acting_as(pool, "issuer|bob")
    try:
        # No WHERE owner = ... anywhere below: row-level security alone keeps Alice out.
        assert conn.execute("SELECT notes FROM episode").fetchall() == [("bob 1",)]
        assert conn.execute("SELECT count(*) FROM episode_trigger").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM day_trigger").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM episode_daily").fetchone()[0] == 1
        assert conn.execute("UPDATE episode SET notes = 'everyone''s'").rowcount == 1
        assert conn.execute("DELETE FROM checked_day").rowcount == 0
    finally:
        conn.rollback()
        pool.putconn(conn)
    everyone = postgres_server.admin(
        "SELECT string_agg(notes, ',' ORDER BY notes) FROM episode",
        database=postgres.describe(pool.conninfo).rsplit("/", 1)[1],
    )
    assert everyone == "alice 1,alice 2,bob 1", "the rows are there; Bob just can't see them"


def test_a_connection_acting_for_nobody_sees_nothing(pool, alice_and_bob) -> None:
    conn = acting_as(pool, None)
    try:
        assert conn.execute("SELECT count(*) FROM episode").fetchone()[0] == 0
    finally:
        conn.rollback()
        pool.putconn(conn)


def test_an_owner_cannot_write_a_row_in_anothers_name(pool, alice_and_bob) -> None:
    conn = acting_as(pool, "issuer|bob")
    try:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO episode (owner, submission_id, started_at, region) "
                "VALUES ('issuer|alice', 'planted', now(), 'calf')"
            )
    finally:
        conn.rollback()
        pool.putconn(conn)


def test_the_journal_keeps_owners_apart_even_if_its_filter_forgot_the_owner(
    alice_and_bob, monkeypatch
) -> None:
    """Break the store's own owner filter: row-level security still holds the line."""
    alice, bob = alice_and_bob

    def forgetful(where: Filter, owner: str) -> tuple[str, list]:
        return "TRUE", []

    monkeypatch.setattr(postgres, "_where", forgetful)
    assert [e.notes for e in bob.episodes()] == ["bob 1"]
    assert bob.count() == 1 and alice.count() == 2


def test_migrating_again_changes_nothing_and_app_servers_may_start_together(
    pool, postgres_url
) -> None:
    PostgresJournal(pool, "x").add(ep())
    others = [postgres.open_pool(postgres_url) for _ in range(3)]
    try:
        for other in others:
            postgres.migrate(other)
    finally:
        for other in others:
            other.close()
    with pool.connection() as conn:
        versions = conn.execute("SELECT version FROM schema_migration").fetchall()
    assert versions == [(n,) for n in range(1, postgres.SCHEMA_VERSION + 1)]
    assert PostgresJournal(pool, "x").count() == 1


def test_a_dropped_connection_is_replaced_without_a_page_failing(
    pool, alice_and_bob, postgres_server
) -> None:
    alice, _ = alice_and_bob
    assert alice.count() == 2
    database = postgres.describe(pool.conninfo).rsplit("/", 1)[1]
    postgres_server.admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{database}' AND pid <> pg_backend_pid()"
    )
    assert alice.count() == 2, "the pool checks each connection before handing it out"


def test_a_restarted_server_is_reached_again_and_a_failure_in_between_is_a_store_error(
    pool, alice_and_bob, postgres_server
) -> None:
    alice, _ = alice_and_bob
    postgres_server.restart()
    try:
        alice.add(ep(9, notes="after the restart"))
    except StoreError:  # a connection from before the restart may fail once, calmly
        alice.add(ep(9, notes="after the restart"))
    assert alice.count() == 3
