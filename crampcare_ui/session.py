"""Session state and navigation: every page's script, every shared session key (set up
once, by app.py, before any page), and moving between pages.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from crampcare.content import Region
from crampcare_ui import cache

HOME_PAGE = "pages/home.py"
RELIEF_PAGE = "pages/relief.py"
CAUSES_PAGE = "pages/causes.py"
JOURNAL_PAGE = "pages/journal.py"
INSIGHTS_PAGE = "pages/insights.py"
DATA_PAGE = "pages/data.py"
ABOUT_PAGE = "pages/about.py"
ACCOUNT_PAGE = "pages/account.py"


# Session keys shared across pages; page-only keys carry the page's name as a prefix.
REGION = "cramp.region"
SIDE = "cramp.side"
AUTOSTART = "relief.autostart"
DEMO = "journal.demo"
UNDO = "journal.undo"
PLACE = "guide.place"
FRAME = "frame.ready"
SESSION_DEFAULTS = {REGION: None, SIDE: None, AUTOSTART: False, DEMO: False, UNDO: []}


def init_session() -> None:
    """Run once per script run from app.py, before any page."""
    for key, value in SESSION_DEFAULTS.items():
        st.session_state.setdefault(key, value)
    if PLACE not in st.session_state:
        # Where the person is, guessed once from the browser's language; they can change it.
        st.session_state[PLACE] = cache.place_for_locale(st.context.locale)
    st.session_state[FRAME] = True


def require_frame(page_file: str) -> None:
    """Every page calls this first with its own __file__, so no page runs outside app.py.

    Until some script has called st.navigation, a fresh Streamlit server treats pages/ as a
    legacy auto-discovered folder and runs a deep-linked page on its own. Calling
    st.navigation switches that mode off for the whole server; switching to the same page
    (page identity is its URL path) then runs it again through app.py, query string kept.
    """
    if not st.session_state.get(FRAME):
        home = st.Page(HOME_PAGE, default=True)
        # The page is registered under its own URL (not as the default page, which lives at
        # "/"), so the browser's address stays valid and no "page not found" is shown.
        page = home if Path(page_file).name == Path(HOME_PAGE).name else st.Page(page_file)
        st.navigation(list(dict.fromkeys([home, page])), position="hidden")
        st.switch_page(page, query_params=st.query_params.to_dict())


def go_to_relief(region: Region, side: str | None, *, start_timer: bool) -> None:
    st.session_state[REGION] = region.key
    st.session_state[SIDE] = side if region.sided else None
    st.session_state[AUTOSTART] = start_timer
    st.switch_page(RELIEF_PAGE, query_params={"region": region.key})
