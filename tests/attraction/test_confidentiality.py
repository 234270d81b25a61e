"""A lead's confidentiality is its queryset's own ``visible_to``: every list, search, export,
API, map and timeline follows it, and an enterprise user sees no lead at all."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.attraction import services_leads as services
from gaoxin.attraction.models import Activity, Lead
from gaoxin.chains.models import RegistryCompany
from gaoxin.core.testing import make_user, read_xlsx
from gaoxin.zone.models import Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(world):
    invest = Department.objects.create(zone=world.zone, name="招商局", sort_order=1)
    economy = Department.objects.create(zone=world.zone, name="经济发展局", sort_order=2)
    invest.members.add(world.clerk)
    economy_clerk = make_user("clerk_economy", "clerk")
    economy.members.add(economy_clerk)
    company = RegistryCompany.objects.create(uscc="91110000000000002X", name="丁储能科技有限公司")
    lead = services.lead_create(
        user=world.clerk,
        company_name=company.name,
        company=company,
        confidential=True,
        code_name="项目D",
        contact="丁总",
        intended_investment=Decimal("30000"),
        department=invest,
    )
    return type("S", (), {"economy_clerk": economy_clerk, "lead": lead, "company": company})


def test_a_clerk_of_the_economy_bureau_does_not_find_a_confidential_lead_of_the_investment_bureau_by_its_company(
    client, api, secret
):
    client.force_login(secret.economy_clerk)
    assert "项目D" not in client.get(reverse("attraction:lead_list"), {"q": "丁储能"}).content.decode()
    assert "项目D" in client.get(reverse("attraction:lead_list"), {"q": "项目D"}).content.decode()
    api.force_authenticate(secret.economy_clerk)
    assert api.get("/api/leads/", {"q": "丁储能"}).json()["count"] == 0
    assert api.get("/api/leads/", {"q": "丁总"}).json()["count"] == 0
    assert api.get("/api/leads/", {"q": "项目D"}).json()["count"] == 1


def test_its_own_department_finds_it_by_its_company(api, world, secret):
    api.force_authenticate(world.clerk)
    found = api.get("/api/leads/", {"q": "丁储能"}).json()
    assert found["count"] == 1 and found["results"][0]["company_name"] == "丁储能科技有限公司"


def test_the_export_of_another_department_shows_the_code_name(client, secret):
    client.force_login(secret.economy_clerk)
    response = client.get(reverse("attraction:lead_list"), {"export": "xlsx"})
    cells = {str(cell) for row in read_xlsx(response.content) for cell in row}
    assert "项目D" in cells and "丁储能科技有限公司" not in cells


def test_the_company_timeline_of_another_department_leaves_the_confidential_lead_out(client, world, secret):
    url = reverse("attraction:company_timeline", args=[secret.company.pk])
    client.force_login(secret.economy_clerk)
    assert "项目D" not in client.get(url).content.decode()
    client.force_login(world.clerk)
    assert secret.lead.code in client.get(url).content.decode()


def test_an_enterprise_user_gets_404_on_a_lead_and_an_activity(client, api, world, secret):
    activity = services.activity_record(
        user=world.clerk, date=datetime.date(2025, 9, 1), kind="visit", title="来访", leads=[secret.lead]
    )
    assert not Lead.objects.visible_to(world.firm_user).exists()
    assert not Activity.objects.visible_to(world.firm_user).exists()
    client.force_login(world.firm_user)
    assert client.get(reverse("attraction:lead_detail", args=[secret.lead.pk])).status_code == 404
    assert client.get(reverse("attraction:activity_detail", args=[activity.pk])).status_code == 404
    api.force_authenticate(world.firm_user)
    assert api.get(f"/api/leads/{secret.lead.pk}/").status_code == 404
    assert api.patch(f"/api/leads/{secret.lead.pk}/", {"note": "x"}, format="json").status_code == 404


def test_a_user_without_role_sees_no_lead(world, secret):
    assert not Lead.objects.visible_to(world.outsider).exists()
