"""The guide's content: complete, sourced, honest, and refused with a clear message when broken."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import textstat

from crampcare.content import CONTENT_DIR, REGION_ORDER, TIERS, ContentError, load_guide

ROOT = CONTENT_DIR.parent
GUIDE = load_guide()
LEGS = ("calf", "foot", "hamstring", "quadriceps", "shin")


def all_items(guide=GUIDE):
    """Every sourced piece of text in the guide, with a name for error messages."""
    for r in guide.regions.values():
        yield f"region {r.key}", r.evidence, r.level, r.sources
        for n, s in enumerate(r.steps + r.instead, 1):
            yield f"region {r.key} step {n}", s.text, r.level, s.sources
        for h in r.helps:
            yield f"region {r.key} helps", h.text, h.level, h.sources
    for c in guide.courses.values():
        yield f"course {c.key} usual", c.usual.text, c.usual.level, c.usual.sources
        yield f"course {c.key} hold", c.hold.text, c.hold.level, c.hold.sources
        for h in c.helps:
            yield f"course {c.key} helps", h.text, h.level, h.sources
    for c in guide.causes.values():
        yield f"cause {c.key}", c.evidence, c.level, c.sources
    for m in guide.measures.values():
        yield f"measure {m.key}", m.text, m.level, m.sources
    for section in guide.notes:
        for n, item in enumerate(section.items, 1):
            yield f"note {section.key} {n}", item.text, item.level, item.sources
    for f in guide.red_flags.values():
        yield f"flag {f.key}", f.text, None, f.sources


def every_text(guide=GUIDE) -> list[tuple[str, str]]:
    """Every text a person reads, sourced or not, with a name."""
    texts = [(name, text) for name, text, _, _ in all_items(guide)]
    for c in guide.courses.values():
        texts += [(f"course {c.key} still", c.still), (f"course {c.key} better", c.better)]
    for r in guide.regions.values():
        texts += [(f"region {r.key} stretch", r.stretch)]
    for t in guide.tiers.values():
        texts += [(f"tier {t.key}", f"{t.heading} {t.action}")]
    for f in guide.red_flags.values():
        texts += [(f"flag {f.key} sign", f.sign or "")]
    for m in guide.measures.values():
        texts += [(f"measure {m.key} title", m.title)]
    return texts


# -- complete and sourced -----------------------------------------------------------------


def test_every_region_has_steps_illustration_a_course_and_every_tier_of_red_flags() -> None:
    assert list(GUIDE.regions) == list(REGION_ORDER)
    for region in GUIDE.regions.values():
        assert len(region.steps) >= 3, region.key
        assert region.illustration.is_file() and region.illustration.suffix == ".svg"
        assert "<title" in region.illustration.read_text(encoding="utf-8"), "needs alt text"
        course = GUIDE.course_of(region)
        if course.timer == "hold":
            assert 10 <= region.hold_seconds <= 120
        else:
            assert region.hold_seconds is None and course.repeat >= 1
        for tier in TIERS:
            assert GUIDE.flags_for(region.key, tier), f"{region.key} has no '{tier}' sign"


def test_every_item_cites_known_sources() -> None:
    for name, _text, _level, sources in all_items():
        assert sources, name
        assert all(s in GUIDE.sources for s in sources), name


def test_every_cause_has_advice_in_the_plan() -> None:
    for cause in GUIDE.causes.values():
        assert any(cause.key in m.causes and m.is_advice for m in GUIDE.measures.values())


# -- one tier per sign, everywhere ----------------------------------------------------------


def test_each_sign_is_defined_once_and_shown_in_one_tier_everywhere() -> None:
    """Regions, courses, the checklist and the timer only name signs; the tier is the sign's."""
    seen: dict[str, set[str]] = {}
    for region in GUIDE.regions.values():
        for tier in TIERS:
            for flag in GUIDE.flags_for(region.key, tier):
                seen.setdefault(flag.key, set()).add(tier)
    for flag in GUIDE.warning_signs:
        seen.setdefault(flag.key, set()).add(flag.tier)
    for course in GUIDE.courses.values():
        see_doctor = GUIDE.red_flags[course.see_doctor]
        seen.setdefault(see_doctor.key, set()).add(see_doctor.tier)
    assert all(len(tiers) == 1 for tiers in seen.values()), seen
    texts = [f.text for f in GUIDE.red_flags.values()]
    assert len(texts) == len(set(texts)), "the same sign written twice"
    signs = [f.sign for f in GUIDE.red_flags.values() if f.sign]
    assert len(signs) == len(set(signs))


