"""Cramp Care: the frame. Page config, shared session state, and every page listed once."""

import streamlit as st

import ui

# (script, title, url path): the default page is served at "/".
PAGES = (
    (ui.HOME_PAGE, "Where is the cramp?", "home"),
    (ui.RELIEF_PAGE, "Relief", "relief"),
    (ui.CAUSES_PAGE, "Causes and prevention", "causes"),
    (ui.JOURNAL_PAGE, "Journal", "journal"),
    (ui.INSIGHTS_PAGE, "Insights", "insights"),
    (ui.DATA_PAGE, "Your data", "data"),
    (ui.ABOUT_PAGE, "About and sources", "about"),
)
ACCOUNT = (ui.ACCOUNT_PAGE, "Your account", "account")
"""Listed only on a hosted server with login."""

st.set_page_config(page_title="Cramp Care", layout="wide")
ui.init_session()
st.navigation(
    [
        st.Page(script, title=title, url_path=url, default=(script == ui.HOME_PAGE))
        for script, title, url in PAGES + ((ACCOUNT,) if ui.login_configured() else ())
    ],
    position="top",
).run()
