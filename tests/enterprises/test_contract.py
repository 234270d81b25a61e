"""The generic contract (tests/contract.py) for the registry of enterprises."""

import datetime

from django.urls import reverse

from gaoxin.core.testing import make_uscc
from gaoxin.enterprises.models import (
    AnnualFacts,
    Contact,
    Enterprise,
    EquityFinancing,
    IPAsset,
    Qualification,
)
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


class TestIPAssetContract(CrudContract, ApiWrite, SharedFilterSet):
    model = IPAsset
    api_name = "ipasset"
    list_url = "enterprises:ipasset_list"
    import_kind = "ip-assets"

    def list_marker(self, obj):
        return obj.number

    def make(self, world, enterprise):
        return IPAsset.objects.create(
            enterprise=enterprise,
            kind="invention",
            title="一种电池隔膜的制备方法",
            number=f"ZL20231{enterprise.pk:07d}.1",
            applied_on=datetime.date(2021, 3, 1),
            granted_on=datetime.date(2023, 5, 9),
        )

    def create_url(self, world):
        return reverse("enterprises:ipasset_add", args=[world.firm_a.pk])

    def create_data(self, world):
        return {
            "kind": "utility",
            "title": "一种固定装置",
            "number": "ZL202420000001.X",
            "status": "granted",
            "applied_on": "2023-06-01",
            "granted_on": "2024-01-10",
            "acquisition": "own",
        }

    def edit_url(self, obj):
        return reverse("enterprises:ipasset_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "kind": obj.kind,
            "title": obj.title + "（改）",
            "number": obj.number,
            "status": obj.status,
            "applied_on": obj.applied_on.isoformat(),
            "granted_on": obj.granted_on.isoformat(),
            "acquisition": "transfer",
        }

    def api_create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "kind": "software",
            "title": "园区管理系统V1.0",
            "number": "2024SR0000001",
            "applied_on": "2024-01-05",
            "granted_on": "2024-02-01",
        }

    def api_edit_data(self, obj):
        return {"high_value": True}


class TestEquityFinancingContract(CrudContract, ApiWrite, SharedFilterSet):
    model = EquityFinancing
    api_name = "equityfinancing"
    list_url = "enterprises:equityfinancing_list"
    import_kind = "equity-financings"

    def list_marker(self, obj):
        return obj.investor

    def make(self, world, enterprise):
        return EquityFinancing.objects.create(
            enterprise=enterprise,
            amount=3000,
            received_on=datetime.date(2024, 6, 30),
            investor=f"长江创投{enterprise.pk}号基金",
            qualified_investor=True,
            round="A轮",
        )

    def create_url(self, world):
        return reverse("enterprises:equityfinancing_add", args=[world.firm_a.pk])

    def create_data(self, world):
        return {"received_on": "2024-03-01", "amount": "1500", "investor": "湖北省高新投", "round": "天使轮"}

    def edit_url(self, obj):
        return reverse("enterprises:equityfinancing_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"received_on": obj.received_on.isoformat(), "amount": "3200", "investor": obj.investor}

    def api_create_data(self, world):
        return {
            "enterprise": world.firm_a.pk,
            "received_on": "2024-09-01",
            "amount": "800",
            "investor": "某基金",
        }

    def api_edit_data(self, obj):
        return {"round": "B轮"}
