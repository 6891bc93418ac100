"""Causes and prevention: tick what applies, get an honest plan and a handout to take away."""

from datetime import date

import streamlit as st

from crampcare.plan import build_plan, handout
from crampcare_ui import cache, session
from crampcare_ui.widgets import guide as guide_widgets

SIGN = "causes.sign."
CAUSES = "causes.causes"

session.require_frame(__file__)
guide = cache.guide()
state = st.session_state

st.title("What sets cramps off, and how to prevent them")
st.write(
    "Tick what applies to you. Your plan updates as you go, and every point "
    "says how good the evidence for it is."
)

checklist_col, plan_col = st.columns([1, 1], gap="large")

with checklist_col:
    st.subheader("First: any of these warning signs?")
    for flag in guide.warning_signs:
        if st.checkbox(flag.sign, key=SIGN + flag.key, persist_state="session", wrap=True):
            # Said right where it was ticked, so nobody has to find it further down a phone.
            with st.container(key=f"sign-{flag.key}"):
                guide_widgets.show_tier(guide.tiers[flag.tier], [flag])

    st.subheader("What might be setting off your cramps?")
    ticked = st.pills(
        "Tick all that apply",
        list(guide.causes),
        selection_mode="multi",
        format_func=lambda k: guide.causes[k].short,
        key=CAUSES,
        persist_state="session",
        wrap=True,
    )
    st.caption(
        "**What the evidence says about each**\n\n"
        + "\n".join(
            f"- **{c.title}.** {c.belief + ' ' if c.belief else ''}{c.evidence} "
            f"{guide_widgets.evidence_note(c.level, c.sources)}"
            for c in guide.causes.values()
        )
    )

plan = build_plan(
    guide,
    ticked,
    [f.key for f in guide.warning_signs if state.get(SIGN + f.key)],
)

with plan_col:
    if plan.warnings:
        with st.container(key="see-a-doctor"):
            st.markdown("**The warning signs you ticked come before any self-care.**")
            for tier in guide.tiers.values():
                guide_widgets.show_tier(tier, plan.warnings_in(tier.key))

    # Plan items are content text (validated TOML), so markdown is safe.
    nothing_ticked = guide_widgets.aside(
        "Nothing ticked yet: this is the advice that suits most people."
    )
    st.markdown(
        "### Your prevention plan\n\n"
        + ("" if plan.causes else nothing_ticked + "\n\n")
        + "\n".join(
            f"{n}. **{m.title}.** {m.text} {guide_widgets.evidence_note(m.level, m.sources)}"
            for n, m in enumerate(plan.advice, start=1)
        )
    )
    st.markdown(
        "### What the evidence does not support\n\n"
        + "\n".join(
            f"- **{m.title}.** {m.text} {guide_widgets.evidence_note(m.level, m.sources)}"
            for m in plan.not_helpful
        )
    )
    for section in guide.notes:
        st.markdown(
            f"### {section.title}\n\n"
            + "\n".join(
                f"- {item.text} {guide_widgets.evidence_note(item.level, item.sources)}"
                for item in section.items
            )
        )

    today = date.today()
    guide_widgets.place_picker("causes.place")
    place = guide.places[guide.place]
    st.caption(f"{place.name}: in an emergency, call {place.emergency}. {place.emergency_note}")
    st.download_button(
        "Download my plan (handout)",
        # Built when pressed: a file built on each run is replaced by the next run, and a
        # press during a rerun would fetch a file already gone.
        data=lambda: handout(guide, plan, today),
        file_name=f"cramp-care-plan-{today.isoformat()}.md",
        mime="text/markdown",
        type="primary",
        key="causes.download",
        on_click="ignore",
    )
    st.caption(
        "A one-page Markdown file with today's date, your ticks, the plan, what a doctor may "
        "check, and the warning signs with the emergency number for where you are."
    )
