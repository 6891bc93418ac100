"""Shared by every test: its own empty journal file (never a real one), a throwaway
PostgreSQL server for the tests that ask for one, and the figures the reliability proofs print
at the end of a run. Browser fixtures live in tests/e2e."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests import throwaway_postgres

FIGURES: list[str] = []


@pytest.fixture(autouse=True)
def journal_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The journal file this test's app sessions use (through $CRAMPCARE_DB)."""
    path = tmp_path / "journal.db"
    monkeypatch.setenv("CRAMPCARE_DB", str(path))
    return path


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[throwaway_postgres.Server]:
    """A PostgreSQL server of this test run's own, started on first use (about a second)."""
    with throwaway_postgres.running() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: throwaway_postgres.Server) -> str:
    """An empty database of this test's own on that server, owned by the app's role."""
    return postgres_server.new_database(f"test_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def record() -> Callable[[str], None]:
    """Note a figure for the summary printed at the end of the run."""
    return FIGURES.append


def pytest_terminal_summary(terminalreporter) -> None:
    if FIGURES:
        terminalreporter.section(f"reliability figures (SQLite {sqlite3.sqlite_version})")
        for line in FIGURES:
            terminalreporter.write_line(line)


# CI explores a fixed set of generated examples, so a run is repeatable; locally they vary.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
