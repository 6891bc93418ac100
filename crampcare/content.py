"""Load the guide from content/ into typed, immutable objects, and refuse bad content.

Every problem is reported with the file and the item it is in, so an editor of the
content can fix it without reading code.
"""

from __future__ import annotations

import dataclasses
import re
import string
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

TIERS = ("emergency", "today", "soon")
"""Warning-sign tiers, most urgent first: call an ambulance, get seen today, see a doctor soon."""
TIMERS = ("hold", "repeat")
HELPED = ("yes", "partly", "no")
"""The answers to 'Did it help?' that an episode may store."""
MAX_HOLD_SECONDS = 120
PLACEHOLDERS = ("emergency", "ed", "same_day", "doctor")
"""What content text may say in braces; filled in from places.toml for where the person is."""


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
class Tier:
    """How urgent a warning sign is, and what to do about it, said the same way everywhere."""

    key: str
    heading: str
    action: str


@dataclass(frozen=True)
class RedFlag:
    """A warning sign. Defined once, with one tier; regions and courses refer to it by key."""

    key: str
    tier: str
    text: str
    sources: tuple[str, ...]
    sign: str | None
    """The short label for the warning-sign checklist, for signs that belong on it."""


@dataclass(frozen=True)
class Place:
    """Where the person is: the emergency number and the names of local services."""

    key: str
    name: str
    emergency: str
    emergency_note: str
    ed: str
    same_day: str
    doctor: str
    countries: tuple[str, ...]

    @property
    def words(self) -> dict[str, str]:
        """What each placeholder in the content stands for here."""
        return {name: getattr(self, name) for name in PLACEHOLDERS}


@dataclass(frozen=True)
class Course:
    """How one kind of cramp or spasm usually goes, and what the relief timer does for it."""

    key: str
    usual: Item
    hold: Item
    timer: str
    """"hold" (a countdown for a held stretch) or "repeat" (a count of slow repetitions)."""
    repeat: int | None
    long_after_minutes: int | None
    see_doctor: str
    still: str
    better: str
    helps: tuple[Item, ...]
    red_flags: tuple[str, ...]


@dataclass(frozen=True)
class Region:
    key: str
    name: str
    where: str
    sided: bool
    course: str
    red_flags: tuple[str, ...]
    """The region's own warning signs, shown before its course's."""
    hold_seconds: int | None
    illustration: Path
    illustration_alt: str
    """What the illustration shows, in words: its SVG title."""
    stretch: str
    level: str
    evidence: str
    sources: tuple[str, ...]
    steps: tuple[Step, ...]
    instead: tuple[Step, ...]
    """Other ways to do the stretch: options, never the next numbered step."""
    helps: tuple[Item, ...]

    @property
    def label(self) -> str:
        return f"{self.name} ({self.where})"


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
class NoteSection:
    """A block of notes on the causes page (medicines, particular groups, the doctor's visit)."""

    key: str
    title: str
    items: tuple[Item, ...]
    handout: bool


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
    helped: dict[str, str]

    def region(self, key: str) -> str:
        return self.regions.get(key, key)

    def trigger(self, key: str) -> str:
        return self.triggers.get(key, key)

    def relief_option(self, key: str) -> str:
        return self.relief.get(key, key)

    def helped_answer(self, key: str | None) -> str:
        return self.helped.get(key, key) if key else ""


