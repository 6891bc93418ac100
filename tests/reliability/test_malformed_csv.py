"""Thirty-odd malformed CSV files: each gets the right row-and-column error, and a refused file
leaves the journal byte-for-byte unchanged, through the real import page."""

from __future__ import annotations

import codecs
from datetime import datetime

import pytest

from crampcare import csvio
from crampcare.episodes import Episode
from crampcare.store import SQLiteJournal
from tests.app.conftest import new_app
from tests.unit.test_episodes import VOCAB

HEADER = ",".join(csvio.COLUMNS)
OK = ",2026-03-01 03:15,calf,left,5,60,cold,stretch,yes,fine"
NOW = datetime(2026, 11, 25, 12, 0)


def rows(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


# (name, file, expected: "refused" or (row, column)): every file has at least one problem.
CASES = [
    ("empty", b"", "refused"),
    ("only whitespace", b"  \n\n", "refused"),
    ("header only", rows(), "refused"),
    ("utf-16", (HEADER + "\n" + OK + "\n").encode("utf-16"), "refused"),
    ("latin-1 accents", (HEADER + "\n" + OK + " caf\xe9\n").encode("latin-1"), "refused"),
    ("nul byte", rows(OK.replace("fine", "fi\x00ne")), "refused"),
    ("binary junk", bytes(range(256)) * 4, "refused"),
    ("missing column", b"started_at,region\n2026-03-01 03:15,calf\n", "refused"),
    ("extra column", (HEADER + ",mood\n" + OK + ",fine\n").encode(), "refused"),
    ("column twice", (HEADER + ",notes\n" + OK + ",x\n").encode(), "refused"),
    ("unclosed quote", rows(OK.replace("fine", '"fine')), "refused"),
    ("over the size limit", b"x" * (csvio.MAX_IMPORT_BYTES + 1), "refused"),
    ("not csv at all", b'{"episodes": []}\n', "refused"),
    ("bom then missing column", codecs.BOM_UTF8 + b"started_at\n2026-03-01\n", "refused"),
    ("too few cells", rows(OK, ",2026-03-01 03:15,calf"), (3, "row")),
    ("too many cells", rows(OK + ",extra"), (2, "row")),
    ("unknown region", rows(OK.replace("calf", "elbow")), (2, "region")),
    ("empty region", rows(OK.replace("calf", "")), (2, "region")),
    ("bad side", rows(OK.replace("left", "middle")), (2, "side")),
    ("severity 11", rows(OK.replace(",5,", ",11,")), (2, "severity")),
    ("severity -1", rows(OK.replace(",5,", ",-1,")), (2, "severity")),
    ("severity text", rows(OK.replace(",5,", ",bad,")), (2, "severity")),
    ("severity decimal", rows(OK.replace(",5,", ",5.5,")), (2, "severity")),
    ("negative duration", rows(OK.replace(",60,", ",-60,")), (2, "duration_seconds")),
    ("absurd duration", rows(OK.replace(",60,", ",999999,")), (2, "duration_seconds")),
    ("impossible date", rows(OK.replace("2026-03-01", "2026-02-30")), (2, "started_at")),
    ("future date", rows(OK.replace("2026-03-01", "2031-03-01")), (2, "started_at")),
    ("no date", rows(OK.replace("2026-03-01 03:15", "")), (2, "started_at")),
    ("american date", rows(OK.replace("2026-03-01", "03/01/2026")), (2, "started_at")),
    ("unknown relief", rows(OK.replace("stretch", "quinine")), (2, "relief")),
    ("bad helped", rows(OK.replace(",yes,", ",maybe,")), (2, "helped")),
    ("notes too long", rows(OK.replace("fine", "x" * 1001)), (2, "notes")),
    ("control character", rows(OK.replace("fine", "bell\x07")), (2, "notes")),
    ("trigger too long", rows(OK.replace("cold", "c" * 41)), (2, "triggers")),
    ("bad entry id", rows("zz" + OK), (2, "entry_id")),
    ("repeated entry id", rows("ab" * 16 + OK, "ab" * 16 + OK), (3, "entry_id")),
    (
        "semicolons, bad row",
        rows(OK, OK.replace("calf", "elbow")).replace(b",", b";"),
        (3, "region"),
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_malformed_file_gets_the_right_error(name, data, expected) -> None:
    result = csvio.parse_csv(data, VOCAB, NOW)
    if expected == "refused":
        assert result.refused and result.episodes == [], result.errors
    else:
        assert not result.refused
        assert expected in [(e.row, e.column) for e in result.errors], result.errors


class Upload:
    def __init__(self, data: bytes):
        self.data = data

    def getvalue(self) -> bytes:
        return self.data


def test_refused_files_leave_the_journal_byte_for_byte_unchanged(
    journal_path, monkeypatch, record
) -> None:
    SQLiteJournal(journal_path).add(Episode(datetime(2026, 3, 1, 3, 0), "calf", notes="before"))
    before = journal_path.read_bytes()
    refused = [(name, data) for name, data, expected in CASES if expected == "refused"]
    changed, problems = [], []
    for name, data in refused:
        monkeypatch.setattr("streamlit.file_uploader", lambda *a, d=data, **k: Upload(d))
        at = new_app().switch_page("pages/data.py").run()
        if at.exception or "can't be imported" not in at.error[0].value:
            problems.append(name)
        if [b for b in at.button if b.key == "data.import"]:
            problems.append(f"{name}: offers an import")
        if journal_path.read_bytes() != before:
            changed.append(name)
    record(
        f"malformed CSV files: {len(CASES)}, each with its row/column error; "
        f"{len(refused)} refused whole through the import page, journal bytes changed "
        f"{len(changed)}"
    )
    assert len(CASES) >= 30 and len(refused) >= 10
    assert problems == [] and changed == []
