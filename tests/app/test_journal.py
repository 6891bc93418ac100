"""SQLiteJournal page: log, messages beside the field, day notes, edit, delete with undo, a busy
journal, empty states, demo isolation."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest

from crampcare.episodes import Episode
from crampcare.store import SQLiteJournal
from crampcare.store import sqlite as store
from tests.app.conftest import texts


def journal_page(app):
    return app.switch_page("pages/journal.py").run()


def new(at, field: str) -> str:
    """The key of a field in the current 'Log a cramp' draft."""
    return f"journal.new.{at.session_state['journal.new_draft']}.{field}"


def edit(episode_id: int, field: str) -> str:
    return f"journal.edit.{episode_id}.{field}"


@contextmanager
def busy(path) -> Iterator[None]:
    """Another writer holds the journal's write lock, for real, while the block runs."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.fixture
def impatient(monkeypatch) -> None:
    """Give up on a locked journal after a moment instead of ten seconds."""
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(store, "LOCK_RETRIES", 1)


def test_empty_journal_says_what_to_do(app) -> None:
    at = journal_page(app)
    assert not at.exception
    assert "No cramps logged yet" in texts(at, "info")
    assert not at.dataframe, "no empty grid"


def test_logged_cramp_appears_in_the_journal_and_the_charts(app, journal_path) -> None:
    at = journal_page(app)
    at.selectbox(key=new(at, "region")).select("foot").run()
    at.number_input(key=new(at, "severity")).set_value(7).run()
    at.multiselect(key=new(at, "triggers")).select("exercise").run()
    at.text_area(key=new(at, "notes")).input("after the 10k").run()
    at.button(key=new(at, "save")).click().run()
    assert not at.exception
    assert "Saved: Foot and toes" in texts(at, "success")
    assert at.button(key="journal.log_another"), "a fresh form only when asked for"
    table = at.dataframe[0].value
    assert table["Where"].tolist() == ["Foot and toes"]
    assert table["Notes"].tolist() == ["after the 10k"]
    assert SQLiteJournal(journal_path).episodes()[0].triggers == ("exercise",)
    at.switch_page("pages/insights.py").run()
    assert not at.exception
    assert at.metric[0].value == "1"
    charts = at.get("plotly_chart")
    assert len(charts) >= 5
    assert any("Hard exercise" in c.proto.spec for c in charts)


def test_a_second_cramp_shows_up_in_the_list_without_a_reload(app, journal_path) -> None:
    SQLiteJournal(journal_path).add(
        Episode(datetime.now() - timedelta(days=3), "calf", notes="older")
    )
    at = journal_page(app)
    assert "1 cramp matches." in texts(at, "caption")
    at.session_state["log-form"] = True  # open 'Log a cramp'
    at.run()
    at.text_area(key=new(at, "notes")).input("today").run()
    at.button(key=new(at, "save")).click().run()
    assert "2 cramps match." in texts(at, "caption"), "the date range follows the journal"
    assert at.dataframe[0].value["Notes"].tolist() == ["today", "older"]


def test_every_refusal_says_why_beside_the_field_and_goes_when_fixed(app, journal_path) -> None:
    at = journal_page(app)
    at.date_input(key=new(at, "day")).set_value(date.today() + timedelta(days=2)).run()
    at.number_input(key=new(at, "severity")).set_value(11).run()
    at.number_input(key=new(at, "seconds")).set_value(75).run()
    at.text_area(key=new(at, "notes")).input("x" * 1005).run()
    assert "That is in the future" not in texts(at, "markdown"), "nobody scolded while typing"
    at.button(key=new(at, "save")).click().run()
    messages = texts(at, "markdown")
    for words in ("That is in the future", "Severity goes from 0 (none) to 10 (worst).",
                  "Seconds go from 0 to 59.", "Notes are limited to 1000 characters (now 1005)"):  # fmt: skip
        assert words in messages, words
    assert at.text_area(key=new(at, "notes")).value == "x" * 1005, "what was typed is kept"
    assert not journal_path.exists() or SQLiteJournal(journal_path).count() == 0
    at.number_input(key=new(at, "severity")).set_value(6).run()
    messages = texts(at, "markdown")
    assert "Severity goes from 0" not in messages, "gone as soon as it is fixed"
    assert "Seconds go from 0 to 59." in messages, "the others stay until fixed"
    at.number_input(key=new(at, "seconds")).set_value(30).run()
    at.date_input(key=new(at, "day")).set_value(date.today()).run()
    at.text_area(key=new(at, "notes")).input("fine").run()
    assert not [m for m in at.markdown if m.value.startswith(":red[")]
    at.button(key=new(at, "save")).click().run()
    [saved] = SQLiteJournal(journal_path).episodes()
    assert (saved.severity, saved.duration_seconds, saved.notes) == (6, 30, "fine")


