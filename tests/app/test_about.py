"""About page: privacy statement, evidence levels and the full source list."""

from crampcare.content import load_guide
from tests.app.conftest import texts


def test_about_lists_privacy_levels_and_sources(app) -> None:
    at = app.switch_page("pages/about.py").run()
    assert not at.exception
    markdown = texts(at, "markdown")
    assert "Your privacy" in markdown and "no analytics" in markdown
    for source in load_guide().sources.values():
        assert source.title in markdown
