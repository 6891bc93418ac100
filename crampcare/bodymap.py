"""The body map's geometry: a front and a back view, each region a shape to see and a larger
rectangle to tap.

Coordinates are SVG units in one view (x to the right, y down), VIEW_WIDTH by VIEW_HEIGHT.
Shapes are drawn for the viewer's left half; the right half is their mirror image. The
tap rectangles are at least MIN_TARGET units square and at least GAP apart, so that at a phone's
width (about 1.7 CSS px a unit) each is at least 44 x 44 px with space between left and right.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]

VIEW_WIDTH = 100.0
VIEW_HEIGHT = 206.0
MIN_TARGET = 27.0
GAP = 1.0
VIEWS = ("front", "back")


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    def mirrored(self) -> Rect:
        return Rect(VIEW_WIDTH - self.x - self.width, self.y, self.width, self.height)

    def apart(self, other: Rect, gap: float = 0.0) -> bool:
        return (
            self.x + self.width + gap <= other.x
            or other.x + other.width + gap <= self.x
            or self.y + self.height + gap <= other.y
            or other.y + other.height + gap <= self.y
        )

    def contains(self, point: Point) -> bool:
        x, y = point
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


@dataclass(frozen=True)
class Part:
    """One region in one view, on one side of the body (None: not sided)."""

    region: str
    view: str
    side: str | None
    shape: tuple[Point, ...]
    target: Rect


def _mirror(shape: tuple[Point, ...]) -> tuple[Point, ...]:
    return tuple((VIEW_WIDTH - x, y) for x, y in shape)


# The body, viewer's left half (the head is a circle: centre and radius).
HEAD = (50.0, 15.0, 10.0)
TORSO = ((29, 34), (71, 34), (69, 64), (67, 100), (33, 100), (31, 64))
ARM = ((29, 35), (21, 38), (10, 73), (17, 75), (28, 49))

# Regions, viewer's left half, with their tap rectangles.
NECK = (((45, 25), (55, 25), (55.5, 35), (44.5, 35)), Rect(36, 20, 28, 28))
HAND = (((9, 75), (18, 77), (18, 88), (14, 95), (8, 93), (6, 84)), Rect(0, 70, 28, 28))
THIGH = (((32, 100), (48, 100), (44, 140), (31, 140)), Rect(20, 100, 28, 40))
LOWER_LEG = (((30, 142), (43, 142), (40, 177), (31, 177)), Rect(17, 141, 28, 37))
FOOT = (((29, 181), (40, 181), (41, 189), (22, 189), (23, 185)), Rect(15, 179, 28, 27))
LOWER_BACK = (((33, 76), (67, 76), (67, 99), (33, 99)), Rect(33, 71, 34, 28))

# In the front view the body's right side is on the viewer's left; in the back view, its left.
_SIDED = {
    "front": {"quadriceps": THIGH, "shin": LOWER_LEG, "foot": FOOT, "hand": HAND},
    "back": {"hamstring": THIGH, "calf": LOWER_LEG, "foot": FOOT, "hand": HAND},
}
_VIEWER_LEFT_SIDE = {"front": "right", "back": "left"}
_OTHER = {"left": "right", "right": "left"}


def _parts() -> tuple[Part, ...]:
    parts: list[Part] = []
    for view in VIEWS:
        parts.append(Part("neck", view, None, *NECK))
        if view == "back":
            parts.append(Part("lower-back", view, None, *LOWER_BACK))
        near = _VIEWER_LEFT_SIDE[view]
        for region, (shape, target) in _SIDED[view].items():
            parts.append(Part(region, view, near, shape, target))
            parts.append(Part(region, view, _OTHER[near], _mirror(shape), target.mirrored()))
    return tuple(parts)


PARTS = _parts()
REGIONS_ON_MAP = tuple(dict.fromkeys(p.region for p in PARTS))
BODY = (TORSO, ARM, _mirror(ARM))
"""The shapes of the body that are not regions, the same in both views (with HEAD)."""


def points(shape: tuple[Point, ...]) -> str:
    """A shape as an SVG points attribute."""
    return " ".join(f"{x:g},{y:g}" for x, y in shape)
