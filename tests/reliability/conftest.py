"""The reliability suite's figures: each test records what it proved, printed after the run."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable

import pytest

FIGURES: list[str] = []
KILLS = int(os.environ.get("RELIABILITY_KILLS", "50"))
"""SIGKILL rounds in the crash test: 50 by default (CI); set more to search harder."""


@pytest.fixture
def record() -> Callable[[str], None]:
    """Note a figure for the summary printed at the end of the run."""
    return FIGURES.append


def pytest_terminal_summary(terminalreporter) -> None:
    if FIGURES:
        terminalreporter.section(f"reliability figures (SQLite {sqlite3.sqlite_version})")
        for line in FIGURES:
            terminalreporter.write_line(line)
