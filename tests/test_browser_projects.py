"""The key-project walk of the issue in a real browser (Debian chromium via Playwright):
``leader`` opens their projects, sees the red one and why, opens it, sees the node that
slipped against its baseline and the overdue problem, downloads the scheduling pack;
``clerk`` records progress, closes the node and answers the problem; ``leader`` closes the
problem; the light turns green and the light history shows when."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.projects import services
from gaoxin.projects.models import (
    InvestmentPlan,
    Milestone,
    Problem,
    ProblemCategory,
    Project,
    ScheduleTemplate,
)
from tests.browser import chromium, own_live_server
from tests.browser import sign_in as signed_in
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = datetime.date
AS_OF = D(2025, 9, 30)


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def scene(live_server):
    """A project of 经济发展局 (clerk's department), 包保 by the leader, red on 30 September
    2025: investment below half of 序时, 纳统 open long after 开工, an overdue problem."""
    from gaoxin.zone.models import Department, Leader

    world = build_world()
    world.zone.reference_date = AS_OF
    world.zone.save()
    economy = Department.objects.create(zone=world.zone, name="经济发展局")
    economy.members.add(world.clerk)
    leader = Leader.objects.create(zone=world.zone, name="王强", title="管委会副主任", user=world.leader)
    project = Project.objects.create(
        code="XM-100",
        name="晶星新材料项目",
        park=world.park,
        enterprise=world.firm_a,
        stage="construction",
        total_investment=Decimal("20000"),
        planned_start=D(2025, 7, 1),
        leader=leader,
        lead_department=economy,
    )
    services.schedule_create(
        project=project,
        template=ScheduleTemplate.objects.get(code="industrial"),
        target=D(2026, 6, 30),
        user=world.clerk,
    )
    services.baseline_approve(project=project, user=world.clerk)
    for node in Milestone.objects.filter(project=project, baseline_date__lte=D(2025, 7, 5)):
        node.actual_date = node.baseline_date
        node.save()
    InvestmentPlan.objects.create(project=project, year=2025, amount=Decimal("12000"))
    services.investment_record(
        project=project, year=2025, month=8, cumulative=Decimal("3000"), user=world.clerk
    )
    Problem.objects.create(
        project=project,
        category=ProblemCategory.objects.get(code="utilities"),
        description="10kV专线未接入",
        raised_by=world.leader,
        raised_on=D(2025, 9, 1),
        department=economy,
        deadline=D(2025, 9, 20),
    )
    services.recompute_lights()
    project.refresh_from_db()
    assert project.light == "red"
    return project


@pytest.fixture
def browser(scene):
    with chromium() as browser:
        yield browser


def sign_in(browser, live_server, username):
    return signed_in(browser, live_server, username, accept_downloads=True)


def test_leader_sees_why_a_project_is_red_and_clerk_turns_it_green(browser, live_server, scene):
    url = live_server.url
    leader = sign_in(browser, live_server, "leader")
    leader.goto(url + reverse("projects:my_projects"))
    leader.click("text=晶星新材料项目")
    reasons = leader.inner_text("[data-testid=reasons]")
    assert "红灯" in reasons
    assert "2025-07-05开工，超过2个月仍未纳统。" in reasons
    assert "2025年1–8月累计完成投资3,000万元" in reasons  # 1–9月 is due on 5 October
    assert "完成序时进度的37.5%" in reasons  # 3,000 of 8,000 (12,000 × 8/12)
    problems = leader.inner_text("[data-testid=problems]")
    assert "10kV专线未接入" in problems and "逾期10天" in problems
    leader.click("text=倒排工期")
    assert leader.inner_text("[data-testid=node-statistics] [data-testid=lag]") == "较基线滞后57天"
    leader.goto(url + reverse("projects:pack"))
    with leader.expect_download() as download:
        leader.click("[data-testid=docx]")
    assert download.value.suggested_filename.endswith(".docx")

    clerk = sign_in(browser, live_server, "clerk")
    clerk.goto(url + reverse("projects:project_investment", args=[scene.pk]))
    clerk.fill("#id_year", "2025")
    # 1–9月 is not due before 5 October: the clerk corrects 1–8月 to 序时 (12,000 × 8/12)
    clerk.select_option("#id_month", "8")
    clerk.fill("#id_cumulative", "8000")
    clerk.click("[data-testid=investment-form] button[type=submit]")
    clerk.goto(url + reverse("projects:project_schedule", args=[scene.pk]))
    clerk.fill("[data-testid=node-statistics] input[name$=actual_date]", "2025-09-28")
    clerk.click("[data-testid=node-statistics] button[type=submit]")
    assert "2025-09-28" in clerk.inner_text("[data-testid=node-statistics]")
    problem = Problem.objects.get(project=scene)
    clerk.goto(url + reverse("projects:problem_detail", args=[problem.pk]))
    clerk.fill("textarea[name=feedback]", "已协调供电公司，9月28日完成接入")
    clerk.click("[data-testid=to-answered]")

    leader.goto(url + reverse("projects:problem_detail", args=[problem.pk]))
    leader.click("[data-testid=to-closed]")
    leader.goto(url + reverse("projects:project_detail", args=[scene.pk]))
    assert "绿灯" in leader.inner_text("[data-testid=reasons]")
    leader.click("text=亮灯记录")
    history = leader.inner_text("[data-testid=light-history]")
    assert "红灯" in history and "绿灯" in history and "2025-09-30" in history
