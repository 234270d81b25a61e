"""The one protocol of object rights (``core.permissions``): for every rule-bearing model,
``may_change(user, obj)`` and ``editable_by(user)`` say the same thing for every persona."""

import ast
import datetime
import pathlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

import gaoxin
from gaoxin.attraction.models import Activity, Lead, Signing
from gaoxin.core.permissions import may_change, require, require_change
from gaoxin.core.testing import make_user
from gaoxin.projects.models import Problem, ProblemCategory, Project
from gaoxin.zone.models import Department
from gaoxin.zone.services import department_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(world):
    economy = Department.objects.create(zone=world.zone, name="经济发展局", sort_order=1)
    invest = Department.objects.create(zone=world.zone, name="招商局", sort_order=2)
    economy.members.add(world.clerk)
    other = make_user("clerk_invest", "clerk")
    invest.members.add(other)
    day = datetime.date(2025, 9, 1)
    money = Decimal(1000)
    project = Project.objects.create(
        code="XM-9", name="示例项目", lead_department=economy, total_investment=money
    )
    category = ProblemCategory.objects.create(name="要素保障")
    problem = {
        "project": project,
        "category": category,
        "department": invest,
        "raised_on": day,
        "deadline": day,
    }
    records = [
        project,
        Project.objects.create(code="XM-10", name="另一项目", lead_department=invest, total_investment=money),
        Problem.objects.create(description="用地", raised_by=world.clerk, **problem),
        Problem.objects.create(description="用电", raised_by=other, **problem),
        Lead.objects.create(code="XS-1", company_name="甲", stage_since=day, department=economy),
        Lead.objects.create(
            code="XS-2", company_name="乙", stage_since=day, department=invest, owner=world.clerk
        ),
        Lead.objects.create(code="XS-3", company_name="丙", stage_since=day, department=invest),
        Activity.objects.create(date=day, kind="visit", title="来访", department=economy),
        Activity.objects.create(date=day, kind="call", title="电话", department=invest),
        Signing.objects.create(
            contract_date=day, project_name="签约一", investor="甲", amount=Decimal(100), department=invest
        ),
        Signing.objects.create(
            contract_date=day,
            project_name="签约二",
            investor="乙",
            amount=Decimal(100),
            reported_by=world.clerk,
        ),
    ]
    return type("O", (), {"other": other, "records": records})


def test_may_change_and_editable_by_agree_for_every_persona_and_record(world, office):
    for user in (world.clerk, office.other, world.leader, world.auditor, world.admin, world.firm_user):
        for obj in office.records:
            editable = type(obj).objects.editable_by(user).filter(pk=obj.pk).exists()
            assert may_change(user, obj) == editable, (user.username, type(obj).__name__, obj.pk)


def test_a_clerk_changes_the_records_of_their_department_and_their_own_only(world, office):
    """Their department's project, lead and activity; the problem they raised; the lead they
    own in another department; the signing without department they reported."""
    allowed = [i for i, obj in enumerate(office.records) if may_change(world.clerk, obj)]
    assert allowed == [0, 2, 4, 5, 7, 10]


def test_a_refusal_says_who_may_change_the_record(world, office):
    with pytest.raises(PermissionDenied, match="招商局"):
        require_change(world.clerk, office.records[6])  # a lead of 招商局, not the clerk's
    with pytest.raises(PermissionDenied, match="不行"):
        require(False, "不行")


def test_department_membership_is_read_once_per_request_user(world, office, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert department_ids(world.clerk) == department_ids(world.clerk) != set()


def test_chains_imports_nothing_of_attraction():
    """zone ← enterprises ← chains ← attraction: the map asks ``chains.leads`` instead."""
    root = pathlib.Path(gaoxin.__file__).parent / "chains"
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            assert not any("attraction" in name for name in names), path
