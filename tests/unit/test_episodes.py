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
    check_triggers,
    duration_from,
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
    assert e.triggers == ("cold", "New shoes"), "known triggers take their stored spelling"
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
        ({"triggers": ["x" * 41]}, "triggers", "40 characters or fewer"),
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
    soon = NOW + timedelta(seconds=30)
    assert validate({**GOOD, "started_at": soon}, VOCAB, NOW).started_at == soon


def test_triggers_are_checked_the_same_way_wherever_they_are_typed() -> None:
    assert check_triggers(["a", " A ", "", "b"]) == ("a", "b")
    assert check_triggers(["Cold", "tired MUSCLES", "wine"], VOCAB) == ("cold", "fatigue", "wine")
    assert check_triggers(["wine"], VOCAB.knowing(["Wine"])) == ("Wine",)
    for bad, words in ((["x" * 41], "40 characters"), (["wine; cheese"], "';'"),
                       (["a\x07"], "control"), ([str(n) for n in range(21)], "At most 20")):  # fmt: skip
        with pytest.raises(EpisodeInvalid) as invalid:
            check_triggers(bad, VOCAB)
        assert words in invalid.value.errors["triggers"]


def test_minutes_and_seconds_are_checked_beside_their_own_fields() -> None:
    assert duration_from(None, None) is None
    assert duration_from(2, None) == 120 and duration_from(None, 45) == 45
    assert duration_from(1, 30) == 90
    for minutes, seconds, field, words in ((0, 75, "seconds", "0 to 59"),
                                           (-1, 0, "minutes", "negative"),
                                           (1.5, 0, "minutes", "whole number")):  # fmt: skip
        with pytest.raises(EpisodeInvalid) as invalid:
            duration_from(minutes, seconds)
        assert list(invalid.value.errors) == [field] and words in invalid.value.errors[field]


def test_helpers() -> None:
    assert duration_text(None) == "" and duration_text(45) == "45 s"
    assert duration_text(125) == "2 min 05 s"
    table = journal_table(
        [Episode(datetime(2026, 1, 1), "calf", "left", triggers=("cold", "Mine"), helped="partly"),
         Episode(datetime(2026, 1, 2), "neck")],
        GUIDE.labels,
    )  # fmt: skip
    assert table.loc[0, "Where"] == "Calf (left)"
    assert table.loc[0, "Triggers"] == "Cold, Mine"
    assert table.loc[0, "Helped"] == "Partly", "as the form says it"
    assert table.loc[1, "Severity"] == "" and table.loc[1, "Helped"] == "", "blank, never None"


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
