"""Relief for one region (/relief?region=KEY): the stretch, a hold timer, what else helps, when to get help."""

import time
from dataclasses import asdict, replace
from datetime import datetime

import streamlit as st

import ui
from crampcare.episodes import EpisodeInvalid, new_submission_id, validate
from crampcare.timer import HOLD_CHOICES, HoldTimer, clock, hold_label

TIMER = "relief.timer"
TIMER_REGION = "relief.timer_region"
OUTCOME = "relief.outcome"
HOLD = "relief.hold"
PICKER = "relief.picker"
LOGGED = "relief.logged"
ENDED = "relief.ended_at"
SUBMISSION = "relief.submission"

ui.require_frame(__file__)
guide = ui.guide()
state = st.session_state


def choose_region() -> None:
    chosen = state[PICKER]
    if chosen:
        state[ui.REGION] = chosen
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
    ui.region_picker(PICKER, on_change=choose_region)
    st.stop()

state[ui.REGION] = region.key
if not region.sided:
    state[ui.SIDE] = None
if state.get(TIMER_REGION) != region.key:
    state[TIMER] = HoldTimer(duration=region.hold_seconds)
    state[TIMER_REGION] = region.key
    state[OUTCOME] = None
    state[HOLD] = region.hold_seconds
if state[ui.AUTOSTART]:
    state[ui.AUTOSTART] = False
    state[TIMER] = state[TIMER].new_cramp().start(time.time())
    state[OUTCOME] = None


def set_hold() -> None:
    state[TIMER] = state[TIMER].with_duration(state[HOLD] or region.hold_seconds)


def timer_panel() -> None:
    """The countdown. While running it re-runs itself every second; the page around it does not."""
    now = time.time()
    timer: HoldTimer = state[TIMER]
    if timer.running and timer.finished(now):
        state[TIMER] = timer.pause(now)
        st.rerun(scope="app")  # stop ticking

    with st.container(border=True, key="hold-timer"):
        st.subheader("Hold timer")
        st.metric("Time left", clock(timer.remaining(now)))
        st.progress(1 - timer.remaining(now) / timer.duration)
        st.caption(guide.hold.text)
        if timer.finished(now):
            finished_panel(timer, now)
            return
        with st.container(horizontal=True):
            if timer.running:
                if st.button("Pause", key="relief.pause"):
                    state[TIMER] = timer.pause(time.time())
                    st.rerun(scope="app")
            elif st.button("Start", type="primary", key="relief.start"):
                state[TIMER] = timer.start(time.time())
                state[OUTCOME] = None
                st.rerun(scope="app")
            if st.button("Reset", key="relief.reset"):
                state[TIMER] = timer.reset()
                st.rerun(scope="app")
        if not timer.running:
            st.segmented_control(
                "Hold for",
                options=list(HOLD_CHOICES),
                format_func=hold_label,
                key=HOLD,
                on_change=set_hold,
            )


