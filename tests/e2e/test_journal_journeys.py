"""The journal's journeys in a real browser: the timer and its one-click log, double clicks,
the list following new entries, hostile text, import and export, delete everything, demo."""

from __future__ import annotations

import json
import re
import sqlite3

from playwright.sync_api import Page, expect

PAYLOAD = "<img src=x onerror=alert(1)>"
TRIGGER_PAYLOAD = "<b onmouseover=alert(2)>x"
ERROR_SCREEN = "This app has encountered an error"


def stored_notes(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT notes FROM episode ORDER BY id")]


def double_click(page: Page, target, gap_ms: int) -> None:
    """Two clicks on one spot, `gap_ms` apart, as a hurried person makes them."""
    target.click(trial=True)  # waits until it is attached, visible, steady and in view
    box = target.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    if gap_ms:
        page.wait_for_timeout(gap_ms)  # the gap between the two clicks is the point
    page.mouse.click(x, y)


def test_timer_counts_down_pauses_then_one_click_logs_the_cramp(journal_visit) -> None:
    """The countdown moves, stays still while paused, and at zero 'It eased' then a double
    click on 'Log this in my journal' saves exactly one cramp."""
    page = journal_visit.open("/relief?region=hamstring")
    expect(page.get_by_role("heading", name="Back of the thigh cramp")).to_be_visible()
    expect(page.get_by_text("Sit on the floor or the bed")).to_be_visible()
    expect(page.get_by_text("When to get help")).to_be_visible()
    timer = page.locator(".st-key-hold-timer")
    shown = timer.locator(".clock")
    expect(shown).to_have_text("1:00")
    # Shortest hold, so the countdown reaches zero within the test.
    timer.get_by_role("radio", name="30 s").click()
    expect(shown).to_have_text("0:30")
    timer.get_by_role("button", name="Start").click()
    expect(timer.get_by_role("button", name="Pause")).to_be_visible()
    expect(shown).not_to_have_text("0:30")  # it moves by itself
    journal_visit.screenshot("counting")
    timer.get_by_role("button", name="Pause").click()
    expect(timer.get_by_role("button", name="Start")).to_be_visible()
    paused_at = shown.inner_text()
    page.wait_for_timeout(2_500)  # a running clock would move in this time: the check needs it
    expect(shown).to_have_text(paused_at)
    timer.get_by_role("button", name="Start").click()
    expect(timer.get_by_role("button", name="It eased")).to_be_visible(timeout=60_000)
    expect(shown).to_have_text("0:00")
    timer.get_by_role("button", name="It eased").click()
    expect(page.get_by_text("Good. Walk around gently")).to_be_visible()
    double_click(page, timer.get_by_role("button", name="Log this in my journal"), 60)
    expect(timer.get_by_text("Logged in your journal")).to_be_visible()
    expect(timer.get_by_role("textbox", name="Notes")).to_be_visible()
    journal_visit.screenshot("logged")
    assert len(stored_notes(journal_visit.journal_path)) == 1
    page.get_by_role("link", name="Journal").click()
    expect(page.get_by_text("1 cramp matches.")).to_be_visible()
    expect(page.get_by_text(ERROR_SCREEN)).to_have_count(0)


def open_log_form(page: Page) -> None:
    """Open 'Log a cramp' if it is closed (it starts open on an empty journal)."""
    expect(page.get_by_role("heading", name="Episodes")).to_be_visible()  # the page is drawn
    if page.locator(".st-key-log-form details").get_attribute("open") is None:
        page.locator(".st-key-log-form summary").click()
    expect(page.get_by_role("textbox", name="Notes")).to_be_visible()


def test_a_double_click_on_save_stores_one_cramp_every_time(journal_visit) -> None:
    """Two clicks 0 to 200 ms apart on 'Save to journal' store one cramp, never a copy or a
    blank one, and never show an error; and each new cramp shows up in the list at once."""
    page = journal_visit.open("/journal")
    gaps = (0, 50, 100, 200, 0, 120)
    open_log_form(page)
    for n, gap in enumerate(gaps):
        notes = page.get_by_role("textbox", name="Notes")
        expect(notes).to_have_value("")  # a fresh form, drawn and settled
        notes.fill(f"burst {n}")
        notes.blur()
        double_click(page, page.get_by_role("button", name="Save to journal"), gap)
        expect(page.get_by_text(re.compile(r"^Saved: Calf"))).to_be_visible()
        expect(page.get_by_text(f"{n + 1} cramp{'s' if n else ''} match")).to_be_visible()
        expect(page.get_by_text(ERROR_SCREEN)).to_have_count(0)
        another = page.get_by_role("button", name="Log another cramp")
        another.click()
        expect(another).to_have_count(0)
    journal_visit.screenshot("after-bursts")
    assert stored_notes(journal_visit.journal_path) == [f"burst {n}" for n in range(len(gaps))]


def select_first_row(page: Page) -> None:
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)


