"""The light rules (issue 4 item 6, domain-rules §9) at their band edges, with real rows and
``services.recompute_lights(as_of=…)``; the light history.

Each test gives ``pw.project`` (在建) the facts of one rule only, so that rule alone decides.
"""

import datetime
from decimal import Decimal

import pytest

from gaoxin.projects import services
from gaoxin.projects.models import (
    Investment,
    InvestmentPlan,
    Light,
    LightChange,
    Milestone,
    Problem,
    ProblemCategory,
    Project,
    Stage,
)

D = datetime.date


def light_on(project, day) -> str:
    services.recompute_lights(project_ids=[project.pk], as_of=day)
    project.refresh_from_db()
    return project.light


def rule_light(project, rule: str) -> str | None:
    return next((r["light"] for r in project.light_reasons if r["rule"] == rule), None)


# --- investment against 序时进度 -------------------------------------------------------------
# Judged on the reporting calendar (project_investment due on the 5th of the next month): on
# 5 July 2025 1–6月 falls due; plan 12,000 → 序时 6,000; 50% of it = 3,000.


def invest(project, cumulative, plan="12000", month=6):
    InvestmentPlan.objects.update_or_create(project=project, year=2025, defaults={"amount": Decimal(plan)})
    Investment.objects.update_or_create(
        project=project, year=2025, month=month, defaults={"cumulative": Decimal(cumulative)}
    )


JUNE = D(2025, 7, 5)  # the day 1–6月 falls due


@pytest.mark.parametrize(
    ("cumulative", "light"),
    [
        ("6000", Light.GREEN),  # exactly at 序时
        ("7500", Light.GREEN),  # above
        ("3000", Light.YELLOW),  # exactly 50% of 序时
        ("2000", Light.RED),  # well below 50%
        ("0", Light.RED),
    ],
)
def test_investment_bands(pw, cumulative, light):
    invest(pw.project, cumulative)
    assert light_on(pw.project, JUNE) == light
    assert rule_light(pw.project, "investment") == light


def test_investment_small_numbers_at_the_edges(pw):
    # plan 1,200 → 序时 600: 599 is 99.8% (yellow), 299 is 49.8% (red)
    invest(pw.project, "600", plan="1200")
    assert light_on(pw.project, JUNE) == Light.GREEN
    invest(pw.project, "599", plan="1200")
    assert light_on(pw.project, JUNE) == Light.YELLOW
    invest(pw.project, "300", plan="1200")
    assert light_on(pw.project, JUNE) == Light.YELLOW
    invest(pw.project, "299", plan="1200")
    assert light_on(pw.project, JUNE) == Light.RED


def test_investment_one_wan_below_time_progress_is_yellow(pw):
    invest(pw.project, "5999")
    assert light_on(pw.project, JUNE) == Light.YELLOW


def test_investment_one_wan_below_half_is_red(pw):
    invest(pw.project, "2999")
    assert light_on(pw.project, JUNE) == Light.RED


def test_investment_reads_the_latest_month_up_to_the_date(pw):
    invest(pw.project, "1000", month=5)
    invest(pw.project, "6000", month=6)
    invest(pw.project, "100000", month=7)  # 1–7月 is due on 5 August: ignored
    assert light_on(pw.project, JUNE) == Light.GREEN
    # 4 July: 1–6月 not yet due → 1–5月 against 序时 5,000; the May value 1,000 is 20% → red
    assert light_on(pw.project, D(2025, 7, 4)) == Light.RED
    # 30 June, the end of the month, is not a due day either
    assert light_on(pw.project, D(2025, 6, 30)) == Light.RED


def test_reason_in_words(pw):
    invest(pw.project, "2000")
    light_on(pw.project, JUNE)
    reason = next(r for r in pw.project.light_reasons if r["rule"] == "investment")
    assert reason["light"] == Light.RED
    for part in ("2,000", "6,000", "12,000", "33.3"):
        assert part in reason["text"]


# --- schedule nodes ------------------------------------------------------------------------


def open_node(project, due, baseline=True):
    return Milestone.objects.create(
        project=project,
        code=f"n{due:%Y%m%d}",
        name="土地摘牌",
        baseline_date=due if baseline else None,
        planned_date=due if not baseline else due + datetime.timedelta(days=40),
    )


