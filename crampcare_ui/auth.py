"""Who is visiting: login (st.login / st.user) when the server has it set up, or the single
person on this computer; and what a journal page says when it may open no journal.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from crampcare import access


def login_configured() -> bool:
    """Hosted mode: an [auth] section in the secrets (secrets.toml or STREAMLIT_SECRETS_FILES)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False


def _only_me() -> bool:
    return os.environ.get("CRAMPCARE_ONLY_ME", "").lower() in ("1", "true", "yes")


CONNECTION = "auth.connection"
"""Where this session's browser connects from: (client address, headers), read once per
session, since a session is one connection."""


def _connection() -> tuple[str | None, dict[str, str]]:
    if CONNECTION not in st.session_state:
        ip = st.context.ip_address
        headers = {k: v for k, v in (st.context.headers or {}).items() if isinstance(v, str)}
        # Only a real address counts (a session without a browser connection has none).
        st.session_state[CONNECTION] = (ip if isinstance(ip, str) else None, headers)
    return st.session_state[CONNECTION]


def journal_access() -> access.Access:
    """Whose journal this visit may open (personal, logged in), or why none."""
    user = st.user
    client_ip, headers = _connection()
    return access.decide(
        access.Visit(
            login_configured=login_configured(),
            logged_in=bool(user.get("is_logged_in")),
            issuer=user.get("iss"),
            subject=user.get("sub"),
            listen_address=st.get_option("server.address"),
            client_ip=client_ip,
            headers=headers,
            only_me=_only_me(),
        )
    )


def log_out() -> None:
    """Button callback: forget everything of this person in the session (undo list, drafts,
    filters, the demo switch), then end the login."""
    st.session_state.clear()
    st.logout()


def journal_gate() -> None:
    """Why there is no journal here, and what to do: log in, or set the server up safely."""
    verdict = journal_access()
    if verdict.verdict == access.Verdict.LOG_IN:
        st.info(
            "Your journal is private to you: log in to see it and add to it. The guide, the "
            "stretches and demo data work without an account."
        )
        st.button("Log in", type="primary", key="auth.login", on_click=st.login)
        return
    where = {
        "listening": "this server listens for other computers",
        "address": "this page was opened from another computer",
        "proxy": "this page came through a proxy server",
    }[verdict.reason]
    st.warning(
        f"The journal is switched off here: {where}, and no login is set up, so anyone who "
        "can open the app could read and change it. To keep a journal on a shared server, "
        "set up login (README, 'Run it for many people'). If you alone can reach this "
        "server, start it with CRAMPCARE_ONLY_ME=1. The guide and demo data keep working."
    )
