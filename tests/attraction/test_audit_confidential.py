"""The audit log keeps a confidential lead's company to its team: the auditor and another
department read the code name and "（保密）" on the audit list, a change, its export and
/api/audit/; the lead's own department and an administrator read everything. The stored
record itself is never altered."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.attraction import services_leads as services
from gaoxin.attraction.models import Lead
from gaoxin.core.audit import redact
from gaoxin.core.models import ObjectChange
from gaoxin.core.testing import make_user, read_xlsx
from gaoxin.zone.models import Department

pytestmark = pytest.mark.django_db

COMPANY = "丁储能科技有限公司"


@pytest.fixture
def secret(world):
    invest = Department.objects.create(zone=world.zone, name="招商局", sort_order=1)
    invest.members.add(world.clerk)
    world.auditor.user_permissions.clear()
    # A lead recorded openly first, made confidential later: its first change is masked too.
    lead = services.lead_create(
        user=world.clerk,
        company_name=COMPANY,
        contact="丁总",
        intended_investment=Decimal("30000"),
        department=invest,
    )
    lead.confidential, lead.code_name = True, "项目D"
    lead.save()
    return lead


def changes_of(lead):
    return ObjectChange.objects.filter(content_type__model="lead", object_id=str(lead.pk))


def test_the_auditor_reads_the_code_name_not_the_company_on_the_audit_list_and_its_export(
    client, world, secret
):
    client.force_login(world.auditor)
    page = client.get(reverse("audit:change_list"), {"q": "项目D"}).content.decode()
    assert "项目D" in page
    page = client.get(reverse("audit:change_list")).content.decode()
    assert COMPANY not in page
    cells = {
        str(c)
        for row in read_xlsx(client.get(reverse("audit:change_list"), {"export": "xlsx"}).content)
        for c in row
    }
    assert "项目D" in cells and COMPANY not in cells


def test_the_auditor_reads_a_change_of_a_confidential_lead_with_its_company_masked(client, world, secret):
    client.force_login(world.auditor)
    for change in changes_of(secret):
        page = client.get(reverse("audit:change_detail", args=[change.pk])).content.decode()
        assert COMPANY not in page and "丁总" not in page
        assert "项目D" in page
    created = changes_of(secret).get(action="create")
    assert created.postchange_data["company_name"] == COMPANY  # the stored record is unchanged


def lead_rows(api):
    return [
        row
        for row in api.get("/api/audit/", {"page_size": 100}).json()["results"]
        if row["object_type"] == "attraction.lead"
    ]


def test_api_audit_masks_the_company_for_the_auditor(api, world, secret):
    api.force_authenticate(world.auditor)
    rows = lead_rows(api)
    assert len(rows) == 2
    for row in rows:
        assert row["object_repr"] == "项目D"
        assert COMPANY not in str(row) and "丁总" not in str(row)
    created = changes_of(secret).get(action="create")
    one = api.get(f"/api/audit/{created.pk}/").json()
    assert COMPANY not in str(one) and one["postchange_data"]["company_name"] == "（保密）"
    assert one["postchange_data"]["intended_investment"] == "30000.0000"  # the rest is whole


def test_an_administrator_reads_the_company(api, world, secret):
    api.force_authenticate(world.admin)
    created = changes_of(secret).get(action="create")
    assert api.get(f"/api/audit/{created.pk}/").json()["postchange_data"]["company_name"] == COMPANY


def test_the_leads_own_department_reads_the_company_another_department_does_not(world, secret):
    economy = Department.objects.create(zone=world.zone, name="经济发展局", sort_order=2)
    economy_clerk = make_user("clerk_economy", "clerk")
    economy.members.add(economy_clerk)
    (own,) = redact(changes_of(secret).filter(action="create"), world.clerk)
    assert own.postchange_data["company_name"] == COMPANY and own.object_repr == COMPANY
    (other,) = redact(changes_of(secret).filter(action="create"), economy_clerk)
    assert other.postchange_data["company_name"] == "（保密）" and other.object_repr == "项目D"
    assert other.postchange_data["contact"] == "（保密）"


def test_a_deleted_confidential_lead_stays_masked(api, world, secret):
    created = changes_of(secret).get(action="create")
    Lead.objects.filter(pk=secret.pk).delete()
    api.force_authenticate(world.auditor)
    assert api.get(f"/api/audit/{created.pk}/").json()["postchange_data"]["company_name"] == "（保密）"


def test_a_lead_that_is_not_confidential_is_shown_whole(api, world):
    lead = services.lead_create(
        user=world.clerk, company_name="戊材料有限公司", intended_investment=Decimal("100")
    )
    api.force_authenticate(world.auditor)
    created = changes_of(lead).get(action="create")
    assert api.get(f"/api/audit/{created.pk}/").json()["postchange_data"]["company_name"] == "戊材料有限公司"


def test_the_auditor_does_not_find_a_confidential_lead_in_the_audit_log_by_its_company(
    client, api, world, secret
):
    client.force_login(world.auditor)
    page = client.get(reverse("audit:change_list"), {"q": "丁储能"}).content.decode()
    assert "项目D" not in page
    api.force_authenticate(world.auditor)
    assert api.get("/api/audit/", {"q": "丁储能"}).json()["count"] == 0
    api.force_authenticate(world.admin)
    assert api.get("/api/audit/", {"q": "丁储能"}).json()["count"] == 1
