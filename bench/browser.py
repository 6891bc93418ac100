"""In a real browser: time until the body map is visible, against a hello-world app's text.

Both servers run side by side on this machine; each visit uses a fresh browser context.
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from pathlib import Path

from bench.figures import Figure
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, running_server

HELLO = 'import streamlit as st\nst.write("Hello world")\n'


def _visible_seconds(browser, url: str, selector: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.locator(selector).first.wait_for(state="visible", timeout=60_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def run(quick: bool) -> list[Figure]:
    from playwright.sync_api import sync_playwright

    runs = 3 if quick else 10
    with tempfile.TemporaryDirectory(prefix="cramp-bench-browser-") as tmp:
        folder = Path(tmp)
        hello_folder = folder / "hello"
        hello_folder.mkdir()
        (hello_folder / "hello.py").write_text(HELLO)
        with contextlib.ExitStack() as servers:
            started = time.perf_counter()
            app_url = servers.enter_context(running_server(folder))
            startup = time.perf_counter() - started
            hello_url = servers.enter_context(
                running_server(hello_folder, script="hello.py", cwd=hello_folder)
            )
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                _visible_seconds(browser, app_url + "/", ".js-plotly-plot")  # warm both
                _visible_seconds(browser, hello_url + "/", "text=Hello world")
                app, hello = [], []
                for _ in range(runs):
                    app.append(_visible_seconds(browser, app_url + "/", ".js-plotly-plot"))
                    hello.append(_visible_seconds(browser, hello_url + "/", "text=Hello world"))
                browser.close()
    return [
        Figure("browser.body_map_visible_ms", statistics.median(app) * 1000, "ms"),
        Figure("browser.hello_world_visible_ms", statistics.median(hello) * 1000, "ms"),
        Figure(
            "browser.body_map_vs_hello", statistics.median(app) / statistics.median(hello), "x", 1.5
        ),
        Figure("browser.app_server_start_ms", startup * 1000, "ms"),
    ]
