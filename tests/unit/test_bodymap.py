"""The body map's geometry: every region drawn, tap rectangles big enough and apart, sides
that follow the view."""

from itertools import combinations

from crampcare import bodymap
from crampcare.content import REGION_ORDER


def centre(rect: bodymap.Rect) -> tuple[float, float]:
    return rect.x + rect.width / 2, rect.y + rect.height / 2


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
        assert bodymap.region_at(part.view, centre(part.target)) == (part.region, part.side)


def test_sides_follow_the_view() -> None:
    # Front view: the body's right is on the viewer's left; back view: the body's left.
    assert bodymap.region_at("front", (35, 160)) == ("shin", "right")
    assert bodymap.region_at("back", (35, 160)) == ("calf", "left")
    assert bodymap.region_at("back", (65, 120)) == ("hamstring", "right")
    assert bodymap.region_at("back", (50, 90)) == ("lower-back", None)


def test_a_tap_outside_every_region_is_ignored() -> None:
    assert bodymap.region_at("front", (50, 60)) is None  # chest
    assert bodymap.region_at("front", (50, 90)) is None  # no lower back in the front view
    assert bodymap.region_at("back", (50, 5)) is None  # head


def test_the_chosen_side_is_drawn_chosen() -> None:
    def chosen(region, side) -> set[tuple[str, str | None]]:
        return {(p.view, p.side) for p in bodymap.PARTS if bodymap.is_chosen(p, region, side)}

    assert chosen("calf", "left") == {("back", "left")}
    assert chosen("calf", "both") == {("back", "left"), ("back", "right")}
    assert chosen("neck", None) == {("front", None), ("back", None)}
    assert chosen("foot", None) == {(v, s) for v in bodymap.VIEWS for s in ("left", "right")}
    assert chosen(None, None) == set()