def test_hostile_text_in_notes_and_triggers_is_shown_as_text(journal_visit) -> None:
    """A note and a trigger made of markup are stored and shown as typed: no dialog, no image."""
    page = journal_visit.open("/journal")
    open_log_form(page)
    page.get_by_role("textbox", name="Notes").fill(PAYLOAD)
    page.get_by_role("combobox", name="Triggers").click()
    page.keyboard.type(TRIGGER_PAYLOAD)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Save to journal").click()
    expect(page.get_by_text(re.compile("^Saved: "))).to_be_visible()
    assert stored_notes(journal_visit.journal_path) == [PAYLOAD]
    select_first_row(page)
    edit = page.locator(".st-key-edit-form")
    expect(edit.get_by_role("textbox", name="Notes")).to_have_value(PAYLOAD)
    expect(edit.get_by_text(TRIGGER_PAYLOAD, exact=True)).to_be_visible()
    expect(page.locator('img[src="x"]')).to_have_count(0)
    expect(page.locator("b[onmouseover]")).to_have_count(0)
    journal_visit.screenshot("hostile-text")


def test_delete_then_undo_says_restored(journal_visit) -> None:
    page = journal_visit.open("/journal")
    open_log_form(page)
    page.get_by_role("textbox", name="Notes").fill("to delete")
    page.get_by_role("button", name="Save to journal").click()
    expect(page.get_by_text("1 cramp matches.")).to_be_visible()
    select_first_row(page)
    page.locator(".st-key-edit-form").get_by_role("button", name="Delete…").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("You can undo this")).to_be_visible()
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_text(re.compile("^Deleted: Calf"))).to_be_visible()
    assert stored_notes(journal_visit.journal_path) == []
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text(re.compile("^Restored: Calf"))).to_be_visible()
    expect(page.get_by_text(re.compile("^Saved: "))).to_have_count(0)
    assert stored_notes(journal_visit.journal_path) == ["to delete"]


def test_import_export_and_delete_everything(journal_visit, tmp_path) -> None:
    """A CSV with bad rows lists each problem; the import adds the good one; the CSV and JSON
    exports hold it; 'Delete everything' empties the journal and leaves nothing live."""
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
    expect(page.get_by_text("Nothing to export yet")).to_be_visible()
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

    with page.expect_download() as info:
        page.get_by_role("button", name="Export the 1 cramp (CSV)").click()
    exported = info.value.path().read_bytes()
    assert exported.startswith(b"\xef\xbb\xbfentry_id,started_at,")
    assert exported.rstrip().endswith(b",calf,left,5,60,cold,stretch,yes,fine")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download all my data (JSON)").click()
    everything = json.loads(info.value.path().read_text(encoding="utf-8"))
    [episode] = everything["episodes"]
    assert (episode["region"], episode["severity"], episode["notes"]) == ("calf", 5, "fine")
    assert episode["triggers"] == ["cold"] and everything["days"] == {}

    confirm = page.get_by_role("textbox", name="Type DELETE to confirm")
    delete = page.get_by_role("button", name="Delete everything")
    expect(delete).to_be_disabled()
    confirm.fill("DELETE")
    confirm.press("Enter")
    expect(delete).to_be_enabled()
    delete.click()
    expect(page.get_by_text("Your journal is empty.")).to_be_visible()
    expect(confirm).to_have_count(0)
    expect(page.get_by_role("button", name="Delete everything")).to_have_count(0)
    expect(page.get_by_text("Nothing to export yet")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Export"))).to_have_count(0)
    journal_visit.screenshot("emptied")
    assert stored_notes(journal_visit.journal_path) == []


def test_demo_link_to_your_data_never_shows_the_real_journal(journal_visit) -> None:
    """/data?demo=1 shows the demo journal read-only: no import, no delete, not the real file."""
    page = journal_visit.open("/journal")
    open_log_form(page)
    page.get_by_role("textbox", name="Notes").fill("mine")
    page.get_by_role("button", name="Save to journal").click()
    expect(page.get_by_text("1 cramp matches.")).to_be_visible()
    page = journal_visit.open("/data?demo=1")
    expect(page.get_by_text("Demo mode:")).to_be_visible()
    expect(page.get_by_text(str(journal_visit.journal_path))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Export all \\d+ cramps"))).to_be_visible()
    expect(page.get_by_role("button", name="Delete everything")).to_have_count(0)
    expect(page.locator('input[type="file"]')).to_have_count(0)
    journal_visit.screenshot("demo-data")
    assert stored_notes(journal_visit.journal_path) == ["mine"]


def test_insights_charts_render_with_demo_data(visit) -> None:
    """?demo=1 shows a banner and every chart; switching demo off returns to the own, empty journal."""
    page = visit.open("/insights?demo=1")
    expect(page.get_by_text("Demo mode:")).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(6)
    expect(page.get_by_role("heading", name="Triggers and cramp days")).to_be_visible()
    visit.screenshot("demo-insights")
    page.get_by_test_id("stCheckbox").filter(has_text="Demo data").click()
    expect(page.get_by_text("Nothing to chart yet")).to_be_visible()
    expect(page).not_to_have_url(re.compile("demo"))
