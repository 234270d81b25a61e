"""The key-project API: the same scope and rules as the pages — a department changes only
what it leads, the service rules answer 400 in Chinese, another firm's project is a 404."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gaoxin.core.models import ObjectChange
from gaoxin.indicators.models import DataSet, Submission
from gaoxin.projects import services
from gaoxin.projects.models import (
    Investment,
    InvestmentPlan,
    LightChange,
    Milestone,
    Problem,
    ProblemCategory,
    Project,
    ProjectList,
    Stage,
)
from gaoxin.zone.models import Zone

D = datetime.date


@pytest.fixture
def as_of(world):
    """Judge lights on 30 September 2025: 1–8月 is the last investment period due (5 September);
    1–9月 falls due on 5 October."""
    Zone.objects.filter(pk=world.zone.pk).update(reference_date=D(2025, 9, 30))
    return D(2025, 9, 30)


def rows(response):
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]


def problem(pw, world, **fields):
    values = {
        "project": pw.project,
        "category": ProblemCategory.objects.get(code="land"),
        "description": "土地指标未落实",
        "raised_by": world.leader,
        "raised_on": D(2025, 8, 1),
        "department": pw.economy,
        "deadline": D(2025, 8, 31),
    }
    values.update(fields)
    return Problem.objects.create(**values)


# --- projects -----------------------------------------------------------------------------------


def test_anonymous_is_refused_everywhere(api, pw):
    for url in (
        "/api/projects/",
        "/api/project-investments/",
        "/api/milestones/",
        "/api/problems/",
        "/api/project-lights/",
    ):
        assert api.get(url).status_code in (401, 403), url


def test_project_fields_lists_intensity_plan_and_completed(api, world, pw, as_of):
    four = ProjectList.objects.create(code="sizhong-2025", name="2025年四重项目", year=2025)
    pw.project.lists.add(four)
    InvestmentPlan.objects.create(project=pw.project, year=2025, amount=Decimal("6000"))
    Investment.objects.create(project=pw.project, year=2025, month=8, cumulative=Decimal("3000"))
    Investment.objects.create(project=pw.project, year=2025, month=9, cumulative=Decimal("4100"))
    Investment.objects.create(project=pw.project, year=2024, month=12, cumulative=Decimal("900"))
    services.recompute_lights(as_of=as_of)
    api.force_authenticate(world.leader)
    body = api.get(f"/api/projects/{pw.project.pk}/").json()
    assert body["lists"] == ["sizhong-2025"]
    assert body["intensity"] == "150.00"  # 12000 万元 ÷ 80 亩
    # 1–9月 (4,100) is not due before 5 October: the period judged is 1–8月
    assert (body["year_plan"], body["year_completed"]) == ("6000.0000", "3000.0000")
    assert (body["year_months"], body["year_period"]) == (8, "2025年1–8月")
    assert body["light"] == "yellow"  # 3000 against 6000 × 8/12 = 4000: 75.0%
    assert body["owner"] == world.firm_a.name
    assert body["lead_department_name"] == "经济发展局"


def test_project_filters(api, world, pw):
    four = ProjectList.objects.create(code="sizhong-2025", name="2025年四重项目", year=2025)
    pw.project_b.lists.add(four)
    api.force_authenticate(world.leader)

    def codes(query):
        return [row["code"] for row in rows(api.get(f"/api/projects/?{query}"))]

    assert codes("") == ["XM-001", "XM-002"]
    assert codes("q=扩建") == ["XM-002"]
    assert codes(f"park={world.park.pk}") == ["XM-001"]
    assert codes(f"lead_industry={world.lead.pk}") == ["XM-001"]
    assert codes("stage=signed") == ["XM-002"]
    assert codes("light=none") == ["XM-001", "XM-002"]
    assert codes("lists=sizhong-2025") == ["XM-002"]
    assert codes(f"leader={pw.leader.pk}") == ["XM-001"]
    assert codes(f"lead_department={pw.invest.pk}") == ["XM-002"]
    assert codes(f"enterprise={world.firm_b.pk}") == ["XM-002"]
    assert codes("nature=expansion") == ["XM-002"]


def test_clerk_of_the_lead_department_edits_with_an_audit_row(api, world, pw):
    api.force_authenticate(world.clerk)
    response = api.patch(f"/api/projects/{pw.project.pk}/", {"total_investment": "13000"}, format="json")
    assert response.status_code == 200, response.json()
    pw.project.refresh_from_db()
    assert pw.project.total_investment == Decimal("13000")
    change = ObjectChange.objects.for_object(pw.project).get(action="update")
    assert (change.user_name, change.source) == ("clerk", "api")


def test_clerk_of_another_department_gets_403_and_nothing_changes(api, world, pw):
    before = list(Project.objects.order_by("pk").values())
    api.force_authenticate(pw.clerk_b)
    response = api.patch(f"/api/projects/{pw.project.pk}/", {"name": "改名"}, format="json")
    assert response.status_code == 403
    assert "经济发展局" in response.json()["detail"]
    assert list(Project.objects.order_by("pk").values()) == before


def test_a_department_creates_only_projects_it_leads(api, world, pw):
    api.force_authenticate(world.clerk)
    data = {"code": "XM-010", "name": "新项目", "total_investment": "800", "lists": []}
    response = api.post("/api/projects/", {**data, "lead_department": pw.invest.pk}, format="json")
    assert response.status_code == 403
    assert not Project.objects.filter(code="XM-010").exists()
    response = api.post("/api/projects/", {**data, "lead_department": pw.economy.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["stage"] == "planning"


def test_completion_before_start_is_400_in_chinese(api, world, pw):
    api.force_authenticate(world.clerk)
    response = api.patch(
        f"/api/projects/{pw.project.pk}/", {"planned_completion": "2025-02-28"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"planned_completion": ["计划竣工日期不能早于计划开工日期。"]}
    pw.project.refresh_from_db()
    assert pw.project.planned_completion == D(2026, 6, 30)


def test_stage_changes_through_the_service_with_a_reason(api, world, pw):
    api.force_authenticate(world.clerk)
    url = f"/api/projects/{pw.project.pk}/"
    assert api.patch(url, {"stage": "terminated"}, format="json").json()["stage"] == "construction"
    response = api.post(f"{url}stage/", {"to_stage": "suspended", "date": "2025-09-01"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["reason"]
    response = api.post(
        f"{url}stage/", {"to_stage": "suspended", "date": "2025-09-01", "reason": "资金链紧张"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["stage"], response.json()["stage_since"]) == ("suspended", "2025-09-01")
    api.force_authenticate(pw.clerk_b)
    response = api.post(f"{url}stage/", {"to_stage": "construction", "reason": "复工"}, format="json")
    assert response.status_code == 403


def test_enterprise_user_of_a_gets_404_on_b_and_its_children(api, world, pw):
    b = pw.project_b
    investment = Investment.objects.create(project=b, year=2025, month=8, cumulative=Decimal("100"))
    node = Milestone.objects.create(project=b, code="start", name="开工", planned_date=D(2025, 5, 1))
    issue = problem(pw, world, project=b, department=pw.invest)
    snapshot = (
        list(Project.objects.values()),
        list(Investment.objects.values()),
        list(Milestone.objects.values()),
        list(Problem.objects.values()),
    )
    api.force_authenticate(world.firm_user)
    for url in (
        f"/api/projects/{b.pk}/",
        f"/api/project-investments/{investment.pk}/",
        f"/api/milestones/{node.pk}/",
        f"/api/problems/{issue.pk}/",
        f"/api/project-lights/{b.pk}/",
        f"/api/project-lights/{b.pk}/history/",
    ):
        assert api.get(url).status_code == 404, url
        assert api.patch(url, {"name": "x", "cumulative": "1", "note": "x"}, format="json").status_code == 404
    response = api.post(
        "/api/project-investments/",
        {"project": b.pk, "year": 2025, "month": 9, "cumulative": "200"},
        format="json",
    )
    assert response.status_code == 404
    assert [row["code"] for row in rows(api.get("/api/projects/"))] == ["XM-001"]
    assert [row["id"] for row in rows(api.get("/api/project-investments/"))] == []
    assert [row["code"] for row in rows(api.get("/api/project-lights/"))] == ["XM-001"]
    after = (
        list(Project.objects.values()),
        list(Investment.objects.values()),
        list(Milestone.objects.values()),
        list(Problem.objects.values()),
    )
    assert after == snapshot


def test_enterprise_user_reports_its_own_investment_but_cannot_edit_the_project(api, world, pw):
    api.force_authenticate(world.firm_user)
    response = api.post(
        "/api/project-investments/",
        {"project": pw.project.pk, "year": 2025, "month": 9, "cumulative": "2500"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    saved = Investment.objects.get(project=pw.project, year=2025, month=9)
    assert (saved.cumulative, saved.entered_by) == (Decimal("2500"), world.firm_user)
    assert api.patch(f"/api/projects/{pw.project.pk}/", {"name": "x"}, format="json").status_code == 403


def test_project_list_query_count_does_not_grow(api, world, pw, as_of):
    four = ProjectList.objects.create(code="sizhong-2025", name="2025年四重项目", year=2025)

    def populate(n):
        made = Project.objects.bulk_create(
            Project(
                code=f"BULK-{n}-{i:03d}",
                name=f"批量项目{i}",
                park=world.park,
                lead_industry=world.lead,
                enterprise=world.firm_a,
                total_investment=Decimal(1000 + i),
                land_area_mu=Decimal(10),
                leader=pw.leader,
                lead_department=pw.economy,
                stage=Stage.CONSTRUCTION,
            )
            for i in range(n)
        )
        Project.lists.through.objects.bulk_create(
            Project.lists.through(project_id=p.pk, projectlist_id=four.pk) for p in made
        )
        InvestmentPlan.objects.bulk_create(InvestmentPlan(project=p, year=2025, amount=1200) for p in made)
        Investment.objects.bulk_create(
            Investment(project=p, year=2025, month=8, cumulative=900) for p in made
        )

    def count(n):
        Project.objects.filter(code__startswith="BULK").delete()
        populate(n)
        with CaptureQueriesContext(connection) as queries:
            body = api.get("/api/projects/?page_size=100&stage=construction").json()
        assert body["count"] == n + 1
        bulk = [r for r in body["results"] if r["code"].startswith("BULK")]
        assert {(r["year_plan"], r["year_completed"], tuple(r["lists"])) for r in bulk} == {
            ("1200.0000", "900.0000", ("sizhong-2025",))
        }
        return len(queries)

    api.force_authenticate(world.leader)
    count(3)  # warm: the user's permissions and the zone's evaluation date are cached after
    # 8 for the list, + 4 of the API throttle: its counts live in the database ("shared" cache:
    # a read, and the write's count, lookup and update), so that every server process counts together
    assert count(3) == count(30) <= 12


# --- investment ---------------------------------------------------------------------------------


def post_investment(api, project, month, cumulative, note="", year=2025):
    return api.post(
        "/api/project-investments/",
        {"project": project.pk, "year": year, "month": month, "cumulative": cumulative, "note": note},
        format="json",
    )


def test_investment_recorded_through_the_service(api, world, pw):
    api.force_authenticate(world.clerk)
    response = post_investment(api, pw.project, 8, "3000")
    assert response.status_code == 201, response.json()
    saved = Investment.objects.get()
    assert (saved.cumulative, saved.entered_by, saved.submission.month) == (Decimal("3000"), world.clerk, 8)
    response = api.patch(
        f"/api/project-investments/{saved.pk}/", {"cumulative": "3200", "note": "更正"}, format="json"
    )
    assert response.status_code == 200, response.json()
    saved.refresh_from_db()
    assert (saved.cumulative, saved.note) == (Decimal("3200"), "更正")
    query = f"project={pw.project.pk}&year=2025&month=8"
    assert api.get(f"/api/project-investments/?{query}").json()["count"] == 1
    assert api.get("/api/project-investments/?month=9").json()["count"] == 0


def test_falling_cumulative_is_400_and_nothing_is_saved(api, world, pw):
    Investment.objects.create(project=pw.project, year=2025, month=8, cumulative=Decimal("3000"))
    api.force_authenticate(world.clerk)
    response = post_investment(api, pw.project, 9, "2999.5")
    assert response.status_code == 400
    assert response.json() == {"cumulative": ["累计完成投资不能下降：1–8月为3,000万元，本次为2,999.5万元。"]}
    assert Investment.objects.count() == 1


def test_exceeding_the_total_needs_a_note(api, world, pw):
    Investment.objects.create(project=pw.project, year=2024, month=12, cumulative=Decimal("10000"))
    api.force_authenticate(world.clerk)
    response = post_investment(api, pw.project, 9, "2000.01")
    assert response.status_code == 400
    assert list(response.json()) == ["note"]
    assert "12,000" in response.json()["note"][0]
    assert Investment.objects.count() == 1
    assert post_investment(api, pw.project, 9, "2000").status_code == 201  # exactly the total
    assert post_investment(api, pw.project, 10, "2500", note="追加投资已批复").status_code == 201


def test_locked_period_is_400(api, world, pw):
    data_set = DataSet.objects.get(code="project_investment")
    Submission.objects.create(
        data_set=data_set, year=2025, month=9, scope_key="zone", status=Submission.Status.APPROVED
    )
    api.force_authenticate(world.clerk)
    response = post_investment(api, pw.project, 9, "100")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["2025年9月项目投资数据已审核锁定，须由管理员重新打开后才能修改。"]
    }
    assert Investment.objects.count() == 0


def test_another_department_cannot_report_investment(api, world, pw):
    api.force_authenticate(pw.clerk_b)
    assert post_investment(api, pw.project, 9, "100").status_code == 403
    assert Investment.objects.count() == 0


# --- milestones ---------------------------------------------------------------------------------


@pytest.fixture
def nodes(pw):
    permit = Milestone.objects.create(
        project=pw.project, code="permit", name="施工许可", sequence=1, planned_date=D(2025, 4, 1)
    )
    start = Milestone.objects.create(
        project=pw.project, code="start", name="开工", sequence=2, planned_date=D(2025, 5, 1)
    )
    start.predecessors.add(permit)
    return permit, start


def test_milestone_dates_through_the_service(api, world, pw, nodes):
    _permit, start = nodes
    api.force_authenticate(world.clerk)
    response = api.patch(f"/api/milestones/{start.pk}/", {"planned_date": "2025-03-31"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["planned_date"]
    assert "施工许可" in response.json()["planned_date"][0]
    start.refresh_from_db()
    assert start.planned_date == D(2025, 5, 1)
    response = api.patch(
        f"/api/milestones/{start.pk}/",
        {"planned_date": "2025-04-01", "actual_date": "2025-04-20"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    start.refresh_from_db()
    assert (start.planned_date, start.actual_date) == (D(2025, 4, 1), D(2025, 4, 20))
    assert [r["code"] for r in rows(api.get(f"/api/milestones/?project={pw.project.pk}&open=true"))] == [
        "permit"
    ]
    assert [r["code"] for r in rows(api.get("/api/milestones/?code=start"))] == ["start"]
    assert api.post("/api/milestones/", {}, format="json").status_code == 405


def test_milestone_of_another_department_is_403(api, world, pw, nodes):
    api.force_authenticate(pw.clerk_b)
    response = api.patch(f"/api/milestones/{nodes[0].pk}/", {"actual_date": "2025-04-01"}, format="json")
    assert response.status_code == 403
    nodes[0].refresh_from_db()
    assert nodes[0].actual_date is None


# --- problems -----------------------------------------------------------------------------------


def test_a_new_problem_is_raised_by_the_user(api, world, pw):
    api.force_authenticate(world.leader)
    response = api.post(
        "/api/problems/",
        {
            "project": pw.project.pk,
            "category": "funds",
            "description": "配套资金未到位",
            "department": pw.economy.pk,
            "deadline": "2099-01-31",
            "status": "closed",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = Problem.objects.get()
    assert (created.raised_by, created.status, created.category.code) == (world.leader, "assigned", "funds")


def test_problem_workflow_and_only_the_raiser_closes(api, world, pw):
    issue = problem(pw, world)
    url = f"/api/problems/{issue.pk}/"
    api.force_authenticate(world.clerk)
    assert api.patch(url, {"status": "in_progress"}, format="json").status_code == 200
    response = api.patch(url, {"status": "answered"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["feedback"]
    response = api.patch(url, {"status": "answered", "feedback": "已协调自然资源局"}, format="json")
    assert response.status_code == 200, response.json()
    response = api.patch(url, {"status": "closed"}, format="json")
    assert response.status_code == 403
    assert "leader" in response.json()["detail"]
    issue.refresh_from_db()
    assert (issue.status, issue.closed_on) == ("answered", None)
    api.force_authenticate(world.leader)
    response = api.patch(url, {"status": "closed"}, format="json")
    assert response.status_code == 200, response.json()
    issue.refresh_from_db()
    assert issue.status == "closed"
    assert response.json()["overdue"] is False


def test_problem_of_another_department_is_403(api, world, pw):
    issue = problem(pw, world)
    api.force_authenticate(pw.clerk_b)
    response = api.patch(f"/api/problems/{issue.pk}/", {"description": "改"}, format="json")
    assert response.status_code == 403
    issue.refresh_from_db()
    assert issue.description == "土地指标未落实"


def test_problem_filters(api, world, pw, as_of):
    late = problem(pw, world)
    problem(pw, world, project=pw.project_b, department=pw.invest, deadline=D(2025, 12, 31))
    api.force_authenticate(world.leader)

    def ids(query):
        return [r["id"] for r in rows(api.get(f"/api/problems/?{query}"))]

    assert ids("overdue=true") == [late.pk]
    assert ids(f"department={pw.economy.pk}") == [late.pk]
    assert ids(f"project={pw.project.pk}") == [late.pk]
    assert len(ids("status=assigned")) == 2
    assert ids("overdue=false") != [late.pk]


# --- lights -------------------------------------------------------------------------------------


def test_lights_current_and_history(api, world, pw, as_of):
    InvestmentPlan.objects.create(project=pw.project, year=2025, amount=Decimal("6000"))
    Investment.objects.create(project=pw.project, year=2025, month=9, cumulative=Decimal("2000"))
    services.recompute_lights(as_of=as_of)
    api.force_authenticate(world.leader)
    current = rows(api.get("/api/project-lights/?light=red"))
    assert [(r["code"], r["light"]) for r in current] == [("XM-001", "red")]
    assert current[0]["light_reasons"][0]["rule"] == "investment"
    history = api.get(f"/api/project-lights/{pw.project.pk}/history/").json()
    assert [(h["previous"], h["light"], h["date"]) for h in history] == [("none", "red", "2025-09-30")]
    assert LightChange.objects.count() == 2  # XM-002 got its first (unrated) light too
    assert api.post("/api/project-lights/", {}, format="json").status_code in (403, 405)


# --- found in review: nothing moves a problem away, bad filters are 400 not 500 -------------


def test_review_a_problem_cannot_be_moved_or_its_deadline_pushed_by_the_department(pw, world):
    import datetime

    from rest_framework.test import APIClient

    from gaoxin.projects.models import Problem, ProblemCategory

    problem = Problem.objects.create(
        project=pw.project,
        category=ProblemCategory.objects.get(code="land"),
        description="用地指标未落实",
        raised_by=world.leader,
        raised_on=datetime.date(2025, 7, 1),
        department=pw.economy,
        deadline=datetime.date(2025, 8, 2),
    )
    client = APIClient()
    client.force_authenticate(world.clerk)
    url = f"/api/problems/{problem.pk}/"
    assert client.patch(url, {"deadline": "2026-12-31"}, format="json").status_code == 403
    client.patch(url, {"project": pw.project_b.pk}, format="json")
    problem.refresh_from_db()
    assert (problem.project, problem.deadline) == (pw.project, datetime.date(2025, 8, 2))


def test_review_a_clerk_cannot_hand_a_project_to_another_department(pw, world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.clerk)
    response = client.patch(
        f"/api/projects/{pw.project.pk}/", {"lead_department": pw.invest.pk}, format="json"
    )
    assert response.status_code == 403
    pw.project.refresh_from_db()
    assert pw.project.lead_department == pw.economy


@pytest.mark.parametrize(
    "url",
    [
        "/api/milestones/?project=99999999999999999999999",
        "/api/problems/?project=99999999999999999999999",
        "/api/project-investments/?project=99999999999999999999999",
        "/api/projects/?enterprise=99999999999999999999999",
    ],
)
def test_review_absurd_filter_values_are_400(pw, world, url):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.clerk)
    assert client.get(url).status_code == 400


def test_a_problem_posted_without_a_deadline_gets_its_categorys_working_day_limit(api, world, pw):
    ProblemCategory.objects.filter(code="approval").update(time_limit_workdays=5)
    api.force_authenticate(world.leader)
    body = {
        "project": pw.project.pk,
        "category": "approval",
        "description": "环评批复未下达",
        "department": pw.economy.pk,
        "raised_on": "2025-09-30",
    }
    response = api.post("/api/problems/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["deadline"] == "2025-10-14"
    refused = api.post("/api/problems/", {**body, "category": "funds"}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"deadline": ["请填写办理时限：该问题类别未设置以工作日计的办理时限。"]}
