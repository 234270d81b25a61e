"""The generic contract (tests/contract.py) for the registry of enterprises."""

import datetime

from django.urls import reverse

from gaoxin.core.testing import make_uscc
from gaoxin.enterprises.models import AnnualFacts, Contact, Enterprise, Qualification
from tests.contract import ApiWrite, CrudContract, DetailPage, SharedFilterSet
from tests.factories import facts, qualification


class TestEnterpriseContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = Enterprise
    api_name = "enterprise"
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

    def detail_url(self, obj):
        return reverse("enterprises:enterprise_detail", args=[obj.pk])

    def api_create_data(self, world):
        return {"name": "接口新建有限公司", "uscc": make_uscc(51), "industry": "3841"}

    def api_edit_data(self, obj):
        return {"name": obj.name + "（接口改）"}


class TestQualificationContract(CrudContract, ApiWrite, SharedFilterSet):
    model = Qualification
    api_name = "qualification"
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

    def api_create_data(self, world):
        return {"enterprise": world.firm_a.pk, "type": "tech_sme", "granted_on": "2024-05-01"}

    def api_edit_data(self, obj):
        return {"certificate_no": "GR-API"}


class TestAnnualFactsContract(CrudContract, ApiWrite, SharedFilterSet):
    model = AnnualFacts
    api_name = "annualfacts"
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

    def api_create_data(self, world):
        return {"enterprise": world.firm_a.pk, "year": 2022, "operating_revenue": "88"}

    def api_edit_data(self, obj):
        return {"tax_paid": "12"}


class TestContactContract(CrudContract):
    """Contacts have no list of their own: they show on the enterprise list and page."""

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
