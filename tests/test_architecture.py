"""The project's own rules, checked: the domain stays free of Streamlit, no raw HTML, lint is clean."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python_files(*folders: str) -> list[Path]:
    return [p for f in folders for p in (ROOT / f).rglob("*.py")]


def test_domain_never_imports_streamlit() -> None:
    for path in python_files("crampcare"):
        assert not re.search(r"^\s*(import|from) streamlit", path.read_text(), re.M), path


def test_no_raw_html_anywhere_in_the_app() -> None:
    for path in [*ROOT.glob("*.py"), *python_files("pages", "crampcare", "crampcare_ui")]:
        text = path.read_text()
        assert "unsafe_allow_html" not in text, path
        # st.html only ever carries the app's own stylesheet, a file of CSS, never text.
        for call in re.findall(r"st\.html\((.*)\)", text):
            assert call.endswith('"touch.css"'), (path, call)


def test_streamlit_is_imported_only_by_the_frame_the_pages_and_crampcare_ui() -> None:
    for path in python_files("crampcare", "bench", "tests"):
        if re.search(r"^\s*(import|from) streamlit", path.read_text(), re.M):
            assert path.parent.name in ("bench", "app", "reliability") or "test" in path.name, path
    top = [p.name for p in ROOT.glob("*.py")]
    assert top == ["app.py"], f"the glue lives in crampcare_ui/, not beside app.py: {top}"


def test_only_browser_tests_and_benchmarks_import_playwright() -> None:
    """Unit, page and reliability tests run without a browser library loaded."""
    for path in python_files("tests", "bench", "crampcare", "pages"):
        if re.search(r"^\s*(import|from) playwright", path.read_text(), re.M):
            assert path.is_relative_to(ROOT / "tests" / "e2e") or path.parent.name == "bench", path


def test_every_page_is_listed_once_in_app_py() -> None:
    app = (ROOT / "app.py").read_text()
    for page in (ROOT / "pages").glob("*.py"):
        assert (
            app.count(f'"pages/{page.name}"')
            + (ROOT / "crampcare_ui" / "session.py").read_text().count(f'"pages/{page.name}"')
            == 1
        ), page.name


def test_privacy_settings() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["address"] == "127.0.0.1"
    for path in [*ROOT.glob("*.py"), *python_files("pages", "crampcare", "crampcare_ui")]:
        assert ":material/" not in path.read_text(), f"{path} would fetch a remote icon font"


def test_requirements_are_pinned() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "-r")):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line), line


def test_ruff_lint_and_format_are_clean() -> None:
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
