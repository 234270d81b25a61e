"""Who sees 大走访, as sentences. Visits are the committee's internal record: a firm's user
finds none of them — another firm's or its own — for every method, on the pages and in the
API; zone staff by role; the auditor reads and never writes."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from gaoxin.visits.models import Visit, VisitPlan, VisitQuestion

from .helpers import department, plan, visit

WRITES = ("post", "put", "patch", "delete")


def api_as(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def records(world, firm):
    made = visit(firm, answers={"risk": "yes"})
    return {
        "visit": (made, reverse("visits:visit_detail", args=[made.pk]), f"/api/visits/{made.pk}/"),
        "visit edit": (
            made,
            reverse("visits:visit_edit", args=[made.pk]),
            f"/api/visits/{made.pk}/raise-requests/",
        ),
        "plan": (
            (p := plan([firm], dept=department(world, f"部门{firm.pk}"))),
            reverse("visits:visitplan_detail", args=[p.pk]),
            f"/api/visit-plans/{p.pk}/",
        ),
    }


@pytest.mark.parametrize("whose", ["firm_b", "firm_a"])
@pytest.mark.parametrize("method", ["get", "head", *WRITES])
def test_a_user_of_firm_a_gets_404_for_any_visit_or_plan_of_any_firm(client, world, whose, method):
    """“A user of firm A gets 404 for firm B's visit 17” — and for its own firm's visit too."""
    firm = getattr(world, whose)
    client.force_login(world.firm_user)
    api = api_as(world.firm_user)
    for obj, page, api_url in records(world, firm).values():
        before = type(obj).objects.filter(pk=obj.pk).values().first()
        assert getattr(client, method)(page).status_code == 404, (method, page)
        assert getattr(api, method)(api_url, {}, format="json").status_code == 404, (method, api_url)
        assert type(obj).objects.filter(pk=obj.pk).values().first() == before


def test_a_user_of_firm_a_finds_no_visit_in_any_list_or_search(client, world):
    visit(world.firm_a, answers={"expansion": "yes"})
    visit(world.firm_b, answers={"expansion": "yes"})
    api = api_as(world.firm_user)
    for url in ("/api/visits/", "/api/visit-plans/", "/api/visit-questions/"):
        response = api.get(url)
        assert response.status_code in (403, 200)
        if response.status_code == 200:
            assert response.json()["count"] == 0
    client.force_login(world.firm_user)
    for name in (
        "visits:visit_list",
        "visits:finding_list",
        "visits:visitplan_list",
        "visits:visitquestion_list",
    ):
        assert client.get(reverse(name)).status_code == 403
    assert Visit.objects.visible_to(world.firm_user).count() == 0
    assert VisitPlan.objects.visible_to(world.firm_user).count() == 0
    assert VisitQuestion.objects.visible_to(world.firm_user).count() == 0
    search = api.get("/api/search/", {"q": "甲企业"}).json()
    assert "visits" not in str(search.get("groups", search))


def test_a_user_of_firm_a_cannot_open_the_visits_tab_of_its_own_firm(client, world):
    visit(world.firm_a)
    client.force_login(world.firm_user)
    response = client.get(reverse("enterprises:enterprise_tab", args=[world.firm_a.pk, "visits"]))
    assert response.status_code in (403, 404)
    page = client.get(world.firm_a.get_absolute_url())
    assert (
        reverse("enterprises:enterprise_tab", args=[world.firm_a.pk, "visits"]) not in page.content.decode()
    )


def test_a_user_of_firm_a_cannot_create_a_visit_about_itself(client, world):
    body = {"enterprise": world.firm_a.pk, "visited_on": "2025-04-01", "answers": {}}
    assert api_as(world.firm_user).post("/api/visits/", body, format="json").status_code in (403, 404)
    client.force_login(world.firm_user)
    assert client.post(reverse("visits:visit_add"), {"enterprise": world.firm_a.pk}).status_code == 403
    assert Visit.objects.count() == 0


@pytest.mark.parametrize("persona", ["leader", "auditor", "clerk"])
def test_zone_staff_read_every_visit(client, world, persona):
    made = visit(world.firm_b)
    client.force_login(getattr(world, persona))
    assert client.get(made.get_absolute_url()).status_code == 200
    assert api_as(getattr(world, persona)).get(f"/api/visits/{made.pk}/").status_code == 200


def test_the_auditor_reads_but_never_writes(client, world):
    made = visit(world.firm_b)
    api = api_as(world.auditor)
    assert api.patch(f"/api/visits/{made.pk}/", {"notes": "改"}, format="json").status_code == 403
    assert api.delete(f"/api/visits/{made.pk}/").status_code in (403, 405)
    assert (
        api.post("/api/visits/", {"enterprise": world.firm_b.pk, "visited_on": "2025-04-01"}).status_code
        == 403
    )
    client.force_login(world.auditor)
    assert client.post(reverse("visits:visit_edit", args=[made.pk]), {}).status_code == 403
    assert client.post(reverse("visits:visit_raise_requests", args=[made.pk]), {}).status_code == 403
