"""Defects found in review, each pinned: nothing changes on a refused write, confidential
leads keep their code name, activities stay with one's department, an editor is not the
verifier."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from gaoxin.attraction import services_leads, services_signings
from gaoxin.attraction.models import Lead, Signing
from gaoxin.core.testing import make_user
from gaoxin.zone.models import Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def depts(world):
    invest = Department.objects.create(zone=world.zone, name="招商局")
    economy = Department.objects.create(zone=world.zone, name="经济发展局")
    invest.members.add(world.clerk)
    colleague = make_user("clerk2", "clerk")
    invest.members.add(colleague)
    other = make_user("clerk_b", "clerk")
    economy.members.add(other)
    return {"invest": invest, "economy": economy, "colleague": colleague, "other": other}


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_refused_hand_away_of_a_lead_changes_nothing(world, depts):
    lead = services_leads.lead_create(user=world.clerk, company_name="某铜箔公司")
    response = api(world.clerk).patch(
        f"/api/leads/{lead.pk}/",
        {"owner": depts["other"].pk, "department": depts["economy"].pk},
        format="json",
    )
    assert response.status_code == 403
    lead.refresh_from_db()
    assert (lead.owner, lead.department) == (world.clerk, depts["invest"])


def test_a_confidential_lead_cannot_lose_its_code_name(world, depts):
    lead = services_leads.lead_create(
        user=world.clerk, company_name="某铜箔公司", confidential=True, code_name="铜箔A"
    )
    response = api(world.clerk).patch(f"/api/leads/{lead.pk}/", {"code_name": ""}, format="json")
    assert response.status_code == 400
    lead.refresh_from_db()
    assert lead.code_name == "铜箔A"
    Lead.objects.filter(pk=lead.pk).update(code_name="")  # even if it happened another way
    seen = Lead.objects.visible_to(depts["other"]).get(pk=lead.pk)
    assert seen.hides_company and seen.shown_name != "某铜箔公司"


def test_a_clerk_cannot_record_an_activity_for_another_department(world, depts):
    response = api(world.clerk).post(
        "/api/activities/",
        {"date": "2025-09-10", "kind": "outbound", "title": "赴深圳", "department": depts["economy"].pk},
        format="json",
    )
    assert response.status_code == 403


def test_whoever_changed_the_figures_cannot_verify_them(world, depts):
    signing = services_signings.signing_report(
        signing=Signing(
            contract_date=datetime.date(2025, 9, 1),
            project_name="示例项目",
            investor="示例公司",
            amount=Decimal("20000"),
            department=depts["invest"],
        ),
        user=world.clerk,
    )
    signing.amount = Decimal("900000")
    services_signings.signing_update(signing=signing, user=depts["colleague"])
    with pytest.raises(ValidationError):
        services_signings.signing_verify(
            signing=signing, user=depts["colleague"], verdict="verify", opinion="属实"
        )
    signing.refresh_from_db()
    assert signing.status == Signing.Status.REPORTED


def test_a_contract_is_downloaded_through_its_signing_and_never_by_a_firm(
    client, world, depts, settings, tmp_path
):
    from django.core.files.base import ContentFile
    from django.urls import reverse

    settings.MEDIA_ROOT = tmp_path
    signing = Signing.objects.create(
        contract_date=datetime.date(2025, 9, 1),
        project_name="示例项目",
        investor="示例公司",
        amount=Decimal("20000"),
        department=depts["invest"],
        reported_by=world.clerk,
    )
    signing.contract_file.save("合同.pdf", ContentFile(b"%PDF-1.4 demo"))
    url = reverse("attraction:signing_contract", args=[signing.pk])
    client.force_login(world.clerk)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    client.force_login(world.firm_user)
    assert client.get(url).status_code == 403


def test_leaving_shelved_for_an_earlier_stage_than_before_needs_a_reason(world, depts):
    from django.core.exceptions import ValidationError

    lead = services_leads.lead_create(
        user=world.clerk, company_name="某铜箔公司", stage_since=datetime.date(2025, 9, 1)
    )
    day = datetime.date(2025, 9, 2)
    for stage in ("contact", "inspection", "negotiation"):
        services_leads.lead_move(lead=lead, to_stage=stage, date=day, reason="", user=world.clerk)
    services_leads.lead_move(
        lead=lead, to_stage="shelved", date=day, reason="企业资金链紧张", user=world.clerk
    )
    with pytest.raises(ValidationError):
        services_leads.lead_move(lead=lead, to_stage="clue", date=day, reason="", user=world.clerk)
    lead.refresh_from_db()
    assert lead.stage == "shelved"
    services_leads.lead_move(lead=lead, to_stage="negotiation", date=day, reason="", user=world.clerk)
    lead.refresh_from_db()
    assert lead.stage == "negotiation"


def test_the_lead_page_screens_the_lead_against_the_345_standard(client, world, depts):
    from django.urls import reverse

    from gaoxin.attraction.models import ScreeningStandard

    world.zone.reference_date = datetime.date(2025, 9, 30)
    world.zone.save()
    ScreeningStandard.objects.create(
        name="示例标准",
        valid_from=2025,
        min_intensity=Decimal("300"),
        min_tax_per_mu=Decimal("25"),
        relevance_required=False,
        is_example=True,
    )
    lead = services_leads.lead_create(
        user=world.clerk,
        company_name="某铜箔公司",
        intended_investment=Decimal("30000"),
        intended_land_mu=Decimal("100"),
    )
    client.force_login(world.clerk)
    page = client.get(reverse("attraction:lead_detail", args=[lead.pk])).content.decode()
    assert "示例标准" in page and "300" in page and "✓" in page
