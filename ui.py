"""Streamlit glue shared by the pages: the cached guide, session keys and widgets used on several pages.

Decisions live in crampcare/; this module only shows them.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from crampcare.content import Guide, RedFlag, Region, load_guide

HOME_PAGE = "pages/home.py"
RELIEF_PAGE = "pages/relief.py"
CAUSES_PAGE = "pages/causes.py"
ABOUT_PAGE = "pages/about.py"

# Session keys shared across pages; page-only keys carry the page's name as a prefix.
REGION = "cramp.region"
SIDE = "cramp.side"
AUTOSTART = "relief.autostart"

FRAME = "frame.ready"

SESSION_DEFAULTS = {REGION: None, SIDE: None, AUTOSTART: False}

SIDES = ("left", "right", "both")


def init_session() -> None:
    """Run once per script run from app.py, before any page."""
    for key, value in SESSION_DEFAULTS.items():
        st.session_state.setdefault(key, value)
    st.session_state[FRAME] = True


def require_frame(page_file: str) -> None:
    """Every page calls this first with its own __file__, so no page runs outside app.py.

    Until some script has called st.navigation, a fresh Streamlit server treats pages/ as a
    legacy auto-discovered folder and runs a deep-linked page on its own. Calling
    st.navigation switches that mode off for the whole server; switching to the same page
    (page identity is its URL path) then runs it again through app.py, query string kept.
    """
    if not st.session_state.get(FRAME):
        page = st.Page(page_file)
        st.navigation([page], position="hidden")
        st.switch_page(page, query_params=st.query_params.to_dict())


@st.cache_resource
def guide() -> Guide:
    """The validated guide; loaded once per server process and never mutated (frozen dataclasses)."""
    return load_guide()


def level_badge(level_key: str) -> None:
    level = guide().levels[level_key]
    st.badge(level.label, color=level.tone, help=level.meaning)


def evidence_note(level_key: str, sources: tuple[str, ...]) -> str:
    """Markdown for an inline evidence badge and the source ids (content text only, never user text)."""
    level = guide().levels[level_key]
    return f":{level.tone}-badge[{level.label}] Sources: {', '.join(sources)}"


def region_picker(
    key: str, label: str = "Or choose it from the list", on_change: Callable[[], None] | None = None
) -> str | None:
    """Pills for every region: the keyboard and screen-reader twin of the body map."""
    regions = guide().regions
    return st.pills(
        label,
        options=list(regions),
        format_func=lambda k: regions[k].name,
        key=key,
        on_change=on_change,
        wrap=True,
    )


def side_picker(key: str, on_change: Callable[[], None] | None = None) -> str | None:
    return st.segmented_control(
        "Which side?",
        options=list(SIDES),
        format_func=str.capitalize,
        key=key,
        on_change=on_change,
    )


def go_to_relief(region: Region, side: str | None, *, start_timer: bool) -> None:
    st.session_state[REGION] = region.key
    st.session_state[SIDE] = side if region.sided else None
    st.session_state[AUTOSTART] = start_timer
    st.switch_page(RELIEF_PAGE, query_params={"region": region.key})


def _flag_list(flags: list[RedFlag]) -> str:
    # Content text is ours (validated TOML), never user input, so markdown is safe here.
    return "\n".join(f"- {f.text}" for f in flags)


def help_box(region_key: str) -> None:
    """'When to get help', in two tiers. Never collapsed: red flags are not hidden."""
    g = guide()
    with st.container(border=True, key="help-box"):
        st.subheader("When to get help")
        st.error("**Get help now**\n\n" + _flag_list(g.flags_for(region_key, "now")))
        st.warning("**See a doctor soon**\n\n" + _flag_list(g.flags_for(region_key, "soon")))
        st.caption("In an emergency call 999 in the UK, 112 in Europe, 911 in North America.")
