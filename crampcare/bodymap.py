"""The clickable body map: a front and a back view drawn with plotly shapes.

Each region is a set of polygons. Clicks arrive as plot coordinates, and `region_at`
turns a point back into a region and a side, so the page never depends on trace order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

Point = tuple[float, float]

VIEW_WIDTH = 100.0
BACK_OFFSET = 125.0
"""The back view is drawn to the right of the front view, shifted by this much."""

GRID_STEP = 3.0
"""Spacing of the invisible click targets that fill every region."""

BODY_FILL = "#e9eff3"
REGION_FILL = "#c9d8e1"
CHOSEN_FILL = "#e07a5f"
OUTLINE = "#51697a"


@dataclass(frozen=True)
class Part:
    """One polygon of a region, in one view, on one side of the body (None: not sided)."""

    region: str
    view: str
    side: str | None
    polygon: tuple[Point, ...]


def _mirror(polygon: tuple[Point, ...]) -> tuple[Point, ...]:
    return tuple((VIEW_WIDTH - x, y) for x, y in polygon)


def _shift(polygon: tuple[Point, ...], dx: float) -> tuple[Point, ...]:
    return tuple((x + dx, y) for x, y in polygon)


def _circle(cx: float, cy: float, r: float, n: int = 24) -> tuple[Point, ...]:
    return tuple(
        (cx + r * math.cos(2 * math.pi * i / n), cy + r * math.sin(2 * math.pi * i / n))
        for i in range(n)
    )


# Shapes of the viewer's left half of a front view; the right half is their mirror image.
HEAD = _circle(50, 187, 11)
NECK = ((45.0, 167.0), (55.0, 167.0), (55.5, 177.0), (44.5, 177.0))
TORSO = ((30, 166), (70, 166), (68, 128), (66, 100), (34, 100), (32, 128))
ARM = ((30, 166), (22, 161), (13, 112), (20, 110), (27, 146), (31, 140))
HAND = ((13, 110), (20, 110), (22, 99), (18, 90), (12, 92), (11, 100))
THIGH = ((34, 100), (49, 100), (47.5, 58), (37, 58))
LOWER_LEG = ((37, 56), (47.5, 56), (46.5, 15), (40, 15))
FOOT = ((39.5, 13), (47, 13), (48, 4), (33, 4), (34, 8))
LOWER_BACK = ((33.5, 124), (66.5, 124), (66, 100), (34, 100))

# Which region each sided shape belongs to, per view. In the front view the body's right
# side is on the viewer's left; in the back view the body's left is on the viewer's left.
_SIDED = {
    "front": {"quadriceps": THIGH, "shin": LOWER_LEG, "foot": FOOT, "hand": HAND},
    "back": {"hamstring": THIGH, "calf": LOWER_LEG, "foot": FOOT, "hand": HAND},
}
_VIEWER_LEFT_SIDE = {"front": "right", "back": "left"}
_OTHER = {"left": "right", "right": "left"}


def _parts() -> tuple[Part, ...]:
    parts: list[Part] = []
    for view, dx in (("front", 0.0), ("back", BACK_OFFSET)):
        near = _VIEWER_LEFT_SIDE[view]
        for region, shape in _SIDED[view].items():
            parts.append(Part(region, view, near, _shift(shape, dx)))
            parts.append(Part(region, view, _OTHER[near], _shift(_mirror(shape), dx)))
        parts.append(Part("neck", view, None, _shift(NECK, dx)))
    parts.append(Part("lower-back", "back", None, _shift(LOWER_BACK, BACK_OFFSET)))
    return tuple(parts)


PARTS = _parts()
REGIONS_ON_MAP = tuple(dict.fromkeys(p.region for p in PARTS))


def _inside(point: Point, polygon: tuple[Point, ...]) -> bool:
    """Ray casting: count crossings of a horizontal ray from the point."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def region_at(x: float, y: float) -> tuple[str, str | None] | None:
    """The region and side under a clicked point, or None when the click missed them all."""
    for part in PARTS:
        if _inside((x, y), part.polygon):
            return part.region, part.side
    return None


