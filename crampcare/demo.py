"""Realistic synthetic journals from a fixed seed: for demo mode, tests and benchmarks.

The patterns are the ones the evidence describes: most cramps at night, the calf far ahead of
other places, more cramps after hard exercise or alcohol, stretching helping most often.
"""

from __future__ import annotations

import contextlib
import math
import random
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from crampcare.episodes import Episode
from crampcare.store import Journal, SQLiteJournal

SEED = 20261125
REGION_WEIGHTS = {
    "calf": 60,
    "foot": 16,
    "hamstring": 8,
    "quadriceps": 5,
    "shin": 4,
    "hand": 4,
    "neck": 2,
    "lower-back": 1,
}
SIDED = {"calf", "foot", "hamstring", "quadriceps", "shin", "hand"}
NIGHT_HOURS = (0, 1, 2, 3, 4, 5, 23)
DAY_TRIGGERS = {"exercise": 0.18, "alcohol": 0.12, "dehydration": 0.08, "fatigue": 0.2}
"""Chance that a day has each trigger; each raises the chance of a cramp that night."""
CRAMP_CHANCE = {None: 0.15, "exercise": 0.7, "alcohol": 0.55, "dehydration": 0.5, "fatigue": 0.35}
RELIEF_HELPS = {"stretch": 0.75, "massage": 0.55, "warmth": 0.5, "walking": 0.5, "ice": 0.3}
NOTES = ("", "", "", "Woke me up.", "After a long walk.", "Eased after stretching.", "Both legs.")


@dataclass(frozen=True)
class SyntheticJournal:
    episodes: list[Episode]
    day_triggers: dict[date, tuple[str, ...]]


def generate(
    days: int = 180, end: date | None = None, seed: int = SEED, intensity: int = 1
) -> SyntheticJournal:
    """A journal covering `days` days up to `end` (default: yesterday), the same for a seed.

    `intensity` multiplies the cramps on each day (as if that many people shared one
    journal): the way to reach benchmark sizes without stretching over centuries.
    """
    rng = random.Random(seed)
    end = end or date.today() - timedelta(days=1)
    episodes: list[Episode] = []
    day_triggers: dict[date, tuple[str, ...]] = {}
    for offset in range(days):
        day = end - timedelta(days=days - 1 - offset)
        weekend = day.weekday() >= 4
        noted = tuple(
            t
            for t, p in DAY_TRIGGERS.items()
            if rng.random() < p * (1.8 if weekend and t == "alcohol" else 1)
        )
        if rng.random() < 0.6:  # people note their day on most days, not all
            day_triggers[day] = noted
        for _ in range(intensity):
            chance = max(CRAMP_CHANCE[t] for t in (None, *noted))
            cramps = 0
            while rng.random() < chance and cramps < 3:
                cramps += 1
                episodes.append(_episode(rng, day, noted))
                chance *= 0.35
    return SyntheticJournal(episodes, day_triggers)


def sized(episodes: int, days: int = 365, end: date | None = None) -> SyntheticJournal:
    """A synthetic journal of exactly `episodes` episodes over `days` days."""
    per_day = len(generate(days=days, end=end).episodes) / days or 0.1
    data = generate(
        days=days, end=end, intensity=max(1, math.ceil(episodes / (per_day * days) * 1.1))
    )
    if len(data.episodes) < episodes:
        data = generate(days=days, end=end, intensity=math.ceil(episodes / (per_day * days) * 2))
    keep = sorted(random.Random(SEED).sample(range(len(data.episodes)), episodes))
    return SyntheticJournal([data.episodes[i] for i in keep], data.day_triggers)


def _episode(rng: random.Random, day: date, noted: tuple[str, ...]) -> Episode:
    region = rng.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]
    at_night = rng.random() < 0.75
    hour = rng.choice(NIGHT_HOURS) if at_night else rng.randint(7, 22)
    started = datetime.combine(day, time(hour, rng.randint(0, 59), rng.randint(0, 59)))
    relief = tuple(rng.sample(["stretch", "stretch", "massage", "warmth", "walking", "ice"], 2))
    relief = tuple(dict.fromkeys(relief))
    best = max(RELIEF_HELPS[r] for r in relief)
    roll = rng.random()
    helped = "yes" if roll < best else ("partly" if roll < best + 0.15 else "no")
    triggers = tuple(t for t in noted if rng.random() < 0.8)
    if region in ("calf", "foot") and at_night and rng.random() < 0.3:
        triggers += ("posture",)
    if rng.random() < 0.05:
        triggers += ("New shoes",)
    return Episode(
        started_at=started,
        region=region,
        side=rng.choice(("left", "right", "left", "right", "both")) if region in SIDED else None,
        severity=min(10, max(1, round(rng.gauss(5.5, 2)))),
        duration_seconds=int(min(900, rng.lognormvariate(4.3, 0.7))),
        triggers=triggers,
        relief=relief,
        helped=helped,
        notes=rng.choice(NOTES),
        submission_id=uuid.UUID(int=rng.getrandbits(128)).hex,
    )


def write(journal: Journal, data: SyntheticJournal) -> None:
    """Fill a journal with a synthetic one: episodes in one transaction, then day notes."""
    journal.add_many(data.episodes)
    journal.set_day_triggers(data.day_triggers)


def demo_journal(folder: Path, days: int = 180) -> SQLiteJournal:
    """The read-only demo journal in `folder`, generated on first use; never the user's."""
    path = folder / f"demo-{SEED}-{days}-{date.today().isoformat()}.db"
    if not path.exists():
        # A file of its own per builder: two sessions starting at once never share one.
        building = path.with_name(f"{path.stem}.{uuid.uuid4().hex}.building")
        write(SQLiteJournal(building), generate(days))
        # A plain rollback journal, so read-only connections need no -wal or -shm files.
        with contextlib.closing(sqlite3.connect(building)) as conn:
            conn.execute("PRAGMA journal_mode = DELETE")
        building.replace(path)  # atomic: other sessions see the whole journal or none
    return SQLiteJournal(path, readonly=True)
