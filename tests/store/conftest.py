"""The journal backends the contract suite runs against, each opened fresh for every test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crampcare.store import LOCAL_OWNER, Journal, SQLiteJournal

Opener = Callable[..., Journal]


@pytest.fixture(params=["sqlite"])
def open_journal(request: pytest.FixtureRequest, tmp_path: Path) -> Opener:
    """Opens one owner's journal in a database of this test's own, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "contract.db"
        return lambda owner=LOCAL_OWNER: SQLiteJournal(path, owner)
    raise AssertionError(request.param)


@pytest.fixture
def journal(open_journal: Opener) -> Journal:
    return open_journal()
