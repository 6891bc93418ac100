"""Script and markup payloads in notes and custom triggers, shown in every view in a real browser:
no dialog, no script link, no element they could inject, no request to another host."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from playwright.sync_api import Page, expect

from crampcare.episodes import Episode
from crampcare.store import SQLiteJournal
from tests.e2e.conftest import tab
from tests.e2e.server import running_server

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "[click](javascript:alert(3))",
    '<a href="javascript:alert(4)">x</a>',
    "<b onmouseover=alert(5)>bold</b>",
    "<svg onload=alert(7)>",
    "<iframe src=https://example.com>",
    "![x](https://example.com/t.png)",
    "javascript:alert(8)",
    ":red[**{{7*7}}**] ${alert(9)}",
]
INJECTED_COUNT = """() => document.querySelectorAll(
    'a[href^="javascript"], img[src="x"], svg[onload], iframe, [onmouseover], [onerror]').length"""


def seed(path) -> None:
    journal = SQLiteJournal(path)
    today = datetime.combine(date.today() - timedelta(days=1), datetime.min.time())
    for n, payload in enumerate(PAYLOADS):
        journal.add(Episode(today - timedelta(days=n, hours=-3), "calf", severity=5,
                            triggers=(payload, "cold"), relief=("stretch",), helped="yes",
                            notes=f"{payload} {payload}"))  # fmt: skip
    journal.set_day_triggers({date.today() - timedelta(days=20): [PAYLOADS[0], PAYLOADS[3]]})


def injected(page: Page) -> int:
    """Elements the payloads could have injected, counted in the page as drawn."""
    return page.evaluate(INJECTED_COUNT) + page.locator('script:text("alert")').count()


def test_payloads_stay_text_in_every_view(browser, tmp_path, request, record) -> None:
    seed(tmp_path / "journal.db")
    views, found = 0, 0
    with (
        running_server(tmp_path) as base,
        tab(browser, base, request.node.name, {"width": 1280, "height": 1600}) as visit,
    ):
        page = visit.open("/journal")
        expect(page.get_by_text(f"{len(PAYLOADS)} cramps match.")).to_be_visible()
        grid = page.get_by_test_id("stDataFrame")
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # select the newest row
        edit = page.locator(".st-key-edit-form")
        expect(edit.get_by_role("textbox", name="Notes")).to_have_value(
            f"{PAYLOADS[0]} {PAYLOADS[0]}"
        )
        expect(edit.get_by_text(PAYLOADS[0], exact=True)).to_be_visible()  # the trigger chip
        edit.get_by_role("combobox", name="Triggers").click()  # every option drawn in a list
        expect(page.get_by_role("option", name=PAYLOADS[3], exact=True)).to_be_visible()
        page.keyboard.press("Escape")
        found += injected(page)
        visit.screenshot("journal")
        views += 1

        page = visit.open("/insights")
        expect(page.locator(".js-plotly-plot")).to_have_count(6)
        triggers = page.locator(".js-plotly-plot").nth(2)
        expect(triggers).to_contain_text(PAYLOADS[3])  # shown, as text
        found += injected(page)
        visit.screenshot("insights")
        views += 1

        csv_file = tmp_path / "payloads.csv"
        csv_file.write_text(
            "entry_id,started_at,region,side,severity,duration_seconds,triggers,relief,helped,notes,"
            + PAYLOADS[3].replace(",", " ")
            + "\n,2026-03-01 03:15,calf,,,,,,,x,y\n",
            encoding="utf-8",
        )
        page = visit.open("/data")
        page.locator('input[type="file"]').set_input_files(str(csv_file))
        problems = page.locator(".st-key-import-errors")
        expect(problems).to_contain_text("Unknown column(s): " + PAYLOADS[3])
        found += injected(page)
        visit.screenshot("data")
        views += 1

        page = visit.open("/relief?region=calf")
        expect(page.get_by_role("heading", name="Calf cramp")).to_be_visible()
        found += injected(page)
        views += 1
        dialogs, foreign = len(visit.dialogs), len(visit.foreign)
    record(
        f"payloads: {len(PAYLOADS)} in notes and triggers, {views} views in Chromium: "
        f"dialogs {dialogs}, script links or injected elements {found}, "
        f"requests to other hosts {foreign}"
    )
    assert views == 4 and (dialogs, found, foreign) == (0, 0, 0)