SYMPTOM_TIER = [
    # (words in a sign's text, the one tier every sign with them must have: evidence §6)
    ("bladder or bowels", "emergency"),
    ("chest to your neck", "emergency"),
    ("cold, pale or blue", "emergency"),
    ("heatstroke", "emergency"),
    ("meningitis", "emergency"),
    ("stroke", "emergency"),
    ("both legs", "emergency"),
    ("blood clot", "today"),
    ("like cola", "today"),
    ("statin", "today"),
    ("10 minutes", "soon"),
    ("twitch", "today"),
    ("getting thinner", "today"),
    ("spreads down your arms", "today"),
    ("a few weeks", "soon"),
]


@pytest.mark.parametrize(("words", "tier"), SYMPTOM_TIER)
def test_a_symptom_has_the_same_tier_wherever_it_is_named(words: str, tier: str) -> None:
    flags = [f for f in GUIDE.red_flags.values() if words in f.text.lower()]
    assert flags, f"no sign mentions {words!r}"
    assert {f.tier for f in flags} == {tier}, [(f.key, f.tier) for f in flags]


def test_bladder_or_bowel_control_is_an_emergency_on_every_page() -> None:
    for region in GUIDE.regions:
        assert "bladder-bowel" in [f.key for f in GUIDE.flags_for(region, "emergency")], region


# -- urgency follows the region ---------------------------------------------------------------


def test_the_ten_minute_rule_is_for_legs_and_is_not_an_emergency() -> None:
    ten = GUIDE.red_flags["cramp-over-10-min"]
    assert ten.tier == "soon"
    for region in GUIDE.regions.values():
        keys = [f.key for f in GUIDE.flags_for(region.key)]
        course = GUIDE.course_of(region)
        if region.key in LEGS:
            assert "cramp-over-10-min" in keys and course.long_after_minutes == 10
            assert course.see_doctor == "cramp-over-10-min"
        else:
            assert "cramp-over-10-min" not in keys and course.long_after_minutes is None
            assert "10 minutes" not in course.usual.text


def test_back_and_neck_repeat_gentle_movements_and_expect_days_not_minutes() -> None:
    back = GUIDE.course_of(GUIDE.regions["lower-back"])
    neck = GUIDE.course_of(GUIDE.regions["neck"])
    assert back.timer == neck.timer == "repeat"
    assert "8 to 10 times" in back.hold.text
    assert "weeks" in back.usual.text and "days" in neck.usual.text
    assert back.see_doctor == "back-not-improving" and neck.see_doctor == "neck-lasting"
    assert "days" in back.still and "days" in neck.still


def test_the_leg_cramp_description_is_expert_view_not_good_evidence() -> None:
    usual = GUIDE.courses["leg-cramp"].usual
    assert "10 minutes" in usual.text and usual.level == "expert"
    assert not any("10 minutes" in text and level == "good" for _, text, level, _ in all_items())


# -- the red flags the review asked for ---------------------------------------------------------


REQUIRED_FLAGS = {
    "neck": ["neck-meningitis", "neck-stroke", "chest-pain", "neck-cord", "neck-cancer-immune"],
    "lower-back": ["back-cancer-immune", "back-morning-stiffness", "back-not-improving",
                   "back-both-legs", "back-saddle", "bladder-bowel", "back-injury"],
    "hand": ["hand-spreading", "hand-numb"],
    **{leg: ["blocked-artery", "heatstroke", "dark-urine", "clot"] for leg in LEGS},
}  # fmt: skip


@pytest.mark.parametrize("region", sorted(REQUIRED_FLAGS))
def test_each_region_has_the_red_flags_the_evidence_lists(region: str) -> None:
    keys = [f.key for f in GUIDE.flags_for(region)]
    assert set(REQUIRED_FLAGS[region]) <= set(keys), set(REQUIRED_FLAGS[region]) - set(keys)


def test_red_flags_read_at_about_grade_seven() -> None:
    grades = {f.key: textstat.flesch_kincaid_grade(f.text) for f in GUIDE.red_flags.values()}
    assert max(grades.values()) <= 8.0, {k: g for k, g in grades.items() if g > 8}
    assert sum(grades.values()) / len(grades) <= 6.0


def test_no_massage_of_a_swollen_warm_or_red_leg() -> None:
    for leg in ("calf", "hamstring", "quadriceps", "shin"):
        rub = [h.text for h in GUIDE.regions[leg].helps if re.match(r"(Rub|Massage)", h.text)]
        assert rub and all("swollen, warm or red" in t for t in rub), leg
    assert "Don't rub it" in GUIDE.red_flags["clot"].text


# -- medicines ---------------------------------------------------------------------------------


