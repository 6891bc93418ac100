"""What every journal backend does, the same way: saves, edits, undo, day notes, filters, chart
aggregates, import and export, delete-all, and one owner's journal walled off from another's.

Each test runs once per backend (tests/store/conftest.py).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from crampcare import csvio, insights
from crampcare.content import load_guide
from crampcare.episodes import EpisodeInvalid, Vocabulary
from crampcare.store import EpisodeNotFound, Filter, Journal
from tests.store.changes import apply, change_lists, ep

LABELS = load_guide().labels
VOCAB = Vocabulary.from_guide(load_guide())


def test_saves_and_reads_back_every_field(journal: Journal) -> None:
    original = ep(side="left", severity=6, duration_seconds=95, triggers=("cold", "New shoes"),
                  relief=("stretch", "warmth"), helped="partly", notes="line 1\nline 2")  # fmt: skip
    episode_id = journal.add(original)
    assert journal.get(episode_id) == replace(original, id=episode_id)


def test_the_same_submission_saves_one_row(journal: Journal) -> None:
    e = ep(triggers=("cold",))
    first, second = journal.add(e), journal.add(e)
    assert first == second and journal.count() == 1
    assert journal.add_many([e, ep(day=2)]) == (1, 1)
    assert journal.count() == 2


def test_update_replaces_fields_and_tags(journal: Journal) -> None:
    episode_id = journal.add(ep(triggers=("cold",), relief=("stretch",)))
    saved = journal.get(episode_id)
    journal.update(replace(saved, severity=3, triggers=("alcohol",), relief=()))
    again = journal.get(episode_id)
    assert (again.severity, again.triggers, again.relief) == (3, ("alcohol",), ())


def test_updating_an_episode_that_is_gone_says_so(journal: Journal) -> None:
    with pytest.raises(EpisodeNotFound):
        journal.update(replace(ep(), id=424242))


def test_delete_then_restore_gives_back_the_same_episode(journal: Journal) -> None:
    episode_id = journal.add(ep(triggers=("cold",), notes="keep me"))
    before = journal.get(episode_id)
    deleted = journal.delete(episode_id)
    assert deleted == before
    assert journal.get(episode_id) is None and journal.trigger_counts(Filter()).empty
    journal.restore(deleted)
    assert journal.get(episode_id) == before
    assert journal.delete(424242) is None


def test_undo_after_the_old_id_was_reused_restores_under_a_new_id(journal: Journal) -> None:
    first = journal.add(ep(day=1, notes="first"))
    deleted = journal.delete(first)
    journal.add(replace(ep(day=2, notes="newer"), id=first))  # the id is someone's again
    restored_id = journal.restore(deleted)
    assert restored_id != first
    assert sorted(e.notes for e in journal.episodes()) == ["first", "newer"]


def test_filters(journal: Journal) -> None:
    journal.add(ep(day=1, region="calf", triggers=("cold",)))
    journal.add(ep(day=5, region="foot", triggers=("alcohol",)))
    journal.add(ep(day=9, region="calf"))
    assert [e.started_at.day for e in journal.episodes()] == [9, 5, 1]
    assert journal.count(Filter(start=date(2026, 3, 5), end=date(2026, 3, 9))) == 2
    assert journal.count(Filter(end=date(2026, 3, 1))) == 1
    assert journal.count(Filter(regions=("foot",))) == 1
    assert journal.count(Filter(triggers=("cold", "alcohol"))) == 2
    assert len(journal.episodes(limit=1)) == 1


def test_revision_changes_with_every_write(journal: Journal) -> None:
    assert journal.revision() == 0
    journal.add(ep())
    first = journal.revision()
    journal.set_day_triggers({date(2026, 3, 2): ["cold"]})
    second = journal.revision()
    journal.delete_all()
    assert first < second < journal.revision()


def test_day_notes_and_custom_triggers(journal: Journal) -> None:
    day = date(2026, 3, 2)
    assert journal.day_triggers(day) is None
    journal.set_day_triggers({day: []})
    assert journal.day_triggers(day) == []
    journal.set_day_triggers({day: ["Long walk", "cold"]})
    assert journal.day_triggers(day) == ["Long walk", "cold"]
    journal.add(ep(triggers=("Long walk",)))
    assert journal.triggers_used()[0] == "Long walk"
    assert journal.all_days() == {"2026-03-02": ["Long walk", "cold"]}


def test_day_notes_obey_the_same_trigger_rules_as_episodes(journal: Journal) -> None:
    day = date(2026, 3, 2)
    for bad in (["x" * 41], ["wine; cheese"], [str(n) for n in range(21)]):
        with pytest.raises(EpisodeInvalid):
            journal.set_day_triggers({day: bad})
    assert journal.day_triggers(day) is None, "nothing written"
    journal.set_day_triggers({day: [" Cold ", "cold", "Wine"]})
    assert journal.day_triggers(day) == ["Cold", "Wine"], "trimmed, each once"


def test_the_date_span_includes_days_noted_without_a_cramp(journal: Journal) -> None:
    journal.set_day_triggers({date(2026, 3, 9): []})
    assert journal.date_span() is None, "no cramp logged yet"
    journal.add(ep(day=1))
    assert journal.date_span() == (date(2026, 3, 1), date(2026, 3, 9))


def test_delete_all(journal: Journal) -> None:
    journal.add(ep(triggers=("cold",), relief=("stretch",), helped="yes"))
    journal.set_day_triggers({date(2026, 3, 2): ["cold"]})
    journal.delete_all()
    assert journal.count() == 0 and journal.all_days() == {} and journal.triggers_used() == []
    assert journal.date_span() is None and journal.weekly(Filter()).empty


def test_aggregates(journal: Journal) -> None:
    journal.add(
        ep(day=2, hour=3, severity=4, triggers=("cold",), relief=("stretch",), helped="yes")
    )
    journal.add(ep(day=4, hour=3, severity=8, region="foot", relief=("stretch",), helped="no"))
    journal.add(ep(day=10, hour=22))  # Tue, next week
    weekly = journal.weekly(Filter())
    assert weekly["week"].tolist() == ["2026-03-02", "2026-03-09"]
    assert weekly["episodes"].tolist() == [2, 1]
    assert weekly["rated"].tolist() == [2, 0]
    assert weekly["mean_severity"].iloc[0] == 6.0 and pd.isna(weekly["mean_severity"].iloc[1])
    assert journal.trigger_counts(Filter()).to_dict("list") == {
        "trigger": ["cold"], "episodes": [1]
    }  # fmt: skip
    assert journal.region_counts(Filter()).to_dict("list") == {
        "region": ["calf", "foot"], "episodes": [2, 1]
    }  # fmt: skip
    hours = journal.hour_weekday(Filter())
    assert sorted(map(tuple, hours.values.tolist())) == [(0, 3, 1), (1, 22, 1), (2, 3, 1)]
    outcomes = journal.relief_outcomes(Filter())
    assert sorted(map(tuple, outcomes.values.tolist())) == [
        ("calf", "stretch", "yes", 1), ("foot", "stretch", "no", 1)
    ]  # fmt: skip
    days, exposures = journal.day_facts(Filter())
    assert sorted(map(tuple, days.values.tolist())) == [
        ("2026-03-02", 1), ("2026-03-04", 1), ("2026-03-10", 1)
    ]  # fmt: skip
    assert exposures.values.tolist() == [["2026-03-02", "cold"]]


def test_every_insight_is_the_same_whatever_the_backend(journal: Journal) -> None:
    """The insights page's tables, from a fixed journal: compared with fixed figures, so
    every backend must produce exactly these."""
    for day in (2, 3, 4, 9, 10, 16):
        journal.add(ep(day=day, hour=day % 24, severity=day % 11, region="calf" if day % 2 else "foot",
                       triggers=("cold",) if day < 9 else ("alcohol", "cold"),
                       relief=("stretch",), helped="yes" if day % 3 else "partly"))  # fmt: skip
    journal.set_day_triggers({date(2026, 3, 5): ["alcohol"], date(2026, 3, 6): []})
    data = insights.compute(journal, Filter(), LABELS)
    assert data.episodes == 6
    assert data.weekly["episodes"].tolist() == [3, 2, 1]
    assert data.triggers.to_dict("list") == {"trigger": ["Cold", "Alcohol"], "episodes": [6, 3]}
    assert data.regions.to_dict("list") == {"region": ["Foot and toes", "Calf"], "episodes": [4, 2]}
    assert int(data.hour_weekday.to_numpy().sum()) == 6
    assert data.what_works["tried"].tolist() == [2, 4]
    table = data.associations.set_index("trigger")
    assert table.loc["Alcohol", "days with"] == 4 and table.loc["Alcohol", "% with"] == 75
    assert data.cramp_free_days == 2


def test_csv_export_and_import_round_trip(open_journal) -> None:
    source = open_journal("exporter")
    source.add(ep(day=1, severity=5, triggers=("cold", "Mine"), relief=("stretch",), helped="yes",
                  notes="=SUM(A1)"))  # fmt: skip
    source.add(ep(day=2, region="neck"))
    data = csvio.export_csv(source.episodes())
    parsed = csvio.parse_csv(data, VOCAB, datetime(2026, 11, 1))
    assert parsed.errors == []
    target = open_journal("importer")
    assert target.add_many(parsed.episodes) == (2, 0)
    assert target.add_many(parsed.episodes) == (0, 2), "an import twice adds nothing more"
    assert [e.notes for e in target.episodes()] == ["", "=SUM(A1)"]
    assert [replace(e, id=None) for e in target.episodes()] == [
        replace(e, id=None) for e in source.episodes()
    ]


def test_many_threads_write_at_once(journal: Journal) -> None:
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for n in range(20):
                e = ep(day=1 + n % 28, notes=f"t{worker}-{n}")
                journal.add(e)
                if n % 5 == 0:
                    journal.add(e)  # a double submit
        except BaseException as e:  # collected, so the assertion below names it
            errors.append(e)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    notes = [e.notes for e in journal.episodes()]
    assert len(notes) == 6 * 20 and len(set(notes)) == len(notes)


# -- one owner's journal is walled off from another's -----------------------------------------


def test_an_owner_never_reads_changes_or_deletes_anothers(open_journal) -> None:
    a, b = open_journal("issuer|alice"), open_journal("issuer|bob")
    a_id = a.add(ep(day=1, notes="alice's", triggers=("cold",), relief=("stretch",), helped="yes"))
    a.set_day_triggers({date(2026, 3, 2): ["alcohol"]})
    b.add(ep(day=3, notes="bob's"))

    assert [e.notes for e in b.episodes()] == ["bob's"]
    assert b.get(a_id) is None, "guessing an id shows nothing"
    assert b.count() == 1 and b.triggers_used() == [] and b.all_days() == {}
    assert b.date_span() == (date(2026, 3, 3), date(2026, 3, 3))
    assert b.trigger_counts(Filter()).empty and b.region_counts(Filter())["episodes"].sum() == 1
    assert b.count(Filter(triggers=("cold",))) == 0

    stolen = replace(a.get(a_id), notes="changed by bob")
    with pytest.raises(EpisodeNotFound):
        b.update(stolen)
    assert b.delete(a_id) is None, "a delete of another owner's id changes nothing"
    b.delete_all()
    assert a.get(a_id).notes == "alice's" and a.day_triggers(date(2026, 3, 2)) == ["alcohol"]
    assert a.count() == 1 and a.revision() > 0


def test_owners_may_use_the_same_submission_id(open_journal) -> None:
    """An id someone else used (an imported file shared between two people) blocks nothing."""
    shared = ep(notes="same entry id")
    a, b = open_journal("issuer|alice"), open_journal("issuer|bob")
    a.add(shared)
    b.add(shared)
    assert a.count() == b.count() == 1
    assert a.add_many([shared]) == (0, 1) and b.add_many([shared]) == (0, 1)


def test_each_owner_has_a_revision_of_its_own(open_journal) -> None:
    a, b = open_journal("issuer|alice"), open_journal("issuer|bob")
    a.add(ep())
    before = b.revision()
    a.add(ep(day=2))
    assert b.revision() == before
    assert a.key != b.key, "caches never share one owner's reads with another"


# -- chart summaries always agree with the episodes themselves ---------------------------------


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=change_lists(max_size=10))
def test_chart_figures_always_match_the_episodes(open_journal, operations) -> None:
    journal = open_journal(f"owner-{id(operations)}")
    journal.delete_all()
    for change in operations:
        apply(journal, change)
    episodes = journal.episodes()
    by_region = pd.Series([e.region for e in episodes], dtype=object).value_counts()
    assert dict(zip(*journal.region_counts(Filter()).to_dict("list").values(), strict=True)) == (
        by_region.to_dict()
    )
    by_trigger = pd.Series([t for e in episodes for t in e.triggers], dtype=object).value_counts()
    assert dict(zip(*journal.trigger_counts(Filter()).to_dict("list").values(), strict=True)) == (
        by_trigger.to_dict()
    )
    assert journal.weekly(Filter())["episodes"].sum() == len(episodes)
    rated = [e.severity for e in episodes if e.severity is not None]
    assert journal.weekly(Filter())["rated"].sum() == len(rated)
