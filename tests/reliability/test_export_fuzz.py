"""Generated, hostile text through export: no cell starts a formula, and import gives it back."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from crampcare import csvio
from crampcare.episodes import EpisodeInvalid, validate
from tests.unit.test_episodes import VOCAB

NOW = datetime(2026, 11, 25, 12, 0)
LEADS = st.sampled_from(["", "=", "+", "-", "@", "\t", "'", "''", "'=", '"', "=cmd|' /C calc'!A0"])
BODY = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200
)


@settings(max_examples=300, deadline=None)
@given(lead=LEADS, notes=BODY, trigger_lead=LEADS, trigger=st.text(min_size=1, max_size=20))
def export_then_import(seen, lead, notes, trigger_lead, trigger) -> None:
    """One generated episode through export and back; counts what it saw in `seen`."""
    try:
        episode = validate(
            {"started_at": "2026-03-01 03:15", "region": "calf", "notes": lead + notes,
             "triggers": [trigger_lead + trigger, "cold"]},
            VOCAB, NOW,
        )  # fmt: skip
    except EpisodeInvalid:
        seen["refused"] += 1  # refused at the door (control characters, ';'...): never exported
        return
    data = csvio.export_csv([episode])
    cells = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1]
    seen["episodes"] += 1
    seen["cells"] += len(cells)
    seen["formula"] += sum(cell.startswith(csvio.FORMULA_STARTS) for cell in cells)
    back = csvio.parse_csv(data, VOCAB, NOW)
    seen["differ"] += back.errors != [] or back.episodes != [episode]


def test_hostile_text_round_trips_without_formulas(record) -> None:
    seen = {"episodes": 0, "refused": 0, "cells": 0, "formula": 0, "differ": 0}
    export_then_import(seen)
    record(
        f"export fuzz: {seen['episodes']} generated episodes ({seen['refused']} refused at the "
        f"door), {seen['cells']} cells exported: cells starting a formula {seen['formula']}, "
        f"round trips that differ {seen['differ']}"
    )
    assert seen["episodes"] >= 100, "the fuzzing must have run"
    assert seen["formula"] == 0 and seen["differ"] == 0
