"""The Episode model and the rules every episode obeys, wherever it comes from (form, quick log, CSV).

Validation collects every problem at once, keyed by field, so a form can show each message
beside its own field and keep everything the person typed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from crampcare.content import HELPED, Guide, Labels

SIDES = ("left", "right", "both")
SEVERITY_RANGE = (0, 10)
MAX_DURATION_SECONDS = 12 * 60 * 60
"""Cramps last seconds to minutes; anything past half a day is a typing slip."""
MAX_NOTES = 1000
MAX_TRIGGER = 40
MAX_TRIGGERS = 20
EARLIEST = datetime(2000, 1, 1)
CLOCK_SKEW = timedelta(minutes=2)
"""A start a moment in the future is the device clock, not a mistake."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def new_submission_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Episode:
    """One cramp. `started_at` is local wall-clock time, to the second, with no time zone."""

    started_at: datetime
    region: str
    side: str | None = None
    severity: int | None = None
    duration_seconds: int | None = None
    triggers: tuple[str, ...] = ()
    relief: tuple[str, ...] = ()
    helped: str | None = None
    notes: str = ""
    submission_id: str = field(default_factory=new_submission_id)
    id: int | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The words an episode may use: the guide's regions and relief options, and the spelling
    each known trigger is stored under (by key, label or an earlier spelling, any case)."""

    regions: frozenset[str]
    sided: frozenset[str]
    relief: frozenset[str]
    triggers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_guide(cls, guide: Guide) -> Vocabulary:
        spellings: dict[str, str] = {}
        for key, cause in guide.causes.items():
            spellings.setdefault(key.casefold(), key)
            spellings.setdefault(cause.short.casefold(), key)
        return cls(
            regions=frozenset(guide.regions),
            sided=frozenset(k for k, r in guide.regions.items() if r.sided),
            relief=frozenset(guide.relief_options),
            triggers=spellings,
        )

    def knowing(self, used: Iterable[str]) -> Vocabulary:
        """This vocabulary, also matching triggers already in the journal ("Wine" for "wine")."""
        spellings = dict(self.triggers)
        for trigger in used:
            spellings.setdefault(" ".join(trigger.split()).casefold(), trigger)
        return replace(self, triggers=spellings)


class EpisodeInvalid(ValueError):
    """One or more fields are wrong; `errors` maps each field to a message for a person."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _clean_text(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


def check_triggers(values: Iterable[str], vocab: Vocabulary | None = None) -> tuple[str, ...]:
    """Triggers as they are stored, wherever they were typed (episode, day note, CSV).

    Trims each, gives a known trigger its known spelling, drops empties and repeats (any
    case), keeps the order; raises EpisodeInvalid({"triggers": ...}) when one can't be kept.
    """
    spellings = vocab.triggers if vocab else {}
    seen: dict[str, str] = {}
    for value in values:
        text = " ".join(str(value).split())
        text = spellings.get(text.casefold(), text)
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    triggers = tuple(seen.values())
    problem = None
    if len(triggers) > MAX_TRIGGERS:
        problem = f"At most {MAX_TRIGGERS} triggers."
    elif any(len(t) > MAX_TRIGGER for t in triggers):
        problem = f"Keep each trigger to {MAX_TRIGGER} characters or fewer."
    elif any(_CONTROL.search(t) or ";" in t for t in triggers):
        problem = "A trigger can't contain ';' or control characters: add each one on its own."
    if problem:
        raise EpisodeInvalid({"triggers": problem})
    return triggers


def duration_from(minutes: Any, seconds: Any) -> int | None:
    """Minutes and seconds as typed into a form, as seconds; None when both are blank.

    Raises EpisodeInvalid naming "minutes" or "seconds", so each message sits by its field."""
    errors: dict[str, str] = {}
    whole_minutes = _whole_number(minutes, "minutes", errors)
    whole_seconds = _whole_number(seconds, "seconds", errors)
    if whole_minutes is not None and whole_minutes < 0:
        errors["minutes"] = "Minutes can't be negative."
    if whole_seconds is not None and not 0 <= whole_seconds <= 59:
        errors["seconds"] = "Seconds go from 0 to 59."
    if errors:
        raise EpisodeInvalid(errors)
    if whole_minutes is None and whole_seconds is None:
        return None
    return (whole_minutes or 0) * 60 + (whole_seconds or 0)


