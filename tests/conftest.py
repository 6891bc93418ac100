"""Shared by every test: each test gets its own empty journal file, never a real one."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def journal_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The journal file this test's app sessions use (through $CRAMPCARE_DB)."""
    path = tmp_path / "journal.db"
    monkeypatch.setenv("CRAMPCARE_DB", str(path))
    return path
