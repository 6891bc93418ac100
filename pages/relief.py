"""Relief for one region (/relief?region=KEY): the stretch, a hold timer, what else helps, when to get help."""

import streamlit as st

from crampcare_ui import cache, session
from crampcare_ui.widgets import guide as guide_widgets
from crampcare_ui.widgets import hold_timer

PICKER = "relief.picker"

session.require_frame(__file__)
guide = cache.guide()
state = st.session_state


def choose_region() -> None:
    chosen = state[PICKER]
    if chosen:
        state[session.REGION] = chosen
        st.query_params["region"] = chosen


region = guide.region(st.query_params.get("region"))
if region is None:
    st.title("Relief for a cramp")
    if st.query_params.get("region"):
        # The unknown key is not echoed: it came from a URL anyone could have written.
        st.warning(
            "That link doesn't match a part of the body this guide covers. Choose one below."
        )
    else:
        st.info("Choose where the cramp is to see its stretch.")
    guide_widgets.region_picker(PICKER, on_change=choose_region)
    st.stop()

state[session.REGION] = region.key
if not region.sided:
    state[session.SIDE] = None
hold_timer.prepare(region)

course = guide.course_of(region)

side = f", {state[session.SIDE]} side" if region.sided and state[session.SIDE] else ""
st.title(f"{region.name} cramp")
# Content text only (validated TOML), so markdown is safe; one element for the two lines.
st.markdown(f"{guide_widgets.aside(region.where.capitalize() + side)}\n\n### {region.stretch}")

if note := hold_timer.still_cramping_note(region):
    st.info(note)

timer_col, steps_col = st.columns([2, 3], gap="large")
with timer_col:
    hold_timer.show(region)
with steps_col:
    st.image(str(region.illustration), width=360, alt=region.illustration_alt)
    steps = "\n".join(f"{n}. {s.text}" for n, s in enumerate(region.steps, start=1))
    # Alternatives are options, not the next numbered step: someone mid-cramp follows numbers.
    instead = "".join(f"\n- {s.text}" for s in region.instead)
    st.markdown(steps + (f"\n\n**Or instead:**\n{instead}" if instead else ""))
    # The badge stays out of the caption's faded colour, where it would be too faint to read.
    st.markdown(
        f"{guide_widgets.aside(region.evidence)} "
        f"{guide_widgets.evidence_note(region.level, region.sources)}"
    )

see_doctor = guide.red_flags[course.see_doctor]
st.markdown(
    "### What to expect\n\n"
    f"{course.usual.text} {guide_widgets.evidence_note(course.usual.level, course.usual.sources)}\n\n"
    f"**{guide.tiers[see_doctor.tier].heading}:** {see_doctor.text}\n\n"
    "### What else helps\n\n"
    + "\n".join(
        f"- {item.text} {guide_widgets.evidence_note(item.level, item.sources)}"
        for item in region.helps + course.helps
    )
)

guide_widgets.help_box(region.key)

st.page_link(session.CAUSES_PAGE, label="What sets cramps off, and how to prevent them")
