"""Insights page: empty states, charts from aggregates, and the same numbers as tables."""

from datetime import datetime

from crampcare.episodes import Episode
from crampcare.journal import Journal
from tests.app.conftest import texts


def insights(app):
    return app.switch_page("pages/insights.py").run()


def test_empty_journal_says_what_to_do(app) -> None:
    at = insights(app)
    assert not at.exception
    assert "Nothing to chart yet" in texts(at, "info")


def test_charts_and_the_same_numbers_as_tables(app, journal_path) -> None:
    journal = Journal(journal_path)
    for day in (2, 3, 9):
        journal.add(Episode(datetime(2026, 3, day, 3, 0), "calf", severity=day))
    at = insights(app)
    assert at.metric[0].value == "3"
    assert len(at.get("plotly_chart")) == 4  # no triggers or relief noted: two empty states
    assert "No triggers noted yet" in texts(at, "info")
    at.toggle(key="insights.tables").set_value(True).run()
    assert not at.get("plotly_chart")
    weekly = at.dataframe[0].value
    assert weekly["episodes"].tolist() == [2, 1]
