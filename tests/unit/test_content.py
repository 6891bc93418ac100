"""The guide's content: complete, sourced, honest, and refused with a clear message when broken."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from crampcare.content import ALL_REGIONS as ALL
from crampcare.content import CONTENT_DIR, REGION_ORDER, ContentError, load_guide

GUIDE = load_guide()


def all_items(guide=GUIDE):
    """Every sourced piece of text in the guide, with a name for error messages."""
    for r in guide.regions.values():
        yield f"region {r.key}", r.evidence, r.level, r.sources
        for n, s in enumerate(r.steps, 1):
            yield f"region {r.key} step {n}", s.text, r.level, s.sources
        for h in r.helps:
            yield f"region {r.key} helps", h.text, h.level, h.sources
    for a in guide.after:
        yield "after", a.text, a.level, a.sources
    for c in guide.causes.values():
        yield f"cause {c.key}", c.evidence, c.level, c.sources
    for m in guide.measures.values():
        yield f"measure {m.key}", m.text, m.level, m.sources
    for f in guide.red_flags:
        yield f"flag {f.key}", f.text, None, f.sources


def test_every_region_has_steps_illustration_hold_time_and_red_flags() -> None:
    assert list(GUIDE.regions) == list(REGION_ORDER)
    for region in GUIDE.regions.values():
        assert len(region.steps) >= 3, region.key
        assert region.illustration.is_file() and region.illustration.suffix == ".svg"
        assert "<title" in region.illustration.read_text(encoding="utf-8"), "needs alt text"
        assert 10 <= region.hold_seconds <= 120
        own = [f for f in GUIDE.red_flags if region.key in f.regions]
        assert own, f"{region.key} has no red flag of its own"
        assert GUIDE.flags_for(region.key, "now") and GUIDE.flags_for(region.key, "soon")


def test_every_item_cites_known_sources() -> None:
    for name, _text, _level, sources in all_items():
        assert sources, name
        assert all(s in GUIDE.sources for s in sources), name


def test_every_cause_has_advice_in_the_plan() -> None:
    for cause in GUIDE.causes.values():
        assert any(cause.key in m.causes and m.is_advice for m in GUIDE.measures.values())


def test_article_causes_are_all_there_and_corrected_where_wrong() -> None:
    article = [c.key for c in GUIDE.causes.values() if c.in_article]
    assert article == ["cold", "fatigue", "age", "posture"]
    assert GUIDE.causes["cold"].level == "none"
    assert "not supported" in GUIDE.causes["fatigue"].evidence
    assert "does not lower blood calcium" in GUIDE.causes["age"].evidence


def test_added_causes_cover_the_evidence() -> None:
    text = " ".join(c.title.lower() for c in GUIDE.causes.values())
    for word in ("diuretics", "inhalers", "statins", "dehydration", "sweating", "pregnancy",
                 "exercise", "diabetes", "thyroid", "kidney", "nerve", "circulation"):  # fmt: skip
        assert word in text, word


def test_unproven_supplements_are_shown_as_not_helping() -> None:
    for key in ("vitamin-e", "calcium", "magnesium"):
        assert GUIDE.measures[key].level == "none"
        assert not GUIDE.measures[key].is_advice
    assert GUIDE.measures["vitamin-e"].in_article and GUIDE.measures["calcium"].in_article


def test_quinine_and_tonic_water_are_never_suggested() -> None:
    """Quinine may only appear as a warning: the 'avoid' note, or the red flag for people on it."""
    pattern = re.compile(r"quinine|tonic", re.IGNORECASE)
    for name, text, _level, _ in all_items():
        if pattern.search(text):
            assert name in ("measure quinine", "flag on-quinine"), name
    assert GUIDE.measures["quinine"].level == "avoid"


def test_required_red_flags_are_present() -> None:
    back = " ".join(f.text.lower() for f in GUIDE.red_flags if "lower-back" in f.regions)
    for phrase in ("bladder or bowel", "genitals or buttocks", "both legs", "fall", "fever"):
        assert phrase in back, phrase
    calf = " ".join(f.text.lower() for f in GUIDE.flags_for("calf", "now"))
    assert "swollen" in calf and "clot" in calf
    assert "10 minutes" in calf


def test_calf_and_shin_stretch_against_the_cramp() -> None:
    calf = " ".join(s.text for s in GUIDE.regions["calf"].steps).lower()
    assert "knee straight" in calf and "towards your shin" in calf
    shin = " ".join(s.text for s in GUIDE.regions["shin"].steps).lower()
    assert "point your foot and toes down" in shin


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
        ("red_flags.toml", 'regions = ["lower-back"]', 'regions = ["elbow"]',
         "red_flags.toml: flag 'back-both-legs': unknown region 'elbow'"),
        ("causes.toml", 'level = "mixed"', 'level = "probably"',
         "causes.toml: cause 'dehydration': unknown evidence level 'probably'"),
        ("regions/neck.toml", "hold_seconds = 60", "hold_seconds = 600",
         "neck.toml: region 'neck': hold_seconds 600 is outside"),
        ("prevention.toml", 'causes = ["posture"]', 'causes = ["moon"]',
         "prevention.toml: measure 'sleep-position': unknown cause 'moon'"),
        ("regions/hand.toml", 'illustration = "hand.svg"', 'illustration = "missing.svg"',
         "hand.toml: region 'hand': illustration 'missing.svg' not found"),
        ("red_flags.toml", 'key = "wasting"', 'key = "frequent"',
         "red_flags.toml: flag 'frequent': duplicate key 'frequent'"),
        ("sources.toml", 'id = "S1"\ntitle = "NHS, “Leg cramps”"', 'id = "S1"',
         "sources.toml: source 'S1': missing field 'title'"),
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


def test_a_regions_own_red_flags_come_first() -> None:
    back = GUIDE.flags_for("lower-back", "now")
    assert back[0].key == "back-both-legs"
    own = [ALL not in f.regions for f in back]
    assert own == sorted(own, reverse=True)
