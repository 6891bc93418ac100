"""Home: 'Where is the cramp?' - the body map, its accessible twin, and the fastest way to a stretch."""

import streamlit as st

from crampcare import bodymap
from crampcare_ui import cache, session
from crampcare_ui.widgets import guide as guide_widgets

PICKER = "home.region"
SIDE_PICKER = "home.side"
MAP = "home.map"

session.require_frame(__file__)
guide = cache.guide()
state = st.session_state

# The map and the pills both write the shared region; keep the pills in step with it.
if state.get(PICKER) != state[session.REGION] and state[session.REGION] in guide.regions:
    state[PICKER] = state[session.REGION]
if state.get(SIDE_PICKER) != state[session.SIDE]:
    state[SIDE_PICKER] = state[session.SIDE]


def on_map_click() -> None:
    hit = bodymap.clicked_region(state.get(MAP))
    if hit:
        state[session.REGION], state[session.SIDE] = hit
        state[PICKER], state[SIDE_PICKER] = hit


def on_pick() -> None:
    state[session.REGION] = state[PICKER]


def on_side() -> None:
    state[session.SIDE] = state[SIDE_PICKER]


st.title("Where is the cramp?")

with st.container(border=True, key="cramping-now"):
    st.markdown(
        "### Cramping right now?\n\n"
        "Most night cramps are in the calf. One tap opens the stretch with the hold timer running."
    )
    if st.button("Calf cramp: stretch now", type="primary", key="home.calf_now", width="stretch"):
        session.go_to_relief(guide.regions["calf"], state[session.SIDE], start_timer=True)
    st.caption("Somewhere else? Tap it on the body or choose it from the list.")

map_col, pick_col = st.columns([3, 2], gap="large")

with pick_col:
    guide_widgets.region_picker(PICKER, on_change=on_pick)
    region = guide.region(state[session.REGION])
    if region is None:
        st.info("Choose the place that hurts to see its stretch.")
    else:
        st.markdown(f"**{region.name}** ({region.where}): {region.stretch}")
        if region.sided:
            guide_widgets.side_picker(SIDE_PICKER, on_change=on_side)
        if st.button(
            f"Stretch now: {region.name.lower()}",
            type="primary",
            key="home.go",
            width="stretch",
        ):
            session.go_to_relief(region, state[session.SIDE], start_timer=True)
        st.page_link(
            session.RELIEF_PAGE,
            label="Read the steps first (timer not started)",
            query_params={"region": region.key},
        )

with map_col:
    st.plotly_chart(
        cache.body_map(state[session.REGION], state[session.SIDE]),
        key=MAP,
        on_select=on_map_click,
        selection_mode="points",
        config={"displayModeBar": False, "scrollZoom": False},
        alt="Body map, front and back views. The list of places beside it does the same.",
    )
