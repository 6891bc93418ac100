"""Home page: 'Where is the cramp?' with the body map, the picker and the fast path."""

import json

from tests.app.conftest import texts


def the_map(at) -> dict:
    """What the body map was given: its markup and the chosen region."""
    proto = at.get("bidi_component")[0].proto
    return {"html": proto.html_content, "chosen": json.loads(proto.json)}


def test_home_renders_map_picker_and_fast_path(app) -> None:
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Where is the cramp?"
    drawn = the_map(at)
    assert drawn["html"].count('role="button"') == 19, "every region in both views"
    assert 'aria-label="Calf, left side"' in drawn["html"]
    assert drawn["chosen"] == {"region": None, "side": None}
    assert at.button(key="home.go").label == "Calf cramp: stretch now"
    assert len(at.pills(key="home.region").options) == 8


def test_choosing_a_region_shows_its_stretch_and_side(app) -> None:
    at = app.run()
    at.pills(key="home.region").set_value("calf").run()
    assert "Knee straight, toes pulled up" in texts(at, "markdown")
    at.segmented_control(key="home.side").set_value("right").run()
    assert at.session_state["cramp.side"] == "right"
    assert at.button(key="home.go").label == "Stretch now: calf, right side"


def test_unsided_region_does_not_ask_for_a_side(app) -> None:
    at = app.run()
    at.pills(key="home.region").set_value("neck").run()
    assert not at.segmented_control
    assert at.button(key="home.go").label == "Stretch now: neck"


def test_map_highlights_the_chosen_region(app) -> None:
    at = app.run()
    at.pills(key="home.region").set_value("hamstring").run()
    assert the_map(at)["chosen"] == {"region": "hamstring", "side": None}
    at.segmented_control(key="home.side").set_value("left").run()
    assert the_map(at)["chosen"] == {"region": "hamstring", "side": "left"}


def test_stretch_now_opens_relief_with_the_timer_running(app) -> None:
    at = app.run()
    at.pills(key="home.region").set_value("foot").run()
    at.segmented_control(key="home.side").set_value("left").run()
    at.button(key="home.go").click().run()
    assert not at.exception
    assert at.title[0].value == "Foot and toes cramp"
    assert at.button(key="relief.pause"), "the timer is running"
    assert "left side" in texts(at, "markdown")


def test_calf_fast_path_is_one_click(app) -> None:
    at = app.run()
    at.button(key="home.go").click().run()
    assert at.title[0].value == "Calf cramp"
    assert at.button(key="relief.pause")


def test_every_page_can_be_the_first_to_run(app) -> None:
    """A fresh server runs a deep-linked page before app.py has ever run; each page copes."""
    for page in ("home", "relief", "causes", "journal", "insights", "data", "about"):
        at = app.from_file(str(app._script_path), default_timeout=30)
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        assert at.title, page
