"""Real-browser fixtures: a `streamlit run` server on a free port and Debian's Chromium driven by Playwright.

Every page a test opens records requests to any host but the app; the test fails if there is one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from tests.e2e.server import running_server

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LOCAL_SCHEMES = ("data:", "blob:", "about:")


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
