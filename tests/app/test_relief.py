"""Relief page: deep links, steps, the hold timer and the red flags."""

import time

import pytest

from crampcare.content import REGION_ORDER, load_guide
from crampcare.timer import HoldTimer
from tests.app.conftest import texts

GUIDE = load_guide()


def relief(app, region: str | None):
    if region is not None:
        app.query_params["region"] = region
    return app.switch_page("pages/relief.py").run()


@pytest.mark.parametrize("key", REGION_ORDER)
def test_deep_link_shows_steps_timer_and_red_flags(app, key) -> None:
    at = relief(app, key)
    assert not at.exception
    region = GUIDE.regions[key]
    assert at.title[0].value == f"{region.name} cramp"
    markdown = texts(at, "markdown")
    assert region.steps[0].text in markdown
    assert at.metric[0].value == f"{region.hold_seconds // 60}:{region.hold_seconds % 60:02d}"
    assert at.button(key="relief.start"), "timer waits for the person on a deep link"
    assert "When to get help" in texts(at, "subheader")
    urgent = texts(at, "error")
    for flag in GUIDE.flags_for(key, "now"):
        assert flag.text in urgent
    for flag in GUIDE.flags_for(key, "soon"):
        assert flag.text in texts(at, "warning")


def test_lower_back_red_flags_are_shown(app) -> None:
    urgent = texts(relief(app, "lower-back"), "error").lower()
    for phrase in ("bladder or bowel", "genitals or buttocks", "both legs", "accident"):
        assert phrase in urgent


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
    assert at.metric[0].value == "1:00"


def test_hold_length_can_be_chosen_up_to_two_minutes(app) -> None:
    at = relief(app, "calf")
    choice = at.segmented_control(key="relief.hold")
    assert choice.options == ["30 s", "1 min", "1.5 min", "2 min"]
    choice.set_value(120).run()
    assert at.metric[0].value == "2:00"


def finish(at, started_ago: float):
    """Move the clock: the hold ended a moment ago, the cramp began `started_ago` seconds back."""
    now = time.time()
    at.session_state["relief.timer"] = HoldTimer(
        duration=60, ends_at=now - 0.1, cramp_started_at=now - started_ago
    )
    return at.run()


def test_at_the_end_it_asks_whether_it_eased(app) -> None:
    at = finish(relief(app, "calf"), started_ago=61)
    assert at.metric[0].value == "0:00"
    at.button(key="relief.eased").click().run()
    assert "Good. Walk around gently" in texts(at, "success")


def test_still_cramping_restarts_the_hold(app) -> None:
    at = finish(relief(app, "calf"), started_ago=61)
    at.button(key="relief.still").click().run()
    assert "Still cramping" in texts(at, "info")
    assert at.button(key="relief.pause"), "the timer runs again"


def test_still_cramping_after_ten_minutes_is_a_red_flag(app) -> None:
    at = finish(relief(app, "calf"), started_ago=11 * 60)
    at.button(key="relief.still").click().run()
    urgent = texts(at, "error")
    assert "Get medical help now." in urgent
    assert "about 11 minutes" in urgent


def test_quick_log_after_the_timer_saves_one_prefilled_episode(app, journal_path) -> None:
    from crampcare.journal import Journal

    app.session_state["cramp.side"] = "right"
    at = finish(relief(app, "calf"), started_ago=95)
    at.button(key="relief.eased").click().run()
    at.button(key="relief.log").click().run()
    assert not at.exception
    journal = Journal(journal_path)
    [episode] = journal.episodes()
    assert (episode.region, episode.side, episode.relief, episode.helped) == (
        "calf", "right", ("stretch",), "yes"
    )  # fmt: skip
    assert 95 <= episode.duration_seconds <= 100
    assert "Logged in your journal" in texts(at, "success")
    at.number_input(key="relief.severity").set_value(6)
    at.multiselect(key="relief.triggers").select("cold")
    at.text_area(key="relief.notes").input("woke me at 3")
    at.button(key="FormSubmitter:relief.details-Save details").click().run()
    [episode] = journal.episodes()
    assert (episode.severity, episode.triggers, episode.notes) == (6, ("cold",), "woke me at 3")
