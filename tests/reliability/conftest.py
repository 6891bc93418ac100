"""The reliability suite: each test proves a promise and records its figures (see
tests/conftest.py), printed after the run."""

from __future__ import annotations

import os

KILLS = int(os.environ.get("RELIABILITY_KILLS", "50"))
"""SIGKILL rounds in the crash test: 50 by default (CI); set more to search harder."""
