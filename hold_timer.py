"""The hold timer on a relief page: countdown, "has it eased?", and the one-click log after.

Its state lives in session keys under "relief.", so the countdown survives a page switch.
"""

from __future__ import annotations

import time
from dataclasses import asdict, replace
from datetime import datetime

import streamlit as st

import ui
from crampcare.content import Region
from crampcare.episodes import EpisodeInvalid, new_submission_id, validate
from crampcare.timer import HOLD_CHOICES, HoldTimer, clock, hold_label

TIMER = "relief.timer"
TIMER_REGION = "relief.timer_region"
OUTCOME = "relief.outcome"
HOLD = "relief.hold"
LOGGED = "relief.logged"
ENDED = "relief.ended_at"
SUBMISSION = "relief.submission"


def prepare(region: Region) -> None:
    """A fresh timer when the region changes; started at once when the visitor asked for it."""
    state = st.session_state
    if state.get(TIMER_REGION) != region.key:
        state[TIMER] = HoldTimer(duration=region.hold_seconds)
        state[TIMER_REGION] = region.key
        state[OUTCOME] = None
        state[HOLD] = region.hold_seconds
    if state[ui.AUTOSTART]:
        state[ui.AUTOSTART] = False
        state[TIMER] = state[TIMER].new_cramp().start(time.time())
        state[OUTCOME] = None


def still_cramping_note() -> str | None:
    """What to say above the page after "Still cramping", or None."""
    state = st.session_state
    if state[OUTCOME] != "still":
        return None
    return (
        "Still cramping: keep holding the stretch and rub the muscle. The timer has started "
        f"again. So far: {clock(state[TIMER].cramp_seconds(time.time()))}."
    )


def show(region: Region) -> None:
    """The timer panel. While it runs it is a fragment that re-runs itself every second and
    leaves the page around it alone; a stopped timer is plain widgets and costs nothing."""
    if st.session_state[TIMER].running:
        st.fragment(_panel, run_every=1.0)(region)
    else:
        _panel(region)


def _panel(region: Region) -> None:
    state = st.session_state
    now = time.time()
    timer: HoldTimer = state[TIMER]
    if timer.running and timer.finished(now):
        state[TIMER] = timer.pause(now)
        st.rerun(scope="app")  # stop ticking

    with st.container(border=True, key="hold-timer"):
        st.metric("Hold timer", clock(timer.remaining(now)))
        st.progress(1 - timer.remaining(now) / timer.duration, text=ui.guide().hold.text)
        if timer.finished(now):
            _finished(region, timer, now)
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
                on_change=_set_hold,
                args=(region,),
            )


def _set_hold(region: Region) -> None:
    state = st.session_state
    state[TIMER] = state[TIMER].with_duration(state[HOLD] or region.hold_seconds)


def _finished(region: Region, timer: HoldTimer, now: float) -> None:
    state = st.session_state
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
        _quick_log(region, timer, helped="yes")
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
        _quick_log(region, timer, helped="no")


def _quick_log(region: Region, timer: HoldTimer, helped: str) -> None:
    """One click saves this cramp with what the timer knows; details can be added after."""
    state = st.session_state
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
    state = st.session_state
    held = state.get(SUBMISSION)
    if held is None or held[0] != timer.cramp_started_at:
        held = (timer.cramp_started_at, new_submission_id())
        state[SUBMISSION] = held
    return held[1]
