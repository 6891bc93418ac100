"""Your data page: where the journal lives, import with row errors, export, delete everything."""

from datetime import datetime

from crampcare import csvio
from crampcare.episodes import Episode
from crampcare.store import SQLiteJournal
from tests.app.conftest import texts

HEADER = ",".join(csvio.COLUMNS)


class Upload:
    """Stands in for Streamlit's UploadedFile, which AppTest cannot produce."""

    def __init__(self, data: bytes):
        self.data = data

    def getvalue(self) -> bytes:
        return self.data


def data_page(app):
    return app.switch_page("pages/data.py").run()


def test_shows_where_the_journal_lives(app, journal_path) -> None:
    at = data_page(app)
    assert not at.exception
    assert str(journal_path) in [t.value for t in at.text]


def test_import_shows_row_errors_and_saves_only_on_confirm(app, journal_path, monkeypatch) -> None:
    text = (
        f"{HEADER}\n,2026-03-01 03:15,calf,left,5,60,cold,stretch,yes,ok\n"
        ",2026-03-02 03:15,elbow,,,,,,,\n,2026-03-03 03:15,calf,,99,,,,,\n"
    )
    monkeypatch.setattr("streamlit.file_uploader", lambda *a, **k: Upload(text.encode()))
    at = data_page(app)
    assert not at.exception
    assert "2 problems found. Those rows will be skipped." in texts(at, "error")
    problems = at.text[-1].value.splitlines()
    assert problems == [
        "Row 3, region: Choose one of the listed places.",
        "Row 4, severity: Severity goes from 0 (none) to 10 (worst).",
    ]
    assert SQLiteJournal(journal_path).count() == 0, "nothing saved before confirming"
    at.button(key="data.import").click().run()
    assert "Added 1 cramp." in texts(at, "success")
    assert SQLiteJournal(journal_path).count() == 1


def test_refused_file_offers_no_import(app, journal_path, monkeypatch) -> None:
    SQLiteJournal(journal_path).add(Episode(datetime(2026, 3, 1, 3), "calf"))
    before = journal_path.read_bytes()
    monkeypatch.setattr("streamlit.file_uploader", lambda *a, **k: Upload(b"a;b\n1;2\n"))
    at = data_page(app)
    assert "The file can't be imported." in texts(at, "error")
    assert not [b for b in at.button if b.key == "data.import"]
    assert journal_path.read_bytes() == before


def test_delete_everything_needs_the_typed_word_then_clears_it(app, journal_path) -> None:
    journal = SQLiteJournal(journal_path)
    journal.add(Episode(datetime(2026, 3, 1, 3), "calf"))
    at = data_page(app)
    assert at.button(key="data.delete_all").disabled
    assert at.button(key="data.delete_all").label == ":red[Delete everything]", "looks destructive"
    at.text_input(key="data.confirm").input("delete").run()
    assert at.button(key="data.delete_all").disabled
    at.text_input(key="data.confirm").input("DELETE").run()
    at.button(key="data.delete_all").click().run()
    assert "Your journal is empty." in texts(at, "success")
    assert journal.count() == 0
    assert not [w for w in at.text_input if w.key == "data.confirm"], "no typed word left live"
    assert not [b for b in at.button if b.key == "data.delete_all"]
    assert not at.download_button, "nothing left to export"
    assert "Nothing to export yet" in texts(at, "info")


def test_an_empty_journal_offers_no_export_and_nothing_to_delete(app) -> None:
    at = data_page(app)
    assert not at.download_button
    assert "Nothing to export yet" in texts(at, "info")
    assert "nothing to delete" in texts(at, "caption")


def test_demo_link_shows_the_demo_journal_read_only(app, journal_path) -> None:
    SQLiteJournal(journal_path).add(Episode(datetime(2026, 3, 1, 3), "calf", notes="mine"))
    before = journal_path.read_bytes()
    app.query_params["demo"] = "1"
    at = data_page(app)
    assert not at.exception
    assert "Demo mode" in texts(at, "info")
    assert str(journal_path) not in [t.value for t in at.text], "never the real journal"
    assert next(b.label for b in at.download_button).startswith("Export all ")
    assert not [b for b in at.button if b.key in ("data.delete_all", "data.import")]
    assert not [w for w in at.text_input if w.key == "data.confirm"]
    assert journal_path.read_bytes() == before


def test_a_busy_journal_keeps_delete_everything_ready_to_retry(
    app, journal_path, monkeypatch
) -> None:
    import sqlite3

    from crampcare.store import sqlite as store

    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(store, "LOCK_RETRIES", 1)
    journal = SQLiteJournal(journal_path)
    journal.add(Episode(datetime(2026, 3, 1, 3), "calf"))
    at = data_page(app)
    at.text_input(key="data.confirm").input("DELETE").run()
    other = sqlite3.connect(journal_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the journal
    try:
        at.button(key="data.delete_all").click().run()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not at.exception
    assert "couldn't be reached just now" in texts(at, "error")
    assert journal.count() == 1 and at.text_input(key="data.confirm").value == "DELETE"
    at.button(key="data.delete_all").click().run()
    assert journal.count() == 0 and "Your journal is empty." in texts(at, "success")
