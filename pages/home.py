"""Home: 'Where is the cramp?' - the stretch button first, the body map under it, and the
list of places as the map's text twin."""

import streamlit as st

from crampcare_ui import cache, session
from crampcare_ui.widgets import body_map
from crampcare_ui.widgets import guide as guide_widgets

PICKER = "home.region"
SIDE_PICKER = "home.side"
MAP = "home.map"
USUAL = "calf"
"""Most night cramps are in the calf: it is the stretch offered before anything is chosen."""

session.require_frame(__file__)
guide = cache.guide()
state = st.session_state

# The map, the list and the side picker all write the shared region and side.
if state.get(PICKER) != state[session.REGION]:
    state[PICKER] = state[session.REGION] if state[session.REGION] in guide.regions else None
if state.get(SIDE_PICKER) != state[session.SIDE]:
    state[SIDE_PICKER] = state[session.SIDE]


def on_map_pick() -> None:
    if hit := body_map.picked(MAP):
        state[session.REGION], state[session.SIDE] = hit


def on_pick() -> None:
    state[session.REGION] = state[PICKER]


def on_side() -> None:
    state[session.SIDE] = state[SIDE_PICKER]


st.title("Where is the cramp?")

chosen = guide.region(state[session.REGION])
region = chosen or guide.regions[USUAL]
side = state[session.SIDE] if region.sided else None

# The way to the stretch sits above the map, so it is on screen when the map is tapped.
with st.container(border=True, key="cramping-now"):
    if chosen is None:
        st.markdown(
            "**Cramping right now?** Most night cramps are in the calf. "
            "Somewhere else? Tap it on the body below."
        )
        label = "Calf cramp: stretch now"
    else:
        name = body_map.named(region.name, side)
        st.markdown(f"**{name}** ({region.where}): {region.stretch}")
        label = f"Stretch now: {name.lower()}"
    if st.button(label, type="primary", key="home.go", width="stretch"):
        session.go_to_relief(region, side, start_timer=True)
    if chosen is not None and region.sided:
        guide_widgets.side_picker(SIDE_PICKER, on_change=on_side)

map_col, pick_col = st.columns([3, 2], gap="large")
with map_col:
    body_map.body_map(MAP, state[session.REGION], state[session.SIDE], on_map_pick)
with pick_col:
    guide_widgets.region_picker(PICKER, on_change=on_pick)
    st.page_link(
        session.RELIEF_PAGE,
        label=f"Read the steps for {region.name.lower()} first (timer not started)",
        query_params={"region": region.key},
    )
