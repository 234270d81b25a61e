"""The 兑现 workflow through the API, with its refusals and permissions as sentences."""

import datetime
from decimal import Decimal

import pytest

from gaoxin.payouts.models import Payout
from gaoxin.policies import services
from gaoxin.policies.matching import PAID, match
from gaoxin.policies.models import Disbursement
from tests.factories import facts

from .helpers import make_clause

pytestmark = pytest.mark.django_db
URL = "/api/disbursements/"


@pytest.fixture
def clause(world):
    facts(world.firm_a, 2024, rd_expense=Decimal("1000"))
    facts(world.firm_a, 2025, rd_expense=Decimal("1500"))  # growth 500 → 50 万元 (the cap)
    return make_clause(budget_amount=Decimal("60"))


def propose(api, world, clause, firm=None):
    api.force_authenticate(world.clerk)
    return api.post(
        URL,
        {"clause": clause.pk, "enterprise": (firm or world.firm_a).pk, "year": 2025, "date": "2025-09-26"},
        format="json",
    )


def test_the_public_notice_over_the_national_day_holiday_ends_on_14_october(world, clause):
    # 2025-09-30 + 5 working days: 1–8 October are the holiday; 9 (Thu) 10 (Fri) 11 (Sat, 调休
    # working day) 13 (Mon) 14 (Tue) are the five working days, by chinese-calendar.
    from rest_framework.test import APIClient

    made = propose(APIClient(), world, clause)
    assert made.status_code == 201, made.json()
    assert made.json()["amount"] == "50.0000"
    disbursement = Disbursement.objects.get()
    services.disbursement_notice(
        disbursement=disbursement, user=world.clerk, start=datetime.date(2025, 9, 30)
    )
    disbursement.refresh_from_db()
    assert disbursement.notice_end == datetime.date(2025, 10, 14)


def test_the_whole_way_to_payment_with_every_refusal(api, world, clause):
    assert propose(api, world, clause).status_code == 201
    pk = Disbursement.objects.get().pk
    short = api.post(f"{URL}{pk}/notice/", {"start": "2025-09-30", "days": 3}, format="json")
    assert short.status_code == 400
    assert short.json() == {"days": ["本条款的公示期不得少于5个工作日。"]}
    assert api.post(f"{URL}{pk}/notice/", {"start": "2025-09-30"}, format="json").status_code == 200
    objection = api.post(
        f"{URL}{pk}/objections/",
        {"raised_on": "2025-10-10", "raised_by": "匿名", "content": "研发费用有虚报嫌疑"},
        format="json",
    )
    assert objection.status_code == 200
    api.force_authenticate(world.leader)
    waiting = api.post(f"{URL}{pk}/approve/", {"date": "2025-10-15"}, format="json")
    assert waiting.status_code == 400
    assert "公示期间提出的异议尚未处理完毕。" in str(waiting.json())
    services.objection_resolve(
        objection=Disbursement.objects.get().objections.get(),
        resolved_on=datetime.date(2025, 10, 13),
        resolution="经核查审计报告，研发费用属实。",
    )
    early = api.post(f"{URL}{pk}/approve/", {"date": "2025-10-14"}, format="json")
    assert early.status_code == 400 and "2025-10-14" in str(early.json())
    api.force_authenticate(world.clerk)
    own = api.post(f"{URL}{pk}/approve/", {"date": "2025-10-15"}, format="json")
    assert own.status_code == 403  # a clerk cannot approve a payout they proposed
    api.force_authenticate(world.leader)
    assert api.post(f"{URL}{pk}/approve/", {"date": "2025-10-15"}, format="json").status_code == 200
    bare = api.post(f"{URL}{pk}/pay/", {"date": "2025-10-20"}, format="json")
    assert bare.status_code == 400
    paid = api.post(
        f"{URL}{pk}/pay/",
        {"date": "2025-10-20", "bank_ref": "BK20251020001", "document_no": "高新财〔2025〕12号"},
        format="json",
    )
    assert paid.status_code == 200, paid.json()
    assert paid.json()["stage"] == "paid"
    assert match([clause], 2025, enterprise_ids=[world.firm_a.pk])[0].status(0) == PAID
    assert Disbursement.objects.get().stage_changes.count() == 3
    # the paid amount is in the one payout ledger, pointing at the disbursement
    (payout,) = Payout.objects.all()
    assert (payout.enterprise_id, payout.amount, payout.paid_on) == (
        world.firm_a.pk,
        Disbursement.objects.get().amount,
        datetime.date(2025, 10, 20),
    )
    assert payout.document_number == "高新财〔2025〕12号" and payout.subject == Disbursement.objects.get()
    assert payout.programme.code == f"policy-{clause.policy.pk}" and payout.budget_line.year == 2025


def test_refusals_change_nothing(api, world, clause):
    other = make_clause(clause.policy, code="第二条", budget_amount=Decimal("40"))
    not_qualified = propose(api, world, clause, world.firm_b)
    assert not_qualified.status_code == 400
    assert "乙企业" not in str(not_qualified.json()) and "不符合" in str(not_qualified.json())
    over = propose(api, world, other)
    assert over.status_code == 400
    assert "超出" in str(over.json())
    assert propose(api, world, clause).status_code == 201
    twice = propose(api, world, clause)
    assert twice.status_code == 400
    assert Disbursement.objects.count() == 1


def test_a_firm_sees_only_its_own_check_report(api, world, clause):
    api.force_authenticate(world.firm_user)
    own = api.get("/api/policy-check/", {"enterprise": world.firm_a.pk, "year": 2025})
    assert own.status_code == 200
    assert own.json()["qualifying"] == 1 and own.json()["total"] == "50.00"
    assert api.get("/api/policy-check/", {"enterprise": world.firm_b.pk, "year": 2025}).status_code == 404
    assert api.get("/api/policy-matches/", {"clause": clause.pk, "year": 2025}).status_code == 403


def test_trial_counts_totals_and_shows_examples(api, world, clause):
    api.force_authenticate(world.clerk)
    answer = api.post(f"/api/policy-clauses/{clause.pk}/trial/", {"year": 2025}, format="json")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["qualifying"], body["total"], body["over_budget"]) == (1, "50.00", False)
    assert [e["enterprise_name"] for e in body["examples"]] == ["甲企业有限公司"]


def test_matches_list_unpaid_with_reasons(api, world, clause):
    api.force_authenticate(world.clerk)
    body = api.get("/api/policy-matches/", {"clause": clause.pk, "year": 2025, "status": "misses"}).json()
    assert body["count"] == 1
    assert body["results"][0]["criteria"][0]["words"] == "研发费用增长额 > 0：缺少研发费用增长额的数据"
    unpaid = api.get("/api/policy-matches/", {"clause": clause.pk, "year": 2025, "status": "unpaid"}).json()
    assert (unpaid["count"], unpaid["unpaid_total"]) == (1, "50.00")
