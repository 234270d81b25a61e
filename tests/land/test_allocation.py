"""Allocation (供地) as sentences: which parcels match a land request (area bounds exactly, one
step outside), the 345 screening against the parcel's terms at the threshold, one active
reservation per parcel, bad input refused in Chinese with nothing changed, the contract's terms
copied (a later parcel edit changes nothing), release with a reason, the commitment check after
投产 at the threshold and one step below, the 待办 of overdue reservations, and a firm user
who finds none of it (404): land requests and allocations are the committee's work — a firm
does not see them, not even its own."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from gaoxin.land import allocation as service
from gaoxin.land.models import Allocation, AllocationMove, LandRequest, LandUseClass, Parcel
from tests.factories import facts

from .helpers import land, make_parcel, make_request, make_reservation

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 4, 1)


def codes(request):
    return [c.parcel.code for c in service.candidates(request, year=2025)]


def test_the_area_bounds_match_exactly_and_one_step_outside_does_not(world):
    for code, mu in [("LOW", "30"), ("UNDER", "29.99"), ("HIGH", "40"), ("OVER", "40.01"), ("MID", "35.5")]:
        make_parcel(world, code, mu, status="available")
    request = make_request(world, mu="30", high="40")
    assert codes(request) == ["MID", "HIGH", "LOW"]  # closest to 35 first; 40 and 30 tie, by code


def test_the_tolerance_widens_both_bounds_by_its_share(world):
    for code, mu in [("A27", "27"), ("A2699", "26.99"), ("A44", "44"), ("A4401", "44.01")]:
        make_parcel(world, code, mu)
    request = make_request(world, mu="30", high="40", tolerance_pct=D(10))
    assert request.area_range == (D("27.00"), D("44.00"))
    assert sorted(codes(request)) == ["A27", "A44"]


def test_an_exact_area_without_an_upper_bound_matches_only_that_area(world):
    make_parcel(world, "EXACT", "30")
    make_parcel(world, "NEAR", "30.01")
    assert codes(make_request(world, mu="30")) == ["EXACT"]


def test_a_parcel_not_in_the_reserve_of_another_use_or_reserved_for_another_does_not_match(world):
    make_parcel(world, "SOLD", "30", status="sold")
    make_parcel(world, "COMMERCE", "30", land_use=LandUseClass.objects.exclude(industrial=True).first())
    taken = make_parcel(world, "TAKEN", "30")
    make_parcel(world, "FREE", "30", status="reserve")
    make_reservation(world, taken)
    request = make_request(world, mu="30")
    assert codes(request) == ["FREE"]


def test_each_criterion_and_the_345_screening_against_the_parcel_say_the_numbers(world):
    make_parcel(world, "GX-1", "30", investment_min=D(300), tax_min=D(20), plot_ratio_max=D("2.5"))
    request = make_request(
        world, mu="30", fixed_asset_investment=D(9000), expected_tax=D("599.99"), plot_ratio_needed=D(3)
    )
    (candidate,) = service.candidates(request, year=2025)
    texts = {c.code: (c.result, c.text) for c in candidate.criteria + candidate.screening.criteria}
    assert texts["area"][0] == "pass"
    assert texts["plot_ratio"][0] == "fail" and "2.5" in texts["plot_ratio"][1]
    assert texts["intensity"][0] == "pass"  # 9000 ÷ 30 = 300: equal passes
    assert "300" in texts["intensity"][1] and texts["intensity"][1].endswith("✓")
    assert texts["tax"][0] == "fail"  # 599.99 ÷ 30 = 19.9997 < 20
    assert "19.99" in texts["tax"][1] and texts["tax"][1].endswith("✗")
    request.fixed_asset_investment, request.expected_tax = D("8999.99"), D(600)
    (candidate,) = service.candidates(request, year=2025)
    results = {c.code: c.result for c in candidate.screening.criteria}
    assert results == {"intensity": "fail", "tax": "pass"}


def test_a_parcel_has_one_active_reservation_at_a_time(world):
    parcel = make_parcel(world, "GX-1", "30")
    first = make_reservation(world, parcel)
    other = make_request(world, "另一个项目")
    with pytest.raises(ValidationError) as refused:
        service.allocation_reserve(request=other, parcel=parcel, user=world.clerk, date=DAY)
    assert "GX-1" in str(refused.value) and "已" in str(refused.value)  # Chinese, names the parcel
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says the same
        Allocation.objects.create(request=other, parcel=parcel, area_mu=D(30), reserved_on=DAY)
    service.allocation_release(allocation=first, user=world.clerk, reason="企业放弃", date=DAY)
    again = service.allocation_reserve(request=other, parcel=parcel, user=world.clerk, date=DAY)
    assert again.status == "reserved"


@pytest.mark.parametrize(
    ("status", "area", "field"),
    [("available", "30.01", "area_mu"), ("sold", "10", "parcel"), ("producing", "10", "parcel")],
)
def test_bad_reservations_are_refused_in_chinese_and_nothing_changes(world, status, area, field):
    parcel = make_parcel(world, "GX-1", "30", status=status)
    request = make_request(world)
    with pytest.raises(ValidationError) as refused:
        service.allocation_reserve(
            request=request, parcel=parcel, area_mu=D(area), user=world.clerk, date=DAY
        )
    assert field in refused.value.message_dict
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(refused.value))
    assert Allocation.objects.count() == 0 and AllocationMove.objects.count() == 0
    assert LandRequest.objects.get().status == "open"


def test_the_contract_copies_the_parcels_terms_and_a_later_parcel_edit_changes_nothing(world):
    parcel = make_parcel(world, "GX-1", "30", investment_min=D(300), tax_min=D(20), plot_ratio_max=D("2.5"))
    request = make_request(world, enterprise=world.firm_a)
    held = make_reservation(world, parcel, request)
    assert LandRequest.objects.get().status == "reserved"
    service.allocation_supply(
        allocation=held,
        user=world.clerk,
        contract_date=datetime.date(2025, 5, 6),
        contract_no="出让〔2025〕1号",
        price=D(360),
    )
    parcel.refresh_from_db()
    assert (parcel.status, parcel.enterprise, parcel.status_since) == (
        "sold",
        world.firm_a,
        datetime.date(2025, 5, 6),
    )
    Parcel.objects.filter(pk=parcel.pk).update(investment_min=D(500), tax_min=D(40), plot_ratio_max=D(4))
    held.refresh_from_db()
    assert (held.term_investment_min, held.term_tax_min, held.term_plot_ratio_max) == (
        D(300),
        D(20),
        D("2.50"),
    )
    assert held.status == "sold" and LandRequest.objects.get().status == "allocated"
    assert [(m.from_status, m.to_status) for m in held.moves.all()] == [
        ("", "reserved"),
        ("reserved", "sold"),
    ]


def test_a_transfer_needs_its_contract_number_and_price_an_allotment_does_not(world):
    held = make_reservation(world)
    with pytest.raises(ValidationError) as refused:
        service.allocation_supply(allocation=held, user=world.clerk, contract_date=DAY)
    assert "contract_no" in refused.value.message_dict
    service.allocation_supply(allocation=held, user=world.clerk, kind="allotted", contract_date=DAY)
    assert Parcel.objects.get(pk=held.parcel_id).status == "allocated"


def test_a_release_needs_a_reason_and_opens_the_request_again(world):
    held = make_reservation(world)
    with pytest.raises(ValidationError):
        service.allocation_release(allocation=held, user=world.clerk, reason=" ")
    service.allocation_release(allocation=held, user=world.clerk, reason="企业改址", date=DAY)
    held.refresh_from_db()
    assert (held.status, held.release_reason, held.request.status) == ("released", "企业改址", "open")
    move = held.moves.last()
    assert (move.to_status, move.reason, move.user) == ("released", "企业改址", world.clerk)


def test_withdrawing_a_request_releases_its_reservations(world):
    held = make_reservation(world)
    service.landrequest_withdraw(request=held.request, user=world.clerk, reason="项目终止")
    held.refresh_from_db()
    assert held.status == "released" and held.request.status == "withdrawn"


def supplied_in_production(world, tax_min="20"):
    parcel = make_parcel(world, "GX-P", "30", tax_min=D(tax_min))
    held = make_reservation(world, parcel, make_request(world, enterprise=world.firm_a))
    service.allocation_supply(allocation=held, user=world.clerk, kind="allotted", contract_date=DAY)
    Parcel.objects.filter(pk=parcel.pk).update(status="producing")
    return Allocation.objects.get(pk=held.pk)


@pytest.mark.parametrize(
    ("tax", "result", "shown"),
    [("600", "pass", "20"), ("599.85", "pass", "20"), ("599.84", "fail", "19.99")],
)
def test_the_commitment_check_at_the_threshold_and_one_step_below(world, tax, result, shown):
    """亩均税收 = tax ÷ the land register's 30 亩, rounded half-up to 0.01: 599.85 ÷ 30 = 19.995
    → 20.00 meets 20; 599.84 ÷ 30 = 19.9947 → 19.99 does not."""
    allocation = supplied_in_production(world)
    land(world.firm_a, 2024, "30")
    facts(world.firm_a, 2024, tax_paid=D(tax))
    check = service.commitment_check(allocation, 2024)
    (tax_check,) = [c for c in check.checks if c.code == "tax"]
    assert tax_check.result == result and shown in tax_check.text
    assert [c.allocation for c in service.unkept(2024)] == ([allocation] if result == "fail" else [])


def test_the_commitment_check_without_facts_says_so(world):
    allocation = supplied_in_production(world)
    assert service.commitment_check(allocation, 2024).facts_missing


def test_an_old_reservation_is_on_the_clerks_todo(world, settings):
    from gaoxin.land.todo import todo_overdue_reservations

    settings.LAND_RESERVATION_DAYS = 90
    held = make_reservation(world)
    on_time = todo_overdue_reservations(world.clerk, DAY + datetime.timedelta(days=90), 10)
    late = todo_overdue_reservations(world.clerk, DAY + datetime.timedelta(days=91), 10)
    assert (on_time.count, late.count) == (0, 1)
    assert late.items[0].url == held.get_absolute_url()
    assert todo_overdue_reservations(world.leader, DAY + datetime.timedelta(days=91), 10) is None


# --- pages and API ------------------------------------------------------------------------------


def test_the_matching_page_explains_and_reserves(client, world):
    make_parcel(world, "GX-M", "30", investment_min=D(300))
    request = make_request(world, fixed_asset_investment=D(9000))
    client.force_login(world.clerk)
    page = client.get(reverse("land:landrequest_match", args=[request.pk])).content.decode()
    assert "GX-M" in page and 'data-testid="reserve"' in page and "✓" in page
    parcel = Parcel.objects.get(code="GX-M")
    response = client.post(reverse("land:landrequest_reserve", args=[request.pk]), {"parcel": parcel.pk})
    assert response.status_code == 302
    again = client.post(reverse("land:landrequest_reserve", args=[request.pk]), {"parcel": parcel.pk})
    assert again.status_code == 400 and "GX-M" in again.content.decode()
    assert Allocation.objects.count() == 1


def test_the_parcel_page_shows_its_allocations_to_staff_only(client, world):
    parcel = make_parcel(world, "GX-H", "30", enterprise=world.firm_a)
    make_reservation(world, parcel, make_request(world, "甲扩产项目"))
    client.force_login(world.clerk)
    assert "甲扩产项目" in client.get(parcel.get_absolute_url()).content.decode()
    client.force_login(world.firm_user)  # firm A holds the parcel: its page, but no allocation
    page = client.get(parcel.get_absolute_url())
    assert page.status_code == 200 and "甲扩产项目" not in page.content.decode()


def test_a_firm_user_finds_no_land_request_nor_allocation_even_its_own(client, world):
    held = make_reservation(world, request=make_request(world, enterprise=world.firm_a))
    client.force_login(world.firm_user)
    for url in (
        reverse("land:landrequest_detail", args=[held.request_id]),
        reverse("land:landrequest_match", args=[held.request_id]),
        reverse("land:allocation_detail", args=[held.pk]),
        reverse("land:allocation_supply", args=[held.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("land:allocation_list")).status_code == 403
    api = APIClient()
    api.force_authenticate(world.firm_user)
    assert api.get(reverse("allocation-detail", args=[held.pk])).status_code == 404
    assert (
        api.post(reverse("allocation-release", args=[held.pk]), {"reason": "x"}, format="json").status_code
        == 404
    )
    assert api.get(reverse("landrequest-candidates", args=[held.request_id])).status_code == 404
    assert (
        api.post(
            reverse("allocation-reserve"), {"request": held.request_id, "parcel": held.parcel_id}
        ).status_code
        == 403
    )
    assert Allocation.objects.get().status == "reserved"


def test_the_api_reserves_refuses_a_second_one_allocates_and_releases(world):
    parcel = make_parcel(world, "GX-API", "30", tax_min=D(20))
    request = make_request(world)
    api = APIClient()
    api.force_authenticate(world.clerk)
    candidates = api.get(reverse("landrequest-candidates", args=[request.pk]))
    assert candidates.status_code == 200 and candidates.json()[0]["code"] == "GX-API"
    made = api.post(
        reverse("allocation-reserve"),
        {"request": request.pk, "parcel": parcel.pk, "date": "2025-04-01"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    other = make_request(world, "另一个项目")
    refused = api.post(
        reverse("allocation-reserve"), {"request": other.pk, "parcel": parcel.pk}, format="json"
    )
    assert refused.status_code == 400 and "GX-API" in str(refused.json())
    too_big = make_parcel(world, "GX-BIG", "10")
    refused = api.post(
        reverse("allocation-reserve"),
        {"request": other.pk, "parcel": too_big.pk, "area_mu": "10.01"},
        format="json",
    )
    assert refused.status_code == 400 and "area_mu" in refused.json()
    pk = made.json()["id"]
    done = api.post(
        reverse("allocation-allocate", args=[pk]),
        {"kind": "sold", "contract_date": "2025-05-06", "contract_no": "出让1号", "price": "300"},
        format="json",
    )
    assert done.status_code == 200, done.json()
    assert done.json()["term_tax_min"] == "20.00"
    assert (
        api.post(reverse("allocation-release", args=[pk]), {"reason": "x"}, format="json").status_code == 400
    )
    leader = APIClient()
    leader.force_authenticate(world.leader)
    assert (
        leader.post(reverse("allocation-reserve"), {"request": other.pk, "parcel": too_big.pk}).status_code
        == 403
    )
    assert Allocation.objects.count() == 1


def test_the_map_has_no_tiles_by_default_and_the_zones_tile_server_when_set(client, world, settings):
    from .helpers import square

    make_parcel(world, "GX-T", "30", boundary=square("30"))
    client.force_login(world.leader)
    url = reverse("land:parcel_map") + f"?park={world.park.pk}"
    settings.LAND_TILE_URL = ""
    assert 'data-testid="map-tiles"' not in client.get(url).content.decode()
    settings.LAND_TILE_URL = "https://tiles.example.gov.cn/{z}/{x}/{y}.png"
    page = client.get(url).content.decode()
    assert 'data-testid="map-tiles"' in page
    assert page.count('<image href="https://tiles.example.gov.cn/') in range(1, 65)


def test_the_search_finds_land_requests_for_staff_and_none_for_a_firm(world):
    from gaoxin.core import search

    make_request(world, "钠电池扩产项目", enterprise=world.firm_a)
    staff = {
        group.kind: [h.title for h in group.hits] for group in search.search(world.clerk, "钠电池").groups
    }
    firm = {
        group.kind: [h.title for h in group.hits] for group in search.search(world.firm_user, "钠电池").groups
    }
    assert staff.get("land_requests") == ["钠电池扩产项目"] and "land_requests" not in firm
