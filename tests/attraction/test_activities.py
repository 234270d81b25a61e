"""Promotion activities: the duplicate-visit window at its edges, the confirm step, the
company timeline across departments, permissions and query counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gaoxin.attraction import services_leads as services
from gaoxin.attraction.models import Activity
from gaoxin.chains.models import RegistryCompany
from gaoxin.core.testing import make_user
from gaoxin.zone.models import Department

DAY = datetime.date(2025, 6, 1)


@pytest.fixture
def acts(world):
    invest = Department.objects.create(zone=world.zone, name="招商局", sort_order=1)
    economy = Department.objects.create(zone=world.zone, name="经济发展局", sort_order=2)
    invest.members.add(world.clerk)
    clerk_b = make_user("clerk_b", "clerk")
    economy.members.add(clerk_b)
    company = RegistryCompany.objects.create(uscc="91320000000000002X", name="丁电解液有限公司")
    first = services.activity_record(
        user=clerk_b, date=DAY, kind="outbound", title="长三角走访", companies=[company], department=economy
    )
    return type(
        "A",
        (),
        {"invest": invest, "economy": economy, "clerk_b": clerk_b, "company": company, "first": first},
    )


@pytest.mark.parametrize(
    ("offset", "warned"), [(-31, False), (-30, True), (0, True), (30, True), (31, False)]
)
def test_duplicate_visit_warning_at_the_window_edges(world, acts, offset, warned):
    warnings = services.duplicate_visit_warning([acts.company], DAY + datetime.timedelta(days=offset))
    assert bool(warnings) is warned
    if warned:
        assert "经济发展局" in warnings[0] and "长三角走访" in warnings[0] and "2025-06-01" in warnings[0]


def test_the_window_is_a_setting(world, acts, settings):
    settings.ATTRACTION_DUPLICATE_VISIT_DAYS = 10
    assert services.duplicate_visit_warning([acts.company], DAY + datetime.timedelta(days=11)) == []
    assert services.duplicate_visit_warning([acts.company], DAY + datetime.timedelta(days=10))


def test_an_activity_is_not_its_own_duplicate(world, acts):
    assert services.duplicate_visit_warning([acts.company], DAY, exclude=acts.first) == []


def test_a_second_visit_is_refused_until_confirmed_and_nothing_is_saved(world, acts):
    before = Activity.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.activity_record(
            user=world.clerk, date=DAY, kind="visit", title="来访", companies=[acts.company]
        )
    assert "confirm_duplicates" in exc.value.message_dict
    assert Activity.objects.count() == before
    services.activity_record(
        user=world.clerk,
        date=DAY,
        kind="visit",
        title="来访",
        companies=[acts.company],
        confirm_duplicates=True,
    )
    assert Activity.objects.count() == before + 1


def test_the_add_page_shows_the_warning_and_saves_after_the_tick(client, world, acts):
    client.force_login(world.clerk)
    data = {"date": "2025-06-20", "kind": "visit", "title": "再访", "companies_text": acts.company.uscc}
    response = client.post(reverse("attraction:activity_add"), data)
    assert response.status_code == 400
    assert "长三角走访" in response.content.decode()
    assert Activity.objects.count() == 1
    response = client.post(reverse("attraction:activity_add"), {**data, "confirm_duplicates": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Activity.objects.get(title="再访")
    assert list(made.companies.all()) == [acts.company] and made.department == acts.invest


def test_the_company_timeline_shows_every_department(client, world, acts):
    services.activity_record(
        user=world.clerk,
        date=DAY + datetime.timedelta(days=40),
        kind="call",
        title="电话回访",
        companies=[acts.company],
    )
    client.force_login(world.leader)
    page = client.get(reverse("attraction:company_timeline", args=[acts.company.pk])).content.decode()
    assert page.index("电话回访") < page.index("长三角走访")
    assert "经济发展局" in page and "招商局" in page


def test_a_firm_user_sees_no_activity(client, world, acts):
    client.force_login(world.firm_user)
    assert client.get(reverse("attraction:activity_list")).status_code == 403
    assert client.get(reverse("attraction:activity_detail", args=[acts.first.pk])).status_code == 404


def test_a_clerk_of_another_department_cannot_edit_the_activity(client, world, acts):
    client.force_login(world.clerk)
    assert client.get(reverse("attraction:activity_edit", args=[acts.first.pk])).status_code == 403


def test_api_refuses_a_second_visit_without_confirmation(api, world, acts):
    api.force_authenticate(world.clerk)
    body = {"date": "2025-06-10", "kind": "visit", "title": "API来访", "companies": [acts.company.pk]}
    response = api.post("/api/activities/", body, format="json")
    assert response.status_code == 400 and "confirm_duplicates" in response.json()
    response = api.post("/api/activities/", {**body, "confirm_duplicates": True}, format="json")
    assert response.status_code == 201, response.content
    api.force_authenticate(world.auditor)
    assert api.post("/api/activities/", body, format="json").status_code == 403


def test_activity_list_and_api_queries_are_constant(client, api, world, acts):
    client.force_login(world.clerk)
    api.force_authenticate(world.clerk)
    url = reverse("attraction:activity_list")
    client.get(url)
    api.get("/api/activities/")
    with CaptureQueriesContext(connection) as few_page:
        client.get(url)
    with CaptureQueriesContext(connection) as few_api:
        api.get("/api/activities/")
    for i in range(8):
        services.activity_record(
            user=world.clerk,
            date=DAY + datetime.timedelta(days=100 + i),
            kind="call",
            title=f"电话{i}",
            companies=[acts.company],
            confirm_duplicates=True,
        )
    with CaptureQueriesContext(connection) as many_page:
        client.get(url)
    with CaptureQueriesContext(connection) as many_api:
        api.get("/api/activities/")
    assert (len(many_page), len(many_api)) == (len(few_page), len(few_api))
