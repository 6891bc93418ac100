"""AppTest fixtures: the real app.py, run in-process."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture
def app() -> AppTest:
    """A fresh app session, not yet run."""
    return AppTest.from_file(str(APP), default_timeout=30)


def texts(at: AppTest, kind: str) -> str:
    """All text of one element kind (markdown, caption, error, ...) joined, for searching."""
    return "\n".join(str(e.value) for e in getattr(at, kind))
