"""What a person feels, in Chromium against real servers: how long each page takes to be
drawn with the script idle, moving between pages, and the 3 a.m. journey on a phone.

Every figure is a ratio to the smallest Streamlit app doing the same kind of thing, served
beside the app and measured in the same run, the two alternating, medians of the rounds:
a page against a hello-world page, a page built around a plotly chart or a data grid
against a page with just that widget, a move between pages against a button's rerun.
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.baselines import SMALLEST
from bench.figures import Figure
from bench.pages import journal_file
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, running_server

PLOT = (".js-plotly-plot .main-svg", "")
GRID = ('[data-testid="stDataFrame"]', "")
HELLO = ("p", "Hello world")
EPISODES = 10_000

# (name, path, what shows the page is drawn, baseline path, baseline's sign, target)
LOADS = (
    ("home", "/", ('[data-region="calf"][data-side="left"]', ""), "/", HELLO, 1.3),
    ("relief", "/relief?region=calf", (".clock", ""), "/", HELLO, 1.3),
    ("causes", "/causes", ("h3", "Your prevention plan"), "/", HELLO, 1.3),
    ("about", "/about", ("h3", "Sources"), "/", HELLO, 1.3),
    ("data_10k", "/data", ("button", "Download all my data (JSON)"), "/", HELLO, 1.3),
    ("insights_10k", "/insights", PLOT, "/chart", PLOT, 1.2),
    ("journal_10k", "/journal", GRID, "/grid", GRID, 1.2),
)  # fmt: skip

# (name, nav link, what shows it is drawn, baseline: None for a button rerun, or nav link)
MOVES = (
    ("home", "Where is the cramp?", ('[data-region="calf"][data-side="left"]', ""), None),
    ("relief", "Relief", ("h1", "Relief for a cramp"), None),
    ("causes", "Causes and prevention", ("h3", "Your prevention plan"), None),
    ("about", "About and sources", ("h3", "Sources"), None),
    ("data_10k", "Your data", ("button", "Download all my data (JSON)"), None),
    ("insights_10k", "Insights", PLOT, ("Chart", PLOT)),
    ("journal_10k", "Journal", GRID, ("Grid", GRID)),
)  # fmt: skip

DRAWN = """([css, text]) => {
    const found = (root) => [...root.querySelectorAll(css)].some(
        (e) => e.textContent.includes(text) && e.getClientRects().length > 0
    ) || [...root.querySelectorAll("*")].some((e) => e.shadowRoot && found(e.shadowRoot));
    return found(document)
        && document.querySelector('[data-test-script-state="notRunning"]') !== null;
}"""
"""True once an element matching css (inside components too) that holds the text is on
screen and the script is idle: checked on every animation frame, so the time is the page's."""


def _drawn(page, sign: tuple[str, str]) -> None:
    page.wait_for_function(DRAWN, arg=list(sign), polling="raf", timeout=120_000)


def _timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _paired(app: Callable[[], float], base: Callable[[], float], rounds: int) -> float:
    """Median of app times over median of baseline times, the two alternating."""
    app(), base()  # the browser's cache and the servers are warm from here on
    apps, bases = [], []
    for _ in range(rounds):
        apps.append(app())
        bases.append(base())
    return statistics.median(apps) / statistics.median(bases)


def _load(page, url: str, sign: tuple[str, str]) -> Callable[[], float]:
    return lambda: _timed(lambda: (page.goto(url), _drawn(page, sign)))


def _move(page, start: str, link: str, sign: tuple[str, str]) -> Callable[[], float]:
    """Open `start` (not timed), then time a click on the navigation link."""

    def move() -> float:
        page.goto(start)
        _drawn(page, ("a", link))
        return _timed(
            lambda: (
                page.get_by_role("link", name=link, exact=True).first.click(),
                _drawn(page, sign),
            )
        )

    return move


