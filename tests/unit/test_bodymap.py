"""The body map: every region drawn and clickable, clicks mapped back to region and side."""

from crampcare import bodymap
from crampcare.content import REGION_ORDER


def centre(part: bodymap.Part) -> tuple[float, float]:
    xs = [x for x, _ in part.polygon]
    ys = [y for _, y in part.polygon]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def test_every_region_is_on_the_map() -> None:
    assert set(bodymap.REGIONS_ON_MAP) == set(REGION_ORDER)


def test_a_click_inside_a_part_finds_its_region_and_side() -> None:
    for part in bodymap.PARTS:
        assert bodymap.region_at(*centre(part)) == (part.region, part.side)


def test_sides_follow_the_view() -> None:
    # Front view: the body's right is on the viewer's left; back view: the body's left.
    assert bodymap.region_at(42, 35) == ("shin", "right")
    assert bodymap.region_at(bodymap.BACK_OFFSET + 42, 35) == ("calf", "left")
    assert bodymap.region_at(bodymap.BACK_OFFSET + 50, 110) == ("lower-back", None)


def test_a_click_outside_every_region_is_ignored() -> None:
    assert bodymap.region_at(50, 150) is None  # chest
    assert bodymap.region_at(110, 100) is None  # between the views
    assert bodymap.clicked_region({"selection": {"points": [{"x": 50, "y": 150}]}}) is None
    assert bodymap.clicked_region(None) is None
    assert bodymap.clicked_region({"selection": {"points": []}}) is None


def test_clicked_region_reads_a_plotly_selection() -> None:
    event = {"selection": {"points": [{"x": bodymap.BACK_OFFSET + 58, "y": 80}]}}
    assert bodymap.clicked_region(event) == ("hamstring", "right")


def first_ring_centre(xs, ys) -> tuple[float, float]:
    end = list(xs).index(None) - 1  # the ring repeats its first point before the gap
    return sum(xs[:end]) / end, sum(ys[:end]) / end


def chosen_parts(fig) -> int:
    """How many polygons the figure fills in the accent colour."""
    chosen = next(t for t in fig.data if t.name == "chosen")
    assert chosen.fillcolor == bodymap.CHOSEN_FILL
    return sum(1 for x in chosen.x if x is None)


def test_chosen_region_is_highlighted_on_the_chosen_side() -> None:
    left = bodymap.body_map(chosen="calf", side="left")
    assert chosen_parts(left) == 1  # the right calf stays plain
    chosen = next(t for t in left.data if t.name == "chosen")
    assert bodymap.region_at(*first_ring_centre(chosen.x, chosen.y)) == ("calf", "left")
    assert chosen_parts(bodymap.body_map(chosen="calf", side="both")) == 2
    assert chosen_parts(bodymap.body_map(chosen="neck")) == 2  # front and back
    assert chosen_parts(bodymap.body_map()) == 0


def test_click_targets_cover_every_part() -> None:
    fig = bodymap.body_map()
    targets = next(t for t in fig.data if t.name == "targets")
    hit = {bodymap.region_at(x, y) for x, y in zip(targets.x, targets.y, strict=True)}
    assert hit == {(part.region, part.side) for part in bodymap.PARTS}
    assert targets.hoverinfo == "none"  # hover and click events still fire; no label
    assert len(targets.x) < 2000  # bounded, whatever happens elsewhere
    assert len(fig.data) == 4
