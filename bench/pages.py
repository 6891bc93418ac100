"""Page run time against Streamlit's floor, and the insights page as the journal grows.

Every page is run warm through AppTest, the same way as a hello-world page in the same
process, and reported as a ratio to it.
"""

from __future__ import annotations

import logging
import os
import statistics
import tempfile
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.baselines import HELLO, PLOTLY_ALONE
from bench.figures import Figure, median_seconds, paired_medians
from crampcare import demo, insights
from crampcare.store import SQLiteJournal

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
GUIDE_PAGES = {"home": None, "relief": {"region": "calf"}, "causes": None, "about": None}
JOURNAL_PAGES = ("journal", "insights", "data")


def journal_file(folder: Path, episodes: int) -> Path:
    """A journal of `episodes` synthetic episodes over a year."""
    path = folder / f"journal-{episodes}.db"
    if not path.exists():
        demo.write(SQLiteJournal(path), demo.sized(episodes, end=date.today()))
    return path


def _page(name: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(f"pages/{name}.py")
    return at


def _run(at: AppTest) -> None:
    at.run()
    if at.exception:
        raise RuntimeError(f"page raised: {at.exception[0].message}")


def page_floor(folder: Path, episodes: int, runs: int) -> list[Figure]:
    """Each page's warm run time divided by a hello-world page's, the two runs alternating.

    Server-side only, printed for context: AppTest recompiles the page on every run and the
    browser's own work is not in it, so what a person feels is measured in bench/browser.py."""
    hello = AppTest.from_string(HELLO, default_timeout=60)
    hello_times: list[float] = []

    def ratio(at: AppTest) -> float:
        base, seconds = paired_medians(hello.run, lambda: _run(at), runs, warmup=2)
        hello_times.append(base)
        return seconds / base

    os.environ["CRAMPCARE_DB"] = str(folder / "empty.db")
    figures = [
        Figure(f"floor.{name}", ratio(_page(name, query)), "x")
        for name, query in GUIDE_PAGES.items()
    ]
    figures.append(
        Figure("floor.plotly_chart_alone", ratio(AppTest.from_string(PLOTLY_ALONE)), "x")
    )
    os.environ["CRAMPCARE_DB"] = str(journal_file(folder, episodes))
    figures += [
        Figure(f"floor.{name}_{episodes // 1000}k", ratio(_page(name)), "x")
        for name in JOURNAL_PAGES
    ]
    hello_ms = statistics.median(hello_times) * 1000
    return [Figure("floor.hello_world_ms", hello_ms, "ms"), *figures]


def _insights(path: Path) -> AppTest:
    os.environ["CRAMPCARE_DB"] = str(path)
    at = _page("insights")
    span = SQLiteJournal(path).date_span()
    at.session_state["insights.range"] = span  # the whole journal, not the default window
    return at


class Aggregations:
    """Counts the insights page's aggregations, so a 'cold' run that hit a cache is caught."""

    def __init__(self) -> None:
        self.calls = 0
        self._compute = insights.compute

    def __enter__(self) -> Aggregations:
        def counted(*args, **kwargs):
            self.calls += 1
            return self._compute(*args, **kwargs)

        insights.compute = counted  # the app calls it through the module, at call time
        return self

    def __exit__(self, *exc) -> None:
        insights.compute = self._compute


class ColdRunCachedError(RuntimeError):
    """A run meant to aggregate the journal was answered from a cache."""


def _cold(at: AppTest, counted: Aggregations) -> None:
    """One run of the insights page with every cached journal read dropped first, so it
    reads and aggregates the journal; fails loudly if it did not."""
    from crampcare_ui import cache  # the app's own module, loaded by AppTest in this process

    # Clearing caches outside a script run makes Streamlit warn about a missing context.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(
        logging.ERROR
    )
    st.cache_data.clear()
    for cached in (cache._overview, cache._listing, cache._insights):
        cached.clear()
    before = counted.calls
    _run(at)
    if counted.calls != before + 1:
        raise ColdRunCachedError(f"a cold run aggregated {counted.calls - before} times, not once")


def chart_bytes(at: AppTest) -> int:
    return sum(len(chart.proto.spec) for chart in at.get("plotly_chart"))


def every_point_figure(path: Path) -> tuple[float, int]:
    """The baseline aggregation beats: one scatter point per episode. (seconds, JSON bytes)"""
    import time

    import plotly.graph_objects as go

    start = time.perf_counter()
    episodes = SQLiteJournal(path).episodes()
    figure = go.Figure(
        go.Scatter(
            x=[e.started_at for e in episodes],
            y=[e.severity for e in episodes],
            mode="markers",
        )
    )
    size = len(figure.to_json())
    return time.perf_counter() - start, size


def scaling(folder: Path, small: int, large: int, runs: int) -> list[Figure]:
    """The insights page with a large journal against a small one, each run reading and
    aggregating the journal afresh (every cached read dropped, the aggregation counted)."""
    times, sizes = {}, {}
    with Aggregations() as counted:
        for n in (small, large):
            path = journal_file(folder, n)
            at = _insights(path)
            times[n] = median_seconds(lambda at=at: _cold(at, counted), runs, warmup=1)
            sizes[n] = chart_bytes(at)
    label = f"{large // 1000}k_vs_{small // 1000 or small}{'k' if small >= 1000 else ''}"
    figures = [
        Figure(f"scaling.insights_time_{label}", times[large] / times[small], "x", 3.0),
        Figure(f"scaling.chart_data_{small}_kb", sizes[small] / 1024, "KB", 300),
        Figure(f"scaling.chart_data_{large}_kb", sizes[large] / 1024, "KB", 300),
    ]
    base_small, base_large = (
        every_point_figure(journal_file(folder, small)),
        every_point_figure(journal_file(folder, large)),
    )
    figures += [
        Figure(f"baseline.every_point_time_{label}", base_large[0] / base_small[0], "x"),
        Figure(f"baseline.every_point_data_{large}_kb", base_large[1] / 1024, "KB"),
    ]
    return figures


def run(quick: bool) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="cramp-bench-") as tmp:
        folder = Path(tmp)
        if quick:
            return page_floor(folder, 2_000, runs=5) + scaling(folder, 500, 10_000, runs=3)
        return page_floor(folder, 10_000, runs=20) + scaling(folder, 1_000, 100_000, runs=7)
