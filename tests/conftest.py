"""Shared by every test: each test gets its own empty journal file, never a real one."""

import os
from pathlib import Path

import pytest
from hypothesis import settings


@pytest.fixture(autouse=True)
def journal_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The journal file this test's app sessions use (through $CRAMPCARE_DB)."""
    path = tmp_path / "journal.db"
    monkeypatch.setenv("CRAMPCARE_DB", str(path))
    return path


# CI explores a fixed set of generated examples, so a run is repeatable; locally they vary.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
