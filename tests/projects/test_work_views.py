"""The pages of the daily work on key projects: the problem list and its workflow, a leader's
and a department's pages, the lights overview and the scheduling pack."""

import datetime
import io
from urllib.parse import unquote

import pytest
from django.urls import reverse

from gaoxin.core.models import ObjectChange
from gaoxin.projects.models import LightChange, LightRule, Milestone, Problem, ProblemCategory, Project, Stage
from gaoxin.zone.models import Leader, Zone

DAY = datetime.date(2025, 9, 30)


@pytest.fixture
def today(world):
    Zone.objects.filter(pk=world.zone.pk).update(reference_date=DAY)
    return DAY


@pytest.fixture
def land(db):
    return ProblemCategory.objects.get_or_create(code="land", defaults={"name": "土地"})[0]


def problem(pw, world, land, *, project=None, department=None, deadline=DAY, raised_by=None, **fields):
    fields.setdefault("description", "用地指标未落实")
    return Problem.objects.create(
        project=project or pw.project,
        category=land,
        raised_by=raised_by or world.leader,
        raised_on=datetime.date(2025, 8, 1),
        department=department or pw.economy,
        deadline=deadline,
        **fields,
    )


def login(client, user):
    client.force_login(user)
    return client


def transition(client, item, to_status, feedback=""):
    url = reverse("projects:problem_transition", args=[item.pk])
    return client.post(url, {"to_status": to_status, "feedback": feedback})


# --- the list -----------------------------------------------------------------------------------


def test_the_problem_list_marks_an_overdue_problem_and_its_escalation(client, world, pw, land, today):
    late = problem(pw, world, land, deadline=datetime.date(2025, 9, 20), description="供电线路未接入")
    problem(pw, world, land, deadline=datetime.date(2025, 10, 20), description="环评批复待出")
    page = login(client, world.clerk).get(reverse("projects:problem_list")).content.decode()
    assert page.count('data-testid="problem-row"') == 2
    assert page.count('data-testid="overdue"') == 1
    assert page.count('data-testid="escalated"') == 1
    assert "10" in page.split('data-testid="overdue">')[1].split("<")[0]  # 20 → 30 September
    overdue = login(client, world.clerk).get(reverse("projects:problem_list"), {"overdue": "true"})
    assert overdue.context["table"].data.data.get() == late


def test_the_problem_list_filters_by_department_status_and_search(client, world, pw, land, today):
    problem(pw, world, land, description="用地指标未落实")
    other = problem(pw, world, land, project=pw.project_b, department=pw.invest, description="资金缺口")
    client = login(client, world.clerk)
    by_department = client.get(reverse("projects:problem_list"), {"department": pw.invest.pk})
    assert list(by_department.context["table"].data.data) == [other]
    searched = client.get(reverse("projects:problem_list"), {"q": "资金"})
    assert list(searched.context["table"].data.data) == [other]
    assert (
        client.get(reverse("projects:problem_list"), {"status": "closed"}).context["table"].data.data.count()
        == 0
    )


