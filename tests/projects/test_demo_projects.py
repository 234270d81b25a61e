"""The demo's key projects carry the report's figures exactly (seed-facts §3, §7) and, on the
demo's evaluation date, some red lights and overdue problems; the project goals read them.

Loaded on the demo zone's configuration and personas only (no registry, no economy: owners
that are not registered become names), which keeps this fast."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db.models import Count, F, Sum

from gaoxin.core.context import change_context
from gaoxin.core.models import ObjectChange
from gaoxin.demo import loader
from gaoxin.demo import projects as demo_projects
from gaoxin.goals import services as goals
from gaoxin.goals.models import Goal
from gaoxin.projects import services
from gaoxin.projects.models import Investment, Milestone, Problem, Project, ProjectList, Stage
from gaoxin.zone.models import Department, Leader, evaluation_date

AS_OF = datetime.date(2025, 9, 30)


def members(code):
    return ProjectList.objects.get(code=code).projects.all()


def total(code):
    return members(code).aggregate(s=Sum("total_investment"))["s"]


@pytest.fixture
def demo(db):
    admin = User.objects.create_superuser("admin")
    with change_context(user=admin, source=ObjectChange.Source.SYSTEM, message="加载演示数据"):
        zone = loader.load_configuration()
        users = loader.ensure_personas()
        Leader.objects.create(zone=zone, name="管委会主任（演示）", title="管委会主任", user=users["leader"])
        Department.objects.get(name="经济发展局").members.add(users["clerk"])
        counts = demo_projects.load(admin)
    return counts


def test_lists_match_the_report(demo):
    assert evaluation_date() == AS_OF
    assert (members("implementable").count(), total("implementable")) == (139, Decimal("18428000"))
    assert (members("construction_producing").count(), total("construction_producing")) == (
        36,
        Decimal("989000"),
    )
    assert (members("sizhong_2025").count(), total("sizhong_2025")) == (202, Decimal("21767000"))
    assert (members("key_2025").count(), total("key_2025")) == (131, Decimal("8847800"))
    assert set(members("key_2025")) <= set(members("sizhong_2025"))
    five = dict(members("five_major").values_list("name", "total_investment"))
    assert five == {
        "某研发生产基地（名称原文空缺）": Decimal("1100000"),
        "随州火电厂（二期）2×100MW扩建项目": Decimal("600000"),
        "中盐红色经典搬迁扩建项目": Decimal("300000"),
        "化工新材料产业园": Decimal("300000"),
        "创新创业街区和数智科创新城": Decimal("250000"),
    }
    assert Project.objects.get(name="园区集中供热一期项目").total_investment == Decimal("55000")
    assert Project.objects.get(name="国能长源随州火电厂").total_investment == Decimal("499000")


def test_eleven_projects_of_one_yi_put_into_production_in_2024(demo):
    produced = Project.objects.filter(production_date__year=2024, total_investment__gte=10000)
    assert produced.count() == 11
    assert set(produced.values_list("stage", flat=True)) <= {Stage.PRODUCTION, Stage.CAPACITY}
    names = set(produced.values_list("name", flat=True))
    assert {"斯诺鱼板材料项目", "园区集中供热一期项目", "晶星科技项目", "齐星车辆项目"} <= names
    assert produced.filter(total_investment=10000).exists()  # the band edge counts
    assert Project.objects.filter(production_date__year=2024, total_investment__lt=10000).count() == 2


def test_lights_problems_and_schedules_on_the_evaluation_date(demo):
    lights = dict(Project.objects.values_list("light").annotate(n=Count("pk")))
    assert lights.get("red", 0) >= 3 and lights.get("yellow", 0) >= 3
    assert lights["green"] > lights["red"] + lights["yellow"]
    assert Problem.objects.overdue(AS_OF).exists()
    assert Problem.objects.filter(status=Problem.Status.CLOSED).exists()
    # Baselines approved, some nodes done after their baseline, some open past it.
    assert not Milestone.objects.filter(baseline_date__isnull=True).exists()
    assert Milestone.objects.filter(actual_date__gt=F("baseline_date")).exists()
    assert Milestone.objects.filter(actual_date__isnull=True, baseline_date__lt=AS_OF).exists()
    assert not Milestone.objects.filter(actual_date__gt=AS_OF).exists()
    # The clerk's department leads several projects, a red one among them.
    economy = Project.objects.filter(lead_department__name="经济发展局")
    assert economy.count() > 5 and economy.filter(light="red").exists()
    # Cumulative investment never falls within a year.
    last = {}
    for pid, year, month, value in Investment.objects.order_by("project_id", "year", "month").values_list(
        "project_id", "year", "month", "cumulative"
    ):
        assert value >= last.get((pid, year), 0), (pid, year, month)
        last[(pid, year)] = value
    # Completed investment to date stays within the total investment.
    to_date = {}
    for pid, year in last:
        to_date[pid] = to_date.get(pid, 0) + last[(pid, year)]
    totals = dict(Project.objects.values_list("pk", "total_investment"))
    assert all(value <= totals[pid] for pid, value in to_date.items())
    # Every audited row has its audit row.
    assert ObjectChange.objects.filter(content_type__model="milestone").count() == Milestone.objects.count()
    # Recomputing on the same day changes nothing.
    assert services.recompute_lights(as_of=AS_OF) == 0


def test_the_walk_project_turns_green_when_its_node_is_recorded(demo):
    project = Project.objects.get(name="晶星新能源新材料项目")
    assert project.light == "red"
    assert {r["rule"] for r in project.light_reasons if r["light"] == "red"} == {"nodes", "statistics"}
    clerk = User.objects.get(username="clerk")
    node = project.milestones.get(code="statistics")
    services.milestone_update(
        milestone=node, user=clerk, actual_date=datetime.date(2025, 9, 26), fields=("actual_date",)
    )
    project.refresh_from_db()
    assert project.light == "green"
    assert list(project.light_history.values_list("light", flat=True)) == ["green", "red"]


def test_the_goals_compute_the_report_figures(demo):
    states = {(g.year, g.code): goals.evaluate(g, None) for g in Goal.objects.all()}
    value = {key: state.value.value for key, state in states.items()}
    assert value[(2024, "projects_in_production")] == Decimal(11)
    assert states[(2024, "projects_in_production")].color == "green"
    assert value[(2025, "sizhong_count")] == Decimal(202)
    assert value[(2025, "sizhong_investment")] == Decimal("2176.7")
    assert value[(2025, "key_count")] == Decimal(131)
    assert value[(2025, "key_investment")] == Decimal("884.78")
    for code in ("sizhong_count", "sizhong_investment", "key_count", "key_investment"):
        assert states[(2025, code)].color == "green", code
    produced_2025 = Project.objects.filter(
        production_date__range=(datetime.date(2025, 1, 1), AS_OF), total_investment__gte=10000
    ).count()
    assert value[(2025, "projects_in_production")] == Decimal(produced_2025) > 0
    assert "占位" in Goal.objects.get(year=2025, code="projects_in_production").source
    on_time = value[(2025, "five_major_milestones")]
    nodes = Milestone.objects.filter(project__lists__code="five_major", baseline_date__lte=AS_OF)
    done = nodes.filter(actual_date__isnull=False).count()
    assert on_time == (Decimal(done) * 100 / nodes.count()).quantize(Decimal("0.1"))
    assert Decimal(50) < on_time < Decimal(100)


def test_the_demo_projects_are_deterministic(db):
    templates = demo_projects.load_templates()
    first = demo_projects.ProjectDemo().build(templates)
    second = demo_projects.ProjectDemo().build(templates)
    assert [(s.name, s.total, s.fate, s.cumulative) for s in first.specs] == [
        (s.name, s.total, s.fate, s.cumulative) for s in second.specs
    ]


def test_the_investment_fates_hold_on_the_period_judged(demo):
    """30 September judges 1–8月 against 8/12 (1–9月 is due on 5 October): every project's
    investment finding is its designed fate, and stays so once 1–9月 is due and through the end
    of October (1–10月 is due on 5 November)."""
    assert services.reported_months(AS_OF) == demo_projects.JUDGED_MONTHS == 8
    assert services.reported_months(datetime.date(2025, 10, 5)) == 9
    specs = {s.name: s for s in demo_projects.ProjectDemo().build(demo_projects.load_templates()).specs}
    expected = {"yellow_invest": "yellow", "red_invest": "red"}

    def findings():
        found = {}
        for name, reasons in Project.objects.values_list("name", "light_reasons"):
            for r in reasons:
                if r["rule"] == "investment":
                    found[name] = r
        return found

    on_the_day = findings()
    assert all(r["light"] == expected.get(specs[n].fate, "green") for n, r in on_the_day.items())
    lights = [r["light"] for r in on_the_day.values()]
    assert (lights.count("green"), lights.count("yellow"), lights.count("red")) == (73, 5, 5)
    assert all(r["text"].startswith("2025年1–8月累计完成投资") for r in on_the_day.values())
    for day in (datetime.date(2025, 10, 7), datetime.date(2025, 10, 31)):
        services.recompute_lights(as_of=day)
        later = findings()
        assert {n: r["light"] for n, r in later.items()} == {n: r["light"] for n, r in on_the_day.items()}
        assert all(r["text"].startswith("2025年1–9月累计完成投资") for r in later.values())
