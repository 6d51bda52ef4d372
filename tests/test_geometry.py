"""Containment, distances and sides of a line, on points whose answers are known."""

from __future__ import annotations

import math

import pytest

from briefing.geometry import distance_to_line, distance_to_outline, point_in_polygon, side_of_line

SQUARE = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)]
SOUTHWARD = [(36.0, 71.0), (34.0, 70.0), (32.0, 69.0)]
"""A line walked from north-east to south-west: east of it is its left."""
KM_PER_DEGREE = math.radians(1) * 6371.0088


def test_point_in_polygon() -> None:
    assert point_in_polygon((0.5, 0.5), SQUARE)
    assert not point_in_polygon((1.5, 0.5), SQUARE)
    assert not point_in_polygon((0.5, -0.01), SQUARE)


def test_distance_to_outline_along_a_meridian() -> None:
    assert distance_to_outline((2.0, 0.5), SQUARE) == pytest.approx(KM_PER_DEGREE, rel=1e-3)
    assert distance_to_outline((0.5, 0.5), SQUARE) == pytest.approx(KM_PER_DEGREE / 2, rel=1e-3)


def test_distance_to_line_shrinks_longitude_with_latitude() -> None:
    line = [(61.0, 10.0), (59.0, 10.0)]
    assert distance_to_line((60.0, 11.0), line) == pytest.approx(KM_PER_DEGREE * 0.5, rel=1e-3)


@pytest.mark.parametrize(
    ("point", "side"),
    [
        ((34.0, 72.0), "left"),  # east of a southward line
        ((34.0, 68.0), "right"),
        ((33.0, 69.6), "left"),
        ((40.0, 72.0), None),  # beyond the first point: no side
        ((30.0, 68.0), None),  # beyond the last point
        ((34.0, 70.0), None),  # on the line
    ],
)
def test_side_of_line(point: tuple[float, float], side: str | None) -> None:
    assert side_of_line(point, SOUTHWARD) == side


def test_side_at_a_bend_follows_the_inner_and_outer_sides() -> None:
    # South, then west: the bend turns right, so its inside is on the right.
    bend = [(2.0, 0.0), (0.0, 0.0), (0.0, -2.0)]
    assert side_of_line((-0.5, 0.5), bend) == "left"  # outside the bend, past the corner
    assert side_of_line((0.5, -0.5), bend) == "right"  # inside the bend
    assert side_of_line((1.0, 0.5), bend) == "left"
    assert side_of_line((-0.5, -1.0), bend) == "left"
