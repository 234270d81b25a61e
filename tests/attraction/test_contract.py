"""The generic contract (tests/contract.py) for 招商: leads, activities, signings and the
screening standards. The clerk is a member of 招商局; 招商 records are zone data (not owned
by a firm), so an enterprise user is refused rather than 404'd."""

import datetime
from decimal import Decimal

from django.urls import reverse

from gaoxin.attraction import services_leads, services_signings
from gaoxin.attraction.models import Activity, Lead, ScreeningStandard, Signing, SigningFunding
from gaoxin.zone.models import Department
from tests.contract import (
    ApiRead,
    ApiWrite,
    CreatePage,
    DetailPage,
    EditPage,
    ImportRoundTrip,
    ListPage,
    SharedFilterSet,
)
from tests.factories import signing_values

D = datetime.date


def invest_department(world) -> Department:
    department, _created = Department.objects.get_or_create(zone=world.zone, name="招商局")
    department.members.add(world.clerk)
    return department


class TestLeadContract(ListPage, DetailPage, CreatePage, EditPage, ApiRead, SharedFilterSet):
    model = Lead
    list_url = "attraction:lead_list"
    api_name = "lead"
    hidden_from_outsiders = True  # staff of a department only

    def make(self, world, enterprise):
        return services_leads.lead_create(
            user=world.clerk,
            company_name=f"{enterprise.name}关联锂电公司",
            intended_investment=Decimal("50000"),
            stage_since=D(2025, 9, 1),
            department=invest_department(world),
        )

    def list_marker(self, obj):
        return obj.company_name

    def detail_url(self, obj):
        return reverse("attraction:lead_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("attraction:lead_add")

    def create_data(self, world):
        return {
            "company_name": "丙铜箔科技有限公司",
            "owner": world.clerk.pk,
            "department": invest_department(world).pk,
        }

    def edit_url(self, obj):
        return reverse("attraction:lead_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "company_name": obj.company_name,
            "intended_investment": "60000",
            "owner": obj.owner_id,
            "department": obj.department_id,
        }


class TestActivityContract(ListPage, DetailPage, CreatePage, ApiRead, SharedFilterSet):
    model = Activity
    list_url = "attraction:activity_list"
    api_name = "activity"
    hidden_from_outsiders = True  # staff of a department only

    def make(self, world, enterprise):
        return services_leads.activity_record(
            user=world.clerk,
            date=D(2025, 9, 5),
            kind="outbound",
            title=f"长三角走访{enterprise.pk}",
            companies=[],
            department=invest_department(world),
        )

    def list_marker(self, obj):
        return obj.title

    def detail_url(self, obj):
        return reverse("attraction:activity_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("attraction:activity_add")

    def create_data(self, world):
        return {
            "date": "2025-09-08",
            "kind": "outbound",
            "title": "珠三角走访",
            "department": invest_department(world).pk,
            "participants": [world.clerk.pk],
        }


class TestSigningContract(ListPage, DetailPage, CreatePage, ApiRead, SharedFilterSet):
    model = Signing
    hidden_from_outsiders = True  # staff-only queryset: a user without role finds nothing
    list_url = "attraction:signing_list"
    api_name = "signing"

    def values(self, world) -> dict:
        return signing_values(world, invest_department(world))

    def make(self, world, enterprise):
        values = {**self.values(world), "project_name": f"{enterprise.name}电解液项目"}
        return services_signings.signing_report(signing=Signing(**values), user=world.clerk)

    def list_marker(self, obj):
        return obj.project_name

    def detail_url(self, obj):
        return reverse("attraction:signing_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("attraction:signing_add")

    def create_data(self, world):
        data = {name: getattr(value, "pk", value) for name, value in self.values(world).items()}
        return {name: value.isoformat() if isinstance(value, D) else value for name, value in data.items()}


class TestScreeningStandardContract(ListPage, CreatePage, EditPage, ApiRead, SharedFilterSet):
    """The 345 standards are set by an administrator; clerks read them."""

    model = ScreeningStandard
    writer = "admin"
    non_writer = "clerk"
    list_url = "attraction:standard_list"
    api_name = "screeningstandard"

    def make(self, world, enterprise):
        return ScreeningStandard.objects.create(
            name=f"标准{enterprise.pk}",
            lead_industry=world.lead,
            valid_from=2024,
            min_intensity=Decimal("300"),
        )

    def list_marker(self, obj):
        return obj.name

    def create_url(self, world):
        return reverse("attraction:standard_add")

    def create_data(self, world):
        return {
            "name": "新能源新材料标准",
            "lead_industry": world.lead.pk,
            "valid_from": 2025,
            "min_intensity": "350",
        }

    def edit_url(self, obj):
        return reverse("attraction:standard_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "name": obj.name,
            "lead_industry": obj.lead_industry_id,
            "valid_from": obj.valid_from,
            "min_intensity": "400",
        }


class TestSigningFundingContract(
    ListPage, DetailPage, CreatePage, EditPage, ApiWrite, ImportRoundTrip, SharedFilterSet
):
    """Funds in place by month: staff only like their signing (the detail is the signing's
    "Funds in place" tab); the clerk's department reported the signing and records its funds."""

    model = SigningFunding
    hidden_from_outsiders = True
    list_url = "attraction:signingfunding_list"
    api_name = "signingfunding"
    import_kind = "signing_funds"

    def signing(self, world, name="电解液项目"):
        values = {**signing_values(world, invest_department(world)), "project_name": name}
        return services_signings.signing_report(signing=Signing(**values), user=world.clerk)

    def make(self, world, enterprise):
        signing = self.signing(world, f"{enterprise.name}电解液项目")
        return SigningFunding.objects.create(
            signing=signing,
            year=2025,
            month=4,
            domestic_outside_province=Decimal("3000"),
            note=f"n{enterprise.pk}",
        )

    def list_marker(self, obj):
        return obj.signing.project_name

    def detail_url(self, obj):
        return reverse("attraction:signing_funds", args=[obj.signing_id])

    def create_url(self, world):
        return reverse("attraction:signingfunding_add", args=[self.signing(world).pk])

    def create_data(self, world):
        return {"year": 2025, "month": 5, "domestic_outside_province": "2500", "foreign_usd": "0", "note": ""}

    def edit_url(self, obj):
        return reverse("attraction:signingfunding_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"year": obj.year, "month": obj.month, "domestic_outside_province": "3200", "foreign_usd": "0"}

    def api_create_data(self, world):
        return {
            "signing": self.signing(world).pk,
            "year": 2025,
            "month": 6,
            "foreign_usd": "100",
            "usd_rate": "7.1884",
        }

    def api_edit_data(self, obj):
        return {"domestic_outside_province": "3100"}
