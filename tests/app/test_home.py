"""Home page: 'Where is the cramp?' with the body map, the picker and the fast path."""

import json

from crampcare import bodymap
from tests.app.conftest import texts
from tests.unit.test_bodymap import first_ring_centre


def test_home_renders_map_picker_and_fast_path(app) -> None:
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Where is the cramp?"
    assert at.get("plotly_chart"), "the body map is drawn"
    assert at.button(key="home.calf_now").label == "Calf cramp: stretch now"
    assert len(at.pills(key="home.region").options) == 8
    assert "Choose the place that hurts" in texts(at, "info")


def test_choosing_a_region_shows_its_stretch_and_side(app) -> None:
    at = app.run()
    at.pills(key="home.region").set_value("calf").run()
    assert "Knee straight, toes pulled up" in texts(at, "markdown")
    at.segmented_control(key="home.side").set_value("right").run()
    assert at.session_state["cramp.side"] == "right"
    assert at.button(key="home.go").label == "Stretch now: calf"


def test_unsided_region_does_not_ask_for_a_side(app) -> None:
    at = app.run()
    at.pills(key="home.region").set_value("neck").run()
    assert not at.segmented_control
    assert at.button(key="home.go").label == "Stretch now: neck"


def test_map_highlights_the_chosen_region(app) -> None:
    at = app.run()
    at.pills(key="home.region").set_value("hamstring").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    chosen = next(t for t in spec["data"] if t["name"] == "chosen")
    assert chosen["fillcolor"] == bodymap.CHOSEN_FILL
    assert bodymap.region_at(*first_ring_centre(chosen["x"], chosen["y"]))[0] == "hamstring"


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
    at.button(key="home.calf_now").click().run()
    assert at.title[0].value == "Calf cramp"
    assert at.button(key="relief.pause")


def test_every_page_can_be_the_first_to_run(app) -> None:
    """A fresh server runs a deep-linked page before app.py has ever run; each page copes."""
    for page in ("home", "relief", "causes", "journal", "insights", "data", "about"):
        at = app.from_file(str(app._script_path), default_timeout=30)
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        assert at.title, page
