"""待办 (my work): each group for the right persona and for no one else, exact due dates and
day counts at the edges, the home block, the page, the API and the sidebar's counts."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from gaoxin.attraction import services_leads, services_signings
from gaoxin.attraction.models import Signing
from gaoxin.core import todo
from gaoxin.core.models import Job
from gaoxin.core.testing import make_user
from gaoxin.enterprises.models import EnterpriseUser
from gaoxin.indicators.models import DataSet, Submission
from gaoxin.projects.models import Problem, ProblemCategory
from gaoxin.zone.models import Department, Zone
from tests.factories import make_enterprise, make_project, qualification, signing_values

D = datetime.date
TODAY = D(2025, 9, 30)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def scene(world):
    Zone.objects.filter(pk=world.zone.pk).update(reference_date=TODAY)
    economy = Department.objects.create(zone=world.zone, name="经济发展局", sort_order=1)
    building = Department.objects.create(zone=world.zone, name="建设局", sort_order=2)
    economy.members.add(world.clerk)
    firm_b_user = make_user("firm_b", "enterprise")
    EnterpriseUser.objects.create(user=firm_b_user, enterprise=world.firm_b)
    return type("S", (), {"economy": economy, "building": building, "firm_b_user": firm_b_user})


def groups(user, as_of=TODAY, limit=5) -> dict[str, todo.TodoGroup]:
    return {g.kind: g for g in todo.for_user(user, as_of, limit=limit)}


# --- the registry -----------------------------------------------------------------------------


def test_the_day_is_the_zones_evaluation_date(scene):
    assert todo.evaluation_day() == TODAY


def test_days_late_due_today_is_not_late_due_yesterday_is_one_day():
    assert todo.days_late(D(2025, 9, 30), TODAY) == 0
    assert todo.days_late(D(2025, 9, 29), TODAY) == 1
    assert todo.days_late(D(2025, 10, 1), TODAY) == 0
    assert todo.days_late(None, TODAY) == 0


def test_an_outsider_and_an_auditor_have_nothing_to_do(world, scene):
    assert todo.for_user(world.outsider, TODAY) == []
    assert todo.for_user(world.auditor, TODAY) == []


# --- overdue problems ---------------------------------------------------------------------------


def problem(world, department, raised_by, deadline, **fields):
    project = fields.pop("project", None) or make_project(world, world.firm_a)
    return Problem.objects.create(
        project=project,
        category=ProblemCategory.objects.get(code="land"),
        description=fields.pop("description", "土地指标未落实"),
        raised_by=raised_by,
        raised_on=D(2025, 8, 1),
        department=department,
        deadline=deadline,
        **fields,
    )


def test_overdue_problems_of_my_department_and_those_i_raised(world, scene):
    mine = problem(world, scene.economy, world.leader, D(2025, 9, 29), description="用电未接通")
    problem(world, scene.economy, world.leader, TODAY, description="今天到期")  # due today: not overdue
    raised = problem(world, scene.building, world.clerk, D(2025, 9, 20), description="拆迁未完成")
    problem(world, scene.building, world.leader, D(2025, 9, 1), status=Problem.Status.ANSWERED)  # answered

    clerk = groups(world.clerk)["overdue_problems"]
    assert clerk.count == 2
    assert [(i.due, i.days_late) for i in clerk.items] == [(D(2025, 9, 20), 10), (D(2025, 9, 29), 1)]
    assert clerk.items[0].url == reverse("projects:problem_detail", args=[raised.pk])
    assert clerk.items[1].title == f"{mine.project.name}：用电未接通"
    assert clerk.items[1].secondary == "经济发展局 · leader提出"

    leader = groups(world.leader)["overdue_problems"]  # the two open ones the leader raised
    assert [i.days_late for i in leader.items] == [1]
    assert "overdue_problems" not in groups(world.firm_user)
    assert "overdue_problems" not in groups(world.auditor)


# --- submissions and data due -------------------------------------------------------------------


@pytest.fixture
def filing(scene):
    return DataSet.objects.create(
        code="enterprise-filing", name="企业月度填报", scope="enterprise", due_day=8, department=scene.economy
    )


def test_a_firm_user_of_a_sees_as_due_data_never_bs(world, scene, filing):
    a = groups(world.firm_user)["data_due"]
    assert (a.count, a.title) == (1, "本企业待报数据")
    assert [(i.title, i.secondary, i.due, i.days_late) for i in a.items] == [
        ("2025年1–9月数据 应于10月8日前报送", "企业月度填报 · 甲企业有限公司", D(2025, 10, 8), 0)
    ]
    assert a.items[0].url == reverse("indicators:filing") + "?data_set=enterprise-filing&period=2025-9"
    b = groups(scene.firm_b_user)["data_due"]
    assert [i.secondary for i in b.items] == ["企业月度填报 · 乙企业有限公司"]


def test_data_due_today_is_not_late_the_day_after_is_one_day_late(world, scene, filing):
    Submission.objects.create(
        data_set=filing, year=2025, month=9, enterprise=world.firm_b, status="submitted"
    )
    on_the_day = groups(world.firm_user, as_of=D(2025, 10, 8))["data_due"]
    assert [(i.due, i.days_late) for i in on_the_day.items] == [(D(2025, 10, 8), 0)]
    day_after = groups(world.firm_user, as_of=D(2025, 10, 9))["data_due"]
    assert [(i.title, i.days_late) for i in day_after.items] == [
        ("2025年1–9月数据 应于10月8日前报送（已逾期）", 1),
        ("2025年1–10月数据 应于11月8日前报送", 0),
    ]
    assert day_after.severity == "danger"
    assert "data_due" not in groups(scene.firm_b_user, as_of=D(2025, 10, 8))  # B submitted 1–9月


def test_a_submitted_period_is_no_longer_due(world, scene, filing):
    Submission.objects.create(
        data_set=filing, year=2025, month=9, enterprise=world.firm_a, status="submitted"
    )
    assert "data_due" not in groups(world.firm_user)


def test_data_due_from_my_department_for_its_zone_tables(world, scene):
    DataSet.objects.create(
        code="bureau", name="主要经济指标", scope="zone", due_day=15, department=scene.economy
    )
    DataSet.objects.create(code="works", name="建设月报", scope="zone", due_day=5, department=scene.building)
    clerk = groups(world.clerk)["data_due"]
    assert [(i.title, i.secondary, i.due) for i in clerk.items] == [
        ("2025年1–9月数据 应于10月15日前报送", "主要经济指标 · 经济发展局", D(2025, 10, 15))
    ]
    assert clerk.title == "本部门待报数据"
    assert "data_due" not in groups(world.leader)


def test_submissions_waiting_for_approval_are_the_leaders(world, scene, filing):
    submitted = Submission.objects.create(
        data_set=filing, year=2025, month=8, enterprise=world.firm_a, status="submitted"
    )
    Submission.objects.create(data_set=filing, year=2025, month=8, enterprise=world.firm_b, status="approved")
    leader = groups(world.leader)["approvals"]
    assert (leader.count, leader.items[0].title, leader.items[0].secondary) == (
        1,
        "企业月度填报 · 2025年1–8月",
        "甲企业有限公司",
    )
    assert leader.items[0].url == submitted.get_absolute_url()
    assert "approvals" not in groups(world.clerk)
    assert "approvals" not in groups(world.firm_user)


# --- qualifications -----------------------------------------------------------------------------


def test_qualifications_expiring_exactly_in_90_days_count_91_not(world, scene):
    qualification(world.firm_a, "high_tech", D(2022, 12, 29), D(2025, 12, 29))  # day 90
    qualification(world.firm_b, "high_tech", D(2022, 12, 30), D(2025, 12, 30))  # day 91
    qualification(world.firm_b, "gazelle", D(2024, 9, 30), TODAY)  # expires today: still valid
    clerk = groups(world.clerk)["expiring_qualifications"]
    assert [(i.title, i.secondary, i.due) for i in clerk.items] == [
        ("乙企业有限公司 · 瞪羚企业", "今天到期", TODAY),
        ("甲企业有限公司 · 高新技术企业", "90天后到期", D(2025, 12, 29)),
    ]
    firm = groups(world.firm_user)["expiring_qualifications"]
    assert [i.title for i in firm.items] == ["甲企业有限公司 · 高新技术企业"]  # A's only
    assert "expiring_qualifications" not in groups(world.leader)


def test_a_renewed_qualification_is_not_expiring(world, scene):
    qualification(world.firm_a, "high_tech", D(2022, 11, 1), D(2025, 11, 1))
    qualification(world.firm_a, "high_tech", D(2025, 9, 1), D(2028, 9, 1))
    assert "expiring_qualifications" not in groups(world.clerk)


# --- leads and signings -------------------------------------------------------------------------


def test_leads_past_their_deadline_for_whoever_may_move_them(world, scene):
    services_leads.lead_create(
        user=world.clerk,
        company_name="甲锂电材料有限公司",
        intended_investment=Decimal("50000"),
        stage_since=D(2025, 9, 1),
        last_action_date=D(2025, 9, 28),
        next_action="电话回访",
        next_action_date=D(2025, 9, 29),
        department=scene.economy,
    )
    clerk = groups(world.clerk)["overdue_leads"]
    assert [(i.title, i.due, i.days_late) for i in clerk.items] == [("甲锂电材料有限公司", D(2025, 9, 29), 1)]
    assert "电话回访" in clerk.items[0].secondary
    assert "overdue_leads" not in groups(world.clerk, as_of=D(2025, 9, 29))  # due that day: in time
    other = make_user("clerk_b", "clerk")
    scene.building.members.add(other)
    assert "overdue_leads" not in groups(other)
    assert "overdue_leads" not in groups(world.leader)  # leaders read leads, they do not move them


def test_signings_wait_for_someone_other_than_their_reporter(world, scene):
    signing = services_signings.signing_report(
        signing=Signing(**signing_values(world, scene.economy)), user=world.clerk
    )
    leader = groups(world.leader)["signings_to_verify"]
    assert [(i.title, i.url) for i in leader.items] == [("年产5万吨电解液项目", signing.get_absolute_url())]
    assert leader.items[0].secondary == "某新材料股份有限公司 · 经济发展局 · clerk报送"
    assert "signings_to_verify" not in groups(world.clerk)  # the reporter cannot verify
    assert "signings_to_verify" not in groups(world.firm_user)


# --- failed imports -----------------------------------------------------------------------------


def test_a_failed_import_stays_until_the_same_kind_succeeds(world, scene):
    failed = Job.objects.create(
        kind="import",
        user=world.clerk,
        status=Job.Status.FAILED,
        params={"kind": "enterprises", "filename": "企业.xlsx"},
        error="boom",
    )
    Job.objects.create(
        kind="import", user=world.leader, status=Job.Status.FAILED, params={"kind": "enterprises"}
    )
    clerk = groups(world.clerk)["failed_imports"]
    assert [(i.title, i.url) for i in clerk.items] == [
        ("企业.xlsx", reverse("imports:job", args=[failed.pk]))
    ]
    Job.objects.create(
        kind="import", user=world.clerk, status=Job.Status.SUCCEEDED, params={"kind": "qualifications"}
    )
    assert groups(world.clerk)["failed_imports"].count == 1  # another kind does not redo it
    Job.objects.create(
        kind="import", user=world.clerk, status=Job.Status.SUCCEEDED, params={"kind": "enterprises"}
    )
    assert "failed_imports" not in groups(world.clerk)


# --- pages, API, sidebar ------------------------------------------------------------------------


@pytest.fixture
def busy(world, scene, filing):
    problem(world, scene.economy, world.leader, D(2025, 9, 29))
    qualification(world.firm_a, "high_tech", D(2022, 12, 1), D(2025, 12, 1))
    DataSet.objects.create(
        code="bureau", name="主要经济指标", scope="zone", due_day=15, department=scene.economy
    )
    return scene


def sidebar_total(html: str) -> int:
    return int(re.search(r'data-testid="nav-todo-count">(\d+)<', html).group(1))


def test_the_home_shows_the_block_and_the_sidebar_count_equals_the_list(client, world, busy):
    client.force_login(world.clerk)
    home = client.get(reverse("home"))
    html = home.content.decode()
    assert 'data-testid="todo-block"' in html
    assert [g.kind for g in home.context["todo_groups"]] == [
        "overdue_problems",
        "data_due",
        "expiring_qualifications",
    ]
    page = client.get(reverse("todo"))
    assert page.context["total"] == 3 == sidebar_total(page.content.decode()) == sidebar_total(html)
    assert reverse("projects:my_department") in html  # 我的部门 in the menu


def test_the_firm_home_carries_the_notice(client, world, busy):
    client.force_login(world.firm_user)
    html = client.get(reverse("home")).content.decode()
    assert "2025年1–9月数据 应于10月8日前报送" in html
    assert "乙企业有限公司" not in html
    assert sidebar_total(html) == 2  # the due data and A's expiring 高企


def test_the_empty_state(client, world, scene):
    client.force_login(world.auditor)
    html = client.get(reverse("todo")).content.decode()
    assert "暂无待办" in html
    assert 'data-testid="nav-todo-count"' not in html


def test_one_kind_page_by_page(client, world, scene, monkeypatch):
    from gaoxin.core import views_todo

    monkeypatch.setattr(views_todo, "PAGE_SIZE", 2)
    for day in (1, 2, 3):  # three firms: a later grant to the same firm would renew the first
        firm = make_enterprise(f"丙{day}企业有限公司", 10 + day, park=world.park)
        qualification(firm, "high_tech", D(2022, 10, day), D(2025, 10, day))
    client.force_login(world.clerk)
    first = client.get(reverse("todo"), {"kind": "expiring_qualifications"})
    assert [i.due for i in first.context["groups"][0].items] == [D(2025, 10, 1), D(2025, 10, 2)]
    second = client.get(reverse("todo"), {"kind": "expiring_qualifications", "page": 2})
    assert [i.due for i in second.context["groups"][0].items] == [D(2025, 10, 3)]
    assert client.get(reverse("todo"), {"kind": "approvals"}).status_code == 404


def test_the_api_answers_the_same_groups(api, world, busy):
    api.force_authenticate(world.firm_user)
    data = api.get("/api/todo/").json()
    assert (data["as_of"], data["total"]) == ("2025-09-30", 2)
    due = next(g for g in data["groups"] if g["kind"] == "data_due")
    assert due["items"] == [
        {
            "title": "2025年1–9月数据 应于10月8日前报送",
            "secondary": "企业月度填报 · 甲企业有限公司",
            "due": "2025-10-08",
            "days_late": 0,
            "url": reverse("indicators:filing") + "?data_set=enterprise-filing&period=2025-9",
        }
    ]
    api.force_authenticate(busy.firm_b_user)
    assert "甲企业" not in str(api.get("/api/todo/").json())
    api.force_authenticate(None)
    assert api.get("/api/todo/").status_code in (401, 403)


def test_the_cockpit_carries_the_leaders_strip(client, world, busy):
    client.force_login(world.leader)
    response = client.get(reverse("goals:cockpit"))
    assert [g.kind for g in response.context["todo_groups"]] == ["overdue_problems"]
    assert 'data-testid="todo-strip"' in response.content.decode()


def test_my_department_goes_to_the_only_one_and_lists_several(client, world, scene):
    client.force_login(world.clerk)
    response = client.get(reverse("projects:my_department"))
    assert response["Location"] == reverse("projects:department_page", args=[scene.economy.pk])
    scene.building.members.add(world.clerk)
    html = client.get(reverse("projects:my_department")).content.decode()
    assert "经济发展局" in html and "建设局" in html
    client.force_login(world.firm_user)
    assert client.get(reverse("projects:my_department")).status_code == 403


def test_the_sidebar_counts_cost_a_fixed_number_of_queries(
    world, scene, filing, rf, django_assert_max_num_queries
):
    def request():
        req = rf.get("/")
        req.user = type(world.clerk).objects.get(pk=world.clerk.pk)  # nothing cached on it
        return req

    for i in range(3):
        problem(world, scene.economy, world.leader, D(2025, 9, 1 + i))
    todo.counts_for_request(request())  # discovery
    # the user's roles, permissions, departments and binding (cached on the user for the
    # request, paid by the page anyway) and one count per group (cultivation added one,
    # talent two: postings to review, projects not yet taken up; land one: reservations waiting;
    # portal one: overdue requests; visits one: planned visits not made)
    with django_assert_max_num_queries(20):
        few = todo.counts_for_request(request())
    for i in range(27):
        problem(world, scene.economy, world.leader, D(2025, 9, 1 + i % 20))
    with django_assert_max_num_queries(20):
        many = todo.counts_for_request(request())
    assert (few["projects:problem_list"], many["projects:problem_list"]) == (3, 30)
    cached = request()
    assert todo.counts_for_request(cached) is not None
    with django_assert_max_num_queries(0):
        todo.counts_for_request(cached)  # once per request
