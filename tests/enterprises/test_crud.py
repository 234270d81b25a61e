"""The generic CRUD contract (core.testing.CrudContract) for every registry model."""

import datetime

from django.urls import reverse

from gaoxin.core.testing import CrudContract, facts, make_enterprise, make_uscc, qualification
from gaoxin.enterprises.models import AnnualFacts, Contact, Enterprise, Qualification


class TestEnterpriseCrud(CrudContract):
    model = Enterprise
    list_url = "enterprises:enterprise_list"
    import_kind = "enterprises"

    def make(self, world, enterprise):
        return enterprise

    def create_url(self, world):
        return reverse("enterprises:enterprise_add")

    def create_data(self, world):
        return {
            "name": "新建测试有限公司",
            "uscc": make_uscc(50),
            "park": world.park.pk,
            "industry": "C3841",
            "registered_capital": "100",
            "scale": "small",
        }

    def edit_url(self, obj):
        return reverse("enterprises:enterprise_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"name": obj.name + "（改）", "uscc": obj.uscc, "industry": "3841"}


class TestQualificationCrud(CrudContract):
    model = Qualification
    list_url = "enterprises:qualification_list"
    import_kind = "qualifications"

    def list_marker(self, obj):
        return obj.certificate_no

    def make(self, world, enterprise):
        return qualification(
            enterprise, "high_tech", datetime.date(2023, 12, 1), certificate_no=f"GR2023{enterprise.pk:06d}"
        )

    def create_url(self, world):
        return reverse("enterprises:qualification_add", args=[world.firm_a.pk])

    def create_data(self, world):
        from gaoxin.enterprises.models import QualificationType

        return {
            "type": QualificationType.objects.get(code="tech_sme").pk,
            "granted_on": "2024-05-01",
            "level": "national",
        }

    def edit_url(self, obj):
        return reverse("enterprises:qualification_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "type": obj.type_id,
            "granted_on": obj.granted_on.isoformat(),
            "certificate_no": "GR-NEW",
            "level": "national",
        }


class TestAnnualFactsCrud(CrudContract):
    model = AnnualFacts
    list_url = "enterprises:annualfacts_list"
    import_kind = "annual-facts"

    def list_marker(self, obj):
        return obj.enterprise.name

    def make(self, world, enterprise):
        return facts(enterprise, 2024, tax_paid=10)

    def create_url(self, world):
        return reverse("enterprises:annualfacts_add", args=[world.firm_a.pk])

    def create_data(self, world):
        return {"year": 2023, "operating_revenue": "1234.5", "staff_total": 10}

    def edit_url(self, obj):
        return reverse("enterprises:annualfacts_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"year": obj.year, "operating_revenue": "999", "tax_paid": "11"}


class TestContactCrud(CrudContract):
    model = Contact
    list_url = "enterprises:enterprise_list"

    def list_marker(self, obj):
        return obj.enterprise.name

    def make(self, world, enterprise):
        return Contact.objects.create(enterprise=enterprise, name="李联络", phone="0722-1234567")

    def create_url(self, world):
        return reverse("enterprises:contact_add", args=[world.firm_a.pk])

    def create_data(self, world):
        return {"name": "王经理", "title": "总经理", "phone": "13800000000", "is_primary": "on"}

    def edit_url(self, obj):
        return reverse("enterprises:contact_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"name": obj.name, "phone": "0722-7654321"}


def test_firm_b_is_404_for_every_page_of_firm_a_user(client, world):
    """An enterprise user of firm A gets 404 on every page of firm B, whatever the method."""
    b = world.firm_b
    item = qualification(b, "high_tech", datetime.date(2023, 12, 1))
    year = facts(b, 2024)
    contact = Contact.objects.create(enterprise=b, name="乙联络")
    urls = [
        reverse("enterprises:enterprise_detail", args=[b.pk]),
        reverse("enterprises:enterprise_edit", args=[b.pk]),
        reverse("enterprises:enterprise_status", args=[b.pk]),
        reverse("enterprises:enterprise_delete", args=[b.pk]),
        reverse("enterprises:enterprise_qualifications", args=[b.pk]),
        reverse("enterprises:enterprise_facts", args=[b.pk]),
        reverse("enterprises:enterprise_history", args=[b.pk]),
        reverse("enterprises:qualification_add", args=[b.pk]),
        reverse("enterprises:annualfacts_add", args=[b.pk]),
        reverse("enterprises:contact_add", args=[b.pk]),
        reverse("enterprises:qualification_edit", args=[item.pk]),
        reverse("enterprises:qualification_delete", args=[item.pk]),
        reverse("enterprises:annualfacts_edit", args=[year.pk]),
        reverse("enterprises:annualfacts_delete", args=[year.pk]),
        reverse("enterprises:contact_edit", args=[contact.pk]),
        reverse("enterprises:contact_delete", args=[contact.pk]),
    ]
    client.force_login(world.firm_user)
    before = (
        list(Enterprise.objects.values()),
        list(Qualification.objects.values()),
        list(AnnualFacts.objects.values()),
    )
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert (
            client.post(url, {"name": "x", "status": "deregistered", "reason": "x", "year": 2020}).status_code
            == 404
        ), url
    assert before == (
        list(Enterprise.objects.values()),
        list(Qualification.objects.values()),
        list(AnnualFacts.objects.values()),
    )


def test_firm_a_user_reads_own_enterprise_but_cannot_edit_it(client, world):
    client.force_login(world.firm_user)
    a = world.firm_a
    assert client.get(reverse("enterprises:enterprise_detail", args=[a.pk])).status_code == 200
    assert client.get(reverse("enterprises:enterprise_edit", args=[a.pk])).status_code == 403
    assert client.get(reverse("enterprises:enterprise_history", args=[a.pk])).status_code == 403
    assert client.get(reverse("enterprises:enterprise_list")).status_code == 200  # only their firm
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("enterprises:enterprise_detail", args=[a.pk])


def test_enterprise_list_shows_only_own_firm_to_enterprise_user(client, world):
    client.force_login(world.firm_user)
    content = client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert world.firm_a.name in content
    assert world.firm_b.name not in content


def test_make_enterprise_helper_decodes_region(world):
    firm = make_enterprise("丙企业", 3)
    assert firm.region_id == "421303"
