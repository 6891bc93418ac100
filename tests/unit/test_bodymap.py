"""The body map's geometry: every region drawn, tap rectangles big enough and apart, sides
that follow the view."""

from itertools import combinations

from crampcare import bodymap
from crampcare.content import REGION_ORDER


def centre(rect: bodymap.Rect) -> tuple[float, float]:
    return rect.x + rect.width / 2, rect.y + rect.height / 2


def region_at(view: str, point: tuple[float, float]) -> tuple[str, str | None] | None:
    """What a tap on this point of a view chooses: the part whose tap area holds it."""
    hits = [
        (p.region, p.side) for p in bodymap.PARTS if p.view == view and p.target.contains(point)
    ]
    assert len(hits) <= 1, hits
    return hits[0] if hits else None


def test_every_region_is_on_the_map() -> None:
    assert set(bodymap.REGIONS_ON_MAP) == set(REGION_ORDER)


def test_tap_rectangles_are_big_enough_and_apart() -> None:
    for part in bodymap.PARTS:
        t = part.target
        assert min(t.width, t.height) >= bodymap.MIN_TARGET, part
        assert t.x >= 0 and t.x + t.width <= bodymap.VIEW_WIDTH, part
        assert t.y >= 0 and t.y + t.height <= bodymap.VIEW_HEIGHT, part
    for view in bodymap.VIEWS:
        parts = [p for p in bodymap.PARTS if p.view == view]
        for a, b in combinations(parts, 2):
            assert a.target.apart(b.target, bodymap.GAP), (a.region, a.side, b.region, b.side)


def test_each_shape_lies_inside_its_own_tap_rectangle() -> None:
    for part in bodymap.PARTS:
        assert all(part.target.contains(point) for point in part.shape), part


def test_a_tap_finds_its_region_and_side() -> None:
    for part in bodymap.PARTS:
        assert region_at(part.view, centre(part.target)) == (part.region, part.side)


def test_sides_follow_the_view() -> None:
    # Front view: the body's right is on the viewer's left; back view: the body's left.
    assert region_at("front", (35, 160)) == ("shin", "right")
    assert region_at("back", (35, 160)) == ("calf", "left")
    assert region_at("back", (65, 120)) == ("hamstring", "right")
    assert region_at("back", (50, 90)) == ("lower-back", None)


def test_a_tap_outside_every_region_is_ignored() -> None:
    assert region_at("front", (50, 60)) is None  # chest
    assert region_at("front", (50, 90)) is None  # no lower back in the front view
    assert region_at("back", (50, 5)) is None  # head