def test_log_another_gives_a_fresh_draft_with_a_new_entry_id(app, journal_path) -> None:
    at = journal_page(app)
    first = at.session_state["journal.new_draft"]
    at.button(key=new(at, "save")).click().run()
    at.button(key="journal.log_another").click().run()
    assert at.session_state["journal.new_draft"] != first
    assert at.text_area(key=new(at, "notes")).value == ""
    assert SQLiteJournal(journal_path).count() == 1


def seeded(journal_path, *notes: str) -> SQLiteJournal:
    journal = SQLiteJournal(journal_path)
    for n, note in enumerate(notes):
        journal.add(
            Episode(datetime(2026, 11, 1 + n, 3, 0), "calf", notes=note, triggers=("cold",))
        )
    return journal


def select_row(at, row: int):
    at.session_state["journal.table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def test_edit_an_episode(app, journal_path) -> None:
    journal = seeded(journal_path, "first", "second")
    at = select_row(journal_page(app), 0)  # newest first: "second"
    second = journal.episodes()[0].id
    assert at.text_area(key=edit(second, "notes")).value == "second"
    at.text_area(key=edit(second, "notes")).input("second, edited").run()
    at.number_input(key=edit(second, "severity")).set_value(4).run()
    at.button(key=edit(second, "save")).click().run()
    assert not at.exception
    assert "Saved: Calf" in texts(at, "success")
    edited = journal.episodes()[0]
    assert (edited.notes, edited.severity, edited.triggers) == ("second, edited", 4, ("cold",))
    assert journal.count() == 2
    table = at.dataframe[0].value
    assert table["Severity"].tolist() == ["4", ""], "an unrated cramp is blank, not None"


def test_delete_asks_first_then_undo_brings_it_back_and_says_restored(app, journal_path) -> None:
    journal = seeded(journal_path, "keep", "remove me")
    at = select_row(journal_page(app), 0)
    at.button(key=edit(journal.episodes()[0].id, "delete")).click().run()
    assert journal.count() == 2, "nothing is deleted before confirming"
    at.button(key="journal.delete_yes").click().run()
    assert [e.notes for e in journal.episodes()] == ["keep"]
    assert "Deleted: Calf" in texts(at, "markdown")
    at.button(key="journal.undo_button").click().run()
    assert sorted(e.notes for e in journal.episodes()) == ["keep", "remove me"]
    assert journal.episodes()[0].triggers == ("cold",)
    assert "Restored: Calf" in texts(at, "success")
    assert "Saved" not in texts(at, "success")


def test_a_busy_journal_says_so_calmly_keeps_the_input_and_lets_you_retry(
    app, journal_path, impatient
) -> None:
    journal = seeded(journal_path, "keep", "edit me")
    at = select_row(journal_page(app), 0)
    target = journal.episodes()[0].id
    at.text_area(key=edit(target, "notes")).input("edited while busy").run()
    with busy(journal_path):
        at.button(key=edit(target, "save")).click().run()
    assert not at.exception
    assert "couldn't be reached just now" in texts(at, "error")
    assert at.text_area(key=edit(target, "notes")).value == "edited while busy"
    assert journal.get(target).notes == "edit me"
    at.button(key=edit(target, "save")).click().run()
    assert journal.get(target).notes == "edited while busy"

    at.button(key=edit(target, "delete")).click().run()
    with busy(journal_path):
        at.button(key="journal.delete_yes").click().run()
    assert not at.exception and "couldn't be reached just now" in texts(at, "error")
    assert journal.count() == 2
    at.button(key="journal.delete_yes").click().run()
    assert journal.count() == 1
    with busy(journal_path):
        at.button(key="journal.undo_button").click().run()
    assert not at.exception and "couldn't be reached just now" in texts(at, "error")
    assert journal.count() == 1 and at.button(key="journal.undo_button")
    at.button(key="journal.undo_button").click().run()
    assert journal.count() == 2


def test_a_journal_that_cannot_be_opened_is_a_calm_message_not_a_crash(
    app, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("CRAMPCARE_DB", str(tmp_path))  # a folder, not a file
    for page in ("journal", "insights", "data"):
        at = app.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        assert "couldn't be read just now" in texts(at, "error"), page
        assert at.button(key="store.retry"), page


def test_the_day_note_checks_triggers_like_an_episode(app, journal_path) -> None:
    SQLiteJournal(journal_path).add(Episode(datetime.now() - timedelta(days=1), "calf"))
    at = journal_page(app)
    at.session_state["checkin"] = True
    at.run()
    key = f"journal.day.triggers.{date.today().isoformat()}"
    for bad, words in (("x" * 41, "40 characters or fewer"), ("wine; cheese", "';'")):
        at.multiselect(key=key).set_value([bad]).run()
        at.button(key="journal.day.save").click().run()
        assert not at.exception
        assert words in texts(at, "markdown"), words
        assert SQLiteJournal(journal_path).day_triggers(date.today()) is None, "nothing stored"
    at.multiselect(key=key).set_value(["Cold", "Wine"]).run()
    assert "';'" not in texts(at, "markdown"), "the message goes once fixed"
    at.button(key="journal.day.save").click().run()
    assert "Noted" in texts(at, "success")
    assert SQLiteJournal(journal_path).day_triggers(date.today()) == ["Wine", "cold"]
    at = journal_page(app)
    at.session_state["log-form"] = True
    at.run()
    options = at.multiselect(key=new(at, "triggers")).options
    assert options.count("Cold") == 1 and "Wine" in options, "offered once, as stored"
    at.multiselect(key=new(at, "triggers")).set_value(["cold", "Wine"]).run()
    at.button(key=new(at, "save")).click().run()
    assert not at.exception and SQLiteJournal(journal_path).count() == 2


def test_filters_narrow_the_list_and_an_empty_result_says_so(app, journal_path) -> None:
    journal = seeded(journal_path, "a", "b")
    journal.add(Episode(datetime(2026, 11, 5, 3, 0), "neck", notes="c"))
    at = journal_page(app)
    at.multiselect(key="journal.regions").select("neck").run()
    assert at.dataframe[0].value["Notes"].tolist() == ["c"]
    assert "Export this cramp (CSV)" in [b.label for b in at.download_button]
    at.multiselect(key="journal.regions").unselect("neck").run()
    at.multiselect(key="journal.triggers").select("cold").run()
    assert sorted(at.dataframe[0].value["Notes"]) == ["a", "b"]
    at.multiselect(key="journal.regions").select("hand").run()
    assert "No cramps match these filters" in texts(at, "info")
    assert not at.dataframe and not at.download_button
    assert "Select a row" not in texts(at, "caption")


def test_demo_mode_leaves_the_real_journal_untouched(app, journal_path) -> None:
    seeded(journal_path, "mine")
    before = journal_path.read_bytes()
    app.query_params["demo"] = "1"
    at = journal_page(app)
    assert not at.exception
    assert "Demo mode" in texts(at, "info")
    assert len(at.dataframe[0].value) > 1
    assert "mine" not in at.dataframe[0].value["Notes"].tolist()
    at.switch_page("pages/insights.py").run()
    assert not at.exception and len(at.get("plotly_chart")) >= 5
    at.toggle(key="journal.demo_toggle").set_value(False).run()
    at.switch_page("pages/journal.py").run()
    assert at.dataframe[0].value["Notes"].tolist() == ["mine"]
    assert journal_path.read_bytes() == before


def test_saving_a_cramp_deleted_in_another_window_neither_crashes_nor_revives_it(
    app, journal_path
) -> None:
    journal = seeded(journal_path, "only")
    at = select_row(journal_page(app), 0)
    target = journal.episodes()[0].id
    at.text_area(key=edit(target, "notes")).input("changed").run()
    journal.delete(target)  # as another window would
    at.button(key=edit(target, "save")).click().run()
    assert not at.exception
    assert journal.count() == 0
