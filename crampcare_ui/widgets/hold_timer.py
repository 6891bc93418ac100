"""The timer on a relief page, and what it says when it ends, which follows the region's
course: a countdown for a held stretch (legs, hand) or a count of slow repetitions (back,
neck); then "has it eased?", and the one-click log.

Its state lives in session keys under "relief.", so it survives a page switch.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import streamlit as st

from crampcare.content import Course, Region
from crampcare.episodes import new_submission_id, validate
from crampcare.store import StoreError
from crampcare.timer import HOLD_CHOICES, HoldTimer, Repetitions, clock, hold_label
from crampcare_ui import auth, cache, journals, session
from crampcare_ui.widgets import episode_form, inline
from crampcare_ui.widgets import guide as guide_widgets

TIMER = "relief.timer"
REPS = "relief.reps"
TIMER_REGION = "relief.timer_region"
OUTCOME = "relief.outcome"
HOLD = "relief.hold"
LOGGED = "relief.logged"
ENDED = "relief.ended_at"
SUBMISSION = "relief.submission"
CLOCK = "relief.clock"
SOUND = "relief.sound"
VIBRATE = "relief.vibrate"


def prepare(region: Region) -> None:
    """A fresh timer when the region changes; a hold started at once when the visitor asked."""
    state = st.session_state
    course = cache.guide().course_of(region)
    state.setdefault(SOUND, True)
    state.setdefault(VIBRATE, True)
    if state.get(TIMER_REGION) != region.key:
        state[TIMER] = HoldTimer(duration=region.hold_seconds or 60)
        state[REPS] = Repetitions(target=course.repeat or 1)
        state[TIMER_REGION] = region.key
        state[OUTCOME] = None
        state[HOLD] = region.hold_seconds
    if state[session.AUTOSTART]:
        state[session.AUTOSTART] = False
        if course.timer == "hold":
            state[TIMER] = state[TIMER].new_cramp().start(time.time())
            state[OUTCOME] = None


def still_cramping_note(region: Region) -> str | None:
    """What to say above the page while a held stretch starts again, or None."""
    state = st.session_state
    course = cache.guide().course_of(region)
    if state[OUTCOME] != "still" or course.timer != "hold":
        return None
    return f"{course.still} So far: {clock(state[TIMER].cramp_seconds(time.time()))}."


def show(region: Region) -> None:
    """The timer panel. A running countdown ticks in the browser and tells the server when
    it reaches zero, so the server does nothing while it runs."""
    course = cache.guide().course_of(region)
    if course.timer == "repeat":
        _repetitions(region, course)
    else:
        _countdown(region, course)


def _hold_id(timer: HoldTimer) -> str | None:
    """Which hold the browser's clock is counting, so a late word about an earlier one is
    not taken for this one."""
    return None if timer.ends_at is None else f"{timer.ends_at:.3f}"


def _clock_ended() -> None:
    state = st.session_state
    timer: HoldTimer = state[TIMER]
    if timer.running and inline.trigger_value(CLOCK, "ended") == _hold_id(timer):
        state[TIMER] = timer.ended()


@functools.cache
def _clock() -> Callable[..., object]:
    return inline.component(
        "hold_clock",
        '<div role="timer" aria-label="Time left in this hold">'
        '<div class="clock">0:00</div><div class="bar"><span></span></div></div>',
    )


def _show_clock(timer: HoldTimer, now: float) -> None:
    state = st.session_state
    _clock()(
        key=CLOCK,
        data={
            "running": timer.running,
            "remaining": round(timer.remaining(now), 2),
            "duration": timer.duration,
            "hold": _hold_id(timer),
            "sound": bool(state[SOUND]),
            "vibrate": bool(state[VIBRATE]),
        },
        on_ended_change=_clock_ended,
    )


# -- a held stretch ------------------------------------------------------------------------


def _countdown(region: Region, course: Course) -> None:
    state = st.session_state
    now = time.time()
    timer: HoldTimer = state[TIMER]
    if timer.running and timer.finished(now):  # the browser was away when it reached zero
        timer = state[TIMER] = timer.ended()

    with st.container(border=True, key="hold-timer"):
        st.markdown("**Hold timer**")
        _show_clock(timer, now)
        st.caption(course.hold.text)
        if timer.finished(now):
            _hold_ended(region, course, timer, now)
            return
        with st.container(horizontal=True):
            if timer.running:
                if st.button("Pause", key="relief.pause"):
                    state[TIMER] = timer.pause(time.time())
                    st.rerun()
            elif st.button("Start", type="primary", key="relief.start"):
                state[TIMER] = timer.start(time.time())
                state[OUTCOME] = None
                st.rerun()
            if st.button("Reset", key="relief.reset"):
                state[TIMER] = timer.reset()
                st.rerun()
        if not timer.running:
            st.segmented_control(
                "Hold for",
                options=list(HOLD_CHOICES),
                format_func=hold_label,
                key=HOLD,
                on_change=_set_hold,
                args=(region,),
            )
        with st.container(horizontal=True):
            # Someone asleep beside the person may matter more than the signal: both can go.
            for label, key in (("Sound at the end", SOUND), ("Vibrate at the end", VIBRATE)):
                # The choice is kept under its own key: a widget's key goes when a run
                # skips it, as the end of a hold does.
                st.toggle(
                    label,
                    value=st.session_state[key],
                    key=f"{key}.switch",
                    on_change=_remember_switch,
                    args=(key,),
                )


def _remember_switch(key: str) -> None:
    st.session_state[key] = st.session_state[f"{key}.switch"]


def _set_hold(region: Region) -> None:
    state = st.session_state
    state[TIMER] = state[TIMER].with_duration(state[HOLD] or region.hold_seconds)


def _hold_ended(region: Region, course: Course, timer: HoldTimer, now: float) -> None:
    state = st.session_state
    outcome = state[OUTCOME]
    if outcome is None:
        st.markdown("**Time's up. Has it eased?**")
        with st.container(horizontal=True):
            if st.button("It eased", type="primary", key="relief.eased"):
                state[OUTCOME] = "eased"
                state[ENDED] = time.time()
                st.rerun()
            if st.button("Still cramping", key="relief.still"):
                long = course.long_after_minutes
                if long is not None and timer.lasted(long, time.time()):
                    state[OUTCOME] = "long"
                    state[ENDED] = time.time()
                else:
                    state[OUTCOME] = "still"
                    state[TIMER] = timer.reset().start(time.time())
                st.rerun()
        return
    started = _started(timer.cramp_started_at)
    lasted = int(timer.cramp_seconds(state.get(ENDED, now)))
    if outcome == "eased":
        st.success(course.better)
        _quick_log(region, started, lasted, helped="yes")
    else:  # "long": still cramping after the course's time limit
        _see_doctor(course, f"This cramp has lasted about {lasted // 60} minutes.")
        _quick_log(region, started, lasted, helped="no")
    if st.button("Start again for a new cramp", key="relief.again"):
        state[TIMER] = timer.new_cramp()
        state[OUTCOME] = None
        st.rerun()


# -- slow repetitions ----------------------------------------------------------------------


def _repetitions(region: Region, course: Course) -> None:
    state = st.session_state
    reps: Repetitions = state[REPS]
    with st.container(border=True, key="hold-timer"):
        st.metric("Repetitions", f"{reps.done} of {reps.target}")
        st.progress(reps.done / reps.target, text=course.hold.text)
        if not reps.finished:
            with st.container(horizontal=True):
                if st.button("Done one", type="primary", key="relief.count"):
                    state[REPS] = reps.count(time.time())
                    st.rerun()
                if reps.done and st.button("Start over", key="relief.reps_reset"):
                    state[REPS] = Repetitions(target=reps.target)
                    state[OUTCOME] = None
                    st.rerun()
            return
        outcome = state[OUTCOME]
        if outcome is None:
            st.markdown("**That's a set. How is it now?**")
            with st.container(horizontal=True):
                if st.button("Easier", type="primary", key="relief.eased"):
                    state[OUTCOME] = "eased"
                    st.rerun()
                if st.button("No better", key="relief.still"):
                    state[OUTCOME] = "still"
                    st.rerun()
            return
        started = _started(reps.started_at)
        if outcome == "eased":
            st.success(course.better)
        else:
            st.info(course.still)
            _see_doctor(course)
        _quick_log(region, started, None, helped="yes" if outcome == "eased" else "no")
        if st.button("Another set", key="relief.again"):
            state[REPS] = reps.another_set()
            state[OUTCOME] = None
            st.rerun()


# -- shared --------------------------------------------------------------------------------


def _see_doctor(course: Course, lead: str = "") -> None:
    """The course's 'see a doctor' sign, in its own tier's words; more urgent signs are in
    the help box below."""
    g = cache.guide()
    flag = g.red_flags[course.see_doctor]
    note = "If any sign in the red or amber boxes below applies, act on that first."
    guide_widgets.show_tier(g.tiers[flag.tier], [flag], f"{lead} {note}".strip())


def _quick_log(region: Region, started: datetime, lasted: int | None, helped: str) -> None:
    """One click saves this cramp with what the timer knows; details can be added after."""
    state = st.session_state
    if state[session.DEMO]:
        st.caption("Logging is off in demo mode.")
        return
    book = journals.user_journal()
    if book is None:  # not logged in, or a server that would share the journal
        auth.journal_gate()
        return
    logged = state.get(LOGGED)
    if logged is None or logged.started_at != started:
        if st.button("Log this in my journal", key="relief.log", width="stretch"):
            episode = validate(
                {
                    "started_at": started,
                    "region": region.key,
                    "side": state[session.SIDE],
                    "duration_seconds": lasted,
                    "relief": ["stretch"],
                    "helped": helped,
                    "submission_id": _submission(started),
                },
                cache.vocabulary(),
                datetime.now(),
            )
            try:
                episode_id = book.add(episode)  # a second click saves nothing new
            except StoreError:
                st.error(journals.STORE_PROBLEM)
                return
            state[LOGGED] = replace(episode, id=episode_id)
            st.rerun()
        return
    st.success("Logged in your journal. Add details now, or later in the Journal.")
    try:
        used = book.triggers_used()
    except StoreError:
        used = []
    episode_form.details_form(book, logged, used)


def _started(at: float | None) -> datetime:
    return datetime.fromtimestamp(at or time.time()).replace(microsecond=0)


def _submission(started: datetime) -> str:
    """One id per cramp, so double clicks and reruns never log it twice."""
    state = st.session_state
    held = state.get(SUBMISSION)
    if held is None or held[0] != started:
        held = (started, new_submission_id())
        state[SUBMISSION] = held
    return held[1]
