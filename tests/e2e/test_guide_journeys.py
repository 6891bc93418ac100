"""The guide's journeys in a real browser: map to stretch, the timer, warning signs, the handout."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import choose, settled, styled, tab
from tests.e2e.server import running_server


def test_click_calf_on_body_map_lands_on_its_stretch(visit) -> None:
    """Clicking the left calf on the back view chooses it; one more click opens the stretch
    with the timer running."""
    page = visit.open("/")
    expect(page.get_by_role("heading", name="Where is the cramp?")).to_be_visible()
    pressed = page.locator('[data-region][aria-pressed="true"]')
    expect(pressed).to_have_count(0)
    page.get_by_role("radio", name="Neck", exact=True).click()
    expect(pressed).to_have_count(2)  # the neck, in the front view and in the back view
    expect(pressed.first).to_have_attribute("aria-label", "Neck")
    calf = page.get_by_role("button", name="Calf, left side", exact=True)
    calf.click()
    expect(calf).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Calf, right side", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(pressed).to_have_count(1)
    expect(page.get_by_text("Which side?")).to_be_visible()
    page.get_by_role("radio", name="Both", exact=True).click()
    expect(pressed).to_have_count(2)  # both calves
    expect(page.get_by_role("button", name="Calf, right side", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("radio", name="Left", exact=True).click()
    expect(pressed).to_have_count(1)
    expect(page.get_by_text(re.compile(r"Knee straight, toes pulled up"))).to_be_visible()
    expect(page.get_by_role("radio", name="Calf")).to_be_checked()  # the list keeps in step
    visit.screenshot("calf-selected")
    page.get_by_role("button", name="Stretch now: calf, left side").click()
    expect(page).to_have_url(re.compile(r"/relief\?region=calf$"))
    expect(page.get_by_role("heading", name="Calf cramp")).to_be_visible()
    expect(page.get_by_text("Back of the lower leg, left side")).to_be_visible()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    expect(page.get_by_text("Hold timer")).to_be_visible()
    expect(page.get_by_role("heading", name="When to get help")).to_be_visible()
    expect(page.get_by_test_id("stImage").locator("img")).to_be_visible()
    visit.screenshot("calf-relief")


def test_one_tap_on_the_map_chooses_a_region_at_phone_width(phone) -> None:
    """At 390 px with touch: every region is a target of at least 44 x 44 px, apart from
    its neighbours; one tap on the right hamstring chooses it, and the way to its stretch is
    on screen without scrolling."""
    page = phone.open("/")
    hamstring = page.get_by_role("button", name="Back of the thigh, right side", exact=True)
    expect(hamstring).to_be_visible()
    boxes = []
    for part in page.locator("[data-region]").all():
        box = part.locator(".hit").bounding_box()  # what takes the tap: the shape lets it through
        assert box is not None
        name = part.get_attribute("aria-label")
        assert box["width"] >= 44 and box["height"] >= 44, (name, box)
        boxes.append((name, box))
    assert len(boxes) == 19, boxes
    for i, (a, x) in enumerate(boxes):
        for b, y in boxes[i + 1 :]:
            apart = (
                x["x"] + x["width"] <= y["x"]
                or y["x"] + y["width"] <= x["x"]
                or x["y"] + x["height"] <= y["y"]
                or y["y"] + y["height"] <= x["y"]
            )
            assert apart, (a, b)
    hamstring.tap()
    expect(hamstring).to_have_attribute("aria-pressed", "true")
    go = page.get_by_role("button", name="Stretch now: back of the thigh, right side")
    expect(go).to_be_in_viewport()
    phone.screenshot("hamstring-tapped")
    go.tap()
    expect(page.get_by_role("heading", name="Back of the thigh cramp")).to_be_visible()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()


FOCUSED_REGION = """() => {
    let e = document.activeElement;
    while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
    return e && e.getAttribute("aria-label");
}"""


def test_keyboard_alone_reaches_any_region_and_its_running_timer(visit) -> None:
    """Tab along the map to the right shin, Enter chooses it and keeps the focus there, Space
    chooses too; Shift+Tab back to the stretch button above, Space: the timer runs."""
    page = visit.open("/")
    shin = page.get_by_role("button", name="Shin, right side", exact=True)
    expect(shin).to_have_attribute("aria-pressed", "false")
    for _ in range(30):  # a handful of keys, not a trek through the page
        if page.evaluate(FOCUSED_REGION) == "Shin, right side":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("30 Tabs did not reach the right shin")
    page.keyboard.press("Enter")
    expect(shin).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Stretch now: shin, right side")).to_be_visible()
    assert page.evaluate(FOCUSED_REGION) == "Shin, right side", "the focus stays on the map"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_REGION) == "Shin, left side"
    page.keyboard.press("Space")  # Space chooses too
    expect(page.get_by_role("button", name="Stretch now: shin, left side")).to_be_visible()
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        if (
            page.evaluate("() => document.activeElement.innerText")
            == "Stretch now: shin, left side"
        ):
            break
    else:
        raise AssertionError("Shift+Tab never reached the stretch button")
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", name="Shin cramp")).to_be_visible()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    visit.screenshot("keyboard-timer")


def test_deep_link_with_unknown_region_offers_the_picker(visit) -> None:
    """An unknown ?region= shows a friendly message and the region picker, not an error."""
    page = visit.open("/relief?region=elbow")
    expect(page.get_by_text("doesn't match a part of the body")).to_be_visible()
    expect(page.get_by_text("elbow")).to_have_count(0)
    page.get_by_role("radio", name="Foot and toes").click()
    expect(page.get_by_role("heading", name="Foot and toes cramp")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=foot"))


def test_warning_sign_shows_its_tier_above_the_plan(visit) -> None:
    """Ticking 'one swollen, red leg' puts 'get medical help today' above the self-care."""
    page = visit.open("/causes")
    expect(page.get_by_role("heading", name="Your prevention plan")).to_be_visible()
    expect(page.get_by_text("Get medical help today if:")).to_have_count(0)
    page.get_by_text("One leg swollen, red, warm or darker than the other").click()
    alert = page.locator(".st-key-see-a-doctor")
    expect(alert.get_by_text("Get medical help today if:")).to_be_visible()
    expect(alert.get_by_text(re.compile("blood clot in a leg vein"))).to_be_visible()
    alert_top = alert.bounding_box()["y"]
    plan_top = page.get_by_role("heading", name="Your prevention plan").bounding_box()["y"]
    assert alert_top < plan_top
    visit.screenshot("warning")


def test_a_ticked_warning_sign_answers_where_it_was_ticked_on_a_phone(phone) -> None:
    """At 390 px the plan is far below the checklist: the sign's own message appears right
    under it, on screen, and the summary above the plan still lists it."""
    page = phone.open("/causes")
    sign = page.get_by_text("One leg swollen, red, warm or darker than the other")
    sign.scroll_into_view_if_needed()
    sign.tap()
    here = page.locator(".st-key-sign-clot")
    expect(here.get_by_text("Get medical help today if:")).to_be_in_viewport()
    expect(here.get_by_text(re.compile("blood clot in a leg vein"))).to_be_visible()
    summary = page.locator(".st-key-see-a-doctor")
    expect(summary.get_by_text(re.compile("blood clot in a leg vein"))).to_have_count(1)
    phone.screenshot("sign-ticked")
    sign.tap()
    expect(here).to_have_count(0)
    expect(summary).to_have_count(0)


def test_handout_downloads_with_ticked_causes_and_red_flags(visit) -> None:
    """Ticking causes makes a personal plan, and the handout carries the date, the plan, what
    a doctor may check and the warning signs with the emergency number for the chosen place."""
    page = visit.open("/causes")
    page.get_by_role("button", name="Medicines", exact=True).click()
    expect(
        page.get_by_text("Ask your doctor or pharmacist to review your medicines")
    ).to_be_visible()
    page.get_by_role("button", name="Feet pointed in bed", exact=True).click()
    expect(page.get_by_text("Sleep with your feet relaxed, not pointed")).to_be_visible()
    choose(page, "Emergency numbers for", "Australia")
    expect(page.get_by_text("Australia: in an emergency, call 000.")).to_be_visible()  # redrawn
    settled(page)  # the download button below is redrawn by the same run
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my plan (handout)").click()
    download = info.value
    assert re.fullmatch(r"cramp-care-plan-\d{4}-\d{2}-\d{2}\.md", download.suggested_filename)
    text = download.path().read_text(encoding="utf-8")
    assert "Medicines: water tablets" in text  # the handout names causes in full
    assert "Sleeping with feet pointed down" in text
    assert "Ask your doctor or pharmacist to review your medicines" in text
    assert "## What your doctor may check" in text
    assert "In an emergency (Australia): call 000." in text
    assert "Get medical help today if:" in text and "blood clot" in text
    assert "tonic water" not in text.split("## Not worth it")[0]
    visit.screenshot("plan")


def test_a_back_spasm_counts_gentle_repetitions_not_a_one_minute_hold(visit) -> None:
    """The lower back page counts slow movements; 'no better' says a spasm takes days and when
    to see a doctor, never the emergency line."""
    page = visit.open("/relief?region=lower-back")
    expect(page.get_by_role("heading", name="Lower back cramp")).to_be_visible()
    timer = page.locator(".st-key-hold-timer")
    expect(timer.get_by_text("0 of 10")).to_be_visible()
    expect(timer.get_by_role("button", name="Start")).to_have_count(0)
    for done in range(1, 11):
        timer.get_by_role("button", name="Done one").click()
        expect(timer.get_by_text(f"{done} of 10")).to_be_visible()
    timer.get_by_role("button", name="No better").click()
    expect(
        timer.get_by_text(re.compile("A back spasm often takes a few days to settle"))
    ).to_be_visible()
    expect(timer.get_by_text(re.compile("not getting better after a few weeks"))).to_be_visible()
    expect(timer.get_by_text(re.compile("Call 999"))).to_have_count(0)
    visit.screenshot("back-no-better")


def test_the_emergency_number_follows_the_chosen_place(visit) -> None:
    page = visit.open("/relief?region=calf")
    help_box = page.locator(".st-key-help-box")
    expect(help_box.get_by_text(re.compile("Call 999 now if"))).to_be_visible()
    choose(page, "Emergency numbers for", "Mainland China")
    expect(help_box.get_by_text(re.compile("Call 120 now"))).to_be_visible()
    expect(help_box.get_by_text(re.compile("110 calls the police"))).to_be_visible()
    expect(help_box.get_by_text(re.compile("Call 999"))).to_have_count(0)


def test_a_browser_set_to_taiwan_gets_taiwans_emergency_number(browser, server, request) -> None:
    with tab(browser, server, request.node.name, {"width": 1280, "height": 1400},
             locale="zh-TW") as visit:  # fmt: skip
        page = visit.open("/relief?region=calf")
        help_box = page.locator(".st-key-help-box")
        expect(help_box.get_by_text(re.compile("Call 119 now"))).to_be_visible()
        expect(page.get_by_role("combobox", name="Emergency numbers for")).to_have_value("Taiwan")


def test_phone_width_shows_the_stretch_and_timer(phone) -> None:
    """On a phone the 'cramping right now' button leads straight to the stretch with the timer running."""
    page = phone.open("/")
    expect(page.get_by_text("Cramping right now?")).to_be_visible()
    expect(page.get_by_role("button", name="Calf, left side", exact=True)).to_be_visible()
    expect(page.get_by_role("radio", name="Calf")).to_be_visible()
    phone.screenshot("home")
    page.get_by_role("button", name="Calf cramp: stretch now").click()
    expect(page.get_by_role("heading", name="Calf cramp")).to_be_visible()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    expect(page.get_by_role("heading", name="Knee straight, toes pulled up")).to_be_visible()
    expect(page.get_by_text("Sit or lie with the cramped leg")).to_be_visible()
    expect(page.get_by_text(re.compile("^Hold the stretch gently and steadily"))).to_be_visible()
    expect(page.get_by_test_id("stImage").locator("img")).to_be_visible()
    phone.screenshot("relief")


def test_deep_link_is_the_first_request_to_a_fresh_server(browser, tmp_path, request) -> None:
    """A shared /relief?region= link works even as the very first page a new server serves."""
    with (
        running_server(tmp_path) as base,
        tab(browser, base, request.node.name, {"width": 1280, "height": 1000}) as visit,
    ):
        page = visit.open("/relief?region=neck")
        expect(page.get_by_role("heading", name="Neck cramp")).to_be_visible()
        expect(page.get_by_role("link", name="Causes and prevention")).to_be_visible()
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page).to_have_url(re.compile(r"/relief\?region=neck$"))
        visit.screenshot("neck")


TAPPABLE = ", ".join(
    (
        '[data-testid^="stBaseButton"]',
        '[data-testid="stButtonGroup"] button',
        '[data-testid="stPageLink-NavLink"]',
        '[data-testid="stExpander"] summary',
        '[data-testid="stCheckbox"] label',
        '[data-testid="stSelectbox"] [data-baseweb="select"] > div',
        '[data-testid="stMultiSelect"] [data-baseweb="select"] > div',
        '[data-testid="stNumberInputContainer"]',
        '[data-testid="stTextInputRootElement"]',
        '[data-testid="stDateInputField"]',
        '[data-testid="stMainMenuButton"]',
        '[data-testid="stExpandSidebarButton"]',
        '[data-testid="stTooltipHoverTarget"] > button',
    )
)
"""Every control as a finger meets it: a field's box, a switch's whole row, a button."""

SMALL_CONTROLS = """(selector) => [...document.querySelectorAll(selector)]
    .map(e => [e.getAttribute("aria-label") || e.innerText.trim().slice(0, 40) || e.dataset.testid,
               e.getBoundingClientRect()])
    .filter(([, r]) => r.width > 1 && r.right > 0 && r.height < 44)
    .map(([name, r]) => `${name}: ${Math.round(r.width)} x ${Math.round(r.height)}`)"""


def small_controls(page) -> list[str]:
    """The controls under 44 px high, once the page's own stylesheet is there."""
    styled(page)
    return page.evaluate(SMALL_CONTROLS, TAPPABLE)


def test_every_control_is_big_enough_for_a_finger(phone) -> None:
    """At 390 px with touch, on every page: no control a person taps is under 44 px high,
    and the phone menu has a name."""
    page = phone.open("/")
    expect(page.get_by_role("button", name="Calf cramp: stretch now")).to_be_visible()
    expect(page.get_by_role("button", name="Expand sidebar")).to_be_visible()
    for path, ready in (
        ("/", "Where is the cramp?"),
        ("/relief?region=calf", "Calf cramp"),
        ("/causes", "What sets cramps off, and how to prevent them"),
        ("/journal", "Journal"),
        ("/insights?demo=1", "Insights"),
        ("/data", "Your data"),
        ("/about", "About, privacy and sources"),
    ):
        phone.open(path)
        expect(page.get_by_role("heading", name=ready, exact=True)).to_be_visible()
        settled(page)
        assert small_controls(page) == [], path
    phone.screenshot("about")
