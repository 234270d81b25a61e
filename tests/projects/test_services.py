"""The rules of the ledger with exact dates and amounts: backward schedules and baselines,
stage changes, completed investment, the problem workflow. Each bad input leaves the
database as it was."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gaoxin.core.models import ObjectChange
from gaoxin.indicators import workflow
from gaoxin.indicators.models import Submission
from gaoxin.projects import services
from gaoxin.projects.models import (
    Investment,
    InvestmentPlan,
    Milestone,
    Problem,
    ProblemCategory,
    ScheduleTemplate,
    Stage,
)
from gaoxin.projects.services import Node, add_months, backward_dates, complete_months, time_progress

D = datetime.date


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 6, 30), 3, D(2025, 9, 30)),
        (D(2025, 11, 15), 2, D(2026, 1, 15)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
    ],
)
def test_add_months_clips_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "months"), [(D(2025, 9, 30), 9), (D(2025, 9, 29), 8), (D(2025, 12, 31), 12), (D(2025, 1, 5), 0)]
)
def test_complete_months_counts_only_finished_months(day, months):
    assert complete_months(day) == months


def test_time_proportional_plan_is_plan_times_months_over_twelve():
    assert time_progress(Decimal("6000"), 9) == Decimal("4500.0000")
    assert time_progress(Decimal("1000"), 1) == Decimal("83.3333")


# --- backward schedules -----------------------------------------------------------------------


def test_backward_dates_from_the_target_and_forward_after_it():
    nodes = [
        Node("sign", 0),
        Node("land", 60, ["sign"]),
        Node("permit", 30, ["land"]),
        Node("assess", 45, ["sign"]),
        Node("start", 15, ["permit", "assess"]),
        Node("done", 300, ["start"], anchor=True),
        Node("stats", 30, ["start"]),
        Node("produce", 15, ["done"]),
    ]
    dates = backward_dates(nodes, D(2026, 6, 30))
    assert dates["done"] == D(2026, 6, 30)
    assert dates["start"] == D(2026, 6, 30) - datetime.timedelta(days=300)  # 2025-09-03
    assert dates["start"] == D(2025, 9, 3)
    assert dates["permit"] == D(2025, 8, 19)  # start − 15
    assert dates["assess"] == D(2025, 8, 19)
    assert dates["land"] == D(2025, 7, 20)  # permit − 30
    # sign must leave room for both land (60) and assess (45): the earlier of the two.
    assert dates["sign"] == min(
        D(2025, 7, 20) - datetime.timedelta(60), D(2025, 8, 19) - datetime.timedelta(45)
    )
    assert dates["sign"] == D(2025, 5, 21)
    assert dates["produce"] == D(2026, 7, 15)  # forwards: anchor + 15
    assert dates["stats"] == D(2025, 10, 3)  # forwards: start + 30


def test_a_cycle_in_the_template_is_refused():
    with pytest.raises(ValidationError):
        backward_dates([Node("a", 1, ["b"]), Node("b", 1, ["a"], anchor=True)], D(2026, 1, 1))


def test_schedule_from_the_default_template_baseline_and_lag(pw, world):
    template = ScheduleTemplate.objects.get(code="industrial")
    nodes = services.schedule_create(
        project=pw.project, template=template, target=D(2026, 6, 30), user=world.clerk
    )
    assert len(nodes) == 14
    by_code = {m.code: m for m in pw.project.milestones.all()}
    assert by_code["acceptance"].planned_date == D(2026, 6, 30)
    assert by_code["equipment"].planned_date == D(2026, 5, 31)  # acceptance − 30
    assert by_code["production"].planned_date == D(2026, 7, 15)
    assert {p.code for p in by_code["permit"].predecessors.all()} == {"assessment", "planning"}

    services.baseline_approve(project=pw.project, user=world.clerk)
    pw.project.refresh_from_db()
    assert pw.project.baseline_by == world.clerk
    start = Milestone.objects.get(project=pw.project, code="start")
    assert start.baseline_date == start.planned_date
    services.milestone_update(
        milestone=start,
        user=world.clerk,
        actual_date=start.baseline_date + datetime.timedelta(days=23),
        fields=("actual_date",),
    )
    start.refresh_from_db()
    assert services.lag_text(start, D(2030, 1, 1)) == "较基线滞后23天"


def test_lag_text_open_node_counts_to_today_and_early_is_ahead(pw):
    node = Milestone(project=pw.project, code="x", name="开工", baseline_date=D(2025, 9, 1))
    assert services.lag_text(node, D(2025, 8, 1)) == ""
    assert services.lag_text(node, D(2025, 9, 24)) == "较基线滞后23天"
    node.actual_date = D(2025, 8, 27)
    assert services.lag_text(node, D(2025, 9, 24)) == "较基线提前5天"
    node.actual_date = D(2025, 9, 1)
    assert services.lag_text(node, D(2025, 9, 24)) == "按基线完成"


def test_a_planned_date_that_breaks_its_dependency_is_refused(pw, world):
    template = ScheduleTemplate.objects.get(code="industrial")
    services.schedule_create(project=pw.project, template=template, target=D(2026, 6, 30), user=world.clerk)
    permit = Milestone.objects.get(project=pw.project, code="permit")
    latest = max(permit.predecessors.all(), key=lambda m: m.planned_date)  # 能评/环评 (2025-05-21)
    before = permit.planned_date
    with pytest.raises(ValidationError) as caught:
        services.milestone_update(
            milestone=permit,
            user=world.clerk,
            planned_date=latest.planned_date - datetime.timedelta(days=1),
            fields=("planned_date",),
        )
    assert str(caught.value.message_dict["planned_date"][0]) == (
        "节点「施工许可」不能计划在2025-05-20：它在「能评/环评」之后，后者计划于2025-05-21。"
    )
    permit.refresh_from_db()
    assert permit.planned_date == before


def test_target_before_the_planned_start_is_refused(pw, world):
    template = ScheduleTemplate.objects.get(code="industrial")
    with pytest.raises(ValidationError):
        services.schedule_create(
            project=pw.project, template=template, target=D(2025, 1, 1), user=world.clerk
        )
    assert not pw.project.milestones.exists()


def test_a_department_user_cannot_change_another_departments_project(pw, world):
    template = ScheduleTemplate.objects.get(code="industrial")
    with pytest.raises(PermissionDenied):
        services.schedule_create(
            project=pw.project, template=template, target=D(2026, 6, 30), user=pw.clerk_b
        )
    with pytest.raises(PermissionDenied):
        services.stage_change(
            project=pw.project, to_stage=Stage.PRODUCTION, date=D(2025, 9, 1), reason="x", user=pw.clerk_b
        )
    assert not pw.project.milestones.exists()
    pw.project.refresh_from_db()
    assert pw.project.stage == Stage.CONSTRUCTION


# --- stages -----------------------------------------------------------------------------------


def test_stage_jump_that_skips_required_nodes_needs_a_reason(pw, world):
    template = ScheduleTemplate.objects.get(code="industrial")
    services.schedule_create(project=pw.project_b, template=template, target=D(2026, 6, 30), user=pw.clerk_b)
    with pytest.raises(ValidationError) as caught:
        services.stage_change(
            project=pw.project_b, to_stage=Stage.CONSTRUCTION, date=D(2025, 9, 1), reason="", user=pw.clerk_b
        )
    assert "施工许可" in str(caught.value) and "开工" in str(caught.value)
    pw.project_b.refresh_from_db()
    assert pw.project_b.stage == Stage.SIGNED
    change = services.stage_change(
        project=pw.project_b,
        to_stage=Stage.CONSTRUCTION,
        date=D(2025, 9, 1),
        reason="省重点项目容缺开工",
        user=pw.clerk_b,
    )
    assert change.skipped_nodes.startswith("签约")  # 签约 itself was never recorded either
    pw.project_b.refresh_from_db()
    assert (pw.project_b.stage, pw.project_b.stage_since) == (Stage.CONSTRUCTION, D(2025, 9, 1))
    audit = ObjectChange.objects.filter(content_type__model="project", object_id=str(pw.project_b.pk)).first()
    assert audit.prechange_data["stage"] == "signed" and audit.postchange_data["stage"] == "construction"
    assert "省重点项目容缺开工" in audit.message


def test_normal_progression_without_skipped_nodes_needs_no_reason(pw, world):
    change = services.stage_change(
        project=pw.project, to_stage=Stage.PRODUCTION, date=D(2025, 9, 1), reason="", user=world.clerk
    )
    assert change.from_stage == Stage.CONSTRUCTION
    pw.project.refresh_from_db()
    assert pw.project.production_date == D(2025, 9, 1)


@pytest.mark.parametrize("stage", [Stage.SUSPENDED, Stage.TERMINATED, Stage.SIGNED])
def test_suspending_terminating_or_going_back_needs_a_reason(pw, world, stage):
    with pytest.raises(ValidationError):
        services.stage_change(
            project=pw.project, to_stage=stage, date=D(2025, 9, 1), reason=" ", user=world.clerk
        )
    pw.project.refresh_from_db()
    assert pw.project.stage == Stage.CONSTRUCTION
    assert not pw.project.stage_changes.exists()


# --- investment -------------------------------------------------------------------------------


def test_investment_is_recorded_and_cumulative_may_not_fall(pw, world):
    services.investment_record(
        project=pw.project, year=2025, month=8, cumulative=Decimal("3000"), user=world.clerk
    )
    with pytest.raises(ValidationError) as caught:
        services.investment_record(
            project=pw.project, year=2025, month=9, cumulative=Decimal("2999.99"), user=world.clerk
        )
    assert "不能下降" in str(caught.value) or "3,000" in str(caught.value)
    assert Investment.objects.filter(project=pw.project).count() == 1
    services.investment_record(
        project=pw.project, year=2025, month=9, cumulative=Decimal("3000"), user=world.clerk
    )
    assert Investment.objects.filter(project=pw.project).count() == 2


def test_investment_above_the_total_needs_a_note(pw, world):
    services.investment_record(
        project=pw.project, year=2024, month=12, cumulative=Decimal("7000"), user=world.clerk
    )
    # 7,000 last year + 5,000.01 this year > 12,000 total
    with pytest.raises(ValidationError) as caught:
        services.investment_record(
            project=pw.project, year=2025, month=9, cumulative=Decimal("5000.01"), user=world.clerk
        )
    assert "12,000" in str(caught.value)
    assert not Investment.objects.filter(project=pw.project, year=2025).exists()
    # exactly the total is fine without a note
    services.investment_record(
        project=pw.project, year=2025, month=9, cumulative=Decimal("5000"), user=world.clerk
    )
    services.investment_record(
        project=pw.project,
        year=2025,
        month=9,
        cumulative=Decimal("5600"),
        user=world.clerk,
        note="追加设备投资，已报批",
    )
    assert Investment.objects.get(project=pw.project, year=2025, month=9).cumulative == Decimal("5600")


def test_an_approved_month_is_locked(pw, world):
    services.investment_record(
        project=pw.project, year=2025, month=9, cumulative=Decimal("3000"), user=world.clerk
    )
    submission = Submission.objects.get(data_set__code="project_investment", year=2025, month=9)
    workflow.submission_submit(submission=submission, user=world.clerk)
    workflow.submission_approve(submission=submission, user=world.leader)
    with pytest.raises(ValidationError) as caught:
        services.investment_record(
            project=pw.project, year=2025, month=9, cumulative=Decimal("3500"), user=world.clerk
        )
    assert "锁定" in str(caught.value)
    assert Investment.objects.get(project=pw.project, year=2025, month=9).cumulative == Decimal("3000")


def test_only_the_lead_department_or_the_owner_reports_investment(pw, world):
    with pytest.raises(PermissionDenied):
        services.investment_record(
            project=pw.project, year=2025, month=9, cumulative=Decimal("1"), user=pw.clerk_b
        )
    with pytest.raises(PermissionDenied):  # firm A's user on firm B's project
        services.investment_record(
            project=pw.project_b, year=2025, month=9, cumulative=Decimal("1"), user=world.firm_user
        )
    services.investment_record(
        project=pw.project, year=2025, month=9, cumulative=Decimal("1"), user=world.firm_user
    )
    assert Investment.objects.count() == 1


def test_list_progress_sums_plans_and_latest_cumulatives(pw, world):
    InvestmentPlan.objects.create(project=pw.project, year=2025, amount=Decimal("6000"))
    InvestmentPlan.objects.create(project=pw.project_b, year=2025, amount=Decimal("1200"))
    services.investment_record(
        project=pw.project, year=2025, month=8, cumulative=Decimal("4000"), user=world.clerk
    )
    services.investment_record(
        project=pw.project_b, year=2025, month=9, cumulative=Decimal("600"), user=pw.clerk_b
    )
    services.investment_record(
        project=pw.project_b, year=2025, month=10, cumulative=Decimal("900"), user=pw.clerk_b
    )
    from gaoxin.projects.models import Project

    # 30 September: 1–8月 is the last period due (1–9月 is due on 5 October) → 4,000 of 7,200 × 8/12
    progress = services.list_progress(Project.objects.all(), as_of=D(2025, 9, 30))
    assert (progress.months, progress.plan, progress.completed, progress.expected) == (
        8,
        Decimal("7200"),
        Decimal("4000"),
        Decimal("4800.0000"),
    )
    assert (progress.share_of_expected, progress.label) == (Decimal("83.3"), "2025年1–8月")
    # 5 October, the due day: 1–9月 → 4,000 + 600 of 7,200 × 9/12; October's 900 not yet due
    progress = services.list_progress(Project.objects.all(), as_of=D(2025, 10, 5))
    assert (progress.months, progress.completed, progress.expected) == (
        9,
        Decimal("4600"),
        Decimal("5400.0000"),
    )
    assert progress.share_of_expected == Decimal("85.2")


# --- problems ---------------------------------------------------------------------------------


def make_problem(pw, world, **fields):
    fields.setdefault("deadline", D(2025, 9, 15))
    return Problem.objects.create(
        project=pw.project,
        category=ProblemCategory.objects.get(code="land"),
        description="用地指标未落实",
        raised_by=world.leader,
        raised_on=D(2025, 9, 1),
        department=pw.economy,
        **fields,
    )


def test_problem_goes_assigned_in_progress_answered_closed_by_the_raiser(pw, world):
    problem = make_problem(pw, world)
    services.problem_transition(problem=problem, to_status=Problem.Status.IN_PROGRESS, user=world.clerk)
    with pytest.raises(ValidationError):
        services.problem_transition(
            problem=problem, to_status=Problem.Status.ANSWERED, user=world.clerk, feedback=""
        )
    services.problem_transition(
        problem=problem,
        to_status=Problem.Status.ANSWERED,
        user=world.clerk,
        feedback="已协调自然资源局落实指标",
    )
    with pytest.raises(PermissionDenied):
        services.problem_transition(problem=problem, to_status=Problem.Status.CLOSED, user=world.clerk)
    problem.refresh_from_db()
    assert problem.status == Problem.Status.ANSWERED
    services.problem_transition(
        problem=problem, to_status=Problem.Status.CLOSED, user=world.leader, day=D(2025, 9, 20)
    )
    problem.refresh_from_db()
    assert (problem.status, problem.closed_on) == (Problem.Status.CLOSED, D(2025, 9, 20))
    statuses = [
        (c.prechange_data or {}).get("status")
        for c in ObjectChange.objects.filter(
            content_type__model="problem", object_id=str(problem.pk)
        ).order_by("id")
    ]
    assert statuses == [None, "assigned", "in_progress", "answered"]


@pytest.mark.parametrize("status", [Problem.Status.ASSIGNED, Problem.Status.IN_PROGRESS])
def test_the_raiser_cannot_close_a_problem_before_it_is_answered(pw, world, status):
    problem = make_problem(pw, world, status=status)
    with pytest.raises(ValidationError) as refused:
        services.problem_transition(problem=problem, to_status=Problem.Status.CLOSED, user=world.leader)
    assert "不能" in str(refused.value)
    problem.refresh_from_db()
    assert (problem.status, problem.closed_on) == (status, None)


def test_an_answer_after_the_deadline_ends_the_overdue_time(pw, world):
    problem = make_problem(pw, world, status=Problem.Status.IN_PROGRESS)  # deadline 09-15
    assert problem.is_overdue(D(2025, 9, 20))
    services.problem_transition(
        problem=problem,
        to_status=Problem.Status.ANSWERED,
        user=world.clerk,
        feedback="已落实",
        day=D(2025, 9, 20),
    )
    assert not problem.is_overdue(D(2025, 9, 21))
    assert not Problem.objects.overdue(D(2025, 9, 21)).exists()


def test_another_department_cannot_handle_the_problem(pw, world):
    problem = make_problem(pw, world)
    with pytest.raises(PermissionDenied):
        services.problem_transition(problem=problem, to_status=Problem.Status.IN_PROGRESS, user=pw.clerk_b)
    problem.refresh_from_db()
    assert problem.status == Problem.Status.ASSIGNED


def test_a_closed_problem_stays_closed(pw, world):
    problem = make_problem(pw, world, status=Problem.Status.CLOSED)
    with pytest.raises(ValidationError):
        services.problem_transition(problem=problem, to_status=Problem.Status.IN_PROGRESS, user=world.leader)


def test_overdue_is_open_and_past_the_deadline(pw, world):
    problem = make_problem(pw, world, deadline=D(2025, 9, 15))
    assert not problem.is_overdue(D(2025, 9, 15))
    assert problem.is_overdue(D(2025, 9, 16))
    assert list(Problem.objects.overdue(D(2025, 9, 16))) == [problem]
    problem.status = Problem.Status.CLOSED
    assert not problem.is_overdue(D(2025, 9, 16))


def test_intensity_is_investment_over_land(pw):
    assert pw.project.intensity == Decimal("150.00")  # 12,000 万元 ÷ 80 亩


def test_the_daily_command_recomputes_every_light(pw):
    from io import StringIO

    from django.core.management import call_command

    from gaoxin.projects.models import InvestmentPlan

    InvestmentPlan.objects.create(project=pw.project, year=2025, amount=Decimal("1200"))
    out = StringIO()
    call_command("recompute_lights", "--as-of", "2025-09-30", stdout=out)
    pw.project.refresh_from_db()
    assert pw.project.light == "red"  # nothing completed against a plan of 900 by September
    assert "changed" in out.getvalue()


def test_editing_a_problem_deadline_in_the_form_recomputes_the_light(client, pw, world):
    world.zone.reference_date = D(2025, 9, 30)
    world.zone.save()
    problem = make_problem(pw, world, deadline=D(2025, 10, 31))
    services.recompute_lights()
    pw.project.refresh_from_db()
    assert pw.project.light == "green"
    client.force_login(world.leader)  # who raised it sets the deadline
    from django.urls import reverse

    response = client.post(
        reverse("projects:problem_edit", args=[problem.pk]),
        {
            "project": pw.project.pk,
            "category": problem.category_id,
            "description": problem.description,
            "department": pw.economy.pk,
            "deadline": "2025-09-20",
            "_changelog": "时限按调度会要求提前",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    pw.project.refresh_from_db()
    assert pw.project.light == "yellow"


def test_the_department_cannot_move_its_own_deadline_in_the_form(client, pw, world):
    problem = make_problem(pw, world, deadline=D(2025, 9, 15))
    client.force_login(world.clerk)
    from django.urls import reverse

    response = client.post(
        reverse("projects:problem_edit", args=[problem.pk]),
        {
            "category": problem.category_id,
            "description": "用地指标未落实（补充说明）",
            "department": pw.invest.pk,
            "deadline": "2026-12-31",
            "_changelog": "补充说明",
        },
    )
    assert response.status_code == 302
    problem.refresh_from_db()
    assert (problem.deadline, problem.department, problem.description) == (
        D(2025, 9, 15),
        pw.economy,
        "用地指标未落实（补充说明）",
    )


def test_a_baseline_is_approved_once(pw, world):
    template = ScheduleTemplate.objects.get(code="industrial")
    services.schedule_create(project=pw.project, template=template, target=D(2026, 6, 30), user=world.clerk)
    services.baseline_approve(project=pw.project, user=world.clerk)
    node = Milestone.objects.get(project=pw.project, code="structure")
    services.milestone_update(
        milestone=node,
        user=world.clerk,
        planned_date=node.planned_date + datetime.timedelta(days=20),
        fields=("planned_date",),
    )
    with pytest.raises(ValidationError):
        services.baseline_approve(project=pw.project, user=world.clerk)
    node.refresh_from_db()
    assert node.baseline_date == node.planned_date - datetime.timedelta(days=20)


def test_creating_a_schedule_recomputes_the_light(pw, world):
    services.recompute_lights(as_of=D(2025, 9, 30))
    template = ScheduleTemplate.objects.get(code="industrial")
    world.zone.reference_date = D(2025, 9, 30)
    world.zone.save()
    services.schedule_create(project=pw.project, template=template, target=D(2025, 10, 31), user=world.clerk)
    pw.project.refresh_from_db()
    assert pw.project.light == "red"  # 签约 … 施工许可 long overdue


@pytest.mark.parametrize("target", [D(1, 1, 10), D(9999, 12, 1)])
def test_an_absurd_target_date_is_refused_not_a_crash(pw, world, target):
    template = ScheduleTemplate.objects.get(code="industrial")
    with pytest.raises(ValidationError):
        services.schedule_create(project=pw.project, template=template, target=target, user=world.clerk)


def test_a_tiny_plan_does_not_break_the_lights(pw):
    InvestmentPlan.objects.create(project=pw.project, year=2025, amount=Decimal("0.0001"))
    services.recompute_lights(as_of=D(2025, 3, 31))
    pw.project.refresh_from_db()
    assert pw.project.light == "green"


def test_the_raiser_does_not_do_the_departments_steps(pw, world):
    problem = make_problem(pw, world)
    with pytest.raises(PermissionDenied):
        services.problem_transition(problem=problem, to_status=Problem.Status.IN_PROGRESS, user=world.leader)


def test_a_stage_date_before_the_current_stage_began_is_refused(pw, world):
    pw.project.stage_since = D(2025, 3, 1)
    pw.project.save()
    with pytest.raises(ValidationError):
        services.stage_change(
            project=pw.project, to_stage=Stage.PRODUCTION, date=D(2025, 2, 1), reason="", user=world.clerk
        )


def test_a_stage_date_after_the_evaluation_date_is_refused(pw, world):
    world.zone.reference_date = D(2025, 9, 30)
    world.zone.save()
    with pytest.raises(ValidationError) as caught:
        services.stage_change(
            project=pw.project, to_stage=Stage.PRODUCTION, date=D(2025, 10, 1), reason="", user=world.clerk
        )
    assert list(caught.value.message_dict) == ["date"]
    change = services.stage_change(
        project=pw.project, to_stage=Stage.PRODUCTION, date=D(2025, 9, 30), reason="", user=world.clerk
    )
    assert change.date == D(2025, 9, 30)


def test_resuming_into_an_earlier_stage_than_before_the_suspension_needs_a_reason(pw, world):
    services.stage_change(
        project=pw.project,
        to_stage=Stage.SUSPENDED,
        date=D(2025, 9, 1),
        reason="资金链紧张",
        user=world.clerk,
    )
    with pytest.raises(ValidationError) as caught:
        services.stage_change(
            project=pw.project, to_stage=Stage.SIGNED, date=D(2025, 9, 2), reason="", user=world.clerk
        )
    assert list(caught.value.message_dict) == ["reason"]
    services.stage_change(
        project=pw.project, to_stage=Stage.CONSTRUCTION, date=D(2025, 9, 2), reason="", user=world.clerk
    )
    pw.project.refresh_from_db()
    assert (pw.project.stage, pw.project.stage_changes.count()) == (Stage.CONSTRUCTION, 2)


def test_reopening_a_terminated_project_needs_a_reason(pw, world):
    services.stage_change(
        project=pw.project, to_stage=Stage.TERMINATED, date=D(2025, 9, 1), reason="企业撤资", user=world.clerk
    )
    with pytest.raises(ValidationError):
        services.stage_change(
            project=pw.project, to_stage=Stage.CONSTRUCTION, date=D(2025, 9, 2), reason="", user=world.clerk
        )
    pw.project.refresh_from_db()
    assert pw.project.stage == Stage.TERMINATED


# --- 交办 time limits in working days -------------------------------------------------------------


@pytest.fixture
def approvals_in_five_working_days(db):
    category = ProblemCategory.objects.get(code="approval")
    category.time_limit_workdays = 5
    category.save()
    return category


def test_a_category_time_limit_counts_working_days_across_national_day(approvals_in_five_working_days):
    deadline = services.problem_default_deadline(
        category=approvals_in_five_working_days, raised_on=D(2025, 9, 30)
    )
    assert deadline == D(2025, 10, 14)  # 9, 10, 11 (调休 Saturday), 13, 14 October


def test_a_category_without_a_time_limit_needs_a_deadline(db):
    with pytest.raises(ValidationError) as refused:
        services.problem_default_deadline(
            category=ProblemCategory.objects.get(code="funds"), raised_on=D(2025, 9, 30)
        )
    assert refused.value.message_dict == {
        "deadline": ["请填写办理时限：该问题类别未设置以工作日计的办理时限。"]
    }


def test_a_problem_raised_without_a_deadline_gets_its_categorys_time_limit(
    client, pw, world, approvals_in_five_working_days
):
    world.zone.reference_date = D(2025, 9, 30)
    world.zone.save()
    client.force_login(world.leader)
    from django.urls import reverse

    data = {
        "project": pw.project.pk,
        "category": approvals_in_five_working_days.pk,
        "description": "环评批复未下达",
        "department": pw.economy.pk,
        "deadline": "",
    }
    response = client.post(reverse("projects:problem_add"), data)
    assert response.status_code == 302, response.content.decode()[:1500]
    problem = Problem.objects.get(description="环评批复未下达")
    assert (problem.raised_on, problem.deadline) == (D(2025, 9, 30), D(2025, 10, 14))
    assert not problem.is_overdue(D(2025, 10, 14)) and problem.is_overdue(D(2025, 10, 15))


def test_the_form_refuses_a_blank_deadline_when_the_category_has_no_time_limit(client, pw, world):
    client.force_login(world.leader)
    from django.urls import reverse

    before = Problem.objects.count()
    data = {
        "project": pw.project.pk,
        "category": ProblemCategory.objects.get(code="funds").pk,
        "description": "配套资金未到位",
        "department": pw.economy.pk,
        "deadline": "",
    }
    response = client.post(reverse("projects:problem_add"), data)
    assert response.status_code == 400
    assert "该问题类别未设置以工作日计的办理时限" in response.content.decode()
    assert Problem.objects.count() == before


def test_the_form_refuses_a_time_limit_running_into_an_unknown_year(
    client, pw, world, approvals_in_five_working_days, monkeypatch
):
    from gaoxin.zone import workdays

    monkeypatch.setattr(workdays, "KNOWN_YEARS", (2004, 2026))  # chinese-calendar 1.11.0
    world.zone.reference_date = D(2026, 12, 30)
    world.zone.save()
    client.force_login(world.leader)
    from django.urls import reverse

    data = {
        "project": pw.project.pk,
        "category": approvals_in_five_working_days.pk,
        "description": "施工许可待办",
        "department": pw.economy.pk,
        "deadline": "",
    }
    response = client.post(reverse("projects:problem_add"), data)
    assert response.status_code == 400
    assert "2027年的法定节假日安排尚未收录" in response.content.decode()
    assert not Problem.objects.filter(description="施工许可待办").exists()