def finished_panel(timer: HoldTimer, now: float) -> None:
    outcome = state[OUTCOME]
    if outcome is None:
        st.markdown("**Time's up. Has it eased?**")
        with st.container(horizontal=True):
            if st.button("It eased", type="primary", key="relief.eased"):
                state[OUTCOME] = "eased"
                state[ENDED] = time.time()
                st.rerun(scope="app")
            if st.button("Still cramping", key="relief.still"):
                if timer.needs_urgent_help(time.time()):
                    state[OUTCOME] = "urgent"
                    state[ENDED] = time.time()
                else:
                    state[OUTCOME] = "still"
                    state[TIMER] = timer.reset().start(time.time())
                st.rerun(scope="app")
    elif outcome == "eased":
        st.success("Good. Walk around gently; the muscle may stay sore for a day.")
        quick_log(timer, helped="yes")
        if st.button("Start again for a new cramp", key="relief.again"):
            state[TIMER] = timer.new_cramp()
            state[OUTCOME] = None
            st.rerun(scope="app")
    elif outcome == "urgent":
        minutes = int(timer.cramp_seconds(now) // 60)
        st.error(
            f"**Get medical help now.** This cramp has lasted about {minutes} minutes. "
            "A cramp that goes on for more than 10 minutes and is not easing needs a doctor: "
            "call 111 (UK) or your doctor, or 999 / 112 / 911 if you also feel unwell."
        )
        quick_log(timer, helped="no")


def quick_log(timer: HoldTimer, helped: str) -> None:
    """One click saves this cramp with what the timer knows; details can be added after."""
    if state[ui.DEMO]:
        st.caption("Logging is off in demo mode.")
        return
    logged = state.get(LOGGED)
    if logged is None or logged.started_at != _started(timer):
        if st.button("Log this cramp", key="relief.log", width="stretch"):
            episode = validate(
                {
                    "started_at": _started(timer),
                    "region": region.key,
                    "side": state[ui.SIDE],
                    # How long it lasted until the answer, not until the click to log it.
                    "duration_seconds": int(timer.cramp_seconds(state.get(ENDED, time.time()))),
                    "relief": ["stretch"],
                    "helped": helped,
                    "submission_id": _submission(timer),
                },
                ui.vocabulary(),
                datetime.now(),
            )
            episode_id = ui.user_journal().add(episode)  # a second click saves nothing new
            state[LOGGED] = replace(episode, id=episode_id)
            st.rerun(scope="app")
        return
    st.success("Logged in your journal. Add details now, or later in the Journal.")
    with st.form("relief.details"):
        severity = st.number_input(
            "Severity (0-10)", min_value=0, max_value=10, step=1, value=logged.severity,
            placeholder="0 none, 10 worst", key="relief.severity",
        )  # fmt: skip
        triggers = st.multiselect(
            "Triggers", ui.trigger_options(ui.user_journal().triggers_used()),
            default=list(logged.triggers), format_func=ui.labels().trigger,
            accept_new_options=True, key="relief.triggers",
        )  # fmt: skip
        notes = st.text_area("Notes", value=logged.notes, key="relief.notes", height=80)
        if st.form_submit_button("Save details"):
            fields = {**asdict(logged), "severity": severity, "triggers": triggers, "notes": notes}
            try:
                updated = validate(fields, ui.vocabulary(), datetime.now())
            except EpisodeInvalid as invalid:
                for message in invalid.errors.values():
                    st.error(message)
                return
            ui.user_journal().update(updated)
            state[LOGGED] = updated
            st.success("Details saved.")


def _started(timer: HoldTimer) -> datetime:
    return datetime.fromtimestamp(timer.cramp_started_at or time.time()).replace(microsecond=0)


def _submission(timer: HoldTimer) -> str:
    """One id per cramp, so double clicks and reruns never log it twice."""
    held = state.get(SUBMISSION)
    if held is None or held[0] != timer.cramp_started_at:
        held = (timer.cramp_started_at, new_submission_id())
        state[SUBMISSION] = held
    return held[1]


# Tick only while running: a stopped timer costs nothing.
run_every = 1.0 if state[TIMER].running else None

side = f", {state[ui.SIDE]} side" if region.sided and state[ui.SIDE] else ""
st.title(f"{region.name} cramp")
st.caption(f"{region.where.capitalize()}{side}")
st.subheader(region.stretch)

if state[OUTCOME] == "still":
    st.info(
        "Still cramping: keep holding the stretch and rub the muscle. The timer has started again. "
        f"So far: {clock(state[TIMER].cramp_seconds(time.time()))}."
    )

timer_col, steps_col = st.columns([2, 3], gap="large")
with timer_col:
    st.fragment(timer_panel, run_every=run_every)()
with steps_col:
    st.image(str(region.illustration), width=360)
    st.markdown("\n".join(f"{n}. {s.text}" for n, s in enumerate(region.steps, start=1)))
    st.caption(f"{region.evidence} {ui.evidence_note(region.level, region.sources)}")

st.subheader("What else helps")
st.markdown(
    "\n".join(
        f"- {item.text} {ui.evidence_note(item.level, item.sources)}"
        for item in region.helps + guide.after
    )
)

ui.help_box(region.key)

st.page_link(ui.CAUSES_PAGE, label="What sets cramps off, and how to prevent them")