@pytest.mark.parametrize(
    ("due", "day_before", "red_day"),
    [
        (D(2025, 3, 15), D(2025, 6, 14), D(2025, 6, 15)),  # three calendar months: red on the day
        (D(2025, 6, 15), D(2025, 9, 14), D(2025, 9, 15)),
        (D(2025, 6, 30), D(2025, 9, 29), D(2025, 9, 30)),  # 92 days, not 90: calendar months
        (D(2024, 11, 30), D(2025, 2, 27), D(2025, 2, 28)),  # 30 November → 28 February (clipped)
        (D(2023, 11, 30), D(2024, 2, 28), D(2024, 2, 29)),  # → 29 February in a leap year
    ],
)
def test_node_three_months_overdue_edges(pw, due, day_before, red_day):
    open_node(pw.project, due)
    assert light_on(pw.project, day_before) == Light.YELLOW
    assert light_on(pw.project, red_day) == Light.RED
    reason = next(r["text"] for r in pw.project.light_reasons if r["rule"] == "nodes")
    assert reason == f"节点「土地摘牌」应于{due}完成，至今未完成，逾期已满3个月。"


def test_node_due_this_month_or_next(pw):
    node = open_node(pw.project, D(2025, 6, 25), baseline=False)
    assert light_on(pw.project, D(2025, 6, 10)) == Light.YELLOW  # due later this month, not done
    node.planned_date = D(2025, 7, 1)
    node.save()
    assert light_on(pw.project, D(2025, 6, 10)) == Light.GREEN  # due next month
    node.actual_date = D(2025, 6, 9)
    node.planned_date = D(2025, 6, 1)
    node.save()
    assert light_on(pw.project, D(2025, 6, 10)) == Light.GREEN  # done: no finding at all


def test_node_judged_against_the_baseline(pw):
    # baseline 15 March, planned moved to 20 June: still red on 16 June by the baseline
    Milestone.objects.create(
        project=pw.project,
        code="land",
        name="土地摘牌",
        baseline_date=D(2025, 3, 15),
        planned_date=D(2025, 6, 20),
    )
    assert light_on(pw.project, D(2025, 6, 16)) == Light.RED


# --- 纳统 ----------------------------------------------------------------------------------


def started(project, day):
    Milestone.objects.create(
        project=project, code="start", name="开工", planned_date=day, baseline_date=day, actual_date=day
    )


def test_statistics_edges(pw):
    started(pw.project, D(2025, 3, 10))
    assert light_on(pw.project, D(2025, 4, 10)) == Light.GREEN  # start + 1 month
    assert light_on(pw.project, D(2025, 4, 11)) == Light.YELLOW  # one day later
    assert light_on(pw.project, D(2025, 5, 10)) == Light.YELLOW  # start + 2 months
    assert light_on(pw.project, D(2025, 5, 11)) == Light.RED  # start + 2 months + 1 day
    Project.objects.filter(pk=pw.project.pk).update(statistics_date=D(2025, 5, 20))
    assert light_on(pw.project, D(2025, 5, 19)) == Light.RED  # entered later than the date judged
    assert light_on(pw.project, D(2025, 5, 20)) == Light.GREEN


# --- problems ------------------------------------------------------------------------------


def overdue_problem(pw, deadline, status=Problem.Status.IN_PROGRESS):
    return Problem.objects.create(
        project=pw.project,
        category=ProblemCategory.objects.get(code="funds"),
        description="配套资金未到位",
        raised_on=deadline - datetime.timedelta(days=20),
        department=pw.economy,
        deadline=deadline,
        status=status,
    )


def test_problem_edges(pw):
    problem = overdue_problem(pw, D(2025, 6, 1))
    assert light_on(pw.project, D(2025, 6, 1)) == Light.GREEN  # on the deadline: not overdue
    assert light_on(pw.project, D(2025, 6, 2)) == Light.YELLOW  # one day past
    assert light_on(pw.project, D(2025, 7, 1)) == Light.YELLOW  # deadline + 30 days
    assert light_on(pw.project, D(2025, 7, 2)) == Light.RED  # deadline + 31 days
    problem.status, problem.closed_on = Problem.Status.CLOSED, D(2025, 7, 2)
    problem.save()
    assert light_on(pw.project, D(2025, 7, 3)) == Light.GREEN


def test_an_answered_problem_is_no_longer_overdue(pw):
    # overdue runs from the deadline to the answer; the raiser's closing is a separate step
    problem = overdue_problem(pw, D(2025, 6, 1))
    assert light_on(pw.project, D(2025, 7, 2)) == Light.RED
    problem.status, problem.answered_on = Problem.Status.ANSWERED, D(2025, 7, 2)
    problem.save()
    assert light_on(pw.project, D(2025, 7, 3)) == Light.GREEN
    assert not problem.is_overdue(D(2025, 7, 3))
    assert list(Problem.objects.overdue(D(2025, 7, 3))) == []
    assert list(Problem.objects.not_overdue(D(2025, 7, 3))) == [problem]


