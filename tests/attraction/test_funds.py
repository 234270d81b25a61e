"""Funds in place (到位资金) of signings and the conversion 签约 → 开工 → 投产: 到位率 at its
edges, 外资 at the rate used, the missing rate refused on every path, the import's row and
column for every bad cell, counts as of a date, and the scope (staff only)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from gaoxin.attraction import services_funds, services_signings
from gaoxin.attraction.imports import SigningFundingImport
from gaoxin.attraction.models import Signing, SigningFunding
from gaoxin.core.imports import Table, run_import
from gaoxin.core.metrics import get_metric
from gaoxin.projects.models import Project, Stage, StageChange
from gaoxin.zone.models import Department
from tests.attraction.test_contract import invest_department
from tests.factories import signing_values

D = datetime.date
AMOUNT = Decimal("120000")  # signing_values: 12 亿元


@pytest.fixture
def signing(world):
    values = signing_values(world, invest_department(world))
    return services_signings.signing_report(signing=Signing(**values), user=world.clerk)


def verified(world, signing):
    services_signings.signing_verify(signing=signing, user=world.leader, verdict="verify", opinion="核实无误")
    signing.refresh_from_db()
    return signing


def month(signing, year, m, domestic="0", usd="0", rate=None):
    return SigningFunding.objects.create(
        signing=signing,
        year=year,
        month=m,
        domestic_outside_province=Decimal(domestic),
        foreign_usd=Decimal(usd),
        usd_rate=None if rate is None else Decimal(rate),
    )


# --- 到位率 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("in_place", "amount", "rate"),
    [
        (Decimal(0), AMOUNT, Decimal("0.0")),  # nothing in place
        (Decimal("59"), AMOUNT, Decimal("0.0")),  # 0.0491… %
        (Decimal("60"), AMOUNT, Decimal("0.1")),  # 0.05 %: half up
        (Decimal("119999"), AMOUNT, Decimal("100.0")),  # 99.9991… % rounds to 100.0
        (AMOUNT, AMOUNT, Decimal("100.0")),  # exactly all of it
        (Decimal("132000"), AMOUNT, Decimal("110.0")),  # more than signed: shown as is
        (Decimal("100"), Decimal(0), None),  # no contract amount: no rate
    ],
)
def test_funding_rate_at_the_edges(in_place, amount, rate):
    assert services_funds.funding_rate(in_place, amount) == rate


def test_the_tab_lists_months_with_cumulative_totals_and_the_rate(client, world, signing):
    month(signing, 2025, 4, domestic="30000")
    month(signing, 2025, 6, domestic="30000")
    month(signing, 2025, 9, domestic="60000")  # 120,000 of 120,000: exactly 100 %
    rows = services_funds.funding_months(signing)
    assert [(r.row.month, r.cumulative, r.rate) for r in rows] == [
        (4, Decimal("30000"), Decimal("25.0")),
        (6, Decimal("60000"), Decimal("50.0")),
        (9, Decimal("120000"), Decimal("100.0")),
    ]
    client.force_login(world.clerk)
    page = client.get(reverse("attraction:signing_funds", args=[signing.pk])).content.decode()
    assert 'data-testid="funds-rate">100.0%<' in page
    assert page.count('data-testid="funds-month"') == 3


def test_over_100_percent_is_shown_as_it_is(client, world, signing):
    month(signing, 2025, 4, domestic="132000")
    client.force_login(world.clerk)
    page = client.get(reverse("attraction:signing_funds", args=[signing.pk])).content.decode()
    assert 'data-testid="funds-rate">110.0%<' in page


# --- 外资 at the rate used ------------------------------------------------------------------------


def test_foreign_funds_are_converted_at_the_rate_used(signing):
    row = month(signing, 2025, 4, domestic="1000", usd="100", rate="7.1884")
    row.refresh_from_db()
    assert (row.foreign_cny, row.total) == (Decimal("718.8400"), Decimal("1718.8400"))
    tiny = month(signing, 2025, 5, usd="0.0001", rate="7.1884")  # 0.00071884 万元 → 0.0007
    assert tiny.foreign_cny == Decimal("0.0007")


def test_a_missing_rate_is_refused_by_the_model(signing):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        SigningFunding(signing=signing, year=2025, month=4, foreign_usd=Decimal(100)).full_clean()
    [message] = refused.value.message_dict["usd_rate"]
    assert "汇率" in message and "100 万美元" in message
    with pytest.raises(ValidationError):
        SigningFunding(signing=signing, year=2025, month=4, foreign_usd=Decimal(100)).save()
    assert SigningFunding.objects.count() == 0


def test_an_export_order_takes_no_funds_in_place(signing):
    """An export order (外贸订单) brings no investment: no 到位资金 on it, and it is not a
    signing of the conversion."""
    Signing.objects.filter(pk=signing.pk).update(kind="trade_order", currency="USD")
    signing.refresh_from_db()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        SigningFunding(signing=signing, year=2025, month=4, domestic_outside_province=Decimal(1)).save()
    assert refused.value.message_dict["signing"] == ["到位资金只记录投资类签约项目。"]
    assert SigningFunding.objects.count() == 0


def test_a_missing_rate_is_refused_on_the_page_and_by_the_api(client, world, signing):
    client.force_login(world.clerk)
    url = reverse("attraction:signingfunding_add", args=[signing.pk])
    response = client.post(
        url, {"year": 2025, "month": 4, "domestic_outside_province": "0", "foreign_usd": "100"}
    )
    assert response.status_code == 400
    assert "汇率" in response.content.decode()
    api = APIClient()
    api.force_authenticate(world.clerk)
    data = {"signing": signing.pk, "year": 2025, "month": 4, "foreign_usd": "100"}
    answer = api.post("/api/signing-funds/", data, format="json")
    assert answer.status_code == 400
    assert "汇率" in answer.json()["usd_rate"][0]
    assert SigningFunding.objects.count() == 0


def test_funding_a_verified_signing_leaves_it_verified(client, world, signing):
    signing = verified(world, signing)
    client.force_login(world.clerk)
    url = reverse("attraction:signingfunding_add", args=[signing.pk])
    data = {"year": 2025, "month": 4, "domestic_outside_province": "5000", "foreign_usd": "0"}
    assert client.post(url, data).status_code == 302
    signing.refresh_from_db()
    assert signing.status == Signing.Status.VERIFIED
    assert SigningFunding.objects.get().total == Decimal("5000")


# --- import ------------------------------------------------------------------------------------

HEADER = ["签约项目", "年度", "月份", "省外资金（万元）", "外资（万美元）", "汇率（元/美元）", "备注"]


def check(world, header, rows):
    with translation.override("zh-hans"):
        return run_import(SigningFundingImport(world.clerk), Table(header=header, rows=rows), commit=True)


def test_the_import_stores_months_with_the_rate(world, signing):
    rows = [
        [signing.project_name, 2025, 4, 1000, 100, "7.1884", ""],
        [str(signing.pk), 2025, 5, 2000, "", "", ""],
    ]
    result = check(world, HEADER, rows)
    assert result.errors == [] and result.new == 2
    stored = {f.month: (f.foreign_cny, f.total) for f in SigningFunding.objects.all()}
    assert stored == {4: (Decimal("718.8400"), Decimal("1718.8400")), 5: (Decimal(0), Decimal("2000"))}


def test_the_import_refuses_wrong_columns(world, signing):
    result = check(world, ["签约项目", "年度", "金额"], [[signing.project_name, 2025, 1000]])
    assert "月份" in result.file_error and "金额" in result.file_error
    assert SigningFunding.objects.count() == 0


def test_the_import_refuses_text_in_number_cells_and_a_missing_rate_with_row_and_column(world, signing):
    rows = [
        [signing.project_name, 2025, 4, "三千", "", "", ""],
        [signing.project_name, 2025, 5, "", "100", "", ""],
        ["没有这个项目", 2025, 6, "10", "", "", ""],
    ]
    result = check(world, HEADER, rows)
    found = [(e.row, e.column) for e in result.errors]
    assert found == [(2, "省外资金（万元）"), (3, "汇率（元/美元）"), (4, "签约项目（编号或项目名称）")], (
        result.errors
    )
    assert SigningFunding.objects.count() == 0


# --- conversion as of a date -------------------------------------------------------------------


def project_for(world, signing, started=None, producing=None):
    project = Project.objects.create(
        code=f"QY{signing.pk}", name=signing.project_name, total_investment=AMOUNT
    )
    StageChange.objects.create(
        project=project, from_stage="", to_stage=Stage.SIGNED, date=signing.contract_date
    )
    if started:
        StageChange.objects.create(
            project=project, from_stage="signed", to_stage=Stage.CONSTRUCTION, date=started
        )
        project.stage = Stage.CONSTRUCTION
    if producing:
        StageChange.objects.create(
            project=project, from_stage="construction", to_stage=Stage.PRODUCTION, date=producing
        )
        project.stage, project.production_date = Stage.PRODUCTION, producing
    project.save()
    Signing.objects.filter(pk=signing.pk).update(project=project)
    return project


def test_conversion_counts_as_of_a_date(world, signing):
    first = verified(world, signing)  # signed 2025-03-15
    project_for(world, first, started=D(2025, 6, 1), producing=D(2025, 9, 1))
    values = {**signing_values(world, invest_department(world)), "project_name": "第二个项目"}
    second = verified(world, services_signings.signing_report(signing=Signing(**values), user=world.clerk))
    project_for(world, second, started=D(2025, 6, 2))  # starts the day after 1 June
    month(first, 2025, 5, domestic="12000")
    month(first, 2025, 7, usd="1000", rate="7.2")  # 7,200 万元 in July

    on_first = services_funds.conversion(2025, D(2025, 6, 1))
    assert (on_first.signed, on_first.started, on_first.producing) == (2, 1, 0)
    assert on_first.started_percent == Decimal("50.0")
    assert (on_first.funds.total, on_first.funds.rate) == (Decimal("12000"), Decimal("5.0"))  # of 240,000

    on_second = services_funds.conversion(2025, D(2025, 6, 2))
    assert (on_second.started, on_second.producing) == (2, 0)
    late = services_funds.conversion(2025, D(2025, 9, 1))
    assert (late.started, late.producing, late.producing_percent) == (2, 1, Decimal("50.0"))
    assert (late.funds.outside_province, late.funds.foreign_cny, late.funds.total) == (
        Decimal("12000"),
        Decimal("7200"),
        Decimal("19200"),
    )
    assert late.funds.rate == Decimal("8.0")  # 19,200 ÷ 240,000
    before = services_funds.conversion(2025, D(2025, 3, 14))  # the day before the contracts
    assert (before.signed, before.started, before.funds.rate) == (0, 0, None)


def test_conversion_metrics_read_the_date_passed_in(world, signing):
    first = verified(world, signing)
    project_for(world, first, started=D(2025, 6, 1))
    month(first, 2025, 5, domestic="12000")
    started = get_metric("signings_started").compute({}, 2025, D(2025, 5, 31))
    assert started.value == Decimal(0)
    assert get_metric("signings_started").compute({}, 2025, D(2025, 6, 1)).value == Decimal(1)
    funds = get_metric("funds_in_place")
    assert funds.compute({}, 2025, D(2025, 4, 30)).value == Decimal(0)  # May not counted in April
    assert funds.compute({"part": "outside_province"}, 2025, D(2025, 5, 1)).value == Decimal("12000")
    assert funds.compute({"part": "foreign"}, 2025, D(2025, 5, 1)).value == Decimal(0)
    assert get_metric("funds_rate").compute({}, 2025, D(2025, 5, 1)).value == Decimal("10.0")


def test_a_reported_signing_does_not_count(world, signing):
    month(signing, 2025, 5, domestic="12000")
    found = services_funds.conversion(2025, D(2025, 9, 30))
    assert (found.signed, found.funds.total) == (0, Decimal(0))


def test_the_cockpit_shows_the_panel(client, world, signing):
    verified(world, signing)
    client.force_login(world.leader)
    page = client.get(reverse("goals:cockpit") + "?year=2025").content.decode()
    assert 'data-testid="attraction-conversion"' in page


# --- scope ------------------------------------------------------------------------------------


def test_an_enterprise_user_gets_404_on_the_tab_and_on_a_funding_row(client, world, signing):
    row = month(signing, 2025, 4, domestic="1000")
    client.force_login(world.firm_user)
    assert client.get(reverse("attraction:signing_funds", args=[signing.pk])).status_code == 404
    assert client.get(reverse("attraction:signingfunding_edit", args=[row.pk])).status_code == 404
    assert client.post(reverse("attraction:signingfunding_edit", args=[row.pk]), {}).status_code == 404
    assert client.get(reverse("attraction:signingfunding_add", args=[signing.pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(world.firm_user)
    assert api.get(f"/api/signing-funds/{row.pk}/").status_code == 404
    assert api.patch(f"/api/signing-funds/{row.pk}/", {"note": "x"}, format="json").status_code == 404
    row.refresh_from_db()
    assert row.note == ""


def test_another_department_may_not_record_funds(client, world, signing):
    other = Department.objects.create(zone=world.zone, name="其他局")
    Signing.objects.filter(pk=signing.pk).update(department=other)
    client.force_login(world.clerk)
    url = reverse("attraction:signingfunding_add", args=[signing.pk])
    data = {"year": 2025, "month": 4, "domestic_outside_province": "100", "foreign_usd": "0"}
    assert client.post(url, data).status_code == 403
    api = APIClient()
    api.force_authenticate(world.clerk)
    answer = api.post("/api/signing-funds/", {**data, "signing": signing.pk}, format="json")
    assert answer.status_code == 403
    assert SigningFunding.objects.count() == 0
