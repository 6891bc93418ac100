"""Causes and prevention: checklist to plan, warning signs by tier, notes, and the handout."""

from datetime import date

from crampcare.content import load_guide
from tests.app.conftest import texts

GUIDE = load_guide().for_place("uk")


def causes(app):
    return app.switch_page("pages/causes.py").run()


def test_checklist_renders_with_evidence_levels(app) -> None:
    at = causes(app)
    assert not at.exception
    assert "One leg swollen, red, warm or darker than the other" in [c.label for c in at.checkbox]
    assert "Cold" in at.pills(key="causes.causes").options
    captions = texts(at, "caption")
    assert "**Cold: a cool bedroom, thin covers, feet outside the duvet.**" in captions
    assert "Often blamed: a build-up of lactic acid" in captions
    assert ":gray-badge[No good evidence]" in captions


def test_ticking_causes_builds_the_plan(app) -> None:
    at = causes(app)
    assert "Ask your doctor or pharmacist" not in texts(at, "markdown")
    at.pills(key="causes.causes").set_value(["medicines"]).run()
    plan = texts(at, "markdown")
    assert "Ask your doctor or pharmacist to review your medicines" in plan
    assert "Vitamin E." in plan and "No good evidence" in plan


def test_a_ticked_warning_sign_shows_in_its_own_tier_above_the_plan(app) -> None:
    at = causes(app)
    assert not at.error and not at.warning
    at.checkbox(key="causes.sign.clot").check().run()
    assert "Get medical help today if:" in texts(at, "warning")
    assert GUIDE.red_flags["clot"].text in texts(at, "warning")
    assert not at.error, "a clot sign is 'today', not 'call an ambulance'"
    at.checkbox(key="causes.sign.blocked-artery").check().run()
    assert "Call 999 now if" in texts(at, "error")
    at.checkbox(key="causes.sign.clot").uncheck().run()
    at.checkbox(key="causes.sign.blocked-artery").uncheck().run()
    at.checkbox(key="causes.sign.new-medicine").check().run()
    assert not at.error and not at.warning
    assert "See your GP (family doctor) soon if:" in texts(at, "info")


def test_every_checklist_sign_shows_in_its_own_tier(app) -> None:
    at = causes(app)
    for flag in GUIDE.warning_signs:
        at.checkbox(key=f"causes.sign.{flag.key}").check()
    at.run()
    boxes = {
        "emergency": texts(at, "error"),
        "today": texts(at, "warning"),
        "soon": texts(at, "info"),
    }
    for flag in GUIDE.warning_signs:
        assert [t for t, box in boxes.items() if flag.text in box] == [flag.tier], flag.key


def test_medicines_groups_and_what_the_doctor_may_check_are_shown(app) -> None:
    markdown = texts(causes(app), "markdown")
    for section in GUIDE.notes:
        assert f"### {section.title}" in markdown
        assert all(item.text in markdown for item in section.items)


def test_the_handout_holds_the_ticks_the_plan_and_the_warning_signs_for_the_place(
    app, downloads
) -> None:
    at = causes(app)
    at.pills(key="causes.causes").set_value(["medicines"]).run()
    at.checkbox(key="causes.sign.clot").check().run()
    at.selectbox(key="causes.place").select("au").run()
    text = downloads[f"cramp-care-plan-{date.today().isoformat()}.md"].decode("utf-8")
    assert f"Date: {date.today().isoformat()}" in text
    assert "Medicines: water tablets" in text
    assert "Ask your doctor or pharmacist to review your medicines" in text
    assert "## Warning signs I ticked: see a doctor first" in text
    assert "In an emergency (Australia): call 000." in text
    assert "**Call 000 now if:**" in text
    assert "## What your doctor may check" in text
    assert "999" not in text.split("## Sources")[0]
