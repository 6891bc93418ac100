"""Episode validation: every bad field gets its own message; good input becomes an Episode."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampcare.content import load_guide
from crampcare.episodes import (
    MAX_NOTES,
    Episode,
    EpisodeInvalid,
    Vocabulary,
    clean_triggers,
    duration_text,
    journal_table,
    validate,
)

GUIDE = load_guide()
VOCAB = Vocabulary.from_guide(GUIDE)
NOW = datetime(2026, 11, 25, 12, 0)
GOOD = {"started_at": "2026-11-24 03:15", "region": "calf"}


def errors_for(**fields) -> dict[str, str]:
    with pytest.raises(EpisodeInvalid) as invalid:
        validate({**GOOD, **fields}, VOCAB, NOW)
    return invalid.value.errors


def test_minimal_episode() -> None:
    e = validate(GOOD, VOCAB, NOW)
    assert e.started_at == datetime(2026, 11, 24, 3, 15)
    assert e.region == "calf" and e.severity is None and e.triggers == ()
    assert len(e.submission_id) == 32


def test_full_episode_from_strings_as_a_csv_gives_them() -> None:
    e = validate(
        {**GOOD, "side": "left", "severity": "7", "duration_seconds": "90",
         "triggers": [" cold ", "New  shoes", "Cold"], "relief": ["stretch", "massage"],
         "helped": "partly", "notes": "  woke me\r\nup  "},
        VOCAB, NOW,
    )  # fmt: skip
    assert (e.side, e.severity, e.duration_seconds, e.helped) == ("left", 7, 90, "partly")
    assert e.triggers == ("cold", "New shoes")
    assert e.notes == "woke me\nup"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"started_at": (NOW + timedelta(hours=1)).isoformat()}, "started_at", "future"),
        ({"started_at": "yesterday"}, "started_at", "date and time"),
        ({"started_at": "1999-12-31 23:00"}, "started_at", "before 2000"),
        ({"started_at": ""}, "started_at", "When did it start"),
        ({"region": "elbow"}, "region", "listed places"),
        ({"region": ""}, "region", "Where was"),
        ({"side": "middle"}, "side", "left, right or both"),
        ({"severity": 11}, "severity", "0 (none) to 10"),
        ({"severity": "-1"}, "severity", "0 (none) to 10"),
        ({"severity": "seven"}, "severity", "whole number"),
        ({"severity": 6.5}, "severity", "whole number"),
        ({"duration_seconds": -5}, "duration_seconds", "negative"),
        ({"duration_seconds": 50_000}, "duration_seconds", "over 12 hours"),
        ({"duration_seconds": "1e9"}, "duration_seconds", "whole number"),
        ({"notes": "x" * (MAX_NOTES + 1)}, "notes", "limited to 1000"),
        ({"notes": "bell\x07"}, "notes", "control characters"),
        ({"triggers": ["x" * 41]}, "triggers", "under 40"),
        ({"triggers": ["wine; cheese"]}, "triggers", "';'"),
        ({"triggers": [str(n) for n in range(21)]}, "triggers", "At most 20"),
        ({"relief": ["quinine"]}, "relief", "from the list"),
        ({"helped": "maybe"}, "helped", "yes, partly or no"),
        ({"submission_id": "not-an-id"}, "submission_id", "32 hexadecimal"),
    ],
)
def test_each_bad_field_has_its_own_message(fields, field, words) -> None:
    errors = errors_for(**fields)
    assert list(errors) == [field]
    assert words in errors[field]


def test_all_problems_are_reported_together() -> None:
    errors = errors_for(region="elbow", severity=12, notes="x" * 2000)
    assert set(errors) == {"region", "severity", "notes"}


def test_side_is_dropped_for_a_region_without_sides() -> None:
    assert validate({**GOOD, "region": "neck", "side": "left"}, VOCAB, NOW).side is None


def test_a_moment_in_the_future_is_clock_skew_not_an_error() -> None:
    validate({**GOOD, "started_at": NOW + timedelta(seconds=30)}, VOCAB, NOW)


def test_helpers() -> None:
    assert clean_triggers(["a", " A ", "", "b"]) == ("a", "b")
    assert duration_text(None) == "" and duration_text(45) == "45 s"
    assert duration_text(125) == "2 min 05 s"
    table = journal_table([Episode(datetime(2026, 1, 1), "calf", "left", triggers=("cold", "Mine"))],
                          GUIDE.labels)  # fmt: skip
    assert table.loc[0, "Where"] == "Calf (left)"
    assert table.loc[0, "Triggers"] == "Cold, Mine"


TEXT = st.text(max_size=60)
ANY = st.one_of(st.none(), TEXT, st.integers(-(10**12), 10**12), st.floats(allow_nan=True))


@given(
    started=st.one_of(TEXT, st.datetimes(min_value=datetime(1900, 1, 1))),
    region=st.one_of(TEXT, st.sampled_from(sorted(GUIDE.regions))),
    severity=ANY,
    duration=ANY,
    notes=st.text(max_size=1200),
    triggers=st.lists(TEXT, max_size=25),
)
def test_validation_either_accepts_within_limits_or_explains(
    started, region, severity, duration, notes, triggers
) -> None:
    raw = {"started_at": started, "region": region, "severity": severity,
           "duration_seconds": duration, "notes": notes, "triggers": triggers}  # fmt: skip
    try:
        e = validate(raw, VOCAB, NOW)
    except EpisodeInvalid as invalid:
        assert invalid.errors and all(isinstance(m, str) and m for m in invalid.errors.values())
        return
    assert e.region in GUIDE.regions
    assert e.severity is None or 0 <= e.severity <= 10
    assert e.duration_seconds is None or 0 <= e.duration_seconds <= 12 * 3600
    assert len(e.notes) <= MAX_NOTES
    assert e.started_at <= NOW + timedelta(minutes=2)
    assert all(0 < len(t) <= 40 and ";" not in t for t in e.triggers)
