"""Permissions as sentences: what a user of firm A gets on firm B's request, colleague and
invitation (404 for every method), on pages and in the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from gaoxin.portal import services
from gaoxin.portal.models import FirmRequest

from .helpers import D, category, firm_b_user, firm_colleague, raise_request

pytestmark = pytest.mark.django_db
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def b_request(world):
    b = firm_b_user(world)
    req = raise_request(world, user=b, enterprise=world.firm_b, day=D(2025, 11, 3))
    services.request_accept(user=world.clerk, req=req, day=D(2025, 11, 4))
    services.request_answer(user=world.clerk, req=req, answer="已答复", day=D(2025, 11, 5))
    return req


def api_as(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("method", METHODS)
def test_a_user_of_firm_a_gets_404_on_firm_bs_request_page_for_every_method(client, world, b_request, method):
    client.force_login(world.firm_user)
    for url in (
        reverse("portal:request_detail", args=[b_request.pk]),
        reverse("portal:request_step", args=[b_request.pk, "rate"]),
        reverse("portal:request_step", args=[b_request.pk, "reopen"]),
    ):
        assert getattr(client, method)(url).status_code == 404, url


@pytest.mark.parametrize("method", METHODS)
def test_a_user_of_firm_a_gets_404_on_firm_bs_request_in_the_api_for_every_method(world, b_request, method):
    api = api_as(world.firm_user)
    for url in (
        f"/api/requests/{b_request.pk}/",
        f"/api/requests/{b_request.pk}/rate/",
        f"/api/requests/{b_request.pk}/reopen/",
    ):
        assert (
            getattr(api, method)(url, {"rating": "unsatisfied", "reason": "x"}, format="json").status_code
            == 404
        )
    b_request.refresh_from_db()
    assert (b_request.status, b_request.rating) == (FirmRequest.Status.ANSWERED, "")


def test_a_user_of_firm_a_does_not_see_firm_bs_request_in_the_list_or_the_api(client, world, b_request):
    raise_request(world, title="甲的诉求")
    client.force_login(world.firm_user)
    page = client.get(reverse("portal:request_list")).content.decode()
    assert "甲的诉求" in page and b_request.title not in page
    rows = api_as(world.firm_user).get(f"/api/requests/?enterprise={world.firm_b.pk}").json()["results"]
    assert rows == []


@pytest.mark.parametrize("method", METHODS)
def test_a_user_of_firm_a_gets_404_on_a_colleague_of_firm_b(client, world, method):
    b = firm_b_user(world)
    client.force_login(world.firm_user)
    for step in ("rights", "remove"):
        url = reverse("portal:firmuser_step", args=[b.enterprise_binding.pk, step])
        assert getattr(client, method)(url).status_code == 404
    api = api_as(world.firm_user)
    for url in (
        f"/api/firm-users/{b.enterprise_binding.pk}/",
        f"/api/firm-users/{b.enterprise_binding.pk}/remove/",
    ):
        assert getattr(api, method)(url).status_code == 404
    b.refresh_from_db()
    assert b.is_active and b.enterprise_binding.is_active


@pytest.mark.parametrize("method", METHODS)
def test_a_user_of_firm_a_gets_404_on_firm_bs_invitation(client, world, method):
    b = firm_b_user(world)
    invitation, _token = services.invitation_create(
        user=b, enterprise=world.firm_b, name="赵", phone="13700000001"
    )
    client.force_login(world.firm_user)
    assert (
        getattr(client, method)(reverse("portal:invitation_withdraw", args=[invitation.pk])).status_code
        == 404
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_colleague_who_is_not_the_administrator_gets_403_on_the_accounts_page(client, world):
    client.force_login(firm_colleague(world))
    assert client.get(reverse("portal:firmuser_list")).status_code == 403


def test_a_colleague_reads_only_their_own_account_in_the_api(world):
    colleague = firm_colleague(world)
    rows = api_as(colleague).get("/api/firm-users/").json()["results"]
    assert [r["id"] for r in rows] == [colleague.enterprise_binding.pk]
    admin_rows = api_as(world.firm_user).get("/api/firm-users/").json()["results"]
    assert len(admin_rows) == 2


def test_the_firms_administrator_invites_and_sets_rights_through_the_api(world):
    api = api_as(world.firm_user)
    answer = api.post(
        "/api/firm-users/invite/", {"name": "钱", "phone": "13600000001", "may_request": True}, format="json"
    )
    assert answer.status_code == 201 and "/portal/invite/" in answer.json()["accept_url"]
    colleague = firm_colleague(world)
    pk = colleague.enterprise_binding.pk
    answer = api.post(f"/api/firm-users/{pk}/rights/", {"may_file": True}, format="json")
    assert answer.status_code == 200
    assert (answer.json()["may_file"], answer.json()["may_request"]) == (True, False)
    assert (
        api_as(colleague).post(f"/api/firm-users/{pk}/rights/", {"may_file": True}, format="json").status_code
        == 403
    )


def test_the_request_lifecycle_through_the_api(world):
    category(world)
    firm = api_as(world.firm_user)
    cat = firm.get("/api/request-categories/").json()
    govservice = next(c for c in cat if c["code"] == "govservice")
    created = firm.post(
        "/api/requests/", {"category": govservice["id"], "title": "变更", "text": "变更登记"}, format="json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["enterprise"] == world.firm_a.pk
    clerk = api_as(world.clerk)
    assert firm.post(f"/api/requests/{pk}/accept/").status_code == 403
    assert clerk.post(f"/api/requests/{pk}/accept/").json()["status"] == "accepted"
    assert (
        clerk.post(f"/api/requests/{pk}/answer/", {"answer": "已办"}, format="json").json()["status"]
        == "answered"
    )
    rated = firm.post(f"/api/requests/{pk}/rate/", {"rating": "mostly"}, format="json")
    assert (rated.status_code, rated.json()["status"], rated.json()["rating"]) == (200, "closed", "mostly")
    assert [e["action"] for e in rated.json()["events"]] == ["submit", "accept", "answer", "rate"]


def test_a_firm_user_cannot_raise_a_request_for_firm_b_in_the_api(world):
    cat = category(world)
    answer = api_as(world.firm_user).post(
        "/api/requests/",
        {"enterprise": world.firm_b.pk, "category": cat.pk, "title": "x", "text": "y"},
        format="json",
    )
    assert answer.status_code == 404
    assert not FirmRequest.objects.exists()