@dataclass(frozen=True)
class Guide:
    sources: dict[str, Source]
    levels: dict[str, Level]
    regions: dict[str, Region]
    courses: dict[str, Course]
    tiers: dict[str, Tier]
    red_flags: dict[str, RedFlag]
    places: dict[str, Place]
    default_place: str
    relief_options: dict[str, ReliefOption]
    helped: dict[str, str]
    """'Did it help?' answers: stored key to what a person reads."""
    causes: dict[str, Cause]
    measures: dict[str, Measure]
    notes: tuple[NoteSection, ...]
    place: str = ""
    """The place whose words fill this copy's text; empty while the text still has placeholders."""

    def region(self, key: str | None) -> Region | None:
        return self.regions.get(key) if key else None

    def course_of(self, region: Region) -> Course:
        return self.courses[region.course]

    def flags_for(self, region_key: str, tier: str | None = None) -> list[RedFlag]:
        """A region's warning signs, its own first, then its course's; one tier, or all."""
        region = self.regions[region_key]
        keys = dict.fromkeys(region.red_flags + self.courses[region.course].red_flags)
        return [self.red_flags[k] for k in keys if tier is None or self.red_flags[k].tier == tier]

    @property
    def warning_signs(self) -> list[RedFlag]:
        """The signs on the checklist, most urgent tier first."""
        signs = [f for f in self.red_flags.values() if f.sign]
        return sorted(signs, key=lambda f: TIERS.index(f.tier))

    @property
    def labels(self) -> Labels:
        return Labels(
            regions={k: r.name for k, r in self.regions.items()},
            triggers={k: c.short for k, c in self.causes.items()},
            relief={k: o.label for k, o in self.relief_options.items()},
            helped=dict(self.helped),
        )

    def for_place(self, key: str) -> Guide:
        """This guide with every placeholder filled in for a place (an unknown key: the default)."""
        place = self.places.get(key) or self.places[self.default_place]
        filled = _filled(self, place.words)
        return dataclasses.replace(filled, place=place.key)

    def place_for_locale(self, locale: str | None) -> str:
        """The place a browser's language tag names by its country ("en-GB", "zh-Hant-TW"),
        or the default when it names none the guide knows: a guess from the language alone
        could give the wrong emergency number."""
        parts = (locale or "").replace("_", "-").split("-")[1:]
        country = {p.upper() for p in parts if len(p) == 2}
        for place in self.places.values():
            if country & set(place.countries):
                return place.key
        return self.default_place


