"""The journal's journeys in a real browser: quick log after the timer, charts, hostile text, import."""

from __future__ import annotations

import re
import sqlite3

from playwright.sync_api import Page, expect

PAYLOAD = "<img src=x onerror=alert(1)>"
TRIGGER_PAYLOAD = "<b onmouseover=alert(2)>x"


def stored_notes(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT notes FROM episode")]


def test_timer_counts_down_then_one_click_logs_the_cramp(journal_visit) -> None:
    """The hold timer counts down on its own; at zero 'It eased' and 'Log this cramp' save it."""
    page = journal_visit.open("/relief?region=hamstring")
    expect(page.get_by_role("heading", name="Back of the thigh cramp")).to_be_visible()
    expect(page.get_by_text("Sit on the floor or the bed")).to_be_visible()
    expect(page.get_by_text("When to get help")).to_be_visible()
    timer = page.locator(".st-key-hold-timer")
    shown = timer.get_by_test_id("stMetricValue")
    expect(shown).to_have_text("1:00")
    # Shortest hold, so the countdown reaches zero within the test.
    timer.get_by_role("radio", name="30 s").click()
    expect(shown).to_have_text("0:30")
    timer.get_by_role("button", name="Start").click()
    expect(shown).to_have_text("0:27", timeout=10_000)
    journal_visit.screenshot("counting")
    timer.get_by_role("button", name="Pause").click()
    expect(timer.get_by_role("button", name="Start")).to_be_visible()
    paused_at = shown.inner_text()
    expect(shown).to_have_text(paused_at)
    timer.get_by_role("button", name="Start").click()
    expect(timer.get_by_role("button", name="It eased")).to_be_visible(timeout=40_000)
    expect(shown).to_have_text("0:00")
    timer.get_by_role("button", name="It eased").click()
    expect(page.get_by_text("Good. Walk around gently")).to_be_visible()
    timer.get_by_role("button", name="Log this cramp").click()
    expect(timer.get_by_text("Logged in your journal")).to_be_visible()
    expect(timer.get_by_role("textbox", name="Notes")).to_be_visible()
    journal_visit.screenshot("logged")
    assert len(stored_notes(journal_visit.journal_path)) == 1
    page.get_by_role("link", name="Journal").click()
    expect(page.get_by_text("1 cramp matches.")).to_be_visible()


def test_insights_charts_render_with_demo_data(visit) -> None:
    """?demo=1 shows a banner and every chart; switching demo off returns to the own, empty journal."""
    page = visit.open("/insights?demo=1")
    expect(page.get_by_text("Demo mode:")).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(6, timeout=15_000)
    expect(page.get_by_role("heading", name="Triggers and cramp days")).to_be_visible()
    visit.screenshot("demo-insights")
    page.get_by_test_id("stCheckbox").filter(has_text="Demo data").click()
    expect(page.get_by_text("Nothing to chart yet")).to_be_visible()
    expect(page).not_to_have_url(re.compile("demo"))


def select_first_row(page: Page) -> None:
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)


def test_hostile_text_in_notes_and_triggers_is_shown_as_text(journal_visit) -> None:
    """A note and a trigger made of markup are stored and shown as typed: no dialog, no image."""
    page = journal_visit.open("/journal")
    expect(page.get_by_role("heading", name="Journal")).to_be_visible()
    form = page.get_by_test_id("stForm").first
    form.get_by_role("textbox", name="Notes").fill(PAYLOAD)
    form.get_by_role("combobox", name="Triggers").click()
    page.keyboard.type(TRIGGER_PAYLOAD)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    form.get_by_role("button", name="Save to journal").click()
    expect(page.get_by_text(re.compile("^Saved: "))).to_be_visible()
    assert stored_notes(journal_visit.journal_path) == [PAYLOAD]
    select_first_row(page)
    edit = page.locator('[data-testid="stForm"]').filter(has_text="Save changes")
    expect(edit.get_by_role("textbox", name="Notes")).to_have_value(PAYLOAD)
    expect(edit.get_by_text(TRIGGER_PAYLOAD, exact=True)).to_be_visible()
    expect(page.locator('img[src="x"]')).to_have_count(0)
    expect(page.locator("b[onmouseover]")).to_have_count(0)
    journal_visit.screenshot("hostile-text")


def test_imported_malformed_csv_shows_row_errors(journal_visit, tmp_path) -> None:
    """A CSV with bad rows lists each problem by row and column; nothing is saved until confirmed."""
    csv_file = tmp_path / "cramps.csv"
    csv_file.write_text(
        "entry_id,started_at,region,side,severity,duration_seconds,triggers,relief,helped,notes\n"
        ",2026-03-01 03:15,calf,left,5,60,cold,stretch,yes,fine\n"
        ",2026-03-02 03:15,elbow,,,,,,,\n"
        ",2026-03-03 03:15,calf,,99,,,,,\n",
        encoding="utf-8",
    )
    page = journal_visit.open("/data")
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    page.locator('input[type="file"]').set_input_files(str(csv_file))
    expect(page.get_by_text("2 problems found. Those rows will be skipped.")).to_be_visible()
    problems = page.locator(".st-key-import-errors")
    expect(problems).to_contain_text("Row 3, region: Choose one of the listed places.")
    expect(problems).to_contain_text("Row 4, severity: Severity goes from 0 (none) to 10")
    journal_visit.screenshot("import-errors")
    assert stored_notes(journal_visit.journal_path) == []
    page.get_by_role("button", name="Import 1 cramp").click()
    expect(page.get_by_text("Added 1 cramp.")).to_be_visible()
    assert stored_notes(journal_visit.journal_path) == ["fine"]
    journal_visit.screenshot("imported")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export all 1 cramp (CSV)").click()
    exported = info.value.path().read_bytes()
    assert exported.startswith(b"\xef\xbb\xbfentry_id,started_at,")
    assert exported.rstrip().endswith(b",stretch,yes,fine")
