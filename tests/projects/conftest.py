"""Fixtures of the key-project tests: two departments with their staff, a leader, and one
project of each department (firm A's led by 经济发展局, firm B's by 招商局)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from gaoxin.core.testing import make_user
from gaoxin.projects.models import Project, Stage
from gaoxin.zone.models import Department, Leader


@pytest.fixture
def pw(world):
    economy = Department.objects.create(zone=world.zone, name="经济发展局", short_name="经发局", sort_order=1)
    invest = Department.objects.create(zone=world.zone, name="招商局", sort_order=2)
    economy.members.add(world.clerk)
    clerk_b = make_user("clerk_b", "clerk")
    invest.members.add(clerk_b)
    leader = Leader.objects.create(zone=world.zone, name="王强", title="管委会副主任", user=world.leader)
    project = Project.objects.create(
        code="XM-001",
        name="甲企业新材料项目",
        park=world.park,
        lead_industry=world.lead,
        enterprise=world.firm_a,
        nature=Project.Nature.NEW,
        stage=Stage.CONSTRUCTION,
        total_investment=Decimal("12000"),
        land_area_mu=Decimal("80"),
        planned_start=datetime.date(2025, 3, 1),
        planned_completion=datetime.date(2026, 6, 30),
        leader=leader,
        lead_department=economy,
    )
    project_b = Project.objects.create(
        code="XM-002",
        name="乙企业扩建项目",
        park=world.park2,
        enterprise=world.firm_b,
        nature=Project.Nature.EXPANSION,
        stage=Stage.SIGNED,
        total_investment=Decimal("5000"),
        lead_department=invest,
    )
    return SimpleNamespace(
        economy=economy, invest=invest, clerk_b=clerk_b, leader=leader, project=project, project_b=project_b
    )
