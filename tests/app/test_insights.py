"""Insights page: empty states, charts from aggregates, and the same numbers as tables."""

import json
from datetime import date, datetime

from crampcare.episodes import Episode
from crampcare.store import SQLiteJournal
from tests.app.conftest import texts


def insights(app):
    return app.switch_page("pages/insights.py").run()


def test_empty_journal_says_what_to_do(app) -> None:
    at = insights(app)
    assert not at.exception
    assert "Nothing to chart yet" in texts(at, "info")


def test_charts_and_the_same_numbers_as_tables(app, journal_path) -> None:
    journal = SQLiteJournal(journal_path)
    for day in (2, 3, 9):
        journal.add(Episode(datetime(2026, 3, day, 3, 0), "calf", severity=day))
    at = insights(app)
    assert at.metric[0].value == "3"
    assert len(at.get("plotly_chart")) == 4  # no triggers or relief noted: two empty states
    assert "No triggers noted yet" in texts(at, "info")
    at.toggle(key="insights.tables").set_value(True).run()
    assert not at.get("plotly_chart")
    weekly = at.dataframe[0].value
    assert weekly.columns.tolist() == ["Week starting", "Cramps"]
    assert weekly["Cramps"].tolist() == [2, 1]
    hours = at.dataframe[1].value
    assert hours["Day"].tolist() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert hours.loc[0, "03:00"] == 2  # 2 and 9 March 2026 were Mondays


def test_counts_are_whole_numbers_and_weeks_are_named(app, journal_path) -> None:
    journal = SQLiteJournal(journal_path)
    for day in (20, 24, 25):
        journal.add(Episode(datetime(2026, 11, day, 3, 0), "calf", severity=5))
    at = insights(app)
    spec = json.loads(
        next(c for c in at.get("plotly_chart") if "Week starting" in c.proto.spec).proto.spec
    )
    assert spec["layout"]["yaxis"]["tickformat"] == ",d" and spec["layout"]["yaxis"]["dtick"] == 1
    assert spec["layout"]["xaxis"]["title"]["text"] == "Week starting (Mondays)"
    assert "Average severity, week by week" in texts(at, "markdown")
    assert "Each point is the average of the cramps you rated that week" in texts(at, "markdown")


def test_triggers_without_days_to_compare_say_so_instead_of_100_percent(app, journal_path) -> None:
    journal = SQLiteJournal(journal_path)
    for day in (2, 3):
        journal.add(Episode(datetime(2026, 3, day, 3, 0), "calf", triggers=("cold",)))
    at = insights(app)
    assert "Nothing to compare yet" in texts(at, "info")
    journal.set_day_triggers({date(2026, 3, 4): []})  # a day noted without a cramp
    at.run()
    at.toggle(key="insights.tables").set_value(True).run()
    table = at.dataframe[-1].value
    assert table.columns.tolist()[:4] == [
        "Trigger",
        "Days with it",
        "With a cramp",
        "% with a cramp",
    ]
    assert table.loc[0, "% with a cramp"] == 100 and table.loc[0, "% without it, with a cramp"] == 0
