"""Start the app with `streamlit run` on a free port, and the Chromium that drives it.

Shared by the browser tests and the browser benchmark.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CRAMPCARE_CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServerFailed(RuntimeError):
    """The server exited or never answered its health check."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(workdir: Path, script: str = "app.py", cwd: Path = ROOT) -> Iterator[str]:
    """Start `streamlit run SCRIPT` on a free port, with its own journal file in `workdir`;
    wait for its health check, stop it after."""
    port = _free_port()
    log = workdir / "streamlit.log"
    env = {**os.environ, "CRAMPCARE_DB": str(workdir / "journal.db")}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", script,
                "--server.headless", "true",
                "--server.address", "127.0.0.1",
                "--server.port", str(port),
                "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _healthy(base):
            if proc.poll() is not None:
                raise ServerFailed(f"streamlit exited early:\n{log.read_text()}")
            if time.monotonic() > deadline:
                raise ServerFailed(f"streamlit did not answer in 30 s:\n{log.read_text()}")
            time.sleep(0.02)  # polling the health check, not waiting on a page
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
            return r.read() == b"ok"
    except OSError:
        return False
