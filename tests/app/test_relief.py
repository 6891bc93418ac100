"""Relief page: deep links, steps, the hold timer and the red flags."""

import json
import time

import pytest

from crampcare.content import REGION_ORDER, load_guide
from crampcare.timer import HoldTimer, clock
from tests.app.conftest import texts

GUIDE = load_guide().for_place("uk")  # the app tests run as a British browser


def relief(app, region: str | None):
    if region is not None:
        app.query_params["region"] = region
    return app.switch_page("pages/relief.py").run()


def hold_clock(at) -> dict:
    """What the hold countdown was given to show."""
    drawn = [e for e in at.get("bidi_component") if e.proto.component_name.endswith("hold_clock")]
    return json.loads(drawn[0].proto.json)


def shown(at) -> str:
    """The countdown as the person first sees it (the browser ticks it on from there)."""
    return clock(hold_clock(at)["remaining"])


def tier_of(at, text: str) -> str | None:
    """Which tier's box shows this text: red is 'emergency', amber 'today', blue 'soon'."""
    for kind, tier in (("error", "emergency"), ("warning", "today"), ("info", "soon")):
        if any(text in str(e.value) for e in getattr(at, kind)):
            return tier
    return None


@pytest.mark.parametrize("key", REGION_ORDER)
def test_deep_link_shows_steps_timer_and_red_flags(app, key) -> None:
    at = relief(app, key)
    assert not at.exception
    region = GUIDE.regions[key]
    course = GUIDE.course_of(region)
    assert at.title[0].value == f"{region.name} cramp"
    markdown = texts(at, "markdown")
    assert region.steps[0].text in markdown
    assert course.usual.text in markdown, "what is normal for this region"
    if course.timer == "hold":
        assert shown(at) == f"{region.hold_seconds // 60}:{region.hold_seconds % 60:02d}"
        assert at.button(key="relief.start"), "timer waits for the person on a deep link"
    else:
        assert at.metric[0].value == f"0 of {course.repeat}"
        assert at.button(key="relief.count")
    assert "When to get help" in texts(at, "subheader")
    for flag in GUIDE.flags_for(key):
        assert tier_of(at, flag.text) == flag.tier, flag.key
    assert "Call 999 now if" in texts(at, "error") and "A&E" in texts(at, "error")


def test_alternatives_are_shown_as_options_after_the_numbered_steps(app) -> None:
    at = relief(app, "calf")
    steps = next(m.value for m in at.markdown if GUIDE.regions["calf"].steps[0].text in m.value)
    assert steps.startswith("1. ") and "\n3. " in steps and "\n4. " not in steps
    assert "**Or instead:**\n\n- Stand up and hold on to something steady" in steps


def test_the_help_box_follows_the_chosen_place(app) -> None:
    at = relief(app, "calf")
    at.selectbox(key="help.place").select("us-ca").run()
    assert "Call 911 now if" in texts(at, "error")
    assert "the emergency room (ER)" in texts(at, "error")
    at.switch_page("pages/causes.py").run()
    assert at.selectbox(key="causes.place").value == "us-ca", "one choice for every page"


def test_the_browsers_country_picks_the_place(app) -> None:
    app.context = {"locale": "zh-CN"}
    at = relief(app, "calf")
    assert "Call 120 now" in texts(at, "error") and "110" in texts(at, "error")


def test_without_a_known_country_no_number_is_guessed(app) -> None:
    app.context = {"locale": "en"}
    at = relief(app, "calf")
    assert "Call your local emergency number now if" in texts(at, "error")
    assert "112 works on most mobile phones" in texts(at, "error")


@pytest.mark.parametrize("key", ["elbow", "<script>", ""])
def test_unknown_or_missing_region_offers_the_picker(app, key) -> None:
    at = relief(app, key)
    assert not at.exception
    assert at.pills(key="relief.picker")
    if key:
        assert "doesn't match a part of the body" in texts(at, "warning")
        assert key not in texts(at, "warning") + texts(at, "markdown")
    at.pills(key="relief.picker").set_value("shin").run()
    assert at.title[0].value == "Shin cramp"
    assert at.query_params["region"] == "shin"


def test_timer_start_pause_reset(app) -> None:
    at = relief(app, "calf")
    at.button(key="relief.start").click().run()
    assert at.button(key="relief.pause")
    at.button(key="relief.pause").click().run()
    assert at.button(key="relief.start")
    at.button(key="relief.reset").click().run()
    assert shown(at) == "1:00"


def test_hold_length_can_be_chosen_up_to_two_minutes(app) -> None:
    at = relief(app, "calf")
    choice = at.segmented_control(key="relief.hold")
    assert choice.options == ["30 s", "1 min", "1.5 min", "2 min"]
    choice.set_value(120).run()
    assert shown(at) == "2:00"


def finish(at, started_ago: float):
    """Move the clock: the hold ended a moment ago, the cramp began `started_ago` seconds back."""
    now = time.time()
    at.session_state["relief.timer"] = HoldTimer(
        duration=60, ends_at=now - 0.1, cramp_started_at=now - started_ago
    )
    return at.run()


