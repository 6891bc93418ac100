"""Real-browser fixtures: a `streamlit run` server on a free port and Debian's Chromium driven by Playwright.

Every page a test opens records requests to any host but the app; the test fails if there is one.
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

import pytest
from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
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
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(workdir: Path) -> Iterator[str]:
    """Start `streamlit run app.py` on a free port, with its own journal file in `workdir`;
    wait for its health check, stop it after."""
    port = _free_port()
    log = workdir / "streamlit.log"
    env = {**os.environ, "CRAMPCARE_DB": str(workdir / "journal.db")}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.headless", "true",
                "--server.address", "127.0.0.1",
                "--server.port", str(port),
                "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _healthy(base):
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited early:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer in 30 s:\n{log.read_text()}")
            time.sleep(0.1)  # polling the health check, not waiting on a page
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


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the tests that only read; yields its base URL."""
    with running_server(tmp_path_factory.mktemp("server")) as base:
        yield base


@pytest.fixture
def journal_visit(
    browser: Browser, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Visit]:
    """A tab on a server of its own with an empty journal: for tests that write."""
    with (
        running_server(tmp_path) as base,
        tab(browser, base, request.node.name, {"width": 1280, "height": 1400}) as v,
    ):
        v.journal_path = tmp_path / "journal.db"
        yield v


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see README)")
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


class Visit:
    """One browser tab on the app, with a record of every request to another host."""

    def __init__(self, page: Page, base: str, name: str):
        self.page, self.base, self.name = page, base, name
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith((self.base + "/", *LOCAL_SCHEMES)):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def open(self, path: str = "/") -> Page:
        self.page.goto(self.base + path)
        return self.page

    def screenshot(self, label: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{label}.png"
        self.page.screenshot(path=str(path))
        return path


@contextlib.contextmanager
def tab(browser: Browser, base: str, name: str, size: dict) -> Iterator[Visit]:
    """A fresh browser context on the app; on exit, fails if anything went to another host."""
    context = browser.new_context(viewport=size, accept_downloads=True)
    page = context.new_page()
    visit = Visit(page, base, name)
    context.route("**/*", visit.route)
    yield visit
    context.close()
    assert visit.foreign == [], f"requests to other hosts: {visit.foreign}"
    assert visit.dialogs == [], f"unexpected dialogs: {visit.dialogs}"


@pytest.fixture
def visit(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A fresh desktop-sized tab; fails the test if the page talked to any other host."""
    with tab(browser, server, request.node.name, {"width": 1280, "height": 1400}) as v:
        yield v


@pytest.fixture
def phone(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A fresh phone-sized tab (390 px wide), with the same checks."""
    with tab(browser, server, request.node.name, {"width": 390, "height": 844}) as v:
        yield v
