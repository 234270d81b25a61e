"""Parcel boundaries (land/geometry.py): area on the equal-area projection, the 1% agreement,
overlap with live parcels beyond the tolerance, self-intersection, WKT and GeoJSON."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gaoxin.land import geometry
from gaoxin.land.models import Parcel

from .helpers import make_parcel, side_for, square

pytestmark = pytest.mark.django_db


def test_a_square_of_30_mu_measures_20000_m2():
    geom = geometry.parse(square("30"))
    assert geometry.area_m2(geom) == pytest.approx(20000, rel=1e-4)  # 30 × 10000/15


def test_the_drawn_area_within_1_percent_is_accepted_and_beyond_is_refused(world):
    drawn = square("30")
    make_parcel(world, "A", "30.29", boundary=drawn)  # 0.97% apart
    with pytest.raises(ValidationError, match="1%"):
        make_parcel(world, "B", "30.31", boundary=square("30", east=500))  # 1.03% apart


def test_an_overlap_beyond_the_tolerance_is_refused_and_names_the_parcel(world):
    make_parcel(world, "GX-01", "30", boundary=square("30"))
    side = side_for("30")
    with pytest.raises(ValidationError, match="GX-01"):
        make_parcel(world, "GX-02", "30", boundary=square("30", east=side - 2))  # a 2 m strip
    assert Parcel.objects.count() == 1


def test_touching_parcels_and_a_retired_neighbour_are_no_overlap(world):
    side = side_for("30")
    make_parcel(world, "GX-01", "30", boundary=square("30"))
    make_parcel(world, "GX-02", "30", boundary=square("30", east=side))  # shares an edge
    old = make_parcel(world, "GX-03", "30", boundary=square("30", north=side * 3))
    old.status = Parcel.Status.RETIRED
    old.save()
    make_parcel(world, "GX-04", "30", boundary=square("30", north=side * 3))
    assert Parcel.objects.count() == 4


def test_a_bow_tie_is_refused_as_crossing_itself(world):
    bow = {
        "type": "Polygon",
        "coordinates": [
            [[113.38, 31.69], [113.381, 31.691], [113.381, 31.69], [113.38, 31.691], [113.38, 31.69]]
        ],
    }
    with pytest.raises(ValidationError) as refused:
        make_parcel(world, "BOW", "1", boundary=bow)
    assert "自相交" in str(refused.value) or "crosses itself" in str(refused.value)


@pytest.mark.parametrize(
    "value",
    [
        "POINT (113.38 31.69)",
        "not a shape",
        '{"type": "Polygon"}',
        "POLYGON ((500 31, 501 31, 501 32, 500 31))",
    ],
)
def test_anything_but_a_lon_lat_polygon_is_refused(value):
    with pytest.raises(ValidationError):
        geometry.parse(value)


def test_wkt_and_geojson_give_the_same_area():
    ring = square("12")["coordinates"][0]
    wkt = "POLYGON ((" + ", ".join(f"{x} {y}" for x, y in ring) + "))"
    assert geometry.area_m2(geometry.parse(wkt)) == pytest.approx(
        geometry.area_m2(geometry.parse(square("12")))
    )
    assert float(Decimal(12) * Decimal(10000) / 15) == pytest.approx(
        geometry.area_m2(geometry.parse(wkt)), rel=1e-4
    )
