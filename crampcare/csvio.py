"""Export and import of the journal: CSV, safe to open in a spreadsheet and strict on the way
in, and a JSON file of everything.

CSV export writes UTF-8 with a byte-order mark and neutralises text that a spreadsheet would
run as a formula. Import checks the whole file first and reports every problem by row and
column; nothing is written until the caller decides to save the valid rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from crampcare.episodes import Episode, EpisodeInvalid, Vocabulary, validate

COLUMNS = (
    "entry_id",
    "started_at",
    "region",
    "side",
    "severity",
    "duration_seconds",
    "triggers",
    "relief",
    "helped",
    "notes",
)
REQUIRED = frozenset(COLUMNS) - {"entry_id"}
LIST_SEPARATOR = "; "
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 100_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FIELD_TO_COLUMN = {"submission_id": "entry_id"}


def neutralise(text: str) -> str:
    """Prefix text a spreadsheet would treat as a formula with an apostrophe.

    Text that already starts with an apostrophe before such a character gets one more, so
    `restore` undoes exactly what was added.
    """
    if text.startswith(FORMULA_STARTS) or (
        text.startswith("'") and text[1:2] in (*FORMULA_STARTS, "'")
    ):
        return "'" + text
    return text


def restore(text: str) -> str:
    if text.startswith("'") and text[1:2] in (*FORMULA_STARTS, "'"):
        return text[1:]
    return text


def _row(e: Episode) -> list:
    return [
        e.submission_id,
        e.started_at.isoformat(sep=" ", timespec="seconds"),
        e.region,
        e.side or "",
        "" if e.severity is None else e.severity,
        "" if e.duration_seconds is None else e.duration_seconds,
        neutralise(LIST_SEPARATOR.join(e.triggers)),
        neutralise(LIST_SEPARATOR.join(e.relief)),
        e.helped or "",
        neutralise(e.notes),
    ]


def export_csv(episodes: Iterable[Episode]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(_row(e) for e in episodes)
    return buffer.getvalue().encode("utf-8-sig")


def export_json(episodes: Iterable[Episode], days: dict[str, list[str]], now: datetime) -> bytes:
    """Every episode and every day note, as JSON: the 'download all my data' file."""
    return json.dumps(
        {
            "exported": now.isoformat(timespec="seconds"),
            "episodes": [
                {
                    "entry_id": e.submission_id,
                    "started_at": e.started_at.isoformat(),
                    "region": e.region,
                    "side": e.side,
                    "severity": e.severity,
                    "duration_seconds": e.duration_seconds,
                    "triggers": list(e.triggers),
                    "relief": list(e.relief),
                    "helped": e.helped,
                    "notes": e.notes,
                }
                for e in episodes
            ],
            "days": days,
        },
        ensure_ascii=False,
        indent=1,
    ).encode("utf-8")


@dataclass(frozen=True)
class RowError:
    row: int
    """Spreadsheet row number: the header is row 1. Row 0 means the file as a whole."""
    column: str
    reason: str


@dataclass
class ImportResult:
    episodes: list[Episode] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    refused: bool = False
    """True when the file itself is unusable, so not even its valid rows may be saved."""


def _split(cell: str) -> list[str]:
    return [part.strip() for part in restore(cell).split(";") if part.strip()]


def parse_csv(data: bytes, vocab: Vocabulary, now: datetime) -> ImportResult:
    """Read an exported (or hand-made) CSV; every row is validated, none is saved here."""
    result = ImportResult()

    def refuse(reason: str, row: int = 0, column: str = "file") -> ImportResult:
        result.errors.append(RowError(row, column, reason))
        result.episodes.clear()
        result.refused = True
        return result

    if len(data) > MAX_IMPORT_BYTES:
        return refuse(f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        return refuse("The file is empty.")
    if b"\x00" in data:
        return refuse("The file contains NUL bytes: it is not a text CSV file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return refuse(f"The file is not UTF-8 text (byte {e.start}). Save it as 'CSV UTF-8'.")

    # The delimiter is read off the header line alone: csv.Sniffer also guesses quoting
    # from the data, and a lone quote in a note fools it.
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    # strict: an unclosed quote is an error, not a field that swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except (csv.Error, StopIteration):
        return refuse("The header row can't be read.", row=1)
    missing = [c for c in COLUMNS if c in REQUIRED and c not in header]
    extra = [h for h in header if h not in COLUMNS]
    if missing:
        return refuse(f"Missing column(s): {', '.join(missing)}.", row=1, column="header")
    if extra:
        return refuse(f"Unknown column(s): {', '.join(extra)}.", row=1, column="header")
    if len(set(header)) != len(header):
        return refuse("A column appears twice.", row=1, column="header")

    seen: dict[str, int] = {}
    row_number = 1
    try:
        for cells in reader:
            row_number = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            result.rows += 1
            if result.rows > MAX_IMPORT_ROWS:
                return refuse(f"More than {MAX_IMPORT_ROWS} rows.")
            if len(cells) != len(header):
                result.errors.append(
                    RowError(row_number, "row", f"has {len(cells)} cells, expected {len(header)}")
                )
                continue
            raw = dict(zip(header, cells, strict=True))
            fields = {
                # Rows without an entry id get one derived from the file and the row, so
                # importing the same file twice adds nothing the second time.
                "submission_id": raw.get("entry_id", "").strip()
                or hashlib.blake2b(data + str(row_number).encode(), digest_size=16).hexdigest(),
                "started_at": raw["started_at"],
                "region": raw["region"].strip(),
                "side": raw["side"].strip(),
                "severity": raw["severity"],
                "duration_seconds": raw["duration_seconds"],
                "triggers": _split(raw["triggers"]),
                "relief": _split(raw["relief"]),
                "helped": raw["helped"].strip(),
                "notes": restore(raw["notes"]),
            }
            try:
                episode = validate(fields, vocab, now)
            except EpisodeInvalid as invalid:
                result.errors += [
                    RowError(row_number, _FIELD_TO_COLUMN.get(k, k), v)
                    for k, v in invalid.errors.items()
                ]
                continue
            if episode.submission_id in seen:
                result.errors.append(
                    RowError(row_number, "entry_id", f"repeats row {seen[episode.submission_id]}")
                )
                continue
            seen[episode.submission_id] = row_number
            result.episodes.append(episode)
    except csv.Error as e:
        return refuse(f"The CSV can't be read here: {e}.", row=row_number + 1, column="row")
    if result.rows == 0:
        return refuse("The file has a header but no episodes.")
    return result
