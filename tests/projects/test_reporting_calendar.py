"""Issue 10 item 5: the investment light follows the reporting calendar. The period judged on a
day is the last 1–N月 of ``project_investment`` due on or before it (``DataSet.due_date``: the
data set's due day of the next month), not the months elapsed.

The issue's zone files on the 8th (1–9月 due 8 October): on 5 October 1–8月 is still the period
judged, on the 8th itself 1–9月 is. The default calendar (migration 0002) files on the 5th.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from gaoxin.indicators.models import DataSet
from gaoxin.projects import services
from gaoxin.projects.models import Investment, InvestmentPlan, Light, Project, Stage
from gaoxin.zone.models import Zone

D = datetime.date


def due_day(day: int, combine_jan_feb: bool = False) -> None:
    DataSet.objects.filter(code=services.DATA_SET).update(due_day=day, combine_jan_feb=combine_jan_feb)


def judged(project, day) -> tuple[str, str | None, str | None]:
    """(light, investment finding's light, its text in Chinese) on ``day``."""
    with translation.override("zh-hans"):
        services.recompute_lights(project_ids=[project.pk], as_of=day)
    project.refresh_from_db()
    finding = next((r for r in project.light_reasons if r["rule"] == "investment"), {})
    return project.light, finding.get("light"), finding.get("text")


def invest(project, year, plan, **months):
    InvestmentPlan.objects.update_or_create(project=project, year=year, defaults={"amount": Decimal(plan)})
    for key, value in months.items():
        Investment.objects.update_or_create(
            project=project, year=year, month=int(key[1:]), defaults={"cumulative": Decimal(value)}
        )


@pytest.mark.parametrize(
    ("day", "months"),
    [
        (D(2025, 10, 5), 8),  # the issue: 1–9月 not yet due
        (D(2025, 10, 7), 8),  # one day before the due day
        (D(2025, 10, 8), 9),  # the due day itself counts
        (D(2025, 10, 31), 9),  # 1–10月 is due on 8 November
        (D(2025, 1, 31), 0),  # January: no period of the year due yet
        (D(2025, 2, 7), 0),
        (D(2025, 2, 8), 1),  # 1月 alone
        (D(2025, 12, 31), 11),  # 1–12月 is due on 8 January 2026
        (D(2026, 1, 8), 0),  # 2025年1–12月 due today, but nothing of 2026
    ],
)
def test_reported_months_on_a_calendar_due_on_the_8th(db, day, months):
    due_day(8)
    assert services.reported_months(day) == months


def test_reported_period_with_january_filed_with_february_and_without_the_data_set(db):
    due_day(5, combine_jan_feb=True)  # the first period is 1–2月, due 5 March
    assert services.reported_months(D(2025, 3, 4)) == 0
    period = services.reported_period(D(2025, 3, 4))
    assert (period.first_months, period.next_due) == (2, D(2025, 3, 5))
    assert services.reported_months(D(2025, 3, 5)) == 2
    DataSet.objects.filter(code=services.DATA_SET).delete()  # migration 0002's calendar: the 5th
    assert [services.reported_months(D(2025, 10, d)) for d in (4, 5)] == [8, 9]


def test_the_issue_five_october_judges_1_to_8_and_the_due_day_1_to_9(pw):
    due_day(8)
    # plan 12,000: 1–8月 8,000 = 序时 8,000 (100%); 1–9月 8,000 of 序时 9,000 = 88.9%
    invest(pw.project, 2025, "12000", m8="8000", m9="8000")
    text_8 = "2025年1–8月累计完成投资8,000万元，序时计划8,000万元（年度计划12,000万元×8/12），完成序时进度的100.0%。"
    assert judged(pw.project, D(2025, 10, 5)) == (Light.GREEN, Light.GREEN, text_8)
    assert judged(pw.project, D(2025, 10, 7)) == (Light.GREEN, Light.GREEN, text_8)
    text_9 = "2025年1–9月累计完成投资8,000万元，序时计划9,000万元（年度计划12,000万元×9/12），完成序时进度的88.9%。"
    assert judged(pw.project, D(2025, 10, 8)) == (Light.YELLOW, Light.YELLOW, text_9)


def test_greens_do_not_fall_at_the_end_of_october(pw, world):
    """Before the fix, 31 October judged 1–10月 (due 5 November) against 10/12 on data through
    September: every project on its 序时 turned yellow."""
    projects = [pw.project, pw.project_b]
    projects.append(
        Project.objects.create(code="XM-003", name="丙项目", stage=Stage.CONSTRUCTION, total_investment=9000)
    )
    for project, (plan, done) in zip(
        projects, [("1200", "900"), ("2400", "1800"), ("4000", "3100")], strict=True
    ):
        invest(project, 2025, plan, m9=done)  # 900 = 1,200 × 9/12; 1,800 = 2,400 × 9/12; 3,100 > 3,000

    def greens(day):
        services.recompute_lights(as_of=day)
        return sorted(Project.objects.filter(light=Light.GREEN).values_list("code", flat=True))

    assert greens(D(2025, 10, 7)) == ["XM-001", "XM-002", "XM-003"]
    assert greens(D(2025, 10, 31)) == ["XM-001", "XM-002", "XM-003"]
    assert greens(D(2025, 11, 4)) == ["XM-001", "XM-002", "XM-003"]
    # 5 November: 1–10月 due, no October figures → 900 of 1,000 (90%): yellow; 3,100 of 3,333.3: yellow
    assert greens(D(2025, 11, 5)) == []


def test_january_is_not_rated_and_the_old_plan_is_not_carried_over(pw):
    # 2025: plan 12,000, only 1,000 done by December — far behind, but 2025 is not judged in 2026
    invest(pw.project, 2025, "12000", m12="1000")
    assert judged(pw.project, D(2026, 1, 5)) == (Light.GREEN, None, None)  # no 2026 plan: no rule
    invest(pw.project, 2026, "2400")
    text = "2026年尚无到期的投资填报期（2026年1月数据于2026-02-05到期），暂不评价。"
    assert judged(pw.project, D(2026, 1, 5)) == (Light.NONE, Light.NONE, text)
    assert judged(pw.project, D(2026, 2, 4)) == (Light.NONE, Light.NONE, text)
    # 5 February: 1月 is due — one month, read "1月", never "1–1月"; 0 of 200 → red
    light, rule, text = judged(pw.project, D(2026, 2, 5))
    assert (light, rule) == (Light.RED, Light.RED)
    assert (
        text == "2026年1月累计完成投资0万元，序时计划200万元（年度计划2,400万元×1/12），完成序时进度的0.0%。"
    )
    invest(pw.project, 2026, "2400", m1="200")
    assert judged(pw.project, D(2026, 2, 5))[:2] == (Light.GREEN, Light.GREEN)


def test_a_rated_rule_decides_the_light_when_investment_is_not_rated(pw):
    invest(pw.project, 2026, "2400")
    Project.objects.filter(pk=pw.project.pk).update(statistics_date=D(2025, 5, 1))
    pw.project.milestones.create(
        code="start", name="开工", planned_date=D(2025, 4, 1), actual_date=D(2025, 4, 1)
    )
    light, rule, _text = judged(pw.project, D(2026, 1, 5))
    assert (light, rule) == (Light.GREEN, Light.NONE)  # statistics green; investment grey after it
    assert [r["rule"] for r in pw.project.light_reasons] == ["statistics", "investment"]


def test_the_oversight_pages_state_the_period(client, world, pw):
    Zone.objects.filter(pk=world.zone.pk).update(reference_date=D(2025, 9, 30))
    invest(pw.project, 2025, "1200", m8="400", m9="900")  # 1–8月 400 of 序时 800
    client.force_login(world.leader)
    body = client.get(reverse("projects:leader_projects", args=[pw.leader.pk])).content.decode()
    assert "2025年1–8月：完成年度计划的33.3%，为序时进度的50.0%" in body
