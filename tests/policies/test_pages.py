"""The pages: library, clause editor (validation), 试算, matches, 体检报告, 公示; scope as sentences."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.policies import services
from gaoxin.policies.models import Clause
from tests.factories import facts

from .helpers import make_clause, make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def clause(world):
    facts(world.firm_a, 2024, rd_expense=Decimal("1000"))
    facts(world.firm_a, 2025, rd_expense=Decimal("1500"))
    return make_clause()


def test_the_clerk_opens_every_page(client, world, clause):
    client.force_login(world.clerk)
    for url in (
        reverse("policies:policy_list"),
        reverse("policies:policy_detail", args=[clause.policy_id]),
        reverse("policies:clause_list"),
        reverse("policies:clause_detail", args=[clause.pk]),
        reverse("policies:catalogue"),
        reverse("policies:disbursement_list"),
        reverse("policies:notice_list"),
        reverse("policies:clause_matches", args=[clause.pk]) + "?year=2025",
        reverse("policies:policy_check", args=[world.firm_a.pk]) + "?year=2025",
        reverse("enterprises:enterprise_tab", args=[world.firm_a.pk, "policies"]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_matches_page_lists_the_unpaid_firm_with_its_amount(client, world, clause):
    client.force_login(world.clerk)
    page = client.get(reverse("policies:clause_matches", args=[clause.pk]), {"year": 2025}).content.decode()
    assert "甲企业有限公司" in page and "50.00" in page
    assert "符合条件企业1家，合计50.00万元，其中应享未享50.00万元；预算500.00万元。" in page


def test_the_trial_button_shows_count_total_and_examples(client, world, clause):
    client.force_login(world.clerk)
    page = client.post(reverse("policies:clause_trial", args=[clause.pk]), {"year": 2025}).content.decode()
    assert "2025年度：2家企业中1家符合，合计50.00万元，预算500.00万元。" in page


def test_a_clause_with_an_unknown_field_is_not_saved_and_says_why(client, world):
    policy = make_policy()
    client.force_login(world.clerk)
    answer = client.post(
        reverse("policies:clause_add"),
        {
            "policy": policy.pk,
            "code": "一",
            "title": "奖励",
            "rule": "利润率 > 1",
            "formula": "10",
            "budget_amount": "100",
            "budget_line": "2060199",
            "min_notice_days": "5",
        },
    )
    assert answer.status_code == 400
    assert "未知字段“利润率”：字段目录中没有这个名称。" in answer.content.decode()
    assert not Clause.objects.exists()


def test_a_firm_sees_its_own_check_report_and_another_firms_is_404(client, world, clause):
    client.force_login(world.firm_user)
    own = client.get(reverse("policies:policy_check", args=[world.firm_a.pk]), {"year": 2025})
    assert own.status_code == 200
    assert "该企业符合1条政策条款，合计50.00万元，其中应享未享50.00万元。" in own.content.decode()
    assert client.get(reverse("policies:policy_check", args=[world.firm_b.pk])).status_code == 404


def test_a_firm_cannot_open_the_matches_of_a_clause(client, world, clause):
    client.force_login(world.firm_user)
    assert client.get(reverse("policies:clause_matches", args=[clause.pk])).status_code == 403


def test_another_firms_disbursement_is_404_for_a_firm(client, world, clause):
    made = services.disbursement_propose(
        clause=clause,
        enterprise_id=world.firm_a.pk,
        year=2025,
        user=world.clerk,
        date=datetime.date(2025, 9, 1),
    )
    client.force_login(world.firm_user)
    assert client.get(made.get_absolute_url()).status_code == 200
    made.enterprise = world.firm_b
    made.save()
    assert client.get(made.get_absolute_url()).status_code == 404


def test_the_notice_list_shows_an_award_on_notice(client, world, clause):
    made = services.disbursement_propose(
        clause=clause,
        enterprise_id=world.firm_a.pk,
        year=2025,
        user=world.clerk,
        date=datetime.date(2025, 9, 1),
    )
    services.disbursement_notice(disbursement=made, user=world.clerk, start=datetime.date(2025, 9, 30))
    client.force_login(world.clerk)
    page = client.get(reverse("policies:notice_list")).content.decode()
    assert "甲企业有限公司" in page and "2025年10月14日" in page


def test_an_objection_is_recorded_and_resolved_on_the_page(client, world, clause):
    made = services.disbursement_propose(
        clause=clause,
        enterprise_id=world.firm_a.pk,
        year=2025,
        user=world.clerk,
        date=datetime.date(2025, 9, 1),
    )
    services.disbursement_notice(disbursement=made, user=world.clerk, start=datetime.date(2025, 9, 30))
    client.force_login(world.clerk)
    step = reverse("policies:disbursement_step", args=[made.pk, "objection"])
    client.post(step, {"raised_on": "2025-10-09", "raised_by": "匿名", "content": "数据存疑"})
    objection = made.objections.get()
    resolve = reverse("policies:disbursement_step", args=[made.pk, "resolve"])
    client.post(resolve, {"objection": objection.pk, "resolved_on": "2025-10-10", "resolution": "已核实"})
    objection.refresh_from_db()
    assert (objection.resolved_on, objection.resolution) == (datetime.date(2025, 10, 10), "已核实")
    early = client.post(step, {"raised_on": "2025-10-20", "raised_by": "甲", "content": "迟到"}, follow=True)
    assert "异议须在公示期内（2025-10-01至2025-10-14）提出。" in early.content.decode()