def _click_hello(page, base: str) -> Callable[[], float]:
    """Time a button's rerun on the hello-world page."""

    def click() -> float:
        if "Clicked" not in page.content():
            page.goto(base + "/")
            _drawn(page, HELLO)
        before = page.get_by_text("Clicked").inner_text()
        clicks = int(before.split()[-1]) + 1
        return _timed(
            lambda: (
                page.get_by_role("button", name="Click").click(),
                _drawn(page, ("p", f"Clicked {clicks}")),
            )
        )

    return click


def run(quick: bool) -> list[Figure]:
    from playwright.sync_api import sync_playwright

    rounds = 2 if quick else 9
    episodes = 1_000 if quick else EPISODES
    with (
        tempfile.TemporaryDirectory(prefix="cramp-bench-browser-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        folder = Path(tmp)
        (folder / "app").mkdir()
        journal_file(folder, episodes).rename(folder / "app" / "journal.db")
        (folder / "smallest").mkdir()
        (folder / "smallest" / "smallest.py").write_text(SMALLEST)
        started = time.perf_counter()
        app = stack.enter_context(running_server(folder / "app"))
        startup = time.perf_counter() - started
        small = stack.enter_context(
            running_server(folder / "smallest", script="smallest.py", cwd=folder / "smallest")
        )
        p = stack.enter_context(sync_playwright())
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # One context each: a second tab in a context is a background tab, and a background
        # tab's timers and animation frames are held back.
        mine, theirs = (
            browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
            for _ in range(2)
        )
        figures = [Figure("browser.app_server_start_ms", startup * 1000, "ms")]

        hello_ms = []
        for name, path, sign, base_path, base_sign, target in LOADS:
            ratio = _paired(
                _load(mine, app + path, sign), _load(theirs, small + base_path, base_sign), rounds
            )
            figures.append(Figure(f"browser.load.{name}_vs_smallest", ratio, "x", target))
        hello_ms.append(_load(theirs, small + "/", HELLO)() * 1000)

        for name, link, sign, baseline in MOVES:
            start = "/relief" if name == "home" else "/"
            if baseline is None:
                base = _click_hello(theirs, small)
                target = 1.5
            else:
                base = _move(theirs, small + "/", *baseline)
                target = 1.5
            ratio = _paired(_move(mine, app + start, link, sign), base, rounds)
            figures.append(Figure(f"browser.move.{name}_vs_smallest", ratio, "x", target))

        night, other = (
            browser.new_context(
                viewport={"width": 390, "height": 844},
                has_touch=True,
                is_mobile=True,
                locale="en-GB",
            ).new_page()
            for _ in range(2)
        )

        def to_countdown() -> float:
            def journey() -> None:
                night.goto(app + "/")
                night.get_by_role("button", name="Calf cramp: stretch now").tap()
                _drawn(night, ("button", "Pause"))
                _drawn(night, (".clock", ""))

            return _timed(journey)

        ratio = _paired(to_countdown, _load(other, small + "/", HELLO), rounds)
        figures.append(
            Figure("browser.night.open_to_running_countdown_vs_hello_load", ratio, "x", 1.6)
        )

        sides = iter(("left", "right") * (rounds + 2))

        def tap_map() -> float:
            side = next(sides)
            if night.locator(f'[data-region="calf"][data-side="{side}"]').count() == 0:
                night.goto(app + "/")
                _drawn(night, (f'[data-region="calf"][data-side="{side}"]', ""))
            return _timed(
                lambda: (
                    night.get_by_role("button", name=f"Calf, {side} side", exact=True).tap(),
                    _drawn(night, ("button", f"Stretch now: calf, {side} side")),
                )
            )

        night.goto(app + "/")
        _drawn(night, ('[data-region="calf"][data-side="left"]', ""))
        ratio = _paired(tap_map, _click_hello(other, small), rounds)
        figures.append(Figure("browser.night.map_tap_to_stretch_vs_button", ratio, "x", 1.5))
        browser.close()
    figures.append(Figure("browser.hello_world_load_ms", statistics.median(hello_ms), "ms"))
    return figures
