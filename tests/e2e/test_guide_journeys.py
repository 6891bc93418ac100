"""The guide's journeys in a real browser: map to stretch, the timer, warning signs, the handout."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from crampcare import bodymap


def click_map_point(page: Page, x: float, y: float) -> None:
    """Click the body map at plot coordinates (x, y) with real mouse movement."""
    plot = page.locator(".js-plotly-plot").first
    expect(plot).to_be_visible()
    box = plot.evaluate(
        """(el, [x, y]) => {
            const l = el._fullLayout, r = el.getBoundingClientRect();
            return {px: r.left + l.margin.l + l.xaxis.l2p(x), py: r.top + l.margin.t + l.yaxis.l2p(y)};
        }""",
        [x, y],
    )
    page.mouse.move(box["px"] - 20, box["py"] - 20)
    page.mouse.move(box["px"], box["py"], steps=5)
    page.mouse.down()
    page.mouse.up()


def test_click_calf_on_body_map_lands_on_its_stretch(visit) -> None:
    """Tapping the calf on the back view selects it; one more tap opens the stretch with the timer running."""
    page = visit.open("/")
    expect(page.get_by_role("heading", name="Where is the cramp?")).to_be_visible()
    # The body's left calf, on the back view (viewer's left there).
    click_map_point(page, bodymap.BACK_OFFSET + 42, 35)
    expect(page.get_by_text("Which side?")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Knee straight, toes pulled up"))).to_be_visible()
    visit.screenshot("calf-selected")
    page.get_by_role("button", name="Stretch now: calf").click()
    expect(page).to_have_url(re.compile(r"/relief\?region=calf$"))
    expect(page.get_by_role("heading", name="Calf cramp")).to_be_visible()
    expect(page.get_by_text("Back of the lower leg, left side")).to_be_visible()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    visit.screenshot("calf-relief")