def test_quinine_and_tonic_water_are_never_suggested() -> None:
    """Quinine and tonic water appear only in warnings: never as something to take."""
    allowed = {"measure quinine", "flag quinine-reaction", "note medicines 4",
               "measure pregnancy-care", "note groups 1", "measure quinine title"}  # fmt: skip
    for name, text in every_text():
        if re.search(r"quinine|tonic", text, re.IGNORECASE):
            assert name in allowed, name
            if not name.endswith("title"):
                assert re.search(r"\b(never|not|don't|stop)\b", text, re.IGNORECASE), name
    quinine = GUIDE.measures["quinine"]
    assert quinine.level == "avoid" and not quinine.is_advice
    for words in ("Never treat", "tonic water", "modestly", "rare but serious", "only a doctor"):
        assert words in quinine.text, words


def test_ibuprofen_always_comes_with_its_cautions() -> None:
    for name, text in every_text():
        if "ibuprofen" in text.lower():
            for caution in ("pregnan", "stomach ulcer", "kidney", "heart", "asthma"):
                assert caution in text, (name, caution)


def test_statins_other_medicines_and_the_doctors_checks_are_covered() -> None:
    assert GUIDE.red_flags["statin-pain"].tier == "today"
    assert "Don't stop" in GUIDE.red_flags["statin-pain"].text
    notes = {s.key: " ".join(i.text for i in s.items) for s in GUIDE.notes}
    for drug in ("iron sucrose", "oestrogen", "raloxifene", "naproxen", "teriparatide",
                 "Water tablets", "statins", "Salbutamol", "nifedipine"):  # fmt: skip
        assert drug in notes["medicines"], drug
    assert "Don't stop a prescribed medicine on your own" in notes["medicines"]
    assert "Blood tests" in notes["doctor"] and "medicines" in notes["doctor"]
    assert [s.key for s in GUIDE.notes if s.handout] == ["doctor"]


def test_pregnancy_children_dialysis_and_cirrhosis_notes() -> None:
    groups = " ".join(i.text for i in next(s for s in GUIDE.notes if s.key == "groups").items)
    for words in ("Pregnancy", "midwife", "7 in 100 children", "dialysis", "cirrhosis",
                  "kidney or liver team", "From 28 weeks, go to sleep on your side"):  # fmt: skip
        assert words in groups, words
    assert "From 28 weeks of pregnancy, go to sleep on your side" in (
        GUIDE.measures["sleep-position"].text
    )


# -- stretches safe at 3 a.m. ------------------------------------------------------------------


def test_every_standing_stretch_says_hold_on_to_something_steady() -> None:
    for region in GUIDE.regions.values():
        for step in region.steps + region.instead:
            if re.search(r"\b(stand up|stand and|kneel)", step.text, re.IGNORECASE):
                assert "hold on to something steady" in step.text, (region.key, step.text)


def test_alternatives_are_options_not_numbered_steps() -> None:
    for region in GUIDE.regions.values():
        for step in region.steps:
            assert not step.text.lower().startswith(("or ", "alternatively")), region.key


def test_the_shin_stretch_is_passive_and_kneeling_only_if_the_knees_allow() -> None:
    shin = GUIDE.regions["shin"]
    steps = " ".join(s.text for s in shin.steps)
    assert "With your hand, press the top of the foot" in steps
    assert "Let your hand do the work" in steps
    assert not re.search(r"^point your foot", steps, re.IGNORECASE | re.MULTILINE)
    assert all("If your knees allow" in s.text for s in shin.instead if "kneel" in s.text)
    assert shin.level == "expert" and "No guideline covers shin cramps" in shin.evidence


def test_calf_and_foot_stretch_against_the_cramp() -> None:
    calf = " ".join(s.text for s in GUIDE.regions["calf"].steps).lower()
    assert "knee straight" in calf and "towards your shin" in calf
    foot = " ".join(s.text for s in GUIDE.regions["foot"].steps).lower()
    assert "with your hand" in foot and "pull the toes up and back" in foot


def test_the_foot_illustration_shows_a_hand_pulling_the_toes_back() -> None:
    title = re.search(r"<title[^>]*>(.*?)</title>", GUIDE.regions["foot"].illustration.read_text())
    assert "hand pulls the toes up and back" in title.group(1)
    title = re.search(r"<title[^>]*>(.*?)</title>", GUIDE.regions["shin"].illustration.read_text())
    assert "hand gently presses the top of the foot" in title.group(1)


# -- wording and plain words ---------------------------------------------------------------------


