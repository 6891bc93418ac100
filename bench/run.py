"""Run every benchmark, print one line per figure, and write bench/RESULTS.md.

    python bench/run.py            full sizes; writes bench/RESULTS.md
    python bench/run.py --quick    small sizes, under a minute; prints only

Exit status: 0 when every target is met, 1 when one is missed, 2 when a benchmark failed.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sqlite3
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit  # noqa: E402
import streamlit.config  # noqa: E402
import streamlit.logger  # noqa: E402

# AppTest runs pages outside a server, and Streamlit warns about that on every run.
streamlit.config.set_option("logger.level", "error")
streamlit.logger.set_log_level("error")

if __name__ == "__mp_main__":
    # A writer process the benchmarks start re-imports this script; it has nothing to say.
    logging.disable(logging.WARNING)

from bench import browser, pages, postgres, writes  # noqa: E402
from bench.figures import Figure  # noqa: E402

SUITES = {
    "pages": pages.run,
    "writes": writes.run,
    "postgres": postgres.run,
    "browser": browser.run,
}
RESULTS = ROOT / "bench" / "RESULTS.md"


def machine() -> str:
    return (
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Streamlit {streamlit.__version__}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.system()} {platform.machine()}"
    )


def write_results(figures: list[Figure], seconds: float) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Run on {datetime.now():%Y-%m-%d %H:%M} with `python bench/run.py` ({seconds:.0f} s).",
        f"Machine: {machine()}.",
        "",
        "Ratios compare against a baseline measured in the same run (a hello-world Streamlit",
        "page or app, or the small journal), so they hold on a shared, noisy machine.",
        "",
        "| figure | value | unit | target | |",
        "|---|---:|---|---|---|",
    ]
    lines += [
        f"| {f.name} | {f.value:.3f} | {f.unit} | "
        f"{'≤ ' + format(f.target, 'g') if f.target is not None else ''} | {f.verdict} |"
        for f in figures
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--only", choices=sorted(SUITES), action="append", help="run just these")
    args = parser.parse_args()
    print(f"# {machine()}{' (quick)' if args.quick else ''}", flush=True)
    started = time.perf_counter()
    figures: list[Figure] = []
    failed = False
    for name, suite in SUITES.items():
        if args.only and name not in args.only:
            continue
        streamlit.logger.set_log_level("error")  # AppTest resets it from its own config
        try:
            for figure in suite(args.quick):
                figures.append(figure)
                print(figure.line(), flush=True)
        except Exception:
            failed = True
            print(f"{name}: FAILED", flush=True)
            traceback.print_exc()
    seconds = time.perf_counter() - started
    if not args.quick and not args.only and not failed:
        write_results(figures, seconds)
        print(f"# wrote {RESULTS.relative_to(ROOT)}")
    print(f"# {seconds:.1f} s")
    if failed:
        return 2
    return 1 if any(f.ok is False for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
