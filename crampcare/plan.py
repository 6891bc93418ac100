"""The personal prevention plan built from the causes someone ticks, and its handout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crampcare.content import TIERS, Cause, Guide, Measure, RedFlag


@dataclass(frozen=True)
class Plan:
    causes: tuple[Cause, ...]
    advice: tuple[Measure, ...]
    """What to do, most personal first."""
    not_helpful: tuple[Measure, ...]
    """Measures the evidence does not support, shown so nobody wastes money or takes a risk."""
    warnings: tuple[RedFlag, ...]
    """Warning signs the person ticked: these come before any self-care."""

    def warnings_in(self, tier: str) -> list[RedFlag]:
        return [f for f in self.warnings if f.tier == tier]


def build_plan(guide: Guide, cause_keys: list[str], sign_keys: list[str] = ()) -> Plan:
    """A plan for the ticked causes; with none ticked, the advice that suits everyone."""
    causes = tuple(guide.causes[k] for k in guide.causes if k in cause_keys)
    ticked = {c.key for c in causes}
    advice = [m for m in guide.measures.values() if m.is_advice]
    personal = [m for m in advice if ticked & set(m.causes)]
    general = [m for m in advice if not m.causes]
    chosen = personal + general if ticked else general + _starter(advice)
    warnings = tuple(f for f in guide.warning_signs if f.key in sign_keys)
    return Plan(
        causes=causes,
        advice=tuple(dict.fromkeys(chosen)),
        not_helpful=tuple(m for m in guide.measures.values() if not m.is_advice),
        warnings=tuple(sorted(warnings, key=lambda f: TIERS.index(f.tier))),
    )


def _starter(advice: list[Measure]) -> list[Measure]:
    """For someone who ticked nothing: the night-time measures, since most cramps come at night."""
    return [m for m in advice if m.key in ("sleep-position", "loose-bedding", "pace-exercise")]


def handout(guide: Guide, plan: Plan, today: date) -> str:
    """The plan as a one-page Markdown handout to print or take to a doctor.

    `guide` is filled in for the person's place, so the warning signs name its services."""
    level = {k: v.label for k, v in guide.levels.items()}
    place = guide.places[guide.place or guide.default_place]
    lines = ["# Cramp Care: my prevention plan", "", f"Date: {today.isoformat()}", ""]
    if plan.warnings:
        lines += ["## Warning signs I ticked: see a doctor first", ""]
        lines += _tiered(guide, plan.warnings)
    lines += ["## What may set my cramps off", ""]
    if plan.causes:
        lines += [f"- {c.title}: {c.evidence} ({level[c.level]})" for c in plan.causes]
    else:
        lines.append("- Nothing ticked: general advice below.")
    lines += ["", "## My plan", ""]
    lines += [
        f"{n}. **{m.title}.** {m.text} ({level[m.level]}; sources {', '.join(m.sources)})"
        for n, m in enumerate(plan.advice, start=1)
    ]
    lines += ["", "## Not worth it", ""]
    lines += [f"- **{m.title}.** {m.text}" for m in plan.not_helpful]
    for section in (s for s in guide.notes if s.handout):
        lines += ["", f"## {section.title}", ""]
        lines += [f"- {item.text} ({level[item.level]})" for item in section.items]
    lines += ["", "## Warning signs", ""]
    lines += [
        f"In an emergency ({place.name}): call {place.emergency}. {place.emergency_note}".rstrip(),
        "",
    ]
    lines += _tiered(guide, guide.warning_signs)
    lines += ["## Sources", ""]
    cited = sorted(
        {s for m in plan.advice + plan.not_helpful for s in m.sources}
        | {s for c in plan.causes for s in c.sources}
        | {s for f in guide.warning_signs for s in f.sources}
        | {
            s
            for section in guide.notes
            if section.handout
            for i in section.items
            for s in i.sources
        },
        key=_source_order,
    )
    lines += [f"- {s}: {guide.sources[s].title} {guide.sources[s].url}".rstrip() for s in cited]
    lines += [
        "",
        "This handout is general information, not a diagnosis. If in doubt, ask a doctor.",
        "",
    ]
    return "\n".join(lines)


def _tiered(guide: Guide, flags: list[RedFlag] | tuple[RedFlag, ...]) -> list[str]:
    """Warning signs under their tier's heading, most urgent first (each tier worded once)."""
    lines = []
    for tier in guide.tiers.values():
        shown = [f for f in flags if f.tier == tier.key]
        if shown:
            lines += [f"**{tier.heading}:**", ""]
            lines += [f"- {f.text}" for f in shown]
            lines += ["", tier.action, ""] if tier.action else [""]
    return lines


def _source_order(source_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in source_id if ch.isdigit())
    return int(digits), source_id