def test_claims_are_worded_as_carefully_as_the_evidence() -> None:
    assert GUIDE.causes["cold"].level == "none"
    assert "indirect" in GUIDE.causes["cold"].evidence
    assert "usually normal" in GUIDE.causes["age"].evidence
    assert "still debated" in GUIDE.causes["exercise"].evidence
    assert "not supported" in GUIDE.causes["fatigue"].evidence
    vitamin_e = GUIDE.measures["vitamin-e"]
    assert "Not enough evidence" in vitamin_e.text and "dialysis" in vitamin_e.text
    assert "no useful effect" not in vitamin_e.text


def test_article_causes_are_all_there() -> None:
    article = [c.key for c in GUIDE.causes.values() if c.in_article]
    assert article == ["cold", "fatigue", "age", "posture"]


def test_unproven_supplements_are_shown_as_not_helping() -> None:
    for key in ("vitamin-e", "calcium", "magnesium", "licorice-herbs"):
        assert GUIDE.measures[key].level == "none"
        assert not GUIDE.measures[key].is_advice


def test_medical_abbreviations_are_explained_or_avoided() -> None:
    for name, text in every_text():
        assert "LABA" not in text, name
        if "DVT" in text:
            assert "blood clot" in text, name
        if "COPD" in text:
            assert "lung disease" in text or name.startswith("note"), name


# -- emergency numbers and local services live in places.toml, once -------------------------------


LOCAL_WORDS = re.compile(r"\b(999|112|911|000|120|119|111)\b|A&E|\bGP\b|NHS 111")


def test_local_numbers_and_service_names_are_only_in_places() -> None:
    for name, text in every_text():
        assert not LOCAL_WORDS.search(text), name
    for path in [ROOT / "app.py", *ROOT.glob("crampcare_ui/**/*.py"),
                 *ROOT.glob("pages/*.py"), *ROOT.glob("crampcare/**/*.py")]:  # fmt: skip
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.lstrip().startswith("#"):
                quoted = re.findall(r"\"[^\"]*\"|'[^']*'", line)
                assert not any(LOCAL_WORDS.search(q) for q in quoted), f"{path.name}: {line}"


EMERGENCY = {"uk": "999", "eu": "112", "us-ca": "911", "au": "000", "cn": "120", "hk": "999",
             "tw": "119", "other": "your local emergency number"}  # fmt: skip


def test_every_place_has_its_emergency_number_and_fills_every_text() -> None:
    assert {k: p.emergency for k, p in GUIDE.places.items()} == EMERGENCY
    assert "110" in GUIDE.places["cn"].emergency_note
    for key, place in GUIDE.places.items():
        local = GUIDE.for_place(key)
        assert local.place == key
        assert f"Call {place.emergency} now" in local.tiers["emergency"].heading
        assert place.ed in local.tiers["emergency"].action
        for name, text in every_text(local):
            assert "{" not in text and "}" not in text, (key, name)
    uk = GUIDE.for_place("uk")
    assert "A&E (the hospital emergency department)" in uk.tiers["emergency"].action
    assert (
        "NHS 111" in uk.tiers["today"].action and "GP (family doctor)" in uk.tiers["soon"].heading
    )
    assert "急诊" in GUIDE.for_place("cn").tiers["emergency"].action
    assert GUIDE.for_place("other").tiers["emergency"].heading == (
        "Call your local emergency number now if"
    )


@pytest.mark.parametrize(
    ("locale", "place"),
    [("en-GB", "uk"), ("en-US", "us-ca"), ("fr-CA", "us-ca"), ("en-AU", "au"), ("de-DE", "eu"),
     ("zh-CN", "cn"), ("zh-Hans-CN", "cn"), ("zh-HK", "hk"), ("zh-TW", "tw"), ("zh-Hant-TW", "tw"),
     # No country, or one the guide doesn't know: never a guessed number.
     ("fr", "other"), ("zh", "other"), ("zh-Hant", "other"), ("en", "other"), ("en-NZ", "other"),
     ("ja-JP", "other"), (None, "other"), ("", "other")],
)  # fmt: skip
def test_the_browsers_country_picks_the_place_and_nothing_is_guessed(locale, place) -> None:
    assert GUIDE.place_for_locale(locale) == place


