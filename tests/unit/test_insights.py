"""Insights: tables built from aggregates, with sizes that do not grow with the journal."""

import tempfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from crampcare import charts, demo, insights
from crampcare.content import load_guide
from crampcare.episodes import Episode
from crampcare.store import Filter, SQLiteJournal

LABELS = load_guide().labels


def test_weekly_fills_empty_weeks() -> None:
    frame = pd.DataFrame(
        {"week": ["2026-03-02"], "episodes": [3], "mean_severity": [4.5], "rated": [2]}
    )
    out = insights.weekly(frame, date(2026, 2, 25), date(2026, 3, 11))
    assert out["week"].tolist() == ["2026-02-23", "2026-03-02", "2026-03-09"]
    assert out["episodes"].tolist() == [0, 3, 0]
    assert out["rated"].tolist() == [0, 2, 0]


def test_hour_weekday_grid_is_always_7_by_24() -> None:
    grid = insights.hour_weekday_grid(
        pd.DataFrame([(6, 3, 2)], columns=["weekday", "hour", "episodes"])
    )
    assert grid.shape == (7, 24)
    assert grid.loc["Sun", 3] == 2 and grid.values.sum() == 2


def test_what_works_ranks_within_a_region() -> None:
    frame = pd.DataFrame(
        [("calf", "stretch", "yes", 8), ("calf", "stretch", "no", 2), ("calf", "ice", "partly", 2),
         ("calf", "ice", "no", 2)],
        columns=["region", "relief", "helped", "episodes"],
    )  # fmt: skip
    table = insights.what_works(frame, LABELS)
    assert table["relief"].tolist() == ["The stretch", "Ice"]
    assert table["score"].tolist() == [0.8, 0.25]
    assert table.loc[0, "tried"] == 10


def test_associations_compare_days_with_and_without() -> None:
    days = pd.DataFrame({"day": ["d1", "d2", "d3", "d4"], "cramps": [1, 0, 1, 0]})
    exposures = pd.DataFrame({"day": ["d1", "d2", "d3"], "trigger": ["alcohol", "alcohol", "Mine"]})
    table = insights.associations(days, exposures, LABELS).set_index("trigger")
    assert table.loc["Alcohol", "days with"] == 2
    assert table.loc["Alcohol", "cramp days with"] == 1
    assert table.loc["Alcohol", "% with"] == 50
    assert table.loc["Alcohol", "days without"] == 2
    assert table.loc["Alcohol", "% without"] == 50
    assert table.loc["Mine", "% with"] == 100
    assert table.loc["Mine", "% without"] == 33, "whole percentages, all rounded alike"


def test_associations_say_nothing_when_no_day_without_a_cramp_was_noted() -> None:
    days = pd.DataFrame({"day": ["d1", "d2"], "cramps": [1, 2]})
    exposures = pd.DataFrame({"day": ["d1", "d2"], "trigger": ["alcohol", "cold"]})
    assert insights.associations(days, exposures, LABELS).empty


def test_count_axes_have_whole_numbers_and_weekly_charts_say_they_are_weekly() -> None:
    axis = charts.count_axis(2)
    assert axis["tickformat"] == ",d" and axis["dtick"] == 1 and axis["rangemode"] == "tozero"
    assert charts.count_axis(30)["dtick"] == 5
    assert "dtick" not in charts.count_axis(500)
    weekly = insights.weekly(
        pd.DataFrame({"week": ["2026-11-16"], "episodes": [2], "mean_severity": [5.0], "rated": [2]}),
        date(2026, 11, 16), date(2026, 11, 25),
    )  # fmt: skip
    for figure in (charts.episodes_per_week(weekly), charts.severity_over_time(weekly)):
        layout = figure.to_plotly_json()["layout"]
        assert layout["xaxis"]["title"]["text"] == "Week starting (Mondays)"
        assert "Week starting" in figure.data[0].hovertemplate
    assert (
        "from %{customdata} rated cramps" in charts.severity_over_time(weekly).data[0].hovertemplate
    )


def test_tables_shown_for_charts_have_readable_columns() -> None:
    data = insights.compute(_small_journal(), Filter(), LABELS)
    for chart in charts.CHARTS:
        shown = chart.readable(chart.table(data))
        for column in shown.columns:
            assert column[0].isupper() or column[0].isdigit(), (chart.key, column)
    hours = next(c for c in charts.CHARTS if c.key == "hours")
    assert hours.readable(hours.table(data))["Day"].tolist()[:2] == ["Mon", "Tue"]


def _small_journal() -> SQLiteJournal:
    journal = SQLiteJournal(Path(tempfile.mkdtemp()) / "small.db")
    journal.add(Episode(datetime(2026, 3, 2, 3), "calf", severity=4, triggers=("cold",),
                        relief=("stretch",), helped="yes"))  # fmt: skip
    journal.set_day_triggers({date(2026, 3, 3): ["cold"]})
    return journal


def test_empty_journal_gives_empty_tables(journal_path) -> None:
    journal = SQLiteJournal(journal_path)
    journal.add(Episode(datetime(2026, 3, 1, 3), "calf"))
    result = insights.compute(journal, Filter(), LABELS)
    assert result.episodes == 1
    assert result.triggers.empty and result.what_works.empty and result.associations.empty


def test_output_size_does_not_grow_with_the_journal(tmp_path) -> None:
    sizes = []
    for days in (60, 600):
        journal = SQLiteJournal(tmp_path / f"{days}.db")
        demo.write(journal, demo.generate(days=days, end=date(2026, 11, 1)))
        result = insights.compute(
            journal, Filter(start=date(2026, 9, 1), end=date(2026, 10, 31)), LABELS
        )
        figures = [
            charts.episodes_per_week(result.weekly), charts.time_of_day(result.hour_weekday),
            charts.trigger_frequency(result.triggers), charts.region_breakdown(result.regions),
            charts.what_works(result.what_works), charts.severity_over_time(result.weekly),
        ]  # fmt: skip
        sizes.append(sum(len(f.to_json()) for f in figures))
    assert sizes[1] < sizes[0] * 1.3


def test_demo_journal_is_realistic_and_repeatable() -> None:
    one, two = (
        demo.generate(days=200, end=date(2026, 6, 1)),
        demo.generate(days=200, end=date(2026, 6, 1)),
    )
    assert one == two
    episodes = one.episodes
    assert len(episodes) > 60
    regions = pd.Series([e.region for e in episodes]).value_counts()
    assert regions.index[0] == "calf" and regions.iloc[0] > len(episodes) / 2
    night = sum(e.started_at.hour < 6 or e.started_at.hour == 23 for e in episodes)
    assert night > len(episodes) / 2
    assert len({e.submission_id for e in episodes}) == len(episodes)


def test_demo_journal_file_is_read_only_and_built_once(tmp_path) -> None:
    first = demo.demo_journal(tmp_path, days=30)
    second = demo.demo_journal(tmp_path, days=30)
    assert first.path == second.path and first.readonly
    assert first.count() == second.count() > 0