def test_the_problem_list_exports_the_overdue_words(client, world, pw, land, today):
    from openpyxl import load_workbook

    problem(pw, world, land, deadline=datetime.date(2025, 9, 20))
    response = login(client, world.clerk).get(reverse("projects:problem_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert len(rows) == 2
    assert "10" in rows[1][-1]


def test_the_empty_problem_list_says_what_to_do(client, world, pw):
    response = login(client, world.clerk).get(reverse("projects:problem_list"))
    assert response.status_code == 200
    assert response.context["table"].data.data.count() == 0


# --- scope and permissions ----------------------------------------------------------------------


def test_an_enterprise_user_of_firm_a_gets_404_on_firm_bs_problem(client, world, pw, land):
    theirs = problem(pw, world, land, project=pw.project_b, department=pw.invest)
    client = login(client, world.firm_user)
    assert client.get(reverse("projects:problem_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("projects:problem_edit", args=[theirs.pk])).status_code == 404
    assert transition(client, theirs, "in_progress").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Problem.Status.ASSIGNED


def test_an_enterprise_user_reads_no_problem_list(client, world, pw, land):
    problem(pw, world, land)
    assert login(client, world.firm_user).get(reverse("projects:problem_list")).status_code == 403


def test_a_clerk_of_the_investment_bureau_cannot_handle_the_economy_bureaus_problem(client, world, pw, land):
    item = problem(pw, world, land)
    response = transition(login(client, pw.clerk_b), item, "in_progress")
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Problem.Status.ASSIGNED
    assert login(client, pw.clerk_b).get(reverse("projects:problem_edit", args=[item.pk])).status_code == 403


def test_a_clerk_of_the_assigned_department_handles_and_answers(client, world, pw, land, today):
    item = problem(pw, world, land)
    client = login(client, world.clerk)
    assert transition(client, item, "in_progress").status_code == 302
    assert transition(client, item, "answered", "已协调供电公司，10月5日接入").status_code == 302
    item.refresh_from_db()
    assert item.status == Problem.Status.ANSWERED
    assert item.feedback == "已协调供电公司，10月5日接入"
    assert item.answered_on == DAY


def test_answering_without_feedback_changes_nothing(client, world, pw, land):
    item = problem(pw, world, land, status=Problem.Status.IN_PROGRESS)
    before = ObjectChange.objects.count()
    response = transition(login(client, world.clerk), item, "answered", "   ")
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.feedback, item.answered_on) == (Problem.Status.IN_PROGRESS, "", None)
    assert ObjectChange.objects.count() == before
    page = client.get(response["Location"]).content.decode()
    assert "alert-danger" in page


def test_a_problem_is_closed_only_by_the_one_who_raised_it(client, world, pw, land, today):
    item = problem(pw, world, land, status=Problem.Status.ANSWERED, feedback="已办结")
    response = transition(login(client, world.clerk), item, "closed")
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Problem.Status.ANSWERED
    assert transition(login(client, world.leader), item, "closed").status_code == 302
    item.refresh_from_db()
    assert (item.status, item.closed_on) == (Problem.Status.CLOSED, DAY)


def test_an_answer_is_sent_back_only_by_the_one_who_raised_it(client, world, pw, land):
    item = problem(pw, world, land, status=Problem.Status.ANSWERED, feedback="已办结")
    assert transition(login(client, world.clerk), item, "in_progress").status_code == 403
    assert transition(login(client, world.leader), item, "in_progress").status_code == 302
    item.refresh_from_db()
    assert item.status == Problem.Status.IN_PROGRESS


def test_a_closed_problem_cannot_be_reopened(client, world, pw, land):
    item = problem(pw, world, land, status=Problem.Status.CLOSED, closed_on=DAY)
    transition(login(client, world.leader), item, "in_progress")
    item.refresh_from_db()
    assert item.status == Problem.Status.CLOSED


def test_the_detail_shows_only_the_buttons_the_user_may_press(client, world, pw, land):
    item = problem(pw, world, land, status=Problem.Status.ANSWERED, feedback="已办结")
    url = reverse("projects:problem_detail", args=[item.pk])
    clerk_page = login(client, world.clerk).get(url).content.decode()
    assert 'data-testid="to-closed"' not in clerk_page
    assert 'data-testid="no-action"' in clerk_page
    leader_page = login(client, world.leader).get(url).content.decode()
    assert 'data-testid="to-closed"' in leader_page
    assert 'data-testid="to-in_progress"' in leader_page


def test_the_detail_shows_the_history_of_the_problem(client, world, pw, land, today):
    item = problem(pw, world, land)
    transition(login(client, world.clerk), item, "in_progress")
    response = client.get(reverse("projects:problem_detail", args=[item.pk]))
    assert response.status_code == 200
    assert len(response.context["changes"]) == 2  # created, then in progress


# --- raising and editing --------------------------------------------------------------------------


def problem_data(pw, land, **changes):
    data = {
        "project": pw.project.pk,
        "category": land.pk,
        "description": "施工许可证办理缓慢",
        "department": pw.economy.pk,
        "assignee": "",
        "deadline": "2025-10-31",
    }
    return {**data, **changes}


def test_a_leader_raises_a_problem_for_a_project(client, world, pw, land, today):
    response = login(client, world.leader).post(reverse("projects:problem_add"), problem_data(pw, land))
    assert response.status_code == 302
    item = Problem.objects.get()
    assert (item.raised_by, item.raised_on, item.status) == (world.leader, DAY, Problem.Status.ASSIGNED)
    assert response["Location"] == reverse("projects:problem_detail", args=[item.pk])


def test_a_deadline_before_the_raised_date_is_refused(client, world, pw, land, today):
    response = login(client, world.clerk).post(
        reverse("projects:problem_add"), problem_data(pw, land, deadline="2025-09-29")
    )
    assert response.status_code == 400
    assert "deadline" in response.context["form"].errors
    assert Problem.objects.count() == 0


def test_the_assignee_must_belong_to_the_assigned_department(client, world, pw, land, today):
    response = login(client, world.leader).post(
        reverse("projects:problem_add"), problem_data(pw, land, assignee=pw.clerk_b.pk)
    )
    assert response.status_code == 400
    assert "assignee" in response.context["form"].errors
    assert Problem.objects.count() == 0


def test_an_auditor_cannot_raise_a_problem(client, world, pw, land):
    response = login(client, world.auditor).post(reverse("projects:problem_add"), problem_data(pw, land))
    assert response.status_code == 403
    assert Problem.objects.count() == 0


def test_the_assigned_department_edits_its_problem_but_not_its_deadline(client, world, pw, land, today):
    item = problem(pw, world, land, deadline=datetime.date(2025, 10, 10))
    data = problem_data(pw, land, deadline="2025-10-20")
    data["description"] = "供地手续滞后（已约谈自然资源局）"
    response = login(client, world.clerk).post(reverse("projects:problem_edit", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.deadline, item.description, item.project, item.raised_by) == (
        datetime.date(2025, 10, 10),  # the raiser's term stays
        "供地手续滞后（已约谈自然资源局）",
        pw.project,
        world.leader,
    )


def test_whoever_raised_the_problem_moves_its_deadline(client, world, pw, land, today):
    item = problem(pw, world, land, deadline=datetime.date(2025, 10, 10))
    data = problem_data(pw, land, deadline="2025-10-20")
    response = login(client, world.leader).post(reverse("projects:problem_edit", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.deadline == datetime.date(2025, 10, 20)


# --- leaders and departments ------------------------------------------------------------------


def test_the_leader_page_lists_the_leaders_projects_with_the_overdue_problem_escalated(
    client, world, pw, land, today
):
    other = Leader.objects.create(zone=world.zone, name="李明", title="副主任")
    Project.objects.filter(pk=pw.project_b.pk).update(leader=other)
    Project.objects.filter(pk=pw.project.pk).update(
        light="red", light_reasons=[{"rule": "problems", "light": "red", "text": "问题逾期40天"}]
    )
    problem(pw, world, land, deadline=datetime.date(2025, 9, 1), description="供地手续滞后")
    problem(pw, world, land, deadline=datetime.date(2025, 10, 15), description="用工缺口")
    problem(pw, world, land, project=pw.project_b, department=pw.invest, description="别人的问题")
    Milestone.objects.create(
        project=pw.project, code="start", name="开工", planned_date=datetime.date(2025, 8, 1)
    )
    Milestone.objects.create(
        project=pw.project, code="permit", name="施工许可", planned_date=datetime.date(2025, 10, 20)
    )
    Milestone.objects.create(
        project=pw.project, code="done", name="竣工", planned_date=datetime.date(2026, 6, 1)
    )
    response = login(client, world.leader).get(reverse("projects:leader_projects", args=[pw.leader.pk]))
    assert response.status_code == 200
    assert [p.code for p in response.context["projects"]] == ["XM-001"]
    assert response.context["projects"][0].warning == "问题逾期40天"
    problems = response.context["problems"]
    assert [p.description for p in problems] == ["供地手续滞后", "用工缺口"]
    assert [p.days_overdue for p in problems] == [29, 0]
    page = response.content.decode()
    assert page.count('data-testid="escalated"') == 1
    assert [m.name for m in response.context["milestones"]] == ["开工", "施工许可"]
    assert response.context["milestones"][0].is_late


def test_my_projects_sends_a_bound_leader_to_their_page(client, world, pw):
    response = login(client, world.leader).get(reverse("projects:my_projects"))
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:leader_projects", args=[pw.leader.pk])


def test_my_projects_tells_others_they_are_not_a_leader(client, world, pw):
    response = login(client, world.clerk).get(reverse("projects:my_projects"))
    assert response.status_code == 200
    assert 'data-testid="not-a-leader"' in response.content.decode()


def test_an_enterprise_user_cannot_open_a_leaders_or_a_departments_page(client, world, pw):
    client = login(client, world.firm_user)
    assert client.get(reverse("projects:leader_projects", args=[pw.leader.pk])).status_code == 403
    assert client.get(reverse("projects:department_page", args=[pw.economy.pk])).status_code == 403
    assert client.get(reverse("projects:lights_overview")).status_code == 403
    assert client.get(reverse("projects:pack")).status_code == 403


def test_an_unknown_leader_is_404(client, world, pw):
    assert login(client, world.clerk).get(reverse("projects:leader_projects", args=[999])).status_code == 404


def test_the_department_page_lists_its_open_problems_by_deadline(client, world, pw, land, today):
    problem(pw, world, land, deadline=datetime.date(2025, 11, 1), description="三")
    problem(pw, world, land, deadline=datetime.date(2025, 9, 10), description="一")
    problem(pw, world, land, deadline=datetime.date(2025, 10, 1), description="二")
    problem(pw, world, land, deadline=datetime.date(2025, 9, 1), description="已销号", status="closed")
    problem(pw, world, land, department=pw.invest, description="招商局的")
    response = login(client, pw.clerk_b).get(reverse("projects:department_page", args=[pw.economy.pk]))
    assert [p.description for p in response.context["problems"]] == ["一", "二", "三"]
    assert [p.days_overdue for p in response.context["problems"]] == [20, 0, 0]
    assert response.content.decode().count('class="table-danger"') == 1
    assert [p.code for p in response.context["projects"]] == ["XM-001"]


# --- lights -------------------------------------------------------------------------------------


def test_the_lights_overview_counts_by_stage_and_light(client, world, pw, today):
    Project.objects.filter(pk=pw.project.pk).update(
        light="red", light_reasons=[{"rule": "nodes", "light": "red", "text": "开工节点逾期"}]
    )
    response = login(client, world.leader).get(reverse("projects:lights_overview"))
    assert response.status_code == 200
    assert response.context["totals"] == [1, 0, 0, 1]
    construction = next(r for r in response.context["matrix"] if r["stage"] == Stage.CONSTRUCTION.label)
    assert construction["counts"] == [("red", 1), ("yellow", 0), ("green", 0), ("none", 0)]
    assert [p.code for p in response.context["warned"]] == ["XM-001"]
    assert {r.code for r in response.context["rules"]} == set(LightRule.Code.values)
    page = response.content.decode()
    assert "开工节点逾期" in page
    assert 'data-testid="recompute"' not in page  # a leader reads, staff recompute
    assert 'data-testid="rule-edit"' not in page


def test_staff_recompute_the_lights(client, world, pw, today):
    response = login(client, world.clerk).post(reverse("projects:lights_overview"))
    assert response.status_code == 302
    assert Project.objects.exclude(light_since=None).count() == 2  # both rated the first time
    assert LightChange.objects.count() == 2


def test_a_leader_cannot_recompute_the_lights(client, world, pw):
    assert login(client, world.leader).post(reverse("projects:lights_overview")).status_code == 403


def test_a_superuser_gets_the_rule_edit_links(client, world, pw):
    page = login(client, world.admin).get(reverse("projects:lights_overview")).content.decode()
    assert page.count('data-testid="rule-edit"') == 4


# --- the scheduling pack ------------------------------------------------------------------------


def test_the_pack_page_opens_with_the_evaluation_date(client, world, pw, today):
    response = login(client, world.leader).get(reverse("projects:pack"))
    assert response.status_code == 200
    assert response.context["form"]["meeting_date"].value() == DAY


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_the_pack_downloads_a_document_that_opens(client, world, pw, land, today, kind):
    pytest.importorskip("gaoxin.projects.pack")
    problem(pw, world, land, deadline=datetime.date(2025, 9, 1))
    response = login(client, world.leader).get(
        reverse("projects:pack"), {"meeting_date": "2025-09-30", "format": kind}
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]).endswith(f"2025-09-30.{kind}")
    content = io.BytesIO(response.content)
    if kind == "docx":
        import docx

        assert response["Content-Type"].endswith("wordprocessingml.document")
        assert docx.Document(content).paragraphs
    else:
        from openpyxl import load_workbook

        assert response["Content-Type"].endswith("spreadsheetml.sheet")
        assert load_workbook(content).sheetnames


def test_a_bad_meeting_date_is_refused(client, world, pw):
    response = login(client, world.leader).get(
        reverse("projects:pack"), {"meeting_date": "2025-13-40", "format": "docx"}
    )
    assert response.status_code == 400
    assert "meeting_date" in response.context["form"].errors


# --- the menu -----------------------------------------------------------------------------------


def test_the_menu_shows_my_projects_only_to_a_bound_leader(client, world, pw):
    leader_page = login(client, world.leader).get(reverse("projects:problem_list")).content.decode()
    assert reverse("projects:my_projects") in leader_page
    clerk_page = login(client, world.clerk).get(reverse("projects:problem_list")).content.decode()
    assert reverse("projects:my_projects") not in clerk_page
    assert reverse("projects:lights_overview") in clerk_page
    assert reverse("projects:pack") in clerk_page


def test_someone_without_a_role_gets_403(client, world, pw):
    assert login(client, world.outsider).get(reverse("projects:problem_list")).status_code == 403


def test_the_problem_list_query_count_does_not_grow_with_rows(client, world, pw, land, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(client, world.clerk)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("projects:problem_list")).status_code == 200
        return len(queries)

    for n in range(3):
        problem(pw, world, land, deadline=datetime.date(2025, 9, 1 + n), assignee=world.clerk)
    few = count()
    for _n in range(12):
        problem(pw, world, land, project=pw.project_b, department=pw.invest, raised_by=pw.clerk_b)
    assert count() == few