# -- broken content is refused with a clear message ----------------------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of content/ that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_copy_of_content_loads(content: Path) -> None:
    assert load_guide(content).regions.keys() == GUIDE.regions.keys()


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("regions/calf.toml", 'where = "back of the lower leg"\n', "",
         "calf.toml: region 'calf': missing field 'where'"),
        ("regions/calf.toml", 'sources = ["S5", "S7", "S24"]', 'sources = ["S5", "S999"]',
         "calf.toml: region 'calf': unknown source id 'S999'"),
        ("regions/calf.toml", 'red_flags = ["claudication"]', 'red_flags = ["elbow-pain"]',
         "calf.toml: region 'calf': unknown warning sign 'elbow-pain'"),
        ("regions/calf.toml", 'red_flags = ["claudication"]', 'red_flags = ["clot"]',
         "calf.toml: region 'calf': red_flags repeats its course's: clot"),
        ("regions/calf.toml", 'course = "leg-cramp"', 'course = "arm-cramp"',
         "calf.toml: region 'calf': unknown course 'arm-cramp'"),
        ("regions/calf.toml", "hold_seconds = 60", "hold_seconds = 600",
         "calf.toml: region 'calf': hold_seconds should be 10..120"),
        ("regions/neck.toml", 'course = "neck-strain"', 'course = "neck-strain"\nhold_seconds = 60',
         "neck.toml: region 'neck': hold_seconds has no use"),
        ("courses.toml", 'see_doctor = "hand-numb"', 'see_doctor = "back-fever"',
         "courses.toml: course 'hand-cramp': see_doctor 'back-fever' is not among its red_flags"),
        ("red_flags.toml", 'tier = "soon"\nsign = "Frequent', 'tier = "later"\nsign = "Frequent',
         "red_flags.toml: flag 'frequent': tier 'later' should be one of emergency, today, soon"),
        ("red_flags.toml", 'key = "alcohol"', 'key = "frequent"',
         "red_flags.toml: flag 'frequent': duplicate key 'frequent'"),
        ("red_flags.toml", "Call {emergency} now", "Call {ambulance} now",
         "red_flags.toml: tier 'emergency': field 'heading' uses unknown placeholder(s) ambulance"),
        ("places.toml", 'default = "other"', 'default = "mars"',
         "places.toml: default place 'mars' is not one of the places"),
        ("causes.toml", 'level = "mixed"', 'level = "probably"',
         "causes.toml: cause 'dehydration': unknown evidence level 'probably'"),
        ("prevention.toml", 'causes = ["posture", "pregnancy"]', 'causes = ["moon"]',
         "prevention.toml: measure 'sleep-position': unknown cause 'moon'"),
        ("regions/hand.toml", 'illustration = "hand.svg"', 'illustration = "missing.svg"',
         "hand.toml: region 'hand': illustration 'missing.svg' not found"),
        ("sources.toml", 'id = "S1"\ntitle = "NHS, “Leg cramps”"', 'id = "S1"',
         "sources.toml: source 'S1': missing field 'title'"),
        ("notes.toml", 'sources = ["S20", "S19"]', 'sources = ["S20", "S99"]',
         "notes.toml: section 'doctor' item 3: unknown source id 'S99'"),
    ],
)  # fmt: skip
def test_bad_content_fails_naming_file_and_item(content, file, old, new, message) -> None:
    edit(content / file, old, new)
    with pytest.raises(ContentError) as error:
        load_guide(content)
    assert message in str(error.value)


def test_region_without_steps_fails(content: Path) -> None:
    path = content / "regions" / "foot.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\[\[step\]\]\ntext = .*\nsources = .*\n", "", text), encoding="utf-8")
    with pytest.raises(ContentError, match=r"foot.toml: region 'foot': has no \[\[step\]\]"):
        load_guide(content)


def test_missing_region_file_fails(content: Path) -> None:
    (content / "regions" / "shin.toml").unlink()
    with pytest.raises(ContentError, match=r"no file for region.*shin"):
        load_guide(content)


def test_unknown_region_file_fails(content: Path) -> None:
    shutil.copy(content / "regions" / "calf.toml", content / "regions" / "elbow.toml")
    edit(content / "regions" / "elbow.toml", 'key = "calf"', 'key = "elbow"')
    with pytest.raises(ContentError, match=r"elbow\.toml: region 'elbow': unknown region 'elbow'"):
        load_guide(content)


def test_cause_without_advice_fails(content: Path) -> None:
    edit(content / "prevention.toml", 'causes = ["alcohol"]', "causes = []")
    with pytest.raises(ContentError, match="cause 'alcohol' has no measure"):
        load_guide(content)


def test_broken_toml_names_the_file(content: Path) -> None:
    edit(content / "causes.toml", "[[cause]]", "[[cause")
    with pytest.raises(ContentError, match=r"causes\.toml: not valid TOML"):
        load_guide(content)


def test_a_regions_own_red_flags_come_before_its_courses() -> None:
    calf = [f.key for f in GUIDE.flags_for("calf", "soon")]
    assert calf[0] == "claudication"
    assert GUIDE.flags_for("calf", "soon")[1:] == GUIDE.flags_for("foot", "soon")
