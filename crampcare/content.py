"""Load the guide from content/ into typed, immutable objects, and refuse bad content.

Every problem is reported with the file and the item it is in, so an editor of the
content can fix it without reading code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"

REGION_ORDER = (
    "calf",
    "foot",
    "hamstring",
    "quadriceps",
    "shin",
    "hand",
    "neck",
    "lower-back",
)
"""Every region the guide must cover, in the order pickers show them (commonest first)."""

TIERS = ("now", "soon")
ALL_REGIONS = "all"
MAX_HOLD_SECONDS = 120


class ContentError(ValueError):
    """The content files are incomplete or inconsistent."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    meaning: str
    tone: str


@dataclass(frozen=True)
class Item:
    """A piece of advice with its evidence level and sources."""

    text: str
    level: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Region:
    key: str
    name: str
    where: str
    sided: bool
    hold_seconds: int
    illustration: Path
    stretch: str
    level: str
    evidence: str
    sources: tuple[str, ...]
    steps: tuple[Step, ...]
    helps: tuple[Item, ...]

    @property
    def label(self) -> str:
        return f"{self.name} ({self.where})"


@dataclass(frozen=True)
class RedFlag:
    key: str
    tier: str
    regions: tuple[str, ...]
    text: str
    sources: tuple[str, ...]
    sign: str | None

    def applies_to(self, region_key: str) -> bool:
        return ALL_REGIONS in self.regions or region_key in self.regions


@dataclass(frozen=True)
class Cause:
    key: str
    title: str
    short: str
    in_article: bool
    belief: str | None
    """A popular explanation the evidence does not support, if there is one."""
    evidence: str
    level: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    text: str
    level: str
    in_article: bool
    causes: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def is_advice(self) -> bool:
        """False for measures shown only as an honest 'this does not help' note."""
        return self.level not in ("none", "avoid")


@dataclass(frozen=True)
class ReliefOption:
    """Something tried against a cramp, as ticked in the journal."""

    key: str
    label: str


@dataclass(frozen=True)
class Labels:
    """Display names for the keys the journal stores; unknown keys (custom triggers) show as-is."""

    regions: dict[str, str]
    triggers: dict[str, str]
    relief: dict[str, str]

    def region(self, key: str) -> str:
        return self.regions.get(key, key)

    def trigger(self, key: str) -> str:
        return self.triggers.get(key, key)

    def relief_option(self, key: str) -> str:
        return self.relief.get(key, key)


@dataclass(frozen=True)
class Guide:
    sources: dict[str, Source]
    levels: dict[str, Level]
    regions: dict[str, Region]
    hold: Item
    after: tuple[Item, ...]
    relief_options: dict[str, ReliefOption]
    red_flags: tuple[RedFlag, ...]
    causes: dict[str, Cause]
    measures: dict[str, Measure]

    def region(self, key: str | None) -> Region | None:
        return self.regions.get(key) if key else None

    def flags_for(self, region_key: str, tier: str) -> list[RedFlag]:
        """The region's own red flags first, then the ones that hold for every region."""
        flags = [f for f in self.red_flags if f.tier == tier and f.applies_to(region_key)]
        return sorted(flags, key=lambda f: ALL_REGIONS in f.regions)

    @property
    def warning_signs(self) -> list[RedFlag]:
        return [f for f in self.red_flags if f.sign]

    @property
    def labels(self) -> Labels:
        return Labels(
            regions={k: r.name for k, r in self.regions.items()},
            triggers={k: c.short for k, c in self.causes.items()},
            relief={k: o.label for k, o in self.relief_options.items()},
        )