def _grid(polygon: tuple[Point, ...]) -> list[Point]:
    xs = [x for x, _ in polygon]
    ys = [y for _, y in polygon]
    points = []
    y = min(ys) + GRID_STEP / 2
    while y < max(ys):
        x = min(xs) + GRID_STEP / 2
        while x < max(xs):
            if _inside((x, y), polygon):
                points.append((x, y))
            x += GRID_STEP
        y += GRID_STEP
    return points or [_centre(polygon)]


def _centre(polygon: tuple[Point, ...]) -> Point:
    return (
        sum(x for x, _ in polygon) / len(polygon),
        sum(y for _, y in polygon) / len(polygon),
    )


def _rings(polygons: list[tuple[Point, ...]]) -> tuple[list[float | None], list[float | None]]:
    """Many closed polygons as one line, separated by gaps (None), so one trace draws them all."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        ring = polygon + polygon[:1]
        xs += [x for x, _ in ring] + [None]
        ys += [y for _, y in ring] + [None]
    return xs, ys


def _shapes(polygons: list[tuple[Point, ...]], fill: str, name: str) -> go.Scatter:
    xs, ys = _rings(polygons)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=fill,
        line={"color": OUTLINE, "width": 1.5},
        hoverinfo="skip",
        name=name,
        showlegend=False,
    )


def _targets() -> go.Scatter:
    """Invisible markers filling every region, so a tap anywhere on it counts as a click.

    They carry no hover labels: one label per marker would be most of the figure's weight,
    sent on every run of the home page. The chosen region is named beside the map instead.
    """
    points = [point for part in PARTS for point in _grid(part.polygon)]
    # numpy arrays: plotly copies and encodes them in one step on every page run.
    return go.Scatter(
        x=np.round([x for x, _ in points], 1),
        y=np.round([y for _, y in points], 1),
        mode="markers",
        marker={"size": 14, "opacity": 0, "color": OUTLINE},
        selected={"marker": {"opacity": 0}},
        unselected={"marker": {"opacity": 0}},
        hoverinfo="none",  # no label, but hovering and clicking still work
        name="targets",
        showlegend=False,
    )


def body_map(chosen: str | None = None, side: str | None = None) -> go.Figure:
    """The two views with every region drawn; `chosen` (and its `side`) filled in the accent colour.

    Four traces in all: the body, the plain regions, the chosen region and the click targets.
    """

    def is_chosen(part: Part) -> bool:
        return part.region == chosen and (side in (None, "both") or part.side in (None, side))

    body = [
        _shift(shape, dx) for dx in (0.0, BACK_OFFSET) for shape in (HEAD, TORSO, ARM, _mirror(ARM))
    ]
    fig = go.Figure(
        [
            _shapes(body, BODY_FILL, "body"),
            _shapes([p.polygon for p in PARTS if not is_chosen(p)], REGION_FILL, "regions"),
            _shapes([p.polygon for p in PARTS if is_chosen(p)], CHOSEN_FILL, "chosen"),
            _targets(),
        ]
    )
    for title, dx in (("Front", 0.0), ("Back", BACK_OFFSET)):
        fig.add_annotation(
            x=50 + dx, y=205, text=title, showarrow=False, font={"size": 15, "color": "#22384a"}
        )
    fig.update_xaxes(visible=False, range=[-2, BACK_OFFSET + VIEW_WIDTH + 2], fixedrange=True)
    fig.update_yaxes(visible=False, range=[0, 212], fixedrange=True, scaleanchor="x", scaleratio=1)
    fig.update_layout(
        template="none",  # styling comes from Streamlit's theme; nothing to copy each run
        height=440,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
        dragmode=False,
        hovermode="closest",
        clickmode="event+select",
    )
    return fig


def clicked_region(selection: dict | None) -> tuple[str, str | None] | None:
    """The region (and side) of the first point in a plotly selection event, if any."""
    points = ((selection or {}).get("selection") or {}).get("points") or []
    for point in points:
        x, y = point.get("x"), point.get("y")
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):
            hit = region_at(float(x), float(y))
            if hit:
                return hit
    return None
