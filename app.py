"""Cramp Care: the frame. Page config, shared session state, and every page listed once."""

from pathlib import Path

import streamlit as st

from crampcare_ui import auth, session

# (script, title, url path): the default page is served at "/".
PAGES = (
    (session.HOME_PAGE, "Where is the cramp?", "home"),
    (session.RELIEF_PAGE, "Relief", "relief"),
    (session.CAUSES_PAGE, "Causes and prevention", "causes"),
    (session.JOURNAL_PAGE, "Journal", "journal"),
    (session.INSIGHTS_PAGE, "Insights", "insights"),
    (session.DATA_PAGE, "Your data", "data"),
    (session.ABOUT_PAGE, "About and sources", "about"),
)
ACCOUNT = (session.ACCOUNT_PAGE, "Your account", "account")
"""Listed only on a hosted server with login."""

st.set_page_config(page_title="Cramp Care", layout="wide")
st.html(Path(__file__).parent / "crampcare_ui" / "touch.css")  # style only: takes no room
session.init_session()
st.navigation(
    [
        st.Page(script, title=title, url_path=url, default=(script == session.HOME_PAGE))
        for script, title, url in PAGES + ((ACCOUNT,) if auth.login_configured() else ())
    ],
    position="top",
).run()
