"""Turn the store's aggregates into the tables the insights page shows.

Everything here works on data already grouped by week, day, hour or trigger, so its cost
does not grow with the number of episodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from crampcare.content import Labels
from crampcare.store import Filter, Journal

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HELPED_SCORE = {"yes": 1.0, "partly": 0.5, "no": 0.0}


@dataclass(frozen=True)
class Insights:
    episodes: int
    weekly: pd.DataFrame
    triggers: pd.DataFrame
    regions: pd.DataFrame
    hour_weekday: pd.DataFrame
    what_works: pd.DataFrame
    associations: pd.DataFrame
    cramp_free_days: int
    """Days noted in the range without a cramp: with none, triggers have nothing to compare."""


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly(frame: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Every week from start to end, with 0 episodes where nothing was logged."""
    weeks = pd.date_range(week_start(start), week_start(end), freq="7D").date
    full = pd.DataFrame({"week": [w.isoformat() for w in weeks]})
    out = full.merge(frame, on="week", how="left")
    out["episodes"] = out["episodes"].fillna(0).astype(int)
    out["rated"] = out["rated"].fillna(0).astype(int)
    out["mean_severity"] = out["mean_severity"].astype(float).round(1)
    return out


def hour_weekday_grid(frame: pd.DataFrame) -> pd.DataFrame:
    """A 7 x 24 table: rows Monday..Sunday, columns hours 0..23, cells episode counts."""
    grid = pd.DataFrame(0, index=list(WEEKDAYS), columns=list(range(24)), dtype=int)
    for weekday, hour, n in frame.itertuples(index=False):
        grid.iloc[int(weekday), int(hour)] = int(n)
    return grid


def what_works(frame: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per region and relief: times tried, how often it helped, and a score for ranking
    (helped = 1, partly = 0.5, no = 0, averaged). Best first within each region."""
    columns = ["region", "relief", "tried", "helped", "partly", "did not help", "score"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    wide = frame.pivot_table(
        index=["region", "relief"], columns="helped", values="episodes", aggfunc="sum", fill_value=0
    )
    for outcome in HELPED_SCORE:
        if outcome not in wide:
            wide[outcome] = 0
    wide = wide.reset_index()
    wide["tried"] = wide["yes"] + wide["partly"] + wide["no"]
    wide["score"] = ((wide["yes"] + 0.5 * wide["partly"]) / wide["tried"]).round(2)
    wide["region"] = wide["region"].map(labels.region)
    wide["relief"] = wide["relief"].map(labels.relief_option)
    wide = wide.rename(columns={"yes": "helped", "no": "did not help"})
    wide = wide.sort_values(["region", "score", "tried"], ascending=[True, False, False])
    return wide[columns].reset_index(drop=True)


ASSOCIATION_COLUMNS = [
    "trigger",
    "days with",
    "cramp days with",
    "% with",
    "days without",
    "cramp days without",
    "% without",
]


def associations(days: pd.DataFrame, exposures: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """For each trigger: of the tracked days with it, the share (whole %) that had a cramp;
    the same for tracked days without it. Association only: it cannot show that a trigger
    causes cramps. Empty when there is nothing to compare: no trigger noted, or no tracked
    day without a cramp (then every share would be 100 %)."""
    if days.empty or exposures.empty or not (days["cramps"] == 0).any():
        return pd.DataFrame(columns=ASSOCIATION_COLUMNS)
    cramp_days = set(days.loc[days["cramps"] > 0, "day"])
    tracked = set(days["day"])
    rows = []
    for trigger, group in exposures.groupby("trigger"):
        with_days = set(group["day"]) & tracked
        without = tracked - with_days
        cw, cwo = len(with_days & cramp_days), len(without & cramp_days)
        rows.append(
            (
                labels.trigger(trigger),
                len(with_days),
                cw,
                _percent(cw, len(with_days)),
                len(without),
                cwo,
                _percent(cwo, len(without)),
            )
        )
    out = pd.DataFrame(rows, columns=ASSOCIATION_COLUMNS)
    for column in ("% with", "% without"):
        out[column] = out[column].astype("Int64")  # blank, not NaN, with no days to count
    return out.sort_values(["days with", "trigger"], ascending=[False, True]).reset_index(drop=True)


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def compute(journal: Journal, where: Filter, labels: Labels) -> Insights:
    """Everything the insights page shows, for one filter."""
    start, end = where.start, where.end
    span = journal.date_span()
    if span and (start is None or end is None):
        start, end = start or span[0], end or span[1]
    weekly_frame = journal.weekly(where)
    triggers = journal.trigger_counts(where)
    triggers["trigger"] = triggers["trigger"].map(labels.trigger)
    regions = journal.region_counts(where)
    regions["region"] = regions["region"].map(labels.region)
    days, exposures = journal.day_facts(where)
    return Insights(
        episodes=int(regions["episodes"].sum()) if not regions.empty else 0,
        weekly=weekly(weekly_frame, start, end) if start and end else weekly_frame,
        triggers=triggers,
        regions=regions,
        hour_weekday=hour_weekday_grid(journal.hour_weekday(where)),
        what_works=what_works(journal.relief_outcomes(where), labels),
        associations=associations(days, exposures, labels),
        cramp_free_days=int((days["cramps"] == 0).sum()) if not days.empty else 0,
    )
