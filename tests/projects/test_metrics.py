"""The key-project metrics of the goals registry, with exact values at the band edges."""

import datetime
from decimal import Decimal

import pytest

from gaoxin.core.metrics import all_metrics, get_metric
from gaoxin.goals import services
from gaoxin.goals.models import Goal
from gaoxin.projects.models import Milestone, Project, ProjectList, Stage

D = Decimal
DAY = datetime.date(2025, 9, 30)


def value(code, params, year=2025, as_of=DAY):
    return get_metric(code).compute(params, year, as_of)


def node(project, code, baseline=None, planned=None, actual=None):
    return Milestone.objects.create(
        project=project,
        code=code,
        name=code,
        baseline_date=baseline,
        planned_date=planned or baseline,
        actual_date=actual,
    )


@pytest.fixture
def ledger(pw):
    a, b = pw.project, pw.project_b  # 12,000 and 5,000 万元
    a.production_date = datetime.date(2025, 3, 10)
    a.save()
    b.production_date = datetime.date(2025, 5, 1)
    b.save()
    Project.objects.create(  # exactly 1 亿元, in production on the as-of day itself
        code="XM-003", name="丙", stage=Stage.PRODUCTION, total_investment=D("10000"), production_date=DAY
    )
    coming = Project.objects.create(
        code="XM-004", name="丁", stage=Stage.CONSTRUCTION, total_investment=D("20000")
    )
    node(coming, "production", baseline=datetime.date(2025, 11, 15))
    node(coming, "capacity", baseline=datetime.date(2026, 5, 1))  # next year: not in the forecast
    late = Project.objects.create(
        code="XM-005", name="戊", stage=Stage.CONSTRUCTION, total_investment=D("30000")
    )
    node(late, "production", baseline=datetime.date(2026, 1, 10))
    Project.objects.create(
        code="XM-006",
        name="己",
        stage=Stage.CAPACITY,
        total_investment=D("50000"),
        production_date=datetime.date(2024, 12, 31),
    )
    terminated = Project.objects.create(
        code="XM-007", name="庚", stage=Stage.TERMINATED, total_investment=D("3000.5")
    )
    project_list = ProjectList.objects.create(code="sizhong_2025", name="四重项目", year=2025)
    project_list.projects.set([a, b, terminated])
    # Nodes of the list: due by 30 September — on time, late, open, done only after the day,
    # planned without a baseline; not yet due; a terminated project's node.
    node(a, "sign", baseline=datetime.date(2025, 6, 1), actual=datetime.date(2025, 5, 30))
    node(a, "register", baseline=datetime.date(2025, 7, 1), actual=datetime.date(2025, 7, 10))
    node(a, "approval", baseline=DAY)
    node(a, "land", planned=datetime.date(2025, 8, 1), actual=datetime.date(2025, 10, 2))
    node(a, "permit", baseline=datetime.date(2025, 10, 15))
    node(b, "sign", planned=datetime.date(2025, 9, 1), actual=datetime.date(2025, 9, 1))
    node(terminated, "sign", baseline=datetime.date(2025, 1, 1))
    return project_list


def test_metrics_are_registered():
    codes = {m.code for m in all_metrics()}
    assert {
        "projects_in_production",
        "project_list_count",
        "project_list_investment",
        "project_milestones_on_time",
    } <= codes


def test_projects_in_production(ledger):
    result = value("projects_in_production", {})
    assert result.value == D(2)  # 12,000 on 10 March and exactly 10,000 on the day; not 5,000
    assert result.as_of == "2025-09-30"
    assert "2025-01-01" in result.explanation and "10000" in result.explanation  # words: translated
    assert "production_year=2025&investment_min=10000" in result.link
    assert (result.forecast.value, result.forecast.low, result.forecast.high) == (D(3), D(2), D(3))
    assert value("projects_in_production", {"min_investment": 5000}).value == D(3)
    assert value("projects_in_production", {}, as_of=datetime.date(2025, 9, 29)).value == D(1)
    last_year = value("projects_in_production", {}, year=2024, as_of=None)
    assert (last_year.value, last_year.as_of) == (D(1), "2024-12-31")
    assert last_year.forecast.value == D(1)


def test_list_count_and_investment(ledger):
    count = value("project_list_count", {"list": "sizhong_2025"})
    assert count.value == D(2)  # the terminated project does not count
    assert count.link.endswith(f"?lists={ledger.code}")
    assert count.forecast is None
    investment = value("project_list_investment", {"list": "sizhong_2025"})
    assert investment.value == D("1.7") and investment.unit == "亿元"
    assert investment.value == D("17000") / 10000


def test_milestones_on_time(ledger):
    result = value("project_milestones_on_time", {"list": "sizhong_2025"})
    # due by the day: sign, register, approval, land (a) and sign (b) = 5; done by then: 3
    assert result.value == D("60.0")
    assert result.forecast is None
    assert "3" in result.explanation and "5" in result.explanation
    empty = value("project_milestones_on_time", {"list": "sizhong_2025"}, as_of=datetime.date(2025, 1, 1))
    assert empty.value is None


def test_goals_read_the_project_metrics(ledger):
    goal = Goal.objects.create(
        year=2025,
        code="sizhong_investment",
        title="四重项目总投资",
        metric="project_list_investment",
        params={"list": "sizhong_2025"},
        target=D("1.7"),
        unit="亿元",
    )
    state = services.evaluate(goal, DAY)
    assert (state.color, state.shown_value, state.progress) == ("green", "1.70", 100)
    goal = Goal.objects.create(
        year=2025,
        code="production",
        title="亿元以上项目竣工投产",
        metric="projects_in_production",
        params={"min_investment": 10000},
        target=3,
        unit="个",
    )
    state = services.evaluate(goal, DAY)
    assert state.value.value == D(2) and state.verdict == "at_risk"
