"""The ledger pages: list (filters, summary, constant queries), edit with the lead
department's permission, the stage form, the investment form and the schedule tab."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gaoxin.core.models import ObjectChange
from gaoxin.core.testing import read_xlsx
from gaoxin.projects import services
from gaoxin.projects.models import (
    Attachment,
    Investment,
    InvestmentPlan,
    LightChange,
    Project,
    ProjectList,
    ScheduleTemplate,
    Stage,
)
from gaoxin.zone.models import Zone

pytestmark = pytest.mark.django_db


# --- permissions as sentences ------------------------------------------------------------------


def test_a_clerk_of_zhaoshang_gets_403_editing_jingfa_project_and_nothing_changes(client, pw):
    before = Project.objects.filter(pk=pw.project.pk).values().get()
    client.force_login(pw.clerk_b)
    url = reverse("projects:project_edit", args=[pw.project.pk])
    assert client.get(url).status_code == 403
    data = {
        "code": "XM-001",
        "name": "改名",
        "total_investment": "1",
        "nature": "new",
        "frequency": "monthly",
    }
    assert client.post(url, data).status_code == 403
    assert Project.objects.filter(pk=pw.project.pk).values().get() == before
    stage = client.post(
        reverse("projects:project_stage", args=[pw.project.pk]),
        {"to_stage": "suspended", "date": "2025-01-02", "reason": "x"},
    )
    assert stage.status_code == 403
    assert Project.objects.get(pk=pw.project.pk).stage == Stage.CONSTRUCTION


def test_the_clerk_of_the_lead_department_sees_the_edit_button_the_other_does_not(client, world, pw):
    client.force_login(world.clerk)
    assert 'data-testid="edit"' in client.get(pw.project.get_absolute_url()).content.decode()
    client.force_login(pw.clerk_b)
    assert 'data-testid="edit"' not in client.get(pw.project.get_absolute_url()).content.decode()


def test_an_enterprise_user_of_firm_a_gets_404_on_firm_b_project(client, world, pw):
    client.force_login(world.firm_user)
    assert client.get(pw.project.get_absolute_url()).status_code == 200
    for name in ("project_detail", "project_investment", "project_schedule", "project_lights"):
        assert client.get(reverse(f"projects:{name}", args=[pw.project_b.pk])).status_code == 404
    response = client.post(
        reverse("projects:project_investment", args=[pw.project_b.pk]),
        {"year": 2025, "month": 1, "cumulative": "10"},
    )
    assert response.status_code == 404
    assert not Investment.objects.filter(project=pw.project_b).exists()


def test_the_enterprise_user_does_not_see_firm_b_in_the_list(client, world, pw):
    client.force_login(world.firm_user)
    body = client.get(reverse("projects:project_list")).content.decode()
    assert "甲企业新材料项目" in body
    assert "乙企业扩建项目" not in body


def test_the_enterprise_user_reads_history_never(client, world, pw):
    client.force_login(world.firm_user)
    assert client.get(reverse("projects:project_history", args=[pw.project.pk])).status_code == 403


# --- the form's bad input ------------------------------------------------------------------------


def test_completion_before_start_is_refused_on_the_field(client, world, pw):
    client.force_login(world.clerk)
    url = reverse("projects:project_edit", args=[pw.project.pk])
    data = {
        "code": "XM-001",
        "name": "甲企业新材料项目",
        "enterprise": world.firm_a.pk,
        "nature": "new",
        "total_investment": "12000",
        "planned_start": "2025-03-01",
        "planned_completion": "2025-02-01",
        "lead_department": pw.economy.pk,
        "frequency": "monthly",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "planned_completion" in response.context["form"].errors
    assert Project.objects.get(pk=pw.project.pk).planned_completion == datetime.date(2026, 6, 30)


def test_a_clerk_can_only_pick_their_own_departments_as_lead(client, world, pw):
    client.force_login(world.clerk)
    form = client.get(reverse("projects:project_add")).context["form"]
    assert list(form.fields["lead_department"].queryset) == [pw.economy]


# --- list ------------------------------------------------------------------------------------------


def make_projects(world, department, n: int, year: int):
    lst = ProjectList.objects.get_or_create(code="sizhong", defaults={"name": "四重项目", "year": year})[0]
    for i in range(n):
        p = Project.objects.create(
            code=f"L-{i:03d}",
            name=f"批量项目{i}",
            enterprise=world.firm_a if i % 2 else None,
            owner_name="" if i % 2 else f"筹建公司{i}",
            park=world.park,
            stage=Stage.CONSTRUCTION,
            total_investment=Decimal("10000"),
            land_area_mu=Decimal("50"),
            lead_department=department,
        )
        p.lists.add(lst)
        InvestmentPlan.objects.create(project=p, year=year, amount=Decimal("1200"))
        Investment.objects.create(project=p, year=year, month=1, cumulative=Decimal("100"))


def list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_keeps_a_constant_query_count(client, world, pw):
    year = timezone.localdate().year
    client.force_login(world.clerk)
    url = reverse("projects:project_list") + "?per_page=50"
    make_projects(world, pw.economy, 3, year)
    few = list_queries(client, url)
    Project.objects.filter(code__startswith="L-").delete()
    make_projects(world, pw.economy, 30, year)
    many = list_queries(client, url)
    assert many == few


def evaluate_on(world, day):
    Zone.objects.filter(pk=world.zone.pk).update(reference_date=day)


def test_the_list_shows_this_years_plan_completed_and_summary(client, world, pw):
    # 4 October 2025: 1–9月 falls due tomorrow (the 5th), so 1–8月 is the period judged
    evaluate_on(world, datetime.date(2025, 10, 4))
    InvestmentPlan.objects.create(project=pw.project, year=2025, amount=Decimal("2400"))
    Investment.objects.create(project=pw.project, year=2025, month=8, cumulative=Decimal("600"))
    Investment.objects.create(project=pw.project, year=2025, month=9, cumulative=Decimal("1000"))
    client.force_login(world.clerk)
    response = client.get(reverse("projects:project_list"), {"q": "XM-001"})
    body = response.content.decode()
    table = response.context["table"]
    row = next(iter(table.data))
    assert (row.year_plan, row.year_completed) == (Decimal("2400"), Decimal("600"))
    summary = table.summary
    assert summary["count"] == 1
    assert summary["total"] == Decimal("12000")
    progress = summary["progress"]
    # 序时 2,400 × 8/12 = 1,600; 600 is 37.5 % of it
    assert (progress.months, progress.expected, progress.share_of_expected) == (
        8,
        Decimal("1600"),
        Decimal("37.5"),
    )
    assert 'data-testid="summary"' in body
    assert '<span data-testid="period">2025年1–8月：</span>' in body
    assert "37.5%" in body
    assert "1.20" in body  # 12000 万元 as 1.20 亿元


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"q": "乙企业"}, ["XM-002"]),
        ({"lead_department": "economy"}, ["XM-001"]),
        ({"stage": "signed"}, ["XM-002"]),
        ({"investment_min": "6000"}, ["XM-001"]),
        ({"investment_max": "5000"}, ["XM-002"]),
        ({"park": "park2"}, ["XM-002"]),
    ],
)
def test_the_list_filters(client, world, pw, params, codes):
    values = {"economy": pw.economy.pk, "park2": world.park2.pk}
    params = {k: values.get(v, v) for k, v in params.items()}
    client.force_login(world.clerk)
    table = client.get(reverse("projects:project_list"), params).context["table"]
    assert [p.code for p in table.data] == codes


def test_the_list_exports_xlsx(client, world, pw):
    client.force_login(world.clerk)
    response = client.get(reverse("projects:project_list"), {"export": "xlsx"})
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    assert len(rows) == 3
    assert rows[1][1] == "XM-001"


# --- stage --------------------------------------------------------------------------------------


def industrial_schedule(project, user, target):
    template = ScheduleTemplate.objects.get(code="industrial")
    return services.schedule_create(project=project, template=template, target=target, user=user)


def test_a_stage_jump_over_open_nodes_needs_a_reason(client, world, pw):
    project = pw.project_b
    project.lead_department = pw.economy
    project.save()
    industrial_schedule(project, world.clerk, timezone.localdate() + datetime.timedelta(days=400))
    client.force_login(world.clerk)
    url = reverse("projects:project_stage", args=[project.pk])
    day = timezone.localdate().isoformat()
    response = client.post(url, {"to_stage": "construction", "date": day, "reason": ""})
    assert response.status_code == 400
    errors = response.context["stage_form"].errors["reason"]
    assert "跳过未完成的节点" in errors[0]
    assert "施工许可" in errors[0]
    assert Project.objects.get(pk=project.pk).stage == Stage.SIGNED
    assert 'data-testid="stage-error"' in response.content.decode()
    ok = client.post(url, {"to_stage": "construction", "date": day, "reason": "容缺受理，先行开工"})
    assert ok.status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.CONSTRUCTION
    change = project.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.reason) == (
        "signed",
        "construction",
        "容缺受理，先行开工",
    )
    assert "容缺受理" in client.get(project.get_absolute_url()).content.decode()


# --- investment ---------------------------------------------------------------------------------


@pytest.fixture
def recorded(pw):
    Investment.objects.create(project=pw.project, year=2025, month=3, cumulative=Decimal("900"))
    return pw


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"year": 2025, "month": 4, "cumulative": "800", "note": ""}, "cumulative", "不能下降"),
        ({"year": 2025, "month": 4, "cumulative": "13000", "note": ""}, "note", "超过总投资"),
        ({"year": 2025, "month": 4, "cumulative": "abc", "note": ""}, "cumulative", ""),
    ],
)
def test_bad_investment_input_is_refused_and_nothing_saved(client, world, recorded, data, field, words):
    client.force_login(world.clerk)
    url = reverse("projects:project_investment", args=[recorded.project.pk])
    response = client.post(url, data)
    assert response.status_code == 400
    errors = response.context["investment_form"].errors[field]
    assert words in errors[0]
    assert list(Investment.objects.values_list("month", "cumulative")) == [(3, Decimal("900"))]


def test_a_locked_period_is_refused(client, world, recorded, monkeypatch):
    monkeypatch.setattr(
        services.investment, "investment_lock_reason", lambda year, month: "2025-04 已审核锁定"
    )
    client.force_login(world.clerk)
    url = reverse("projects:project_investment", args=[recorded.project.pk])
    response = client.post(url, {"year": 2025, "month": 4, "cumulative": "1000"})
    assert response.status_code == 400
    assert "已审核锁定" in response.content.decode()
    assert Investment.objects.count() == 1


def test_a_good_investment_is_recorded_and_shown(client, world, recorded):
    client.force_login(world.clerk)
    url = reverse("projects:project_investment", args=[recorded.project.pk])
    response = client.post(url, {"year": 2025, "month": 4, "cumulative": "1500", "note": ""})
    assert response.status_code == 302
    assert Investment.objects.get(month=4).cumulative == Decimal("1500")
    body = client.get(url).content.decode()
    assert "2025-04" in body
    assert "600.00" in body  # the month's increment 1500 − 900


def test_the_owner_enterprise_records_investment_the_other_department_cannot(client, world, recorded):
    url = reverse("projects:project_investment", args=[recorded.project.pk])
    client.force_login(world.firm_user)
    assert client.post(url, {"year": 2025, "month": 4, "cumulative": "1000"}).status_code == 302
    client.force_login(recorded.clerk_b)
    assert client.post(url, {"year": 2025, "month": 5, "cumulative": "1100"}).status_code == 403
    assert sorted(Investment.objects.values_list("month", flat=True)) == [3, 4]


def test_an_annual_plan_is_added_from_the_tab(client, world, pw):
    client.force_login(world.clerk)
    url = reverse("projects:investmentplan_add", args=[pw.project.pk])
    response = client.post(url, {"year": 2025, "amount": "3600", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project_investment", args=[pw.project.pk])
    assert InvestmentPlan.objects.get(project=pw.project).amount == Decimal("3600")
    client.force_login(pw.clerk_b)
    assert client.post(url, {"year": 2026, "amount": "1"}).status_code == 403


def test_the_investment_tab_shows_time_progress(client, world, pw):
    # 5 October 2025, the due day of 1–9月 itself: 1–9月 is judged (序时 1,200 × 9/12 = 900)
    evaluate_on(world, datetime.date(2025, 10, 5))
    InvestmentPlan.objects.create(project=pw.project, year=2025, amount=Decimal("1200"))
    Investment.objects.create(project=pw.project, year=2025, month=9, cumulative=Decimal("450"))
    client.force_login(world.clerk)
    response = client.get(reverse("projects:project_investment", args=[pw.project.pk]))
    progress = response.context["progress"]
    assert (progress.plan, progress.months, progress.expected) == (Decimal("1200"), 9, Decimal("900"))
    assert progress.share_of_expected == Decimal("50.0")
    body = response.content.decode()
    assert "2025年1–9月" in body and "年度计划 × 9/12" in body


def test_the_investment_tab_in_january_says_no_period_is_due(client, world, pw):
    # 5 January 2026: 2025年1–12月 is due today, but no period of 2026 is due before 5 February
    evaluate_on(world, datetime.date(2026, 1, 5))
    InvestmentPlan.objects.create(project=pw.project, year=2025, amount=Decimal("1200"))
    InvestmentPlan.objects.create(project=pw.project, year=2026, amount=Decimal("2400"))
    Investment.objects.create(project=pw.project, year=2025, month=12, cumulative=Decimal("1300"))
    client.force_login(world.clerk)
    response = client.get(reverse("projects:project_investment", args=[pw.project.pk]))
    progress = response.context["progress"]
    assert (progress.year, progress.plan, progress.months, progress.completed) == (
        2026,
        Decimal("2400"),
        0,
        Decimal(0),
    )
    assert progress.share_of_expected is None
    body = response.content.decode()
    assert "按填报日历评价最近到期的填报期：2026年尚无到期的填报期" in body
    assert "累计完成（尚无到期的填报期）" in body


# --- schedule -----------------------------------------------------------------------------------


def test_schedule_create_baseline_and_actual_date_shows_the_lag(client, world, pw):
    client.force_login(world.clerk)
    project = pw.project
    target = timezone.localdate() + datetime.timedelta(days=100)
    template = ScheduleTemplate.objects.get(code="industrial")
    response = client.post(
        reverse("projects:project_schedule_create", args=[project.pk]),
        {"template": template.pk, "target": target.isoformat()},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    nodes = {m.code: m for m in project.milestones.all()}
    assert nodes["acceptance"].planned_date == target
    assert client.post(reverse("projects:project_baseline", args=[project.pk])).status_code == 302
    sign = project.milestones.get(code="sign")
    assert sign.baseline_date == sign.planned_date
    actual = sign.baseline_date + datetime.timedelta(days=23)
    response = client.post(
        reverse("projects:project_milestone", args=[project.pk, sign.pk]),
        {
            f"n{sign.pk}-planned_date": sign.planned_date.isoformat(),
            f"n{sign.pk}-actual_date": actual.isoformat(),
        },
    )
    assert response.status_code == 302
    body = client.get(reverse("projects:project_schedule", args=[project.pk])).content.decode()
    assert "较基线滞后23天" in body
    assert 'id="gantt-data"' in body
    assert 'data-testid="baseline-approved"' in body


def test_a_planned_date_breaking_a_dependency_is_refused(client, world, pw):
    client.force_login(world.clerk)
    industrial_schedule(pw.project, world.clerk, timezone.localdate() + datetime.timedelta(days=200))
    register = pw.project.milestones.get(code="register")
    sign = pw.project.milestones.get(code="sign")
    too_early = sign.planned_date - datetime.timedelta(days=5)
    response = client.post(
        reverse("projects:project_milestone", args=[pw.project.pk, register.pk]),
        {f"n{register.pk}-planned_date": too_early.isoformat(), f"n{register.pk}-actual_date": ""},
    )
    assert response.status_code == 400
    assert 'data-testid="node-error"' in response.content.decode()
    assert "签约" in response.content.decode()
    register.refresh_from_db()
    assert register.planned_date > sign.planned_date


def test_the_schedule_tab_without_nodes_says_what_to_do(client, world, pw):
    client.force_login(world.clerk)
    response = client.get(reverse("projects:project_schedule", args=[pw.project.pk]))
    assert response.status_code == 200
    assert response.context["nodes"] == []
    assert response.context["schedule_form"] is not None
    client.force_login(world.leader)
    response = client.get(reverse("projects:project_schedule", args=[pw.project.pk]))
    assert response.context["schedule_form"] is None


# --- detail, lights, attachments -----------------------------------------------------------------


def test_the_detail_shows_every_finding_and_the_responsibility(client, world, pw):
    Project.objects.filter(pk=pw.project.pk).update(
        light="red",
        light_reasons=[
            {"rule": "investment", "light": "red", "text": "1–8月完成投资低于序时进度50%以上"},
            {"rule": "problems", "light": "yellow", "text": "1个问题逾期未答复"},
        ],
    )
    pw.project.team.add(pw.clerk_b)
    client.force_login(world.leader)
    body = client.get(pw.project.get_absolute_url()).content.decode()
    assert "1–8月完成投资低于序时进度50%以上" in body
    assert "1个问题逾期未答复" in body
    assert "王强" in body
    assert "经济发展局" in body
    assert "clerk_b" in body
    assert 'data-testid="stage-form"' not in body  # a leader reads, the department edits


def test_the_lights_tab_lists_the_history(client, world, pw):
    LightChange.objects.create(
        project=pw.project,
        date=datetime.date(2025, 9, 30),
        light="red",
        previous="green",
        reasons=[{"rule": "nodes", "light": "red", "text": "节点施工许可逾期超过3个月"}],
    )
    client.force_login(world.leader)
    body = client.get(reverse("projects:project_lights", args=[pw.project.pk])).content.decode()
    assert "2025-09-30" in body
    assert "节点施工许可逾期超过3个月" in body


def test_attachments_are_added_downloaded_and_deleted_by_the_lead_department(client, world, pw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.clerk)
    response = client.post(
        reverse("projects:project_attachment_add", args=[pw.project.pk]),
        {"kind": "contract", "title": "投资协议", "file": SimpleUploadedFile("协议.pdf", b"%PDF-1.4 test")},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    download = client.get(reverse("projects:project_attachment_file", args=[pw.project.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
    client.force_login(pw.clerk_b)
    delete = reverse("projects:project_attachment_delete", args=[pw.project.pk, attachment.pk])
    assert client.post(delete).status_code == 403
    client.force_login(world.clerk)
    assert client.post(delete).status_code == 302
    assert not Attachment.objects.exists()
    assert ObjectChange.objects.filter(content_type__model="attachment", action="delete").count() == 1
