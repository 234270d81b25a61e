"""One evaluation date everywhere (issue 10 item 3): the cockpit, a goal's page, the goals
API and the monthly brief judge a year on the same day — the zone's evaluation date — read
statistics for the last month ended by it and count signings up to the day itself; each
states that day and the statistics period."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from gaoxin.attraction.models import Signing
from gaoxin.goals.models import Goal
from gaoxin.indicators.models import Indicator, Observation
from gaoxin.indicators.services import last_ended_month, latest_period
from gaoxin.reports import brief as briefs
from gaoxin.zone.models import Zone, evaluation_day
from tests.factories import signing_values

D = Decimal
SEP_30 = datetime.date(2025, 9, 30)


@pytest.mark.parametrize(
    ("day", "month"),
    [
        (datetime.date(2025, 9, 30), 9),  # the month's last day: the month is over
        (datetime.date(2025, 9, 29), 8),  # one day before
        (datetime.date(2025, 1, 15), 0),  # nothing of the year has ended
        (datetime.date(2025, 2, 28), 2),
        (datetime.date(2024, 2, 28), 1),  # 2024 is a leap year: February ends on the 29th
        (datetime.date(2024, 2, 29), 2),
        (datetime.date(2025, 12, 31), 12),
    ],
)
def test_the_last_month_ended_by_a_day(day, month):
    assert last_ended_month(day.year, day) == month


def test_a_past_or_future_year_and_no_day():
    assert last_ended_month(2024, datetime.date(2025, 1, 5)) == 12
    assert last_ended_month(2026, datetime.date(2025, 12, 31)) == 0
    assert last_ended_month(2025, None) == 12


def test_the_evaluation_day_of_a_year(world):
    Zone.objects.update(reference_date=SEP_30)
    assert evaluation_day(2025) == SEP_30
    assert evaluation_day(2024) == datetime.date(2024, 12, 31)  # a past year: its last day


@pytest.fixture
def year_2025(world):
    """Zone growth for 1–8月 and 1–9月 2025 (September's arrives early in this test), two
    verified signings (15 August, 10 September) and a goal of five."""
    Zone.objects.update(reference_date=SEP_30)
    iva = Indicator.objects.create(code="iva", name="规模以上工业增加值", unit="%", kind="rate")
    for month, growth in ((8, "12.1"), (9, "12.4")):
        Observation.objects.create(
            indicator=iva, scope="zone", year=2025, month=month, growth=D(growth), source="bureau"
        )
    for day, name in ((datetime.date(2025, 8, 15), "八月项目"), (datetime.date(2025, 9, 10), "九月项目")):
        values = signing_values(world, None) | {"contract_date": day, "project_name": name}
        Signing.objects.create(**values, status=Signing.Status.VERIFIED)
    return Goal.objects.create(
        year=2025,
        code="signings",
        title="亿元以上签约项目",
        metric="signings_count",
        params={},
        target=5,
        unit="个",
    )


def test_statistics_stop_at_the_last_month_ended(year_2025):
    assert latest_period(2025, as_of=SEP_30) == (2025, 9)
    assert latest_period(2025, as_of=datetime.date(2025, 9, 29)) == (2025, 8)
    assert latest_period(2025, as_of=datetime.date(2025, 8, 30)) is None


def test_cockpit_goal_page_api_and_brief_agree_on_the_day(client, world, year_2025):
    client.force_login(world.leader)
    cockpit = client.get(reverse("goals:cockpit")).content.decode()
    assert "截至2025年9月30日（评价基准日） · 统计数据：2025年1–9月" in cockpit
    assert "截至2025-09-30为2个" in cockpit  # both signings, to the day
    assert "评价基准日 2025年9月30日</span>" in cockpit  # every page's footer
    page = client.get(reverse("goals:goal_detail", args=[year_2025.pk])).content.decode()
    assert "截至2025年9月30日（评价基准日）" in page
    assert "截至2025-09-30为2个" in page
    api = client.get("/api/goals/?year=2025").json()["results"][0]["state"]
    assert (api["evaluated_on"], api["value"]) == ("2025-09-30", "2")
    brief = briefs.build(2025, 9)
    assert brief.as_of == SEP_30
    assert brief.problems[0] == "截至2025年9月30日，对照年度目标和序时进度，有1项滞后："
    assert brief.problems[1].startswith("（一）亿元以上签约项目：现为2个")  # to the day, said once
    texts = [p.text for p in Document(io.BytesIO(briefs.docx_bytes(brief))).paragraphs]
    assert "测试区管委会  2025年9月30日" in texts  # the evaluation day, not the day it was generated
    assert "（统计数据为2025年1–9月；招商、项目和目标完成情况截至2025年9月30日）" in texts


def test_an_earlier_month_brief_is_as_of_that_month_end(year_2025):
    brief = briefs.build(2025, 8)
    assert brief.as_of == datetime.date(2025, 8, 31)
    assert brief.problems[0].startswith("截至2025年8月31日，")
    assert brief.problems[1].startswith("（一）亿元以上签约项目：现为1个")


def test_a_brief_for_a_day_asked_for(client, world, year_2025):
    assert briefs.brief_day(2025, 9, datetime.date(2025, 10, 8)) == datetime.date(2025, 10, 8)
    assert briefs.brief_day(2025, 9, datetime.date(2025, 9, 5)) == SEP_30  # never before the month ends
    client.force_login(world.leader)
    url = reverse("reports:brief", args=["docx"])
    assert client.get(url + "?year=2025&month=9&as_of=2025-10-08").status_code == 200
    assert client.get(url + "?year=2025&month=9&as_of=2026-01-08").status_code == 404  # another year
    assert client.get(url + "?year=2025&month=9&as_of=yesterday").status_code == 404


def test_a_verification_shows_one_time(client, world, year_2025):
    """The signing's 核实时间 and its opinion are the same moment (a record carried over
    keeps its own time; one written now is now)."""
    from gaoxin.attraction.models import SigningOpinion

    signing = Signing.objects.get(project_name="八月项目")
    at = datetime.datetime(2025, 8, 20, 10, tzinfo=datetime.UTC)
    SigningOpinion.objects.create(
        signing=signing, user=world.leader, verdict="verify", opinion="核实无误", at=at
    )
    Signing.objects.filter(pk=signing.pk).update(verified_by=world.leader, verified_at=at)
    client.force_login(world.admin)
    page = client.get(reverse("attraction:signing_detail", args=[signing.pk])).content.decode()
    assert page.count("2025年8月20日 18:00") == 2  # verified by … · and the opinion, in Beijing time


def test_the_footer_says_today_when_no_date_is_fixed(client, world):
    client.force_login(world.clerk)
    page = client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert "（今天）</span>" in page
