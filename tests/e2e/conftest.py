"""Real-browser fixtures: a `streamlit run` server on a free port and Debian's Chromium driven by Playwright.

Every page a test opens records requests to any host but the app; the test fails if there is one.
"""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A headless Streamlit server for the whole session; yields its base URL."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    env = {**os.environ, "CRAMPCARE_DATA_DIR": str(tmp_path_factory.mktemp("data"))}
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
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.terminate()
            pytest.fail(f"streamlit did not answer in 30 s:\n{log.read_text()}")
        time.sleep(0.1)  # polling the health check, not waiting on the page
    yield base
    proc.terminate()
    proc.wait(timeout=10)


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


def _visit(
    browser: Browser, server: str, request: pytest.FixtureRequest, size: dict
) -> Iterator[Visit]:
    context = browser.new_context(viewport=size, accept_downloads=True)
    page = context.new_page()
    visit = Visit(page, server, request.node.name)
    context.route("**/*", visit.route)
    yield visit
    context.close()
    assert visit.foreign == [], f"requests to other hosts: {visit.foreign}"
    assert visit.dialogs == [], f"unexpected dialogs: {visit.dialogs}"


@pytest.fixture
def visit(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A fresh desktop-sized tab; fails the test if the page talked to any other host."""
    yield from _visit(browser, server, request, {"width": 1280, "height": 1400})


@pytest.fixture
def phone(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A fresh phone-sized tab (390 px wide), with the same checks."""
    yield from _visit(browser, server, request, {"width": 390, "height": 844})
