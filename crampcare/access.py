"""Whose journal a visit may open, decided from plain facts about the server and the request.

Two ways to run, chosen by configuration: personal (no login; the journal belongs to the
"local" owner and may only be reached from this computer) and hosted (login with an OpenID
Connect provider; each person's journal is keyed by the provider's issuer and subject, never
by e-mail). The guide never asks for any of this: only journal pages do.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from crampcare.store import LOCAL_OWNER

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "via")
"""Headers a reverse proxy adds: their presence means the request came through one."""


class Verdict(Enum):
    OPEN = "open"
    """Personal use on this computer, or a logged-in person: the owner's journal opens."""
    LOG_IN = "log in"
    """Login is set up and this visitor has not logged in yet."""
    REFUSED = "refused"
    """No login is set up, yet the journal is reached from elsewhere: it would be shared."""


@dataclass(frozen=True)
class Visit:
    """What the app knows about a visit, gathered by the Streamlit layer."""

    login_configured: bool
    logged_in: bool = False
    issuer: str | None = None
    subject: str | None = None
    listen_address: str | None = "127.0.0.1"
    client_ip: str | None = None
    """None when the browser is on this computer (Streamlit reports loopback as None)."""
    headers: Mapping[str, str] | None = None
    only_me: bool = False
    """The single owner's explicit setting: this server can only be reached by me."""


@dataclass(frozen=True)
class Access:
    verdict: Verdict
    owner: str | None = None
    reason: str = ""
    """Why the journal is refused (for the page's explanation)."""


def _loopback(address: str | None) -> bool:
    if not address:
        return False  # no address set: Streamlit listens on every interface
    if address in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def decide(visit: Visit) -> Access:
    """Who owns the journal this visit may open, or why it may open none."""
    if visit.login_configured:
        if not visit.logged_in:
            return Access(Verdict.LOG_IN)
        if not visit.issuer or not visit.subject:
            return Access(Verdict.LOG_IN, reason="the provider did not say who you are")
        return Access(Verdict.OPEN, owner=f"{visit.issuer}|{visit.subject}")
    if visit.only_me:
        return Access(Verdict.OPEN, owner=LOCAL_OWNER)
    headers = {k.lower() for k in (visit.headers or {})}
    if not _loopback(visit.listen_address):
        return Access(Verdict.REFUSED, reason="listening")
    if visit.client_ip is not None and not _loopback(visit.client_ip):
        return Access(Verdict.REFUSED, reason="address")
    if headers & set(PROXY_HEADERS):
        return Access(Verdict.REFUSED, reason="proxy")
    return Access(Verdict.OPEN, owner=LOCAL_OWNER)