def validate(raw: Mapping[str, Any], vocab: Vocabulary, now: datetime) -> Episode:
    """Build an Episode from loosely typed input, or raise EpisodeInvalid listing every problem.

    `raw` holds the Episode's field names; numbers may arrive as strings (CSV) and empty
    strings mean "not given".
    """
    errors: dict[str, str] = {}

    def optional(name: str) -> Any:
        value = raw.get(name)
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    started = optional("started_at")
    if isinstance(started, str):
        try:
            started = datetime.fromisoformat(started.strip())
        except ValueError:
            errors["started_at"] = "Use a date and time like 2026-03-04 23:15."
            started = None
    if started is None and "started_at" not in errors:
        errors["started_at"] = "When did it start?"
    elif isinstance(started, datetime):
        started = started.replace(microsecond=0)
        if started.tzinfo is not None:
            errors["started_at"] = "Give the local time, without a time zone."
        elif started > now + CLOCK_SKEW:
            errors["started_at"] = "That is in the future. When did it start?"
        elif started < EARLIEST:
            errors["started_at"] = f"That is before {EARLIEST.year}. Check the year."
    elif "started_at" not in errors:
        errors["started_at"] = "Use a date and time like 2026-03-04 23:15."

    region = optional("region")
    if region is None:
        errors["region"] = "Where was the cramp?"
    elif region not in vocab.regions:
        errors["region"] = "Choose one of the listed places."

    side = optional("side")
    if side is not None and side not in SIDES:
        errors["side"] = "Side is left, right or both."
    if region not in vocab.sided:
        side = None

    severity = _whole_number(optional("severity"), "severity", errors)
    if severity is not None and not SEVERITY_RANGE[0] <= severity <= SEVERITY_RANGE[1]:
        errors["severity"] = "Severity goes from 0 (none) to 10 (worst)."

    duration = _whole_number(optional("duration_seconds"), "duration_seconds", errors)
    if duration is not None and duration < 0:
        errors["duration_seconds"] = "How long it lasted can't be negative."
    elif duration is not None and duration > MAX_DURATION_SECONDS:
        errors["duration_seconds"] = "That is over 12 hours. Check the minutes and seconds."

    triggers: tuple[str, ...] = ()
    try:
        triggers = check_triggers(raw.get("triggers") or (), vocab)
    except EpisodeInvalid as invalid:
        errors.update(invalid.errors)

    relief = tuple(dict.fromkeys(raw.get("relief") or ()))
    unknown = [r for r in relief if r not in vocab.relief]
    if unknown:
        errors["relief"] = "Choose relief from the list."

    helped = optional("helped")
    if helped is not None and helped not in HELPED:
        errors["helped"] = "Did it help: yes, partly or no."

    notes = _clean_text(str(raw.get("notes") or ""))
    if len(notes) > MAX_NOTES:
        errors["notes"] = f"Notes are limited to {MAX_NOTES} characters (now {len(notes)})."
    elif _CONTROL.search(notes):
        errors["notes"] = "Notes can't contain control characters."

    submission_id = str(raw.get("submission_id") or new_submission_id())
    if not re.fullmatch(r"[0-9a-f]{32}", submission_id):
        errors["submission_id"] = "Entry ids are 32 hexadecimal characters."

    if errors:
        raise EpisodeInvalid(errors)
    return Episode(
        started_at=started,
        region=region,
        side=side,
        severity=severity,
        duration_seconds=duration,
        triggers=triggers,
        relief=relief,
        helped=helped,
        notes=notes,
        submission_id=submission_id,
        id=raw.get("id"),
    )


def _whole_number(value: Any, name: str, errors: dict[str, str]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        errors[name] = "Enter a whole number."
        return None
    if isinstance(value, float):
        if not value.is_integer():
            errors[name] = "Enter a whole number."
            return None
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d{1,9}", text):
        return int(text)
    errors[name] = "Enter a whole number."
    return None


def duration_text(seconds: int | None) -> str:
    if seconds is None:
        return ""
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def journal_table(episodes: Iterable[Episode], labels: Labels) -> pd.DataFrame:
    """Episodes as the journal page lists them: one row each, plain text, newest first."""
    rows = [
        {
            "id": e.id,
            "When": e.started_at,
            "Where": labels.region(e.region) + (f" ({e.side})" if e.side else ""),
            "Severity": "" if e.severity is None else str(e.severity),
            "Lasted": duration_text(e.duration_seconds),
            "Triggers": ", ".join(labels.trigger(t) for t in e.triggers),
            "Relief": ", ".join(labels.relief_option(r) for r in e.relief),
            "Helped": labels.helped_answer(e.helped),
            "Notes": e.notes,
        }
        for e in episodes
    ]
    columns = ["id", "When", "Where", "Severity", "Lasted", "Triggers", "Relief", "Helped", "Notes"]
    # Severity as text, so an unrated cramp shows a blank, not "None".
    return pd.DataFrame(rows, columns=columns)
