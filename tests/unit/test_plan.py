"""The prevention plan and its handout."""

from datetime import date

from crampcare.content import load_guide
from crampcare.plan import build_plan, handout

GUIDE = load_guide().for_place("uk")


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
        assert keys(plan.not_helpful) == [
            "vitamin-e", "calcium", "magnesium", "quinine", "licorice-herbs"
        ]  # fmt: skip
        assert not set(keys(plan.advice)) & set(keys(plan.not_helpful))


def test_warning_signs_come_first_most_urgent_tier_first() -> None:
    plan = build_plan(GUIDE, [], ["new-medicine", "clot", "blocked-artery"])
    assert [f.key for f in plan.warnings] == ["blocked-artery", "clot", "new-medicine"]
    assert [f.key for f in plan.warnings_in("today")] == ["clot"]
    assert build_plan(GUIDE, [], ["new-medicine"]).warnings_in("emergency") == []


def test_handout_has_date_causes_plan_doctor_checks_and_red_flags_by_tier() -> None:
    plan = build_plan(GUIDE, ["posture"], ["weakness-wasting"])
    text = handout(GUIDE, plan, date(2026, 3, 4))
    assert "Date: 2026-03-04" in text
    assert GUIDE.causes["posture"].title in text
    assert "Sleep with your feet relaxed, not pointed" in text
    assert "## What your doctor may check" in text and "Blood tests" in text
    assert "In an emergency (United Kingdom): call 999." in text
    signs = text.split("## Warning signs\n")[1]
    for tier in GUIDE.tiers.values():
        heading = f"**{tier.heading}:**"
        assert heading in signs
        block = signs.split(heading)[1].split("**")[0]
        for flag in GUIDE.warning_signs:
            assert (flag.text in block) == (flag.tier == tier.key), (tier.key, flag.key)
    ticked = text.split("## Warning signs I ticked: see a doctor first")[1].split("## ")[0]
    assert GUIDE.red_flags["weakness-wasting"].text in ticked
    assert text.index("## Warning signs I ticked") < text.index("## My plan")
    assert "S7:" in text  # sources are listed with their titles
    plan_part = text.split("## Not worth it")[0]
    assert "quinine" not in plan_part.lower() and "tonic" not in plan_part.lower()


def test_the_articles_six_prevention_points_are_all_there() -> None:
    article = [m.key for m in GUIDE.measures.values() if m.in_article]
    assert article == [
        "sleep-position", "keep-warm", "pace-exercise", "regular-exercise", "vitamin-e", "calcium"
    ]  # fmt: skip


def test_the_handout_speaks_for_the_persons_place() -> None:
    us = load_guide().for_place("us-ca")
    text = handout(us, build_plan(us, []), date(2026, 3, 4))
    assert "In an emergency (United States and Canada): call 911." in text
    assert "**Call 911 now if:**" in text and "the emergency room (ER)" in text
    advice = text.split("## Sources")[0]
    assert "999" not in advice and "NHS" not in advice and "GP" not in advice
