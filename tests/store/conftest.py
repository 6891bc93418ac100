"""The journal backends the contract suite runs against, each opened fresh for every test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crampcare.store import LOCAL_OWNER, Journal, SQLiteJournal, postgres

Opener = Callable[..., Journal]


@pytest.fixture(params=["sqlite", "postgres"])
def open_journal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens one owner's journal in a database of this test's own, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "contract.db"
        yield lambda owner=LOCAL_OWNER: SQLiteJournal(path, owner)
        return
    url = request.getfixturevalue("postgres_url")
    pool = postgres.open_pool(url)
    try:
        postgres.migrate(pool)
        yield lambda owner=LOCAL_OWNER: postgres.PostgresJournal(
            pool, owner, database=postgres.describe(url)
        )
    finally:
        pool.close()


@pytest.fixture
def journal(open_journal: Opener) -> Journal:
    return open_journal()
