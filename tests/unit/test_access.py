"""Whose journal a visit may open: personal use on this computer, login, and the refusals
that keep one journal from being shared by accident."""

import pytest

from crampcare.access import Access, Verdict, Visit, decide
from crampcare.store import LOCAL_OWNER


def test_personal_use_on_this_computer_opens_the_local_journal() -> None:
    assert decide(Visit(login_configured=False)) == Access(Verdict.OPEN, owner=LOCAL_OWNER)
    assert decide(Visit(login_configured=False, listen_address="localhost")).owner == LOCAL_OWNER
    assert decide(Visit(login_configured=False, listen_address="::1")).owner == LOCAL_OWNER


@pytest.mark.parametrize(
    ("visit", "reason"),
    [
        (Visit(login_configured=False, listen_address="0.0.0.0"), "listening"),
        (Visit(login_configured=False, listen_address=None), "listening"),
        (Visit(login_configured=False, listen_address="192.168.1.20"), "listening"),
        (Visit(login_configured=False, client_ip="192.168.1.7"), "address"),
        # A reverse proxy on this same computer: the listening address alone is not enough.
        (Visit(login_configured=False, headers={"X-Forwarded-For": "203.0.113.9"}), "proxy"),
        (Visit(login_configured=False, headers={"Forwarded": "for=203.0.113.9"}), "proxy"),
        (Visit(login_configured=False, headers={"X-Real-IP": "203.0.113.9"}), "proxy"),
    ],
)
def test_a_journal_reachable_from_elsewhere_without_login_is_refused(visit, reason) -> None:
    access = decide(visit)
    assert access.verdict == Verdict.REFUSED and access.owner is None and access.reason == reason


def test_the_owner_may_say_only_they_can_reach_the_server() -> None:
    visit = Visit(login_configured=False, listen_address="0.0.0.0", only_me=True)
    assert decide(visit) == Access(Verdict.OPEN, owner=LOCAL_OWNER)


def test_with_login_each_person_is_their_issuer_and_subject_never_their_email() -> None:
    assert decide(Visit(login_configured=True)).verdict == Verdict.LOG_IN
    visit = Visit(login_configured=True, logged_in=True, issuer="https://id.example",
                  subject="248289761001", listen_address="0.0.0.0",
                  headers={"X-Forwarded-For": "203.0.113.9"})  # fmt: skip
    assert decide(visit) == Access(Verdict.OPEN, owner="https://id.example|248289761001")
    no_subject = Visit(login_configured=True, logged_in=True, issuer="https://id.example")
    assert decide(no_subject).verdict == Verdict.LOG_IN