def test_at_the_end_it_asks_whether_it_eased(app) -> None:
    at = finish(relief(app, "calf"), started_ago=61)
    assert shown(at) == "0:00"
    at.button(key="relief.eased").click().run()
    assert "Good. Walk around gently" in texts(at, "success")


def test_still_cramping_restarts_the_hold(app) -> None:
    at = finish(relief(app, "calf"), started_ago=61)
    at.button(key="relief.still").click().run()
    assert GUIDE.courses["leg-cramp"].still in texts(at, "info")
    assert at.button(key="relief.pause"), "the timer runs again"


def test_a_leg_cramp_still_going_after_ten_minutes_means_see_a_doctor_soon(app) -> None:
    at = finish(relief(app, "calf"), started_ago=11 * 60)
    at.button(key="relief.still").click().run()
    ten = GUIDE.red_flags["cramp-over-10-min"].text
    panel = [
        str(e.value) for e in at.info if ten in str(e.value) and "about 11 minutes" in str(e.value)
    ]
    assert panel and panel[0].startswith("**See your GP (family doctor) soon if:**")
    assert not any("about 11 minutes" in str(e.value) for e in at.error), "not an emergency"
    assert at.button(key="relief.log"), "it can still be logged"


def test_the_hand_has_no_ten_minute_rule(app) -> None:
    at = finish(relief(app, "hand"), started_ago=20 * 60)
    at.button(key="relief.still").click().run()
    assert at.button(key="relief.pause"), "the hold simply starts again"
    assert GUIDE.courses["hand-cramp"].still in texts(at, "info")


@pytest.mark.parametrize("key", ["lower-back", "neck"])
def test_back_and_neck_count_slow_repetitions_and_never_send_to_the_emergency_line(
    app, key
) -> None:
    course = GUIDE.course_of(GUIDE.regions[key])
    at = relief(app, key)
    assert "relief.start" not in [b.key for b in at.button], "no one-minute hold here"
    for done in range(1, course.repeat + 1):
        at.button(key="relief.count").click().run()
        assert at.metric[0].value == f"{done} of {course.repeat}"
    at.button(key="relief.still").click().run()
    assert course.still in texts(at, "info")
    see_doctor = GUIDE.red_flags[course.see_doctor].text
    assert sum(see_doctor in str(e.value) for e in at.info) == 2, "in the panel and the help box"
    assert at.button(key="relief.again") and at.button(key="relief.log")
    at.button(key="relief.again").click().run()
    assert at.metric[0].value == f"0 of {course.repeat}"


def test_stretch_now_on_the_back_does_not_start_a_countdown(app) -> None:
    app.session_state["relief.autostart"] = True
    at = relief(app, "lower-back")
    assert not at.exception and at.button(key="relief.count")


def test_quick_log_after_the_timer_saves_one_prefilled_episode(app, journal_path) -> None:
    from crampcare.store import SQLiteJournal

    app.session_state["cramp.side"] = "right"
    at = finish(relief(app, "calf"), started_ago=95)
    at.button(key="relief.eased").click().run()
    at.button(key="relief.log").click().run()
    assert not at.exception
    journal = SQLiteJournal(journal_path)
    [episode] = journal.episodes()
    assert (episode.region, episode.side, episode.relief, episode.helped) == (
        "calf", "right", ("stretch",), "yes"
    )  # fmt: skip
    assert 95 <= episode.duration_seconds <= 100
    assert "Logged in your journal" in texts(at, "success")
    details = f"relief.details.{episode.submission_id}."
    at.number_input(key=details + "severity").set_value(11).run()
    assert "Severity goes from 0 (none) to 10 (worst)." not in texts(at, "markdown")
    at.button(key=details + "save").click().run()
    assert "Severity goes from 0 (none) to 10 (worst)." in texts(at, "markdown"), "said beside it"
    assert journal.episodes()[0].severity is None, "nothing saved while it is wrong"
    at.number_input(key=details + "severity").set_value(6).run()
    assert "Severity goes from 0 (none) to 10 (worst)." not in texts(at, "markdown"), (
        "gone once fixed"
    )
    at.multiselect(key=details + "triggers").select("cold").run()
    at.text_area(key=details + "notes").input("woke me at 3").run()
    at.button(key=details + "save").click().run()
    assert "Details saved." in texts(at, "success")
    [episode] = journal.episodes()
    assert (episode.severity, episode.triggers, episode.notes) == (6, ("cold",), "woke me at 3")


def test_a_failing_journal_keeps_the_quick_log_and_says_try_again(
    app, tmp_path, monkeypatch
) -> None:
    from crampcare.store import SQLiteJournal

    monkeypatch.setenv("CRAMPCARE_DB", str(tmp_path))  # a folder: the journal can't be opened
    at = finish(relief(app, "calf"), started_ago=95)
    at.button(key="relief.eased").click().run()
    at.button(key="relief.log").click().run()
    assert not at.exception
    assert "couldn't be reached just now" in texts(at, "error")
    assert at.button(key="relief.log"), "still there, to try again"
    good = tmp_path / "journal.db"
    monkeypatch.setenv("CRAMPCARE_DB", str(good))
    at.button(key="relief.log").click().run()
    assert "Logged in your journal" in texts(at, "success")
    assert SQLiteJournal(good).count() == 1
