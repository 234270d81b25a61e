"""``core.validity.overlapping`` at its edges: sharing one day is an overlap, the next day is
not, an open end overlaps everything after its start."""

import datetime

import pytest

from gaoxin.core.validity import overlapping
from gaoxin.points.models import PointScheme

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def v1():
    return PointScheme.objects.create(
        name="积分", version=1, valid_from=D(2024, 1, 1), valid_to=D(2024, 12, 31)
    )


def names(qs):
    return sorted(s.version for s in qs)


def test_sharing_the_last_day_overlaps_the_next_day_does_not(v1):
    others = PointScheme.objects.all()
    assert names(overlapping(others, D(2024, 12, 31), None)) == [1]
    assert names(overlapping(others, D(2025, 1, 1), None)) == []
    assert names(overlapping(others, D(2023, 1, 1), D(2024, 1, 1))) == [1]
    assert names(overlapping(others, D(2023, 1, 1), D(2023, 12, 31))) == []


def test_an_open_end_overlaps_every_later_span(v1):
    PointScheme.objects.create(name="积分", version=2, valid_from=D(2025, 1, 1))
    others = PointScheme.objects.all()
    assert names(overlapping(others, D(2030, 2, 28), D(2030, 3, 1))) == [2]
    assert names(overlapping(others, D(2024, 6, 1), D(2025, 1, 1))) == [1, 2]