def _filled(value: Any, words: dict[str, str]) -> Any:
    """A copy of `value` (text, tuples, dicts, frozen dataclasses) with placeholders filled."""
    if isinstance(value, str):
        return value.format_map(words) if "{" in value else value
    if isinstance(value, tuple):
        return tuple(_filled(v, words) for v in value)
    if isinstance(value, dict):
        return {k: _filled(v, words) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _filled(getattr(value, f.name), words) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


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
        if isinstance(value, str):
            if not value.strip():
                self._raise(f"field '{name}' is empty")
            self._check_placeholders(name, value)
        return value

    def strings(
        self, name: str, *, allow_empty: bool = False, default: Any = ...
    ) -> tuple[str, ...]:
        if name not in self.data and default is not ...:
            return default
        values = self.get(name, list)
        if not all(isinstance(v, str) and v for v in values):
            self._raise(f"field '{name}' should be a list of non-empty strings")
        if not values and not allow_empty:
            self._raise(f"field '{name}' is empty")
        return tuple(values)

    def table(self, name: str) -> _Reader:
        return _Reader(self.file, f"{self.item} {name}", self.get(name, dict))

    def _check_placeholders(self, name: str, text: str) -> None:
        try:
            used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
        except ValueError as e:
            self._raise(f"field '{name}' has a stray brace ({e})")
        unknown = used - set(PLACEHOLDERS)
        if unknown:
            self._raise(
                f"field '{name}' uses unknown placeholder(s) {', '.join(sorted(unknown))} "
                f"(known: {', '.join(PLACEHOLDERS)})"
            )

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


def _entries(path: Path, data: dict[str, Any], table: str) -> list[_Reader]:
    entries = data.get(table)
    if not isinstance(entries, list) or not entries:
        raise ContentError(f"{path.name}: no [[{table}]] entries")
    readers = []
    for n, entry in enumerate(entries, start=1):
        name = entry.get("key") or entry.get("id") or f"#{n}"
        readers.append(_Reader(path, f"{table} '{name}'", entry))
    return readers


def _items(path: Path, table: str) -> list[_Reader]:
    return _entries(path, _read_toml(path), table)


def _unique(readers: list[_Reader], field: str) -> None:
    seen: set[str] = set()
    for r in readers:
        value = r.get(field, str)
        if value in seen:
            raise r.fail(f"duplicate {field} '{value}'")
        seen.add(value)


class _Checker:
    """Cross-references: sources, levels, flags and causes named by items must exist."""

    def __init__(self, sources: dict[str, Source], levels: dict[str, Level]):
        self.sources, self.levels = sources, levels
        self.flags: dict[str, RedFlag] = {}

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

    def step(self, r: _Reader) -> Step:
        return Step(r.get("text", str), self.item_sources(r))

    def flag_keys(self, r: _Reader, name: str = "red_flags", **kw: Any) -> tuple[str, ...]:
        keys = r.strings(name, **kw)
        for key in keys:
            if key not in self.flags:
                raise r.fail(f"unknown warning sign '{key}' (not in red_flags.toml)")
        if len(set(keys)) != len(keys):
            raise r.fail(f"field '{name}' lists a warning sign twice")
        return keys

    def flag_key(self, r: _Reader, name: str) -> str:
        key = r.get(name, str)
        if key not in self.flags:
            raise r.fail(f"unknown warning sign '{key}' (not in red_flags.toml)")
        return key


def _load_flags(path: Path, check: _Checker) -> dict[str, Tier]:
    data = _read_toml(path)
    raw_tiers = data.get("tier", {})
    if not isinstance(raw_tiers, dict) or list(raw_tiers) != list(TIERS):
        raise ContentError(f"{path.name}: [tier.*] tables should be {', '.join(TIERS)}, in order")
    tiers = {}
    for key in TIERS:
        r = _Reader(path, f"tier '{key}'", raw_tiers[key])
        tiers[key] = Tier(key, r.get("heading", str), r.get("action", str, default=""))
    readers = _entries(path, data, "flag")
    _unique(readers, "key")
    for r in readers:
        tier = r.get("tier", str)
        if tier not in TIERS:
            raise r.fail(f"tier '{tier}' should be one of {', '.join(TIERS)}")
        flag = RedFlag(
            key=r.get("key", str),
            tier=tier,
            text=r.get("text", str),
            sources=check.item_sources(r),
            sign=r.get("sign", str, default=None),
        )
        check.flags[flag.key] = flag
    return tiers


def _load_courses(path: Path, check: _Checker, shared: dict[str, Item]) -> dict[str, Course]:
    readers = _items(path, "course")
    _unique(readers, "key")
    courses = {}
    for r in readers:
        timer = r.get("timer", str)
        if timer not in TIMERS:
            raise r.fail(f"timer '{timer}' should be one of {', '.join(TIMERS)}")
        repeat = r.get("repeat", int, default=None)
        if (repeat is None) != (timer != "repeat") or (repeat is not None and repeat < 1):
            raise r.fail("a 'repeat' timer needs repeat = a count of 1 or more; others none")
        long_after = r.get("long_after_minutes", int, default=None)
        if long_after is not None and timer != "hold":
            raise r.fail("long_after_minutes only applies to a 'hold' timer")
        helps = []
        for key in r.strings("helps", allow_empty=True):
            if key not in shared:
                raise r.fail(f"unknown item '{key}' in helps (not in relief.toml)")
            helps.append(shared[key])
        course = Course(
            key=r.get("key", str),
            usual=check.item(r.table("usual")),
            hold=check.item(r.table("hold")),
            timer=timer,
            repeat=repeat,
            long_after_minutes=long_after,
            see_doctor=check.flag_key(r, "see_doctor"),
            still=r.get("still", str),
            better=r.get("better", str),
            helps=tuple(helps),
            red_flags=check.flag_keys(r),
        )
        if course.see_doctor not in course.red_flags:
            raise r.fail(f"see_doctor '{course.see_doctor}' is not among its red_flags")
        courses[course.key] = course
    return courses


def _load_region(path: Path, check: _Checker, courses: dict[str, Course]) -> Region:
    r = _Reader(path, "region", _read_toml(path))
    key = r.get("key", str)
    r.item = f"region '{key}'"
    if path.stem != key:
        raise r.fail(f"key '{key}' does not match the file name")
    if key not in REGION_ORDER:
        raise r.fail(f"unknown region '{key}' (known: {', '.join(REGION_ORDER)})")
    course = r.get("course", str)
    if course not in courses:
        raise r.fail(f"unknown course '{course}' (known: {', '.join(courses)})")
    hold = r.get("hold_seconds", int, default=None)
    if courses[course].timer == "hold":
        if hold is None or not 10 <= hold <= MAX_HOLD_SECONDS:
            raise r.fail(f"hold_seconds should be 10..{MAX_HOLD_SECONDS} for a held stretch")
    elif hold is not None:
        raise r.fail(f"hold_seconds has no use: course '{course}' counts repetitions")
    illustration = path.parent.parent / "illustrations" / r.get("illustration", str)
    if not illustration.is_file():
        raise r.fail(f"illustration '{illustration.name}' not found in content/illustrations")
    title = re.search(r"<title[^>]*>([^<]+)</title>", illustration.read_text(encoding="utf-8"))
    if title is None:
        raise r.fail(f"illustration '{illustration.name}' has no <title> saying what it shows")

    def steps(table: str) -> tuple[Step, ...]:
        raw = r.get(table, list, default=[])
        return tuple(
            check.step(_Reader(path, f"region '{key}' {table} {n}", entry))
            for n, entry in enumerate(raw, start=1)
        )

    numbered = steps("step")
    if not numbered:
        raise r.fail("has no [[step]] entries")
    own_flags = check.flag_keys(r, allow_empty=True, default=())
    doubled = set(own_flags) & set(courses[course].red_flags)
    if doubled:
        raise r.fail(f"red_flags repeats its course's: {', '.join(sorted(doubled))}")
    helps = tuple(
        check.item(_Reader(path, f"region '{key}' helps {n}", raw))
        for n, raw in enumerate(r.get("helps", list, default=[]), start=1)
    )
    return Region(
        key=key,
        name=r.get("name", str),
        where=r.get("where", str),
        sided=r.get("sided", bool),
        course=course,
        red_flags=own_flags,
        hold_seconds=hold,
        illustration=illustration,
        illustration_alt=title.group(1).strip(),
        stretch=r.get("stretch", str),
        level=check.level(r),
        evidence=r.get("evidence", str),
        sources=check.item_sources(r),
        steps=numbered,
        instead=steps("instead"),
        helps=helps,
    )


def _load_places(path: Path) -> tuple[dict[str, Place], str]:
    data = _read_toml(path)
    readers = _entries(path, data, "place")
    _unique(readers, "key")
    places = {
        r.get("key", str): Place(
            key=r.get("key", str),
            name=r.get("name", str),
            emergency=r.get("emergency", str),
            emergency_note=r.get("emergency_note", str, default=""),
            ed=r.get("ed", str),
            same_day=r.get("same_day", str),
            doctor=r.get("doctor", str),
            countries=r.strings("countries", allow_empty=True),
        )
        for r in readers
    }
    default = data.get("default")
    if default not in places:
        raise ContentError(f"{path.name}: default place '{default}' is not one of the places")
    return places, default


def load_guide(content_dir: Path = CONTENT_DIR) -> Guide:
    """Read and validate every content file; raise ContentError naming the first problem.

    Text still holds its placeholders ({emergency}...): Guide.for_place fills them in.
    """
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
    tiers = _load_flags(content_dir / "red_flags.toml", check)
    places, default_place = _load_places(content_dir / "places.toml")

    relief_path = content_dir / "relief.toml"
    relief = _read_toml(relief_path)
    item_readers = _entries(relief_path, relief, "item")
    _unique(item_readers, "key")
    shared = {r.get("key", str): check.item(r) for r in item_readers}
    option_readers = _entries(relief_path, relief, "option")
    _unique(option_readers, "key")
    relief_options = {
        r.get("key", str): ReliefOption(r.get("key", str), r.get("label", str))
        for r in option_readers
    }

    answers = _Reader(relief_path, "[helped]", relief.get("helped", {}))
    helped = {key: answers.get(key, str) for key in HELPED}

    courses = _load_courses(content_dir / "courses.toml", check, shared)
    regions: dict[str, Region] = {}
    for path in sorted((content_dir / "regions").glob("*.toml")):
        region = _load_region(path, check, courses)
        regions[region.key] = region
    missing = [k for k in REGION_ORDER if k not in regions]
    if missing:
        raise ContentError(f"regions/: no file for region(s) {', '.join(missing)}")
    regions = {k: regions[k] for k in REGION_ORDER}

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

    notes_path = content_dir / "notes.toml"
    section_readers = _items(notes_path, "section")
    _unique(section_readers, "key")
    notes = []
    for r in section_readers:
        key = r.get("key", str)
        items = tuple(
            check.item(_Reader(notes_path, f"section '{key}' item {n}", raw))
            for n, raw in enumerate(r.get("item", list), start=1)
        )
        if not items:
            raise r.fail("has no [[section.item]] entries")
        notes.append(
            NoteSection(key, r.get("title", str), items, r.get("handout", bool, default=False))
        )

    return Guide(
        sources=sources,
        levels=levels,
        regions=regions,
        courses=courses,
        tiers=tiers,
        red_flags=check.flags,
        places=places,
        default_place=default_place,
        relief_options=relief_options,
        helped=helped,
        causes=causes,
        measures=measures,
        notes=tuple(notes),
    )
