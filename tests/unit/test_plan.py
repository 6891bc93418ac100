"""The prevention plan and its handout."""

from datetime import date

from crampcare.content import load_guide
from crampcare.plan import build_plan, handout

GUIDE = load_guide()


def keys(measures) -> list[str]:
    return [m.key for m in measures]


def test_nothing_ticked_gives_general_night_time_advice() -> None:
    plan = build_plan(GUIDE, [])
    assert keys(plan.advice)[0] == "bedtime-stretch"
    assert {"sleep-position", "loose-bedding"} <= set(keys(plan.advice))
    assert "medicine-review" not in keys(plan.advice)


def test_ticked_causes_make_the_plan_personal() -> None:
    plan = build_plan(GUIDE, ["medicines", "dehydration"])
    assert keys(plan.causes) == ["medicines", "dehydration"]
    assert keys(plan.advice)[:2] == ["medicine-review", "fluids"]
    assert "bedtime-stretch" in keys(plan.advice)
    assert len(set(keys(plan.advice))) == len(plan.advice)


def test_every_plan_shows_what_does_not_help_and_never_advises_it() -> None:
    for ticked in ([], list(GUIDE.causes)):
        plan = build_plan(GUIDE, ticked)
        assert keys(plan.not_helpful) == ["vitamin-e", "calcium", "magnesium", "quinine"]
        assert not set(keys(plan.advice)) & set(keys(plan.not_helpful))


def test_warning_signs_come_first_and_urgent_before_soon() -> None:
    plan = build_plan(GUIDE, [], ["new-medicine", "clot"])
    assert [f.key for f in plan.warnings] == ["clot", "new-medicine"]
    assert plan.urgent
    assert not build_plan(GUIDE, [], ["new-medicine"]).urgent


def test_handout_has_date_causes_plan_and_red_flags() -> None:
    plan = build_plan(GUIDE, ["posture"], ["wasting"])
    text = handout(GUIDE, plan, date(2026, 3, 4))
    assert "Date: 2026-03-04" in text
    assert GUIDE.causes["posture"].title in text
    assert "Sleep with your feet relaxed, not pointed" in text
    assert "## Get help now if" in text and "blood clot" in text
    assert text.index("## See a doctor first") < text.index("## My plan")
    assert "S7:" in text  # sources are listed with their titles
    plan_part = text.split("## Not worth it")[0]
    assert "quinine" not in plan_part.lower() and "tonic" not in plan_part.lower()


def test_the_articles_six_prevention_points_are_all_there() -> None:
    article = [m.key for m in GUIDE.measures.values() if m.in_article]
    assert article == [
        "sleep-position", "keep-warm", "pace-exercise", "regular-exercise", "vitamin-e", "calcium"
    ]  # fmt: skip