@pytest.mark.parametrize("stage", [Stage.PRODUCTION])
def test_a_completed_project_is_not_judged_on_time_proportional_investment(pw, stage):
    Project.objects.filter(pk=pw.project.pk).update(stage=stage)
    invest(pw.project, "0")
    assert light_on(pw.project, JUNE) == Light.GREEN
    assert rule_light(pw.project, "investment") is None


def test_the_stages_a_rule_judges_are_data(pw):
    from gaoxin.projects.models import LightRule

    Project.objects.filter(pk=pw.project.pk).update(stage=Stage.PRODUCTION)
    invest(pw.project, "0")
    LightRule.objects.filter(code="investment").update(stages="signed,construction,production")
    assert light_on(pw.project, JUNE) == Light.RED
    LightRule.objects.filter(code="investment").update(stages="")  # empty: every rated stage
    assert light_on(pw.project, JUNE) == Light.RED


def test_worst_rule_wins_and_all_reasons_are_kept(pw):
    invest(pw.project, "3000")  # yellow
    open_node(pw.project, D(2025, 1, 10))  # red
    assert light_on(pw.project, JUNE) == Light.RED
    assert [r["light"] for r in pw.project.light_reasons] == [Light.RED, Light.YELLOW]
    assert [r["rule"] for r in pw.project.light_reasons] == ["nodes", "investment"]


def test_unrated_stages(pw):
    Project.objects.filter(pk=pw.project.pk).update(stage=Stage.PLANNING)
    invest(pw.project, "0")
    assert light_on(pw.project, JUNE) == Light.NONE


def test_inactive_rule_is_skipped(pw):
    from gaoxin.projects.models import LightRule

    invest(pw.project, "0")
    LightRule.objects.filter(code="investment").update(is_active=False)
    assert light_on(pw.project, JUNE) == Light.GREEN


def test_thresholds_are_data(pw):
    from gaoxin.projects.models import LightRule

    overdue_problem(pw, D(2025, 6, 1))
    LightRule.objects.filter(code="problems").update(red_value=Decimal(10))
    assert light_on(pw.project, D(2025, 6, 11)) == Light.YELLOW  # 10 days
    assert light_on(pw.project, D(2025, 6, 12)) == Light.RED  # 11 days


# --- history -------------------------------------------------------------------------------


def test_history_red_then_green_with_dates(pw):
    project = pw.project
    InvestmentPlan.objects.create(project=project, year=2025, amount=Decimal("12000"))
    Investment.objects.create(project=project, year=2025, month=6, cumulative=Decimal("1000"))

    assert services.recompute_lights(as_of=D(2025, 7, 5)) == 2  # both projects rated the first time
    project.refresh_from_db()
    assert (project.light, project.light_since) == (Light.RED, D(2025, 7, 5))

    # a month later 1–7月 is due, still red (1,000 of 7,000): reasons updated, no history row
    assert services.recompute_lights(as_of=D(2025, 8, 5)) == 0
    project.refresh_from_db()
    assert (project.light, project.light_since) == (Light.RED, D(2025, 7, 5))
    assert "7,000" in project.light_reasons[0]["text"]

    # the July investment is recorded: 7,000 = 序时 → green on 5 August
    Investment.objects.create(project=project, year=2025, month=7, cumulative=Decimal("7000"))
    assert services.recompute_lights(project_ids=[project.pk], as_of=D(2025, 8, 5)) == 1
    project.refresh_from_db()
    assert (project.light, project.light_since) == (Light.GREEN, D(2025, 8, 5))

    rows = list(
        LightChange.objects.filter(project=project).order_by("date").values_list("date", "previous", "light")
    )
    assert rows == [
        (D(2025, 7, 5), Light.NONE, Light.RED),
        (D(2025, 8, 5), Light.RED, Light.GREEN),
    ]
    last = LightChange.objects.filter(project=project).order_by("-date").first()
    assert last.reasons == project.light_reasons


def test_recompute_writes_history_only_on_change(pw):
    services.recompute_lights(as_of=JUNE)
    count = LightChange.objects.count()
    assert count == 2
    assert services.recompute_lights(as_of=JUNE) == 0
    assert services.recompute_lights(as_of=D(2025, 7, 1)) == 0
    assert LightChange.objects.count() == count
    invest(pw.project, "0")
    assert services.recompute_lights(as_of=JUNE) == 1
    assert LightChange.objects.count() == count + 1
    assert LightChange.objects.filter(project=pw.project_b).count() == 1
