"""The ledger's rules with exact values: the budget line's remaining amount (at, above, when
edited), positive amounts, the line of the same programme and year, the department's write
right, totals per programme and year, and the firm's scope."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from gaoxin.core.models import ObjectChange
from gaoxin.core.testing import xlsx_bytes
from gaoxin.payouts.models import BudgetLine, Payout, Programme, payout_errors
from gaoxin.payouts.services import payout_totals

from .helpers import award_programme, payout

pytestmark = pytest.mark.django_db


def draft(world, amount, pk=None, day=datetime.date(2024, 5, 1)):
    programme, line = award_programme(world)
    return Payout(
        pk=pk,
        enterprise=world.firm_a,
        programme=programme,
        budget_line=line,
        amount=Decimal(amount),
        paid_on=day,
    )


@pytest.mark.parametrize(
    ("amount", "errors"),
    [
        ("70", []),  # exactly the remaining 70 of 100 (30 paid)
        (
            "70.0001",
            [
                "预算科目 科技奖励资金 2024 2060000 剩余 70 万元（预算 100，已拨付 30），本次拨付 70.0001 万元超出剩余额度。"
            ],
        ),
        ("0", ["金额必须大于零。"]),
    ],
)
def test_a_payout_fits_the_budget_lines_remaining_amount(world, amount, errors):
    payout(world, world.firm_b, amount="30")
    assert [message for _field, message in payout_errors(draft(world, amount))] == errors


def test_an_edited_payout_counts_its_own_amount_once(world):
    stored = payout(world, world.firm_a, amount="100")
    assert payout_errors(draft(world, "100", pk=stored.pk)) == []
    assert payout_errors(draft(world, "100.01", pk=stored.pk)) != []


def test_a_line_of_another_year_is_refused(world):
    errors = payout_errors(draft(world, "1", day=datetime.date(2025, 1, 2)))
    assert errors == [("budget_line", "预算科目为2024年，拨付日期为2025-01-02。")]


def test_the_api_refuses_a_payout_over_the_budget_and_stores_nothing(world):
    payout(world, world.firm_b, amount="95")
    _programme, line = award_programme(world)
    api = APIClient()
    api.force_authenticate(world.clerk)
    before = ObjectChange.objects.count()
    response = api.post(
        reverse("award-list"),
        {
            "enterprise": world.firm_a.pk,
            "programme": "award",
            "budget_line": line.pk,
            "amount": "6",
            "paid_on": "2024-09-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "剩余 5 万元" in response.json()["amount"][0]
    assert Payout.objects.count() == 1
    assert ObjectChange.objects.count() == before


def test_a_clerk_outside_the_programmes_department_may_not_pay_from_it(world, client):
    _programme, _line = award_programme(world)
    other = Programme.objects.create(code="other", name="其他资金", department=None)
    BudgetLine.objects.create(programme=other, year=2024, code="X", amount=Decimal(10))
    stored = Payout.objects.create(
        enterprise=world.firm_a, programme=other, amount=Decimal(1), paid_on=datetime.date(2024, 3, 1)
    )
    client.force_login(world.clerk)
    response = client.post(
        reverse("payouts:payout_edit", args=[stored.pk]),
        {"enterprise": world.firm_a.pk, "programme": other.pk, "amount": "2", "paid_on": "2024-03-01"},
    )
    assert response.status_code == 403
    assert Payout.objects.get(pk=stored.pk).amount == Decimal(1)


def test_totals_per_programme_and_year(world):
    payout(world, world.firm_a, amount="30")
    payout(world, world.firm_a, amount="20.5")
    payout(world, world.firm_b, amount="10")
    (row,) = payout_totals(Payout.objects.all())
    assert (row.programme.code, row.year, row.paid, row.payouts, row.firms, row.budget, row.remaining) == (
        "award",
        2024,
        Decimal("60.5"),
        3,
        2,
        Decimal(100),
        Decimal("39.5"),
    )


def test_the_totals_page_of_a_firm_user_counts_its_own_payouts_only(world, client):
    payout(world, world.firm_a, amount="30")
    payout(world, world.firm_b, amount="10")
    client.force_login(world.firm_user)
    page = client.get(reverse("payouts:payout_totals"))
    assert page.status_code == 200
    assert [t.paid for t in page.context["totals"]] == [Decimal(30)]


def test_the_firm_user_of_a_gets_404_on_bs_payout(world, client):
    other = payout(world, world.firm_b)
    client.force_login(world.firm_user)
    assert client.get(reverse("payouts:payout_detail", args=[other.pk])).status_code == 404


def test_the_metric_sums_a_programmes_year(world):
    from gaoxin.core.metrics import get_metric

    payout(world, world.firm_a, amount="30")
    payout(world, world.firm_b, amount="12")
    value = get_metric("payouts_paid").compute({"programme": "award"}, 2024, None)
    assert value.value == Decimal(42)


def test_the_import_refuses_the_row_that_exceeds_the_budget_with_the_rows_above_it(world, client):
    award_programme(world)
    header = ["统一社会信用代码", "资金项目", "金额", "拨付日期", "文号", "预算科目"]
    rows = [
        [world.firm_a.uscc, "科技奖励资金", 60, "2024-06-01", "文1", "2060000"],
        [world.firm_b.uscc, "科技奖励资金", 50, "2024-06-02", "文2", "2060000"],
    ]
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.clerk)
    upload = SimpleUploadedFile("payouts.xlsx", xlsx_bytes(header, rows))
    response = client.post(reverse("imports:import"), {"kind": "payouts", "file": upload})
    job = client.get(response["Location"]).context["job"]
    assert [(e["row"], e["message"]) for e in job.result["errors"]] == [
        (
            3,
            "预算科目 科技奖励资金 2024 2060000 剩余 40 万元（预算 100，已拨付 60），本次拨付 50 万元超出剩余额度。",
        )
    ]
    assert Payout.objects.count() == 0


def test_the_enterprise_tab_lists_the_firms_own_payouts(world, client):
    mine = payout(world, world.firm_a, amount="30")
    payout(world, world.firm_b, amount="10")
    client.force_login(world.firm_user)
    page = client.get(reverse("enterprises:enterprise_tab", args=[world.firm_a.pk, "payouts"]))
    assert page.status_code == 200
    assert mine.document_number in page.content.decode()
    assert (
        client.get(reverse("enterprises:enterprise_tab", args=[world.firm_b.pk, "payouts"])).status_code
        == 404
    )


@pytest.mark.parametrize("url", ["payouts:payout_list", "award-list"])
def test_the_list_and_the_api_read_in_constant_queries(world, client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.leader)
    counts = []
    for extra in (2, 20):
        for n in range(extra):
            payout(
                world, world.firm_a if n % 2 else world.firm_b, amount="1", document_number=f"q{extra}-{n}"
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_import_template_names_the_columns_in_chinese(world, client):
    from gaoxin.core.testing import read_xlsx

    client.force_login(world.clerk)
    response = client.get(reverse("imports:template", args=["payouts"]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    header = read_xlsx(content)[0]
    assert [str(h).rstrip("*").strip() for h in header][:7] == [
        "统一社会信用代码",
        "企业名称",
        "资金项目",
        "金额（万元）",
        "拨付日期",
        "文号",
        "预算科目编码",
    ]
