"""Causes and prevention: checklist to plan, warning signs, and the handout."""

from tests.app.conftest import texts


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


def test_warning_sign_shows_see_a_doctor(app) -> None:
    at = causes(app)
    assert not at.error
    at.checkbox(key="causes.sign.clot").check().run()
    assert "See a doctor now, before trying self-care." in texts(at, "error")
    at.checkbox(key="causes.sign.clot").uncheck().run()
    at.checkbox(key="causes.sign.new-medicine").check().run()
    assert not at.error
    assert "See a doctor about this." in texts(at, "warning")


def test_handout_download_is_offered(app) -> None:
    at = causes(app)
    assert at.download_button(key="causes.download").label == "Download my plan (handout)"
