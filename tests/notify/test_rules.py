"""The day's reminders from the domains' rules: who gets which, on which dates, once a day,
never for a muted kind; a group robot gets each reminder once."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from gaoxin.attraction.models import Lead
from gaoxin.attraction.services_leads import lead_overdue
from gaoxin.core.testing import make_user
from gaoxin.enterprises.models import EnterpriseUser
from gaoxin.indicators.models import DataSet, Submission
from gaoxin.notify import rules, services
from gaoxin.notify.models import ChannelConfig, Delivery, Message, Mute
from gaoxin.projects.models import Problem, ProblemCategory
from gaoxin.zone.models import Department, Leader
from tests.factories import clerk_department, make_project

D = datetime.date


@pytest.fixture
def filing(world):
    """规上工业企业月报 due on the 10th; firm B has filed 1–8月, firm A nothing."""
    data_set = DataSet.objects.create(
        code="ent_monthly", name="规上工业企业月报", scope="enterprise", due_day=10
    )
    Submission.objects.create(
        data_set=data_set, enterprise=world.firm_b, year=2025, month=8, status="approved"
    )
    firm_b_user = make_user("firm_b", "enterprise")
    EnterpriseUser.objects.create(user=firm_b_user, enterprise=world.firm_b)
    return type("F", (), {"data_set": data_set, "firm_b_user": firm_b_user})


def inbox(user):
    return list(
        Message.objects.filter(user=user).order_by("kind", "subject").values_list("kind", "subject", "body")
    )


def test_firm_a_gets_its_own_late_reports_and_never_firm_bs(world, filing):
    services.messages_build(day=D(2025, 10, 15))
    assert inbox(world.firm_user) == [
        (
            "late_report",
            "催报：甲企业有限公司的规上工业企业月报",
            "甲企业有限公司有2期规上工业企业月报尚未报送：\n"
            "- 2025年1–9月（应于2025-10-10报送，已逾期5天）\n"
            "- 2025年1–8月（应于2025-09-10报送，已逾期35天）",
        )
    ]
    assert inbox(filing.firm_b_user) == [
        (
            "late_report",
            "催报：乙企业有限公司的规上工业企业月报",
            "乙企业有限公司有1期规上工业企业月报尚未报送：\n- 2025年1–9月（应于2025-10-10报送，已逾期5天）",
        )
    ]
    assert Message.objects.get(user=world.firm_user).url == "/economy/filing/"


def test_a_report_due_within_three_days_is_reminded_to_who_has_not_filed(world, filing):
    Submission.objects.create(
        data_set=filing.data_set, enterprise=world.firm_b, year=2025, month=9, status="submitted"
    )
    reminders = rules.due_soon_reminders(D(2025, 10, 8))  # due 10 October: the 8th, 9th and 10th
    assert [(r.subject, r.body, r.user_ids) for r in reminders] == [
        (
            "2025-10-10截止：规上工业企业月报（2025年1–9月）",
            "甲企业有限公司：规上工业企业月报（2025年1–9月）应于2025-10-10前报送。",
            {world.firm_user.pk},
        )
    ]
    assert rules.due_soon_reminders(D(2025, 10, 7)) == []  # four days before
    assert rules.due_soon_reminders(D(2025, 10, 11)) == []  # then it is late, not due


@pytest.fixture
def problem(world):
    project = make_project(world, world.firm_a)
    return Problem.objects.create(
        project=project,
        category=ProblemCategory.objects.get(code="land"),
        description="用地指标未落实",
        raised_by=world.leader,
        raised_on=D(2025, 9, 1),
        department=clerk_department(world),
        deadline=D(2025, 9, 15),
    )


def test_an_overdue_problem_goes_to_the_department_and_the_raiser(world, problem):
    [reminder] = rules.problem_reminders(D(2025, 9, 30))
    assert (reminder.subject, reminder.body, reminder.user_ids, reminder.url) == (
        "问题逾期：甲企业有限公司项目0",
        "用地指标未落实——交办经济发展局，办理期限2025-09-15，已逾期15天。",
        {world.clerk.pk, world.leader.pk},
        f"/projects/problems/{problem.pk}/",
    )
    assert rules.problem_reminders(D(2025, 9, 15)) == []  # due that day: not overdue yet
    Problem.objects.filter(pk=problem.pk).update(status="answered", answered_on=D(2025, 9, 20))
    assert rules.problem_reminders(D(2025, 9, 30)) == []  # answered: the raiser's turn, no reminder


def test_an_overdue_confidential_lead_is_named_by_its_code_name_only(world):
    invest = Department.objects.create(zone=world.zone, name="招商局")
    clerk_b = make_user("clerk_b", "clerk")
    invest.members.add(clerk_b)
    lead = Lead.objects.create(
        code="XS-2025-001",
        company_name="甲锂电材料有限公司",
        confidential=True,
        code_name="项目A",
        stage="clue",
        stage_since=D(2025, 9, 1),
        department=invest,
        intended_investment=Decimal("50000"),
    )
    [reminder] = rules.lead_reminders(D(2025, 9, 30))
    assert (reminder.subject, reminder.body, reminder.user_ids) == (
        "线索逾期：项目A（XS-2025-001）",
        f"项目A（XS-2025-001）：{lead_overdue(lead, D(2025, 9, 30))}",
        {clerk_b.pk},
    )
    assert "甲锂电" not in reminder.subject + reminder.body


def test_each_leader_gets_a_digest_with_their_own_projects_first(world, filing, problem):
    leader = Leader.objects.create(zone=world.zone, name="王强", title="管委会副主任", user=world.leader)
    problem.project.leader = leader
    problem.project.save()
    Leader.objects.create(zone=world.zone, name="李明", title="管委会主任")  # no account: no digest
    services.messages_build(day=D(2025, 10, 15))
    digest = Message.objects.get(user=world.leader, kind="digest")
    assert (digest.subject, digest.body, digest.url) == (
        "每日提醒 2025-10-15",
        "逾期未报：2家；逾期问题：1个（您包保项目1个）；逾期线索：0条。\n- 甲企业有限公司项目0：用地指标未落实（09-15）",
        f"/projects/leaders/{leader.pk}/",
    )


def test_a_second_run_the_same_day_adds_nothing_and_the_next_day_reminds_again(world, filing, problem):
    ChannelConfig.objects.create(name="邮件", channel="email")
    first = services.messages_build(day=D(2025, 10, 15))
    assert (first.built, first.queued) == (4, 4)  # A's and B's 催报, the problem to clerk and leader
    again = services.messages_build(day=D(2025, 10, 15))
    assert (again.built, again.queued) == (0, 0)
    assert Message.objects.count() == 4 and Delivery.objects.count() == 4
    assert services.messages_build(day=D(2025, 10, 16)).built == 4


def test_a_muted_kind_is_not_built_for_that_user_only(world, filing, problem):
    Mute.objects.create(user=world.firm_user, kind="late_report")
    Mute.objects.create(user=world.clerk, kind="problem_overdue")
    services.messages_build(day=D(2025, 10, 15))
    assert inbox(world.firm_user) == []
    assert [kind for kind, *_ in inbox(filing.firm_b_user)] == ["late_report"]
    assert inbox(world.clerk) == []
    assert [kind for kind, *_ in inbox(world.leader)] == ["problem_overdue"]


def test_a_group_robot_gets_a_reminder_once_however_many_users_get_it(world, problem):
    robot = ChannelConfig.objects.create(name="经发局群", channel="wecom", webhook_url="http://127.0.0.1:9/")
    mail = ChannelConfig.objects.create(name="邮件", channel="email")
    ChannelConfig.objects.create(name="短信", channel="sms", kinds=["digest"])  # digests only
    ChannelConfig.objects.create(name="停用", channel="email", enabled=False)
    services.messages_build(day=D(2025, 9, 30))
    assert Message.objects.filter(kind="problem_overdue").count() == 2
    assert Delivery.objects.filter(channel=robot).count() == 1
    assert Delivery.objects.filter(channel=mail).count() == 2
    assert Delivery.objects.count() == 3


def test_the_command_builds_and_sends(world, problem, smtp_server):
    world.clerk.email = "clerk@zone.example"
    world.clerk.save()
    ChannelConfig.objects.create(name="邮件", channel="email")
    call_command("reminders", "--date", "2025-09-30", "--send")
    assert [to for to, _raw in smtp_server.received] == [["clerk@zone.example"]]
    assert sorted(Delivery.objects.values_list("status", flat=True)) == [
        "queued",
        "sent",
    ]  # leader: no address
