"""Many people on one server: login, a journal each (on SQLite and on PostgreSQL), the account
page, logging out, and the refusal that keeps a journal from being shared by accident."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest
from streamlit import config

from crampcare.episodes import Episode
from tests.app.conftest import new_app, texts

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-secret-for-signing-the-login-cookie",
    "client_id": "cramp-care",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
}
ISSUER = "http://localhost:9"


def person(name: str) -> dict:
    return {"is_logged_in": True, "iss": ISSUER, "sub": f"{name}-0001", "name": name.title(),
            "email": f"{name}@example.com"}  # fmt: skip


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The hosted journal on each backend: the default SQLite file, or PostgreSQL."""
    if request.param == "postgres":
        monkeypatch.setenv("CRAMPCARE_DATABASE_URL", request.getfixturevalue("postgres_url"))
    yield request.param


def hosted(user: dict | None = None):
    at = new_app()
    at.secrets["auth"] = AUTH
    at.user = user if user is not None else {"is_logged_in": False}
    return at


def log_a_cramp(at, notes: str):
    at.switch_page("pages/journal.py").run()
    draft = at.session_state["journal.new_draft"]
    at.text_area(key=f"journal.new.{draft}.notes").input(notes).run()
    at.button(key=f"journal.new.{draft}.save").click().run()
    assert not at.exception
    return at


def test_without_logging_in_the_guide_works_and_journal_pages_ask_to_log_in(backend) -> None:
    at = hosted()
    at.query_params["region"] = "calf"
    at.switch_page("pages/relief.py").run()
    assert at.title[0].value == "Calf cramp" and "When to get help" in texts(at, "subheader")
    for page in ("journal", "insights", "data", "account"):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        assert "log in to see it" in texts(at, "info"), page
        assert at.button(key="auth.login"), page
        assert not at.dataframe and not at.download_button, page


def test_demo_data_needs_no_account(backend) -> None:
    at = hosted()
    at.query_params["demo"] = "1"
    at.switch_page("pages/journal.py").run()
    assert "Demo mode" in texts(at, "info") and len(at.dataframe[0].value) > 1


def test_each_person_sees_only_their_own_journal(backend) -> None:
    alice = log_a_cramp(hosted(person("alice")), "alice's private note")
    assert alice.dataframe[0].value["Notes"].tolist() == ["alice's private note"]

    bob = hosted(person("bob"))
    bob.switch_page("pages/journal.py").run()
    assert "No cramps logged yet" in texts(bob, "info")
    log_a_cramp(bob, "bob's note")
    assert bob.dataframe[0].value["Notes"].tolist() == ["bob's note"]
    bob.switch_page("pages/insights.py").run()
    assert bob.metric[0].value == "1"
    bob.switch_page("pages/data.py").run()
    assert next(b.label for b in bob.download_button) == "Export the 1 cramp (CSV)"
    bob.text_input(key="data.confirm").input("DELETE").run()
    bob.button(key="data.delete_all").click().run()
    assert "Your journal is empty." in texts(bob, "success")

    alice.switch_page("pages/journal.py").run()
    assert alice.dataframe[0].value["Notes"].tolist() == ["alice's private note"]


def test_the_account_page_says_who_and_logging_out_forgets_the_session(backend) -> None:
    at = hosted(person("alice"))
    at.session_state["journal.undo"] = [Episode(datetime(2026, 3, 1, 3), "calf")]
    at.switch_page("pages/account.py").run()
    assert not at.exception
    assert "Logged in as Alice (alice@example.com)" in texts(at, "text")
    assert "Nothing to export yet" in texts(at, "info")
    at.button(key="account.logout").click().run()
    assert "journal.undo" not in at.session_state or at.session_state["journal.undo"] == []


def test_without_login_there_is_no_account_page() -> None:
    at = new_app().switch_page("pages/account.py").run()
    assert not at.exception
    assert at.title[0].value == "Where is the cramp?", "not listed, so not served"


def test_a_server_reachable_from_elsewhere_without_login_refuses_the_journal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = new_app()
    config.set_option("server.address", "0.0.0.0")  # as with --server.address 0.0.0.0
    try:
        at.switch_page("pages/journal.py").run()
        assert not at.exception
        assert "The journal is switched off here" in texts(at, "warning")
        assert "CRAMPCARE_ONLY_ME=1" in texts(at, "warning")
        assert not at.dataframe
        at.query_params["region"] = "calf"
        at.switch_page("pages/relief.py").run()
        assert at.title[0].value == "Calf cramp", "the guide keeps working"
        monkeypatch.setenv("CRAMPCARE_ONLY_ME", "1")
        at.switch_page("pages/journal.py").run()
        assert "No cramps logged yet" in texts(at, "info")
    finally:
        config.set_option("server.address", "127.0.0.1")


def test_a_database_that_goes_away_mid_save_is_a_calm_retry(
    monkeypatch: pytest.MonkeyPatch, postgres_server, postgres_url
) -> None:
    """The hosted journal's server stops between two saves: the save says so calmly, keeps
    what was typed, and works when tried again once the server is back."""
    monkeypatch.setenv("CRAMPCARE_DATABASE_URL", postgres_url)
    monkeypatch.setattr("crampcare.store.postgres.POOL_TIMEOUT_S", 1.0)
    at = log_a_cramp(hosted(person("fay")), "first")
    at.button(key="journal.log_another").click().run()
    draft = at.session_state["journal.new_draft"]
    at.text_area(key=f"journal.new.{draft}.notes").input("typed while the server was away").run()
    postgres_server.stop()
    try:
        at.button(key=f"journal.new.{draft}.save").click().run()
        assert not at.exception
        assert re.search(r"couldn't be (reached|read) just now", texts(at, "error"))
        assert at.button(key="store.retry") or at.button(key=f"journal.new.{draft}.save")
    finally:
        postgres_server.start()
    # The pool reconnects with a backoff of up to ten seconds, so a person may need
    # "Try again" more than once; a bounded number of presses, each waiting on the pool.
    for _ in range(60):
        if not [b for b in at.button if b.key == "store.retry"]:
            break
        at.button(key="store.retry").click().run()
    typed = at.text_area(key=f"journal.new.{draft}.notes").value
    assert typed == "typed while the server was away", "what was typed is still there"
    at.button(key=f"journal.new.{draft}.save").click().run()
    assert not at.exception and "2 cramps match." in texts(at, "caption")
