"""Small factories of domain records, demo-free, for every app's tests."""

import datetime
from decimal import Decimal

from gaoxin.core.testing import make_uscc
from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification, QualificationType
from gaoxin.projects.models import Project
from gaoxin.zone.models import Department


def make_enterprise(name: str, seed: int, park=None, **fields):
    fields.setdefault("industry_id", "3841")
    return Enterprise.objects.create(name=name, uscc=make_uscc(seed), park=park, **fields)


def qualification(enterprise, code: str, granted: datetime.date, expires=None, **fields):
    kind = QualificationType.objects.get(code=code)
    item = Qualification(enterprise=enterprise, type=kind, granted_on=granted, expires_on=expires, **fields)
    item.full_clean()
    item.save()
    return item


def facts(enterprise, year: int, **values):
    values.setdefault("operating_revenue", Decimal("1000"))
    return AnnualFacts.objects.create(enterprise=enterprise, year=year, **values)


def clerk_department(world):
    """The clerk's department (经济发展局): the lead department of the projects it may change."""
    department, _created = Department.objects.get_or_create(zone=world.zone, name="经济发展局")
    department.members.add(world.clerk)
    return department


def make_project(world, enterprise, **fields):
    """A project of ``enterprise`` led by the clerk's department."""
    count = Project.objects.count()
    fields.setdefault("park", world.park)
    fields.setdefault("total_investment", Decimal("8000"))
    return Project.objects.create(
        code=f"T-{enterprise.pk}-{count}",
        name=f"{enterprise.name}项目{count}",
        enterprise=enterprise,
        lead_department=clerk_department(world),
        **fields,
    )


def signing_values(world, department) -> dict:
    """The fields of a typical 签约 report (12 亿, 200 亩, 600 万元/亩): valid as reported."""
    return {
        "contract_date": datetime.date(2025, 3, 15),
        "project_name": "年产5万吨电解液项目",
        "investor": "某新材料股份有限公司",
        "amount": Decimal("120000"),
        "land_mu": Decimal("200"),
        "promised_intensity": Decimal("600"),
        "promised_tax_per_mu": Decimal("30"),
        "jobs": 300,
        "lead_industry": world.lead,
        "department": department,
        "expected_start": datetime.date(2025, 6, 1),
        "expected_production": datetime.date(2026, 12, 31),
    }
