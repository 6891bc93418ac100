"""Widgets of the guide: region, side and place pickers, evidence badges, and warning
signs drawn tier by tier in the help box.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from crampcare.content import RedFlag, Tier
from crampcare.episodes import SIDES
from crampcare_ui import cache, session


def trigger_options(used: list[str], chosen: list[str] = ()) -> list[str]:
    """What a trigger picker offers: the guide's causes, then the person's own, then any
    already chosen (so a chosen one never disappears from its own picker)."""
    return list(dict.fromkeys([*cache.guide().causes, *used, *chosen]))


def level_badge(level_key: str) -> str:
    """Markdown for an evidence level's inline badge (content text only, never user text)."""
    level = cache.guide().levels[level_key]
    return f":{level.tone}-badge[{level.label}]"


def evidence_note(level_key: str, sources: tuple[str, ...]) -> str:
    """Markdown for an inline evidence badge and the source ids (content text only, never user text)."""
    return f"{level_badge(level_key)} Sources: {', '.join(sources)}"


def aside(text: str) -> str:
    """Markdown for small grey text, as a caption looks, inside a larger block of markdown.

    For content text only: user text never goes into markdown."""
    return f":small[:gray[{text}]]"


def region_picker(
    key: str, label: str = "Or choose it from the list", on_change: Callable[[], None] | None = None
) -> str | None:
    """Pills for every region: the keyboard and screen-reader twin of the body map."""
    regions = cache.guide().regions
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


TIER_STYLE = {"emergency": st.error, "today": st.warning, "soon": st.info}
"""How each tier of warning signs is drawn: red, amber, blue, on every page."""


def tier_markdown(tier: Tier, flags: list[RedFlag], note: str = "") -> str:
    """One tier's signs under its heading, then what to do. Content text only (validated
    TOML and places.toml), never user input, so markdown is safe here."""
    lines = [f"**{tier.heading}:**", "", *(f"- {f.text}" for f in flags)]
    for paragraph in (tier.action, note):
        if paragraph:
            lines += ["", paragraph]
    return "\n".join(lines)


def show_tier(tier: Tier, flags: list[RedFlag], note: str = "") -> None:
    if flags:
        TIER_STYLE[tier.key](tier_markdown(tier, flags, note))


def _choose_place(key: str) -> None:
    st.session_state[session.PLACE] = st.session_state[key]


def place_picker(key: str) -> None:
    """Where the person is, for emergency numbers and service names; shared by every page."""
    places = cache.places()
    st.session_state[key] = st.session_state[session.PLACE]
    st.selectbox(
        "Emergency numbers for",
        list(places),
        format_func=lambda k: places[k].name,
        key=key,
        on_change=_choose_place,
        args=(key,),
        help="Your browser's language setting chose this; change it if you are elsewhere.",
    )


def help_box(region_key: str) -> None:
    """'When to get help', tier by tier. Never collapsed: red flags are not hidden."""
    g = cache.guide()
    place = g.places[g.place]
    with st.container(border=True, key="help-box"):
        st.subheader("When to get help")
        place_picker("help.place")
        for tier in g.tiers.values():
            note = place.emergency_note if tier.key == "emergency" else ""
            show_tier(tier, g.flags_for(region_key, tier.key), note)
