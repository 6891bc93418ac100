"""Real-browser fixtures: a `streamlit run` server on a free port and Debian's Chromium driven by Playwright.

Every page a test opens records requests to any host but the app; the test fails if there is one.

CI runs on a loaded 2-core machine, so tests wait on states (an element shown, a file
stored), never on time, and with generous limits: each server is warmed up by one real page
load before a test uses it, and Playwright's `expect` waits up to EXPECT_MS.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, Route, expect, sync_playwright

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, running_server

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LOCAL_SCHEMES = ("data:", "blob:", "about:")
EXPECT_MS = 20_000
"""How long an `expect` waits for a state: ample for a rerun on a loaded machine."""
ACTION_MS = 30_000
FIRST_LOAD_MS = 90_000
"""A server's first page imports pandas and plotly; on a busy machine that takes a while."""

expect.set_options(timeout=EXPECT_MS)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, shared by every browser test."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see README)")
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


def warm_up(browser: Browser, base: str) -> None:
    """Load the home page once, so the server's first (slow) run is behind us."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "/", timeout=FIRST_LOAD_MS)
        expect(page.get_by_role("heading", name="Where is the cramp?")).to_be_visible(
            timeout=FIRST_LOAD_MS
        )
    finally:
        context.close()


@contextlib.contextmanager
def warm_server(browser: Browser, workdir: Path) -> Iterator[str]:
    with running_server(workdir) as base:
        warm_up(browser, base)
        yield base


@pytest.fixture(scope="session")
def server(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the tests that only read; yields its base URL."""
    with warm_server(browser, tmp_path_factory.mktemp("server")) as base:
        yield base


@pytest.fixture
def journal_visit(
    browser: Browser, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Visit]:
    """A tab on a server of its own with an empty journal: for tests that write."""
    with (
        warm_server(browser, tmp_path) as base,
        tab(browser, base, request.node.name, {"width": 1280, "height": 1400}) as v,
    ):
        v.journal_path = tmp_path / "journal.db"
        yield v


def settled(page: Page) -> None:
    """Wait until the app's script has finished its run. Call it after seeing something the
    run in question drew: a run streams its elements, so what comes later may still be old."""
    expect(page.locator('[data-test-script-state="notRunning"]')).to_have_count(1)


def styled(page: Page) -> None:
    """Wait until the app's own stylesheet is on the page: it comes with the first run, a
    moment after the page itself, and sizes and colours are Streamlit's own until then."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('44px'))"
    )


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option in a selectbox the way a keyboard user does: type, then pick it."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    expect(box).to_have_value(option)


class Visit:
    """One browser tab on the app, with a record of every request the app's pages made to
    another host. `also` names other servers a journey visits on purpose (the login
    provider); their own pages' requests elsewhere are blocked but are not the app's."""

    def __init__(self, page: Page, base: str, name: str, also: tuple[str, ...] = ()):
        self.page, self.base, self.name, self.also = page, base, name, also
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith((self.base + "/", *(a + "/" for a in self.also), *LOCAL_SCHEMES)):
            route.continue_()
            return
        route.abort()
        frame = route.request.frame.url if route.request.frame else ""
        if not frame.startswith(tuple(a + "/" for a in self.also)):
            self.foreign.append(url)

    def open(self, path: str = "/") -> Page:
        self.page.goto(self.base + path, timeout=FIRST_LOAD_MS)
        return self.page

    def screenshot(self, label: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{label}.png"
        self.page.screenshot(path=str(path))
        return path


@contextlib.contextmanager
def tab(
    browser: Browser,
    base: str,
    name: str,
    size: dict,
    *,
    touch: bool = False,
    locale: str = "en-GB",
    also: tuple[str, ...] = (),
) -> Iterator[Visit]:
    """A fresh browser context on the app (a British English browser unless told otherwise,
    so the guide's place is the UK); on exit, fails if anything went to another host or the
    app showed an error screen."""
    context = browser.new_context(
        viewport=size, accept_downloads=True, has_touch=touch, is_mobile=touch, locale=locale
    )
    context.set_default_timeout(ACTION_MS)
    page = context.new_page()
    visit = Visit(page, base, name, also)
    context.route("**/*", visit.route)
    yield visit
    crashes = page.get_by_test_id("stException").count()
    context.close()
    assert visit.foreign == [], f"requests to other hosts: {visit.foreign}"
    assert visit.dialogs == [], f"unexpected dialogs: {visit.dialogs}"
    assert crashes == 0, "the app showed an error screen"


@pytest.fixture
def visit(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A fresh desktop-sized tab; fails the test if the page talked to any other host."""
    with tab(browser, server, request.node.name, {"width": 1280, "height": 1400}) as v:
        yield v


@pytest.fixture
def phone(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A fresh phone-sized tab (390 px wide, touch), with the same checks."""
    with tab(browser, server, request.node.name, {"width": 390, "height": 844}, touch=True) as v:
        yield v
