"""In a real browser: time until the body map is visible, against a hello-world app's text.

Both servers run side by side on this machine; each visit uses a fresh browser context.
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from pathlib import Path

from bench.baselines import HELLO, PLOTLY_ALONE
from bench.figures import Figure
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, running_server

HELLO_TEXT = "text=Hello world"
MAP = 'role=button[name="Calf, left side"]'


def _visible_seconds(page, url: str, selector: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.locator(selector).first.wait_for(state="visible", timeout=60_000)
    return time.perf_counter() - start


def _median_visible(browser, url: str, selector: str, runs: int, *, fresh: bool) -> float:
    """Median time to `selector` visible over `runs` navigations: each in a fresh context
    (nothing cached) or all in one context (a returning visitor's browser cache)."""
    times = []
    context = None if fresh else browser.new_context(viewport={"width": 1280, "height": 900})
    if context:
        _visible_seconds(context.new_page(), url, selector)  # warm the cache once
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}) if fresh else context
        page = ctx.new_page()
        times.append(_visible_seconds(page, url, selector))
        page.close()
        if fresh:
            ctx.close()
    if context:
        context.close()
    return statistics.median(times)


def run(quick: bool) -> list[Figure]:
    from playwright.sync_api import sync_playwright

    runs = 3 if quick else 10
    with tempfile.TemporaryDirectory(prefix="cramp-bench-browser-") as tmp:
        folder = Path(tmp)
        hello_folder, plotly_folder = folder / "hello", folder / "plotly"
        for sub, script in ((hello_folder, HELLO), (plotly_folder, PLOTLY_ALONE)):
            sub.mkdir()
            (sub / "page.py").write_text(script)
        with contextlib.ExitStack() as servers:
            started = time.perf_counter()
            app_url = servers.enter_context(running_server(folder))
            startup = time.perf_counter() - started
            hello_url, plotly_url = (
                servers.enter_context(running_server(sub, script="page.py", cwd=sub))
                for sub in (hello_folder, plotly_folder)
            )
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                figures = {}
                for fresh in (False, True):
                    app = _median_visible(browser, app_url + "/", MAP, runs, fresh=fresh)
                    hello = _median_visible(browser, hello_url + "/", HELLO_TEXT, runs, fresh=fresh)
                    figures[fresh] = (app, hello)
                plotly = _median_visible(browser, plotly_url + "/", MAP, runs, fresh=False)
                browser.close()
    (app, hello), (app_cold, hello_cold) = figures[False], figures[True]
    return [
        Figure("browser.body_map_visible_ms", app * 1000, "ms"),
        Figure("browser.hello_world_visible_ms", hello * 1000, "ms"),
        Figure("browser.body_map_vs_hello", app / hello, "x", 1.5),
        Figure("browser.plotly_chart_alone_vs_hello", plotly / hello, "x"),
        Figure("browser.first_visit_body_map_vs_hello", app_cold / hello_cold, "x"),
        Figure("browser.app_server_start_ms", startup * 1000, "ms"),
    ]
