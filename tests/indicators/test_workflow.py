"""The monthly data calendar: submit (flags), answer, approve (lock), reopen (admin), late."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gaoxin.core.models import ObjectChange
from gaoxin.indicators import workflow
from gaoxin.indicators.models import DataSet, Indicator, Observation, Submission

D = Decimal


@pytest.fixture
def setup(world):
    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )
    power = Indicator.objects.create(
        code="power", name="工业用电量", unit="万千瓦时", kind="level", sums_enterprises=True
    )
    data_set = DataSet.objects.create(
        code="monthly",
        name="规上工业企业月报",
        scope="zone",
        due_day=12,
        max_month_jump=3,
        max_growth_gap=30,
        divergence_first=power,
        divergence_second=output,
    )
    submission = Submission.objects.create(data_set=data_set, year=2025, month=9)
    return {"output": output, "power": power, "set": data_set, "submission": submission}


def value(indicator, firm, year, month, amount, submission=None):
    return Observation.objects.create(
        indicator=indicator,
        scope="enterprise",
        enterprise=firm,
        year=year,
        month=month,
        value=D(amount),
        source="bureau",
        submission=submission,
    )


def test_submit_raises_flags_that_must_be_answered_before_approval(world, setup):
    a, b = world.firm_a, world.firm_b
    output, power, sub = setup["output"], setup["power"], setup["submission"]
    for month, amount in ((7, 700), (8, 800)):
        value(output, a, 2025, month, amount)
        value(output, b, 2025, month, amount)
    value(output, a, 2025, 9, 750, sub)  # falls below 1–8月
    value(output, b, 2025, 9, 1200, sub)  # +400 against +100: a jump of 4×
    for firm, last, now in ((a, 100, 400), (b, 100, 160)):  # electricity far ahead of output
        value(power, firm, 2024, 9, last)
        value(power, firm, 2025, 9, now, sub)
        value(output, firm, 2024, 9, 1000)
    flags = workflow.submission_submit(submission=sub, user=world.clerk)
    assert sorted(f.rule for f in flags) == ["cumulative_falls", "growth_divergence", "month_jump"]
    falls = next(f for f in flags if f.rule == "cumulative_falls")
    assert falls.message == "甲企业有限公司：规模以上工业总产值2025年1–9月为750，低于上月的800。"
    jump = next(f for f in flags if f.rule == "month_jump")
    assert jump.message == "乙企业有限公司：规模以上工业总产值本月增加400，为上月增量100的4.0倍。"
    sub.refresh_from_db()
    assert (sub.status, sub.submitted_by) == ("submitted", world.clerk)
    with pytest.raises(ValidationError):
        workflow.submission_approve(submission=sub, user=world.leader)
    for flag in flags:
        workflow.flag_answer(flag=flag, user=world.clerk, answer="已核实")
    with pytest.raises(PermissionDenied):
        workflow.submission_approve(submission=sub, user=world.clerk)
    workflow.submission_approve(submission=sub, user=world.leader)
    sub.refresh_from_db()
    assert (sub.status, sub.approved_by, sub.is_locked) == ("approved", world.leader, True)
    actions = list(
        ObjectChange.objects.filter(content_type__model="submission", object_id=str(sub.pk))
        .order_by("id")
        .values_list("action", "user_name")
    )
    assert actions[-2:] == [("update", "clerk"), ("update", "leader")]


def test_only_an_admin_reopens_with_a_reason_and_it_is_audited(world, setup):
    sub = setup["submission"]
    sub.status = "approved"
    sub.save()
    with pytest.raises(PermissionDenied):
        workflow.submission_reopen(submission=sub, user=world.leader, reason="更正")
    with pytest.raises(ValidationError):
        workflow.submission_reopen(submission=sub, user=world.admin, reason=" ")
    workflow.submission_reopen(submission=sub, user=world.admin, reason="统计局更正了9月数据")
    change = ObjectChange.objects.filter(content_type__model="submission", object_id=str(sub.pk)).first()
    assert (change.message, change.prechange_data["status"], change.postchange_data["status"]) == (
        "统计局更正了9月数据",
        "approved",
        "draft",
    )


def test_a_submission_without_values_cannot_be_submitted(world, setup):
    with pytest.raises(ValidationError):
        workflow.submission_submit(submission=setup["submission"], user=world.clerk)


def test_late_reports_list_missing_and_draft_periods(world, setup):
    data_set = setup["set"]
    Submission.objects.create(data_set=data_set, year=2025, month=8, status="approved")
    late = workflow.late_reports(today=datetime.date(2025, 11, 20), since=(2025, 8))
    late = [item for item in late if item.data_set == data_set]  # not the project investment set
    assert [(item.period, item.due, item.days, item.submission is not None) for item in late] == [
        ("2025年1–10月", datetime.date(2025, 11, 12), 8, False),
        ("2025年1–9月", datetime.date(2025, 10, 12), 39, True),  # the draft
    ]
    assert data_set.due_date(2025, 12) == datetime.date(2026, 1, 12)


def test_pages_submit_answer_approve(client, world, setup):
    sub = setup["submission"]
    value(setup["output"], world.firm_a, 2025, 9, 100, sub)
    client.force_login(world.clerk)
    assert client.post(reverse("indicators:submission_action", args=[sub.pk, "submit"])).status_code == 302
    assert client.post(reverse("indicators:submission_action", args=[sub.pk, "approve"])).status_code == 403
    sub.refresh_from_db()
    assert sub.status == "submitted"  # a clerk cannot approve
    client.force_login(world.leader)
    client.post(reverse("indicators:submission_action", args=[sub.pk, "approve"]))
    sub.refresh_from_db()
    assert sub.status == "approved"
    assert client.get(reverse("indicators:late")).status_code == 200


BUTTONS = ("submit", "approve", "return", "reopen")


def buttons(client, sub) -> set[str]:
    body = client.get(reverse("indicators:submission_detail", args=[sub.pk])).content.decode()
    return {name for name in BUTTONS if f'data-testid="{name}"' in body}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("draft", {"clerk": {"submit"}, "leader": set(), "admin": {"submit"}, "auditor": set()}),
        (
            "submitted",
            {
                "clerk": set(),
                "leader": {"approve", "return"},
                "admin": {"approve", "return"},
                "auditor": set(),
            },
        ),
        ("approved", {"clerk": set(), "leader": set(), "admin": {"reopen"}, "auditor": set()}),
    ],
)
def test_each_role_sees_the_workflow_buttons_it_may_use(client, world, setup, status, expected):
    sub = setup["submission"]
    value(setup["output"], world.firm_a, 2025, 9, 100, sub)
    Submission.objects.filter(pk=sub.pk).update(status=status)
    for role, names in expected.items():
        client.force_login(getattr(world, role))
        assert buttons(client, sub) == names, role


def test_the_firm_submits_its_own_filing_on_the_page(client, world, setup):
    filing = DataSet.objects.create(code="filing", name="企业月度填报", scope="enterprise")
    own = Submission.objects.create(data_set=filing, year=2025, month=9, enterprise=world.firm_a)
    value(setup["output"], world.firm_a, 2025, 9, 100, own)
    client.force_login(world.firm_user)
    assert buttons(client, own) == {"submit"}
    client.post(reverse("indicators:submission_action", args=[own.pk, "submit"]))
    own.refresh_from_db()
    assert own.status == "submitted"
    assert buttons(client, own) == set()


def test_the_approver_sends_back_with_a_reason_and_it_is_audited(client, world, setup):
    sub = setup["submission"]
    value(setup["output"], world.firm_a, 2025, 9, 100, sub)
    workflow.submission_submit(submission=sub, user=world.clerk)
    client.force_login(world.leader)
    url = reverse("indicators:submission_action", args=[sub.pk, "return"])
    client.post(url, {"reason": " "})
    sub.refresh_from_db()
    assert sub.status == "submitted"  # no reason: nothing changes
    client.post(url, {"reason": "9月产值与电量不符，请核实"})
    sub.refresh_from_db()
    assert sub.status == "draft"
    change = ObjectChange.objects.filter(content_type__model="submission", object_id=str(sub.pk)).latest("id")
    assert (change.user_name, change.message) == ("leader", "9月产值与电量不符，请核实")
    client.force_login(world.clerk)
    workflow.submission_submit(submission=sub, user=world.clerk)
    assert client.post(url, {"reason": "x"}).status_code == 403  # a clerk does not send back


def test_enterprise_user_gets_404_on_another_firms_submission(client, world, setup):
    filing = DataSet.objects.create(code="filing", name="企业月度填报", scope="enterprise")
    other = Submission.objects.create(data_set=filing, year=2025, month=9, enterprise=world.firm_b)
    client.force_login(world.firm_user)
    for action in ("submit", "approve", "return", "reopen"):
        assert (
            client.post(reverse("indicators:submission_action", args=[other.pk, action])).status_code == 404
        )
    assert client.get(reverse("indicators:submission_detail", args=[other.pk])).status_code == 404


def test_api_transitions(api, world, setup):
    sub = setup["submission"]
    value(setup["output"], world.firm_a, 2025, 9, 100, sub)
    api.force_authenticate(world.clerk)
    assert api.post(f"/api/submissions/{sub.pk}/submit/").json()["status"] == "submitted"
    assert api.post(f"/api/submissions/{sub.pk}/approve/").status_code == 403
    api.force_authenticate(world.leader)
    assert api.post(f"/api/submissions/{sub.pk}/approve/").json()["status"] == "approved"
    assert api.post(f"/api/submissions/{sub.pk}/approve/").status_code == 400
