"""Accessibility of every page, checked by axe-core in Chromium: light and dark, desktop and
phone, with a region chosen and a warning sign ticked as well as untouched. No serious or
critical violation, whether it comes from the app's own markup or from Streamlit's."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import settled, styled, tab

PAGES = {
    "/": "Where is the cramp?",
    "/relief?region=calf": "Calf cramp",
    "/causes": "What sets cramps off, and how to prevent them",
    "/journal": "Journal",
    "/insights?demo=1": "Insights",
    "/data": "Your data",
    "/about": "About, privacy and sources",
}
SIZES = {"desktop": ({"width": 1280, "height": 900}, False), "phone": ({"width": 390, "height": 844}, True)}  # fmt: skip
AXE = Axe()


def serious(page: Page) -> list[str]:
    """Each serious or critical violation: its rule and the elements, with axe's summary."""
    styled(page)
    found = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[(n['target'], n['failureSummary']) for n in v['nodes']]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_no_serious_accessibility_violation_on_any_page(browser, server, request, scheme, size):
    viewport, touch = SIZES[size]
    with tab(browser, server, request.node.name, viewport, touch=touch) as visit:
        page = visit.page
        page.emulate_media(color_scheme=scheme)
        problems = {}
        for path, heading in PAGES.items():
            visit.open(path)
            expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
            settled(page)
            problems[path] = serious(page)
        visit.open("/")
        page.get_by_role("radio", name="Calf", exact=True).click()  # a chosen pill
        expect(page.get_by_role("button", name="Stretch now: calf")).to_be_visible()
        settled(page)
        problems["/ with the calf chosen"] = serious(page)
        visit.open("/causes")
        page.get_by_text("One leg swollen, red, warm or darker than the other").click()
        expect(page.locator(".st-key-sign-clot")).to_be_visible()
        settled(page)
        problems["/causes with a sign ticked"] = serious(page)
        visit.screenshot("causes")
    assert {path: found for path, found in problems.items() if found} == {}
