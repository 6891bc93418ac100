"""Journal page: log, validation beside the field, edit, delete with undo, demo isolation."""

from datetime import date, datetime, time, timedelta

from crampcare.episodes import Episode
from crampcare.journal import Journal
from tests.app.conftest import texts


def journal_page(app):
    return app.switch_page("pages/journal.py").run()


def test_empty_journal_says_what_to_do(app) -> None:
    at = journal_page(app)
    assert not at.exception
    assert "No cramps logged yet" in texts(at, "info")


def test_logged_cramp_appears_in_the_journal_and_the_charts(app, journal_path) -> None:
    at = journal_page(app)
    at.selectbox(key="journal.new.region").select("foot")
    at.number_input(key="journal.new.severity").set_value(7)
    at.multiselect(key="journal.new.triggers").select("exercise")
    at.text_area(key="journal.new.notes").input("after the 10k")
    at.button(key="FormSubmitter:journal.log_form-Save to journal").click().run()
    assert not at.exception
    assert "Saved: Foot and toes" in texts(at, "success")
    table = at.dataframe[0].value
    assert table["Where"].tolist() == ["Foot and toes"]
    assert table["Notes"].tolist() == ["after the 10k"]
    assert Journal(journal_path).episodes()[0].triggers == ("exercise",)
    at.switch_page("pages/insights.py").run()
    assert not at.exception
    assert at.metric[0].value == "1"
    charts = at.get("plotly_chart")
    assert len(charts) >= 5
    assert any("Hard exercise" in c.proto.spec for c in charts)


def test_bad_input_gets_a_message_beside_the_field_and_is_kept(app, journal_path) -> None:
    at = journal_page(app)
    at.date_input(key="journal.new.day").set_value(date.today() + timedelta(days=2))
    at.text_area(key="journal.new.notes").input("x" * 1005)
    at.button(key="FormSubmitter:journal.log_form-Save to journal").click().run()
    messages = texts(at, "markdown")
    assert "That is in the future" in messages
    assert "Notes are limited to 1000 characters (now 1005)" in messages
    assert at.text_area(key="journal.new.notes").value == "x" * 1005
    assert not Journal(journal_path).path.exists() or Journal(journal_path).count() == 0


def test_double_submit_saves_one_row(app, journal_path) -> None:
    at = journal_page(app)
    submission = at.session_state["journal.new.submission"]
    at.text_area(key="journal.new.notes").input("once")
    at.button(key="FormSubmitter:journal.log_form-Save to journal").click().run()
    # A second click that arrives with the same submission (e.g. during a slow run).
    Journal(journal_path).add(
        Episode(datetime.combine(date.today(), time(1)), "calf", submission_id=submission)
    )
    assert Journal(journal_path).count() == 1


def seeded(journal_path, *notes: str) -> Journal:
    journal = Journal(journal_path)
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
    assert at.text_area(key="journal.edit.notes").value == "second"
    at.text_area(key="journal.edit.notes").input("second, edited")
    at.number_input(key="journal.edit.severity").set_value(4)
    at.button(key="FormSubmitter:journal.edit_form-Save changes").click().run()
    assert not at.exception
    edited = journal.episodes()[0]
    assert (edited.notes, edited.severity, edited.triggers) == ("second, edited", 4, ("cold",))
    assert journal.count() == 2


def test_delete_asks_first_then_undo_brings_it_back(app, journal_path) -> None:
    journal = seeded(journal_path, "keep", "remove me")
    at = select_row(journal_page(app), 0)
    at.button(key="FormSubmitter:journal.edit_form-Delete…").click().run()
    assert journal.count() == 2, "nothing is deleted before confirming"
    assert at.button(key="journal.delete_yes")
    at.button(key="journal.delete_yes").click().run()
    assert [e.notes for e in journal.episodes()] == ["keep"]
    assert "Deleted: Calf" in texts(at, "markdown")
    at.button(key="journal.undo_button").click().run()
    assert sorted(e.notes for e in journal.episodes()) == ["keep", "remove me"]
    assert journal.episodes()[0].triggers == ("cold",)


def test_filters_narrow_the_list(app, journal_path) -> None:
    journal = seeded(journal_path, "a", "b")
    journal.add(Episode(datetime(2026, 11, 5, 3, 0), "neck", notes="c"))
    at = journal_page(app)
    at.multiselect(key="journal.regions").select("neck").run()
    assert at.dataframe[0].value["Notes"].tolist() == ["c"]
    at.multiselect(key="journal.regions").unselect("neck").run()
    at.multiselect(key="journal.triggers").select("cold").run()
    assert sorted(at.dataframe[0].value["Notes"]) == ["a", "b"]


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
