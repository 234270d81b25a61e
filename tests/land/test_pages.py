"""Land pages and API as sentences: the public QR page shows nothing private and 404s for a
private parcel; the map draws the park's parcels; the score sheet and a firm's sheet; the
GeoJSON; a firm sees only its own score."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.land.models import MuScheme, Parcel

from .helpers import above_scale, land, make_parcel, square, taizhou_scheme

pytestmark = pytest.mark.django_db


def test_the_public_page_of_a_public_parcel_shows_its_conditions_and_nothing_private(client, world):
    parcel = make_parcel(
        world,
        "GX-PUB",
        "30",
        enterprise=world.firm_a,
        boundary=square("30"),
        is_public=True,
        tax_min=Decimal(20),
        note="内部备注：意向企业甲",
    )
    response = client.get(reverse("land:public_parcel", args=[parcel.public_token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "GX-PUB" in page and "≥ 20.00 万元/亩" in page and 'data-testid="parcel-drawing"' in page
    assert "甲企业" not in page and "内部备注" not in page


def test_a_private_parcel_and_a_guessed_token_are_404(client, world):
    private = make_parcel(world, "GX-PRIV", "30", boundary=square("30"))
    assert client.get(reverse("land:public_parcel", args=[private.public_token])).status_code == 404
    public = make_parcel(world, "GX-PUB", "30", boundary=square("30", east=900), is_public=True)
    assert client.get(reverse("land:public_parcel", args=[public.public_token[:-1] + "x"])).status_code == 404
    assert private.public_token[:6] != public.public_token[:6]


def test_staff_see_the_qr_code_of_a_public_parcel(client, world):
    parcel = make_parcel(world, "GX-PUB", "30", boundary=square("30"), is_public=True)
    client.force_login(world.clerk)
    page = client.get(parcel.get_absolute_url()).content.decode()
    assert 'data-testid="qr"' in page and parcel.public_token in page


def test_the_map_draws_the_parks_parcels_and_links_them(client, world):
    first = make_parcel(world, "GX-01", "30", boundary=square("30"))
    make_parcel(world, "GX-02", "30", boundary=square("30", east=300), status=Parcel.Status.AVAILABLE)
    make_parcel(world, "GX-N", "30", park=world.park2, boundary=square("30", east=5000))
    client.force_login(world.leader)
    page = client.get(reverse("land:parcel_map") + f"?park={world.park.pk}").content.decode()
    assert page.count("<path ") == 2 and first.get_absolute_url() in page and "GX-N" not in page


def test_the_geojson_lists_the_filtered_parcels(client, world):
    make_parcel(world, "GX-01", "30", boundary=square("30"))
    make_parcel(world, "GX-N", "30", park=world.park2, boundary=square("30", east=5000))
    client.force_login(world.leader)
    data = client.get(reverse("parcel-geojson") + f"?park={world.park.pk}").json()
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["code"] for f in data["features"]] == ["GX-01"]
    assert data["features"][0]["geometry"]["type"] == "Polygon"


def test_an_overlapping_parcel_through_the_api_is_a_400_with_the_reason(client, world):
    from .helpers import industrial

    make_parcel(world, "GX-01", "30", boundary=square("30"))
    client.force_login(world.clerk)
    response = client.post(
        reverse("parcel-list"),
        json.dumps(
            {
                "code": "GX-02",
                "park": world.park.pk,
                "area_mu": "30",
                "land_use": industrial().pk,
                "boundary": square("30", east=50),
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 400 and "GX-01" in json.dumps(response.json(), ensure_ascii=False)
    assert Parcel.objects.count() == 1


def scored_world(world):
    from tests.factories import facts

    scheme = taizhou_scheme(2024)
    for firm in (world.firm_a, world.firm_b):
        firm.established_on = datetime.date(2010, 1, 1)
        firm.save()
        above_scale(firm, 2024)
        facts(
            firm,
            2024,
            tax_paid=Decimal(300),
            value_added=Decimal(2000),
            energy_tce=Decimal(800),
            staff_average=90,
            rd_expense=Decimal(40),
            main_business_revenue=Decimal(1500),
        )
        land(firm, 2024, "10" if firm == world.firm_a else "20", emissions="0.4")
    scheme.state = MuScheme.State.PUBLISHED
    scheme.save()
    return scheme


def test_the_score_sheet_and_a_firms_sheet(client, world):
    scheme = scored_world(world)
    client.force_login(world.leader)
    page = client.get(scheme.get_absolute_url()).content.decode()
    assert "甲企业有限公司" in page and "乙企业有限公司" in page and 'data-testid="grade-counts"' in page
    sheet = client.get(reverse("land:firm_sheet", args=[scheme.pk, world.firm_a.pk])).content.decode()
    assert "亩均税收" in sheet and 'data-testid="firm-lines"' in sheet


def test_a_firm_user_reads_only_its_own_score(client, world):
    scored_world(world)
    client.force_login(world.firm_user)
    rows = client.get(reverse("mu-score-list") + "?year=2024").json()["results"]
    assert [r["enterprise_name"] for r in rows] == ["甲企业有限公司"]
    assert rows[0]["rank"] == 1 and rows[0]["graded"] == 2  # ranked among every firm


def test_a_firm_user_gets_403_on_the_score_sheet_page_and_404_on_another_firms_parcel(client, world):
    scheme = scored_world(world)
    other = make_parcel(world, "GX-B", "30", enterprise=world.firm_b, boundary=square("30"))
    client.force_login(world.firm_user)
    assert client.get(scheme.get_absolute_url()).status_code in (403, 404)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("parcel-detail", args=[other.pk])).status_code == 404


def test_the_cockpit_shows_the_reserve(client, world):
    make_parcel(world, "GX-01", "30", boundary=square("30"))
    make_parcel(world, "GX-02", "12.5", status=Parcel.Status.AVAILABLE)
    make_parcel(world, "GX-03", "40", status=Parcel.Status.SOLD)
    client.force_login(world.leader)
    page = client.get(reverse("goals:cockpit")).content.decode()
    assert 'data-testid="land-panel"' in page and "42.50" in page


def test_the_cockpit_panel_makes_the_same_queries_for_two_firms_and_for_twelve(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gaoxin.land.cockpit import land_panel
    from tests.factories import make_enterprise

    scored_world(world)
    make_parcel(world, "GX-01", "30", boundary=square("30"))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            data = land_panel(2025, datetime.date(2025, 9, 30))
        return len(captured), data

    few, data = queries()
    assert data["reserve"] == Decimal("30.00") and data["counts"]["B"] + data["counts"]["D"] == 2
    for n in range(10):
        make_enterprise(f"新增企业{n}有限公司", 60 + n, park=world.park)
    many, _data = queries()
    assert many == few <= 12
