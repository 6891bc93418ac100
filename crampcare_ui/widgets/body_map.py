"""The body map on the home page: an inline SVG of a front and a back view whose regions are
buttons, as a custom component (no iframe, no library). A click, a tap, Enter or Space on a
region sends its key and side; the chosen region is drawn in the accent colour.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape

from crampcare import bodymap
from crampcare_ui import cache as guide_cache
from crampcare_ui.widgets import inline

VIEW_TITLES = {"front": "Front", "back": "Back"}


def named(name: str, side: str | None) -> str:
    """A region with its side, as buttons and headings say it: "Calf, left side"."""
    return f"{name}, {side} side" if side in ("left", "right") else name


def part_label(part: bodymap.Part) -> str:
    return named(guide_cache.guide().regions[part.region].name, part.side)


def _view(view: str) -> str:
    x, y, r = bodymap.HEAD
    body = [f'<circle class="body" cx="{x:g}" cy="{y:g}" r="{r:g}"/>']
    body += [f'<polygon class="body" points="{bodymap.points(s)}"/>' for s in bodymap.BODY]
    parts = []
    for part in (p for p in bodymap.PARTS if p.view == view):
        t = part.target
        label = escape(part_label(part))
        parts.append(
            f'<g class="part" role="button" tabindex="0" aria-pressed="false" '
            f'aria-label="{label}" data-region="{part.region}" data-side="{part.side or ""}">'
            f"<title>{label}</title>"
            f'<rect class="hit" x="{t.x:g}" y="{t.y:g}" width="{t.width:g}" '
            f'height="{t.height:g}" rx="3"/>'
            f'<polygon class="shape" points="{bodymap.points(part.shape)}"/></g>'
        )
    return (
        f"<figure><figcaption>{VIEW_TITLES[view]}</figcaption>"
        f'<svg viewBox="0 0 {bodymap.VIEW_WIDTH:g} {bodymap.VIEW_HEIGHT:g}" '
        f'focusable="false">{"".join(body)}{"".join(parts)}</svg></figure>'
    )


@cache
def _component() -> Callable[..., object]:
    html = (
        '<div class="map" role="group" aria-label="Body map: choose where the cramp is">'
        + "".join(_view(v) for v in bodymap.VIEWS)
        + "</div>"
    )
    return inline.component("body_map", html)


def body_map(key: str, region: str | None, side: str | None, on_pick: Callable[[], None]) -> None:
    """Draw the map with `region` (and `side`) chosen; `on_pick` runs when a region is chosen,
    and finds it as `picked(key)`."""
    _component()(key=key, data={"region": region, "side": side}, on_pick_change=on_pick)


def picked(key: str) -> tuple[str, str | None] | None:
    """The region and side just chosen on the map with this key, or None."""
    pick = inline.trigger_value(key, "pick")
    if not isinstance(pick, dict):
        return None
    region, side = pick.get("region"), pick.get("side")
    if region not in bodymap.REGIONS_ON_MAP or side not in (None, "left", "right"):
        return None  # it came from the browser: only what the map can send is accepted
    return region, side