class _Reader:
    """Reads fields of one item, naming the file and the item in every error."""

    def __init__(self, file: Path, item: str, data: dict[str, Any]):
        self.file, self.item, self.data = file, item, data

    def fail(self, message: str) -> ContentError:
        return ContentError(f"{self.file.name}: {self.item}: {message}")

    def get(self, name: str, kind: type, *, default: Any = ...) -> Any:
        if name not in self.data:
            if default is not ...:
                return default
            return self._raise(f"missing field '{name}'")
        value = self.data[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self._raise(f"field '{name}' should be {kind.__name__}, not {type(value).__name__}")
        if isinstance(value, str) and not value.strip():
            self._raise(f"field '{name}' is empty")
        return value

    def strings(self, name: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        values = self.get(name, list)
        if not all(isinstance(v, str) and v for v in values):
            self._raise(f"field '{name}' should be a list of non-empty strings")
        if not values and not allow_empty:
            self._raise(f"field '{name}' is empty")
        return tuple(values)

    def _raise(self, message: str) -> Any:
        raise self.fail(message)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ContentError(f"{path.name}: file is missing from {path.parent}") from None
    except tomllib.TOMLDecodeError as e:
        raise ContentError(f"{path.name}: not valid TOML: {e}") from None


def _items(path: Path, table: str) -> list[_Reader]:
    data = _read_toml(path)
    entries = data.get(table)
    if not isinstance(entries, list) or not entries:
        raise ContentError(f"{path.name}: no [[{table}]] entries")
    readers = []
    for n, entry in enumerate(entries, start=1):
        name = entry.get("key") or entry.get("id") or f"#{n}"
        readers.append(_Reader(path, f"{table} '{name}'", entry))
    return readers


def _unique(readers: list[_Reader], field: str) -> None:
    seen: set[str] = set()
    for r in readers:
        value = r.get(field, str)
        if value in seen:
            raise r.fail(f"duplicate {field} '{value}'")
        seen.add(value)


class _Checker:
    """Cross-references: sources, levels, regions and causes named by items must exist."""

    def __init__(self, sources: dict[str, Source], levels: dict[str, Level]):
        self.sources, self.levels = sources, levels

    def item_sources(self, r: _Reader, name: str = "sources") -> tuple[str, ...]:
        ids = r.strings(name)
        for sid in ids:
            if sid not in self.sources:
                raise r.fail(f"unknown source id '{sid}' (not in sources.toml)")
        return ids

    def level(self, r: _Reader) -> str:
        level = r.get("level", str)
        if level not in self.levels:
            raise r.fail(f"unknown evidence level '{level}' (known: {', '.join(self.levels)})")
        return level

    def item(self, r: _Reader) -> Item:
        return Item(r.get("text", str), self.level(r), self.item_sources(r))


def _load_region(path: Path, check: _Checker) -> Region:
    r = _Reader(path, "region", _read_toml(path))
    key = r.get("key", str)
    r.item = f"region '{key}'"
    if path.stem != key:
        raise r.fail(f"key '{key}' does not match the file name")
    if key not in REGION_ORDER:
        raise r.fail(f"unknown region '{key}' (known: {', '.join(REGION_ORDER)})")
    hold = r.get("hold_seconds", int)
    if not 10 <= hold <= MAX_HOLD_SECONDS:
        raise r.fail(f"hold_seconds {hold} is outside 10..{MAX_HOLD_SECONDS}")
    illustration = path.parent.parent / "illustrations" / r.get("illustration", str)
    if not illustration.is_file():
        raise r.fail(f"illustration '{illustration.name}' not found in content/illustrations")
    raw_steps = r.get("step", list, default=[])
    if not raw_steps:
        raise r.fail("has no [[step]] entries")
    steps = []
    for n, raw in enumerate(raw_steps, start=1):
        s = _Reader(path, f"region '{key}' step {n}", raw)
        steps.append(Step(s.get("text", str), check.item_sources(s)))
    helps = tuple(
        check.item(_Reader(path, f"region '{key}' helps {n}", raw))
        for n, raw in enumerate(r.get("helps", list, default=[]), start=1)
    )
    return Region(
        key=key,
        name=r.get("name", str),
        where=r.get("where", str),
        sided=r.get("sided", bool),
        hold_seconds=hold,
        illustration=illustration,
        stretch=r.get("stretch", str),
        level=check.level(r),
        evidence=r.get("evidence", str),
        sources=check.item_sources(r),
        steps=tuple(steps),
        helps=helps,
    )


def load_guide(content_dir: Path = CONTENT_DIR) -> Guide:
    """Read and validate every content file; raise ContentError naming the first problem."""
    source_readers = _items(content_dir / "sources.toml", "source")
    _unique(source_readers, "id")
    sources = {
        r.get("id", str): Source(
            r.get("id", str), r.get("title", str), r.get("url", str, default="")
        )
        for r in source_readers
    }
    level_readers = _items(content_dir / "evidence_levels.toml", "level")
    _unique(level_readers, "key")
    levels = {
        r.get("key", str): Level(
            r.get("key", str), r.get("label", str), r.get("meaning", str), r.get("tone", str)
        )
        for r in level_readers
    }
    check = _Checker(sources, levels)

    regions: dict[str, Region] = {}
    for path in sorted((content_dir / "regions").glob("*.toml")):
        region = _load_region(path, check)
        regions[region.key] = region
    missing = [k for k in REGION_ORDER if k not in regions]
    if missing:
        raise ContentError(f"regions/: no file for region(s) {', '.join(missing)}")
    regions = {k: regions[k] for k in REGION_ORDER}

    relief_path = content_dir / "relief.toml"
    relief = _read_toml(relief_path)
    hold = check.item(_Reader(relief_path, "hold", relief.get("hold", {})))
    after = tuple(check.item(r) for r in _items(relief_path, "after"))
    option_readers = _items(relief_path, "option")
    _unique(option_readers, "key")
    relief_options = {
        r.get("key", str): ReliefOption(r.get("key", str), r.get("label", str))
        for r in option_readers
    }

    flag_readers = _items(content_dir / "red_flags.toml", "flag")
    _unique(flag_readers, "key")
    flags = []
    for r in flag_readers:
        tier = r.get("tier", str)
        if tier not in TIERS:
            raise r.fail(f"tier '{tier}' should be one of {', '.join(TIERS)}")
        applies = r.strings("regions")
        for key in applies:
            if key != ALL_REGIONS and key not in regions:
                raise r.fail(f"unknown region '{key}'")
        flags.append(
            RedFlag(
                key=r.get("key", str),
                tier=tier,
                regions=applies,
                text=r.get("text", str),
                sources=check.item_sources(r),
                sign=r.get("sign", str, default=None),
            )
        )

    cause_readers = _items(content_dir / "causes.toml", "cause")
    _unique(cause_readers, "key")
    causes = {
        r.get("key", str): Cause(
            key=r.get("key", str),
            title=r.get("title", str),
            short=r.get("short", str),
            in_article=r.get("in_article", bool),
            belief=r.get("belief", str, default=None),
            evidence=r.get("evidence", str),
            level=check.level(r),
            sources=check.item_sources(r),
        )
        for r in cause_readers
    }

    measure_readers = _items(content_dir / "prevention.toml", "measure")
    _unique(measure_readers, "key")
    measures = {}
    for r in measure_readers:
        for_causes = r.strings("causes", allow_empty=True)
        for key in for_causes:
            if key not in causes:
                raise r.fail(f"unknown cause '{key}'")
        measure = Measure(
            key=r.get("key", str),
            title=r.get("title", str),
            text=r.get("text", str),
            level=check.level(r),
            in_article=r.get("in_article", bool),
            causes=for_causes,
            sources=check.item_sources(r),
        )
        measures[measure.key] = measure
    for cause in causes.values():
        if not any(cause.key in m.causes for m in measures.values() if m.is_advice):
            raise ContentError(f"prevention.toml: cause '{cause.key}' has no measure (advice)")

    return Guide(
        sources=sources,
        levels=levels,
        regions=regions,
        hold=hold,
        after=after,
        relief_options=relief_options,
        red_flags=tuple(flags),
        causes=causes,
        measures=measures,
    )
