"""The warning lights: rules (thresholds as data), facts loaded in bulk, recompute and history."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.db import connection
from django.utils.translation import gettext as _

from gaoxin.zone.models import evaluation_date

from ..models import (
    LIGHT_RANK,
    InvestmentPlan,
    Light,
    LightChange,
    LightRule,
    Milestone,
    Problem,
    Project,
    Stage,
)
from .dates import HUNDRED, RATED_STAGES, add_months, month_end, wan
from .investment import ReportedPeriod, latest_cumulative, reported_period, time_progress

# A completed project (竣工投产) has nothing left to invest on a time-proportional plan.
INVESTMENT_STAGES = ",".join([Stage.SIGNED, Stage.CONSTRUCTION])

DEFAULT_RULES = {
    # code: (yellow, red, source[, stages rated — default: every rated stage])
    LightRule.Code.INVESTMENT: (
        Decimal(100),
        Decimal(50),
        "三亚 2022 年重点项目亮灯规则：累计投资达到或超过序时进度为绿，低于序时50%以内为黄，低于50%以上为红（外地做法，可调整）",
        INVESTMENT_STAGES,
    ),
    LightRule.Code.NODES: (
        Decimal(0),
        Decimal(3),
        "银川 2025 年重点项目亮灯规则：当月应完成节点未完成为黄，逾期连续3个月为红（外地做法，可调整）",
    ),
    LightRule.Code.STATISTICS: (
        Decimal(1),
        Decimal(2),
        "银川 2025 年重点项目亮灯规则：开工1个月后未纳统为黄，超过2个月为红（外地做法，可调整）",
    ),
    LightRule.Code.PROBLEMS: (
        Decimal(0),
        Decimal(30),
        "本区自定：有逾期未答复问题为黄，逾期超过30天为红（无官方来源，可调整）",
    ),
}


def rules() -> dict[str, LightRule]:
    """The rules in force, created with their defaults the first time."""
    found = {r.code: r for r in LightRule.objects.all()}
    for code, (yellow, red, source, *stages) in DEFAULT_RULES.items():
        if code not in found:
            found[code] = LightRule.objects.create(
                code=code, yellow_value=yellow, red_value=red, source=source, stages="".join(stages)
            )
    return found


@dataclass
class Finding:
    rule: str
    light: str
    text: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "light": self.light, "text": self.text}


@dataclass
class Facts:
    """What the rules read about one project (loaded in bulk by ``recompute_lights``)."""

    stage: str
    plan: Decimal | None = None
    completed: Decimal | None = None
    completed_month: int | None = None
    open_nodes: list = field(default_factory=list)  # (name, due date)
    start: datetime.date | None = None
    statistics_date: datetime.date | None = None
    overdue_problems: list = field(default_factory=list)  # (description, deadline)
    period: ReportedPeriod | None = None  # the investment period due on the day (reported_period)


def rule_investment(f: Facts, rule: LightRule, as_of: datetime.date) -> Finding | None:
    """The latest period due on ``as_of`` (the reporting calendar), not the months elapsed:
    on 30 September 1–8月 is judged against 8/12 of the plan while 1–9月 is not yet due."""
    period = f.period
    if not f.plan or period is None:
        return None
    if period.months < 1:
        text = _("No investment period of %(year)d is due yet (%(first)s is due on %(due)s): not rated.") % {
            "year": period.year,
            "first": period.first_label,
            "due": period.next_due,
        }
        return Finding(LightRule.Code.INVESTMENT, Light.NONE, text)
    months = period.months
    expected = time_progress(f.plan, months)
    if expected <= 0:  # a plan too small to have a time-proportional share yet
        return None
    completed = f.completed or Decimal(0)
    exact = completed * HUNDRED / expected  # compared unrounded: 99.98 % is not 100 %
    share = exact.quantize(Decimal("0.1"), ROUND_HALF_UP)
    if exact < rule.yellow_value <= share or exact < rule.red_value <= share:
        share = exact.quantize(Decimal("0.1"), ROUND_FLOOR)  # 99.98 % reads 99.9 %, not 100.0 %
    if exact >= rule.yellow_value:
        light = Light.GREEN
    elif exact >= rule.red_value:
        light = Light.YELLOW
    else:
        light = Light.RED
    text = _(
        "%(period)s: %(done)s 万元 completed against a time-proportional plan of %(exp)s 万元 "
        "(annual plan %(plan)s × %(m)d/12), %(share)s%% of it."
    ) % {
        "period": period.label,
        "m": months,
        "done": wan(completed),
        "exp": wan(expected),
        "plan": wan(f.plan),
        "share": share,
    }
    return Finding(LightRule.Code.INVESTMENT, light, text)


def rule_nodes(f: Facts, rule: LightRule, as_of: datetime.date) -> Finding | None:
    if not f.open_nodes:
        return None
    window = month_end(add_months(as_of, -int(rule.yellow_value)))
    red_months = int(rule.red_value)
    late = sorted((due, name) for name, due in f.open_nodes if due is not None and due <= window)
    if not late:
        return Finding(LightRule.Code.NODES, Light.GREEN, _("No node due by the end of this month is open."))
    # 银川: red after three months overdue, counted in calendar months (06-30 → 09-30, 11-30 → 02-28)
    very = [(due, name) for due, name in late if add_months(due, red_months) <= as_of]
    if very:
        due, name = very[0]
        text = _("Node %(node)s was due on %(due)s and is still open: %(n)d months or more overdue.") % {
            "node": name,
            "due": due,
            "n": red_months,
        }
        return Finding(LightRule.Code.NODES, Light.RED, text)
    due, name = late[0]
    if due < as_of:
        text = _("Node %(node)s was due on %(due)s and is still open (%(days)d days).") % {
            "node": name,
            "due": due,
            "days": (as_of - due).days,
        }
    else:
        text = _("Node %(node)s is due on %(due)s, this month, and is not done yet.") % {
            "node": name,
            "due": due,
        }
    return Finding(LightRule.Code.NODES, Light.YELLOW, text)


def rule_statistics(f: Facts, rule: LightRule, as_of: datetime.date) -> Finding | None:
    if f.start is None or f.start > as_of:
        return None
    if f.statistics_date and f.statistics_date <= as_of:
        return Finding(
            LightRule.Code.STATISTICS,
            Light.GREEN,
            _("In investment statistics since %(d)s.") % {"d": f.statistics_date},
        )
    if add_months(f.start, int(rule.red_value)) < as_of:
        light, n = Light.RED, int(rule.red_value)
    elif add_months(f.start, int(rule.yellow_value)) < as_of:
        light, n = Light.YELLOW, int(rule.yellow_value)
    else:
        return Finding(
            LightRule.Code.STATISTICS,
            Light.GREEN,
            _("Started on %(d)s; not yet due for investment statistics.") % {"d": f.start},
        )
    text = _("Started on %(d)s and still not in investment statistics after more than %(n)d month(s).") % {
        "d": f.start,
        "n": n,
    }
    return Finding(LightRule.Code.STATISTICS, light, text)


def rule_problems(f: Facts, rule: LightRule, as_of: datetime.date) -> Finding | None:
    if not f.overdue_problems:
        return None
    worst_deadline = min(d for _t, d in f.overdue_problems)
    days = (as_of - worst_deadline).days
    if days > rule.red_value:
        light = Light.RED
    elif days > rule.yellow_value:
        light = Light.YELLOW
    else:
        return None
    text = _("%(n)d open problem(s) past their deadline; the oldest by %(days)d days (deadline %(d)s).") % {
        "n": len(f.overdue_problems),
        "days": days,
        "d": worst_deadline,
    }
    return Finding(LightRule.Code.PROBLEMS, light, text)


RULES = {
    LightRule.Code.INVESTMENT: rule_investment,
    LightRule.Code.NODES: rule_nodes,
    LightRule.Code.STATISTICS: rule_statistics,
    LightRule.Code.PROBLEMS: rule_problems,
}


def evaluate(facts: Facts, active: dict[str, LightRule], as_of: datetime.date) -> tuple[str, list[Finding]]:
    """The light of one project and every rule's finding, worst first."""
    if facts.stage not in RATED_STAGES:
        return Light.NONE, [
            Finding(
                "stage",
                Light.NONE,
                _("Projects in stage %(s)s are not rated.") % {"s": Stage(facts.stage).label},
            )
        ]
    findings = [
        finding
        for code, rule in active.items()
        if rule.applies_to(facts.stage) and (finding := RULES[code](facts, rule, as_of)) is not None
    ]
    if not findings:
        return Light.GREEN, [Finding("none", Light.GREEN, _("No rule applies yet."))]
    findings.sort(key=lambda f: -LIGHT_RANK[f.light])
    return findings[0].light, findings


def load_facts(
    project_ids: list[int] | None, as_of: datetime.date, period: ReportedPeriod | None = None
) -> dict[int, Facts]:
    """Every project's facts in seven queries (six when the caller gives the investment
    ``period`` due on ``as_of``; the benchmark recomputes 2,000 projects)."""
    projects = Project.objects.all()
    if project_ids is not None:
        projects = projects.filter(pk__in=project_ids)
    facts = {
        pk: Facts(stage, statistics_date=stat)
        for pk, stage, stat in projects.values_list("pk", "stage", "statistics_date")
    }
    ids = None if project_ids is None else list(facts)

    def scoped(qs):
        return qs if ids is None else qs.filter(project_id__in=ids)

    for pid, amount in scoped(InvestmentPlan.objects.filter(year=as_of.year)).values_list(
        "project_id", "amount"
    ):
        if pid in facts:
            facts[pid].plan = amount
    period = period or reported_period(as_of)
    for one in facts.values():
        one.period = period
    for pid, value in latest_cumulative(ids, as_of.year, period.months).items():
        if pid in facts:
            facts[pid].completed = value
    nodes = scoped(Milestone.objects.filter(actual_date__isnull=True)).values_list(
        "project_id", "name", "baseline_date", "planned_date"
    )
    for pid, name, baseline, planned in nodes.iterator(chunk_size=5000):
        if pid in facts:
            facts[pid].open_nodes.append((name, baseline or planned))
    starts = scoped(Milestone.objects.filter(code="start", actual_date__isnull=False)).values_list(
        "project_id", "actual_date"
    )
    for pid, day in starts:
        if pid in facts:
            facts[pid].start = day
    overdue = scoped(Problem.objects.overdue(as_of)).values_list("project_id", "description", "deadline")
    for pid, text, deadline in overdue:
        if pid in facts:
            facts[pid].overdue_problems.append((text, deadline))
    return facts


def _write_lights(projects: list[Project]) -> None:
    """One UPDATE per changed project, sent as a single executemany (``bulk_update``'s
    CASE WHEN statements take seconds at 2,000 rows)."""
    table = connection.ops.quote_name(Project._meta.db_table)
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    sql = f"UPDATE {table} SET light = %s, light_reasons = %s{cast}, light_since = %s WHERE id = %s"
    rows = [(p.light, json.dumps(p.light_reasons, ensure_ascii=False), p.light_since, p.pk) for p in projects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def recompute_lights(*, project_ids: list[int] | None = None, as_of: datetime.date | None = None) -> int:
    """Recompute the lights (all projects, or those named); keep a history row for each change.
    Returns how many lights changed."""
    as_of = as_of or evaluation_date()
    active = {code: r for code, r in rules().items() if r.is_active}
    facts = load_facts(project_ids, as_of)
    current = Project.objects.filter(pk__in=list(facts)) if project_ids is not None else Project.objects.all()
    changed, history = [], []
    for pk, light, reasons, since in current.values_list(
        "pk", "light", "light_reasons", "light_since"
    ).iterator(chunk_size=5000):
        new_light, findings = evaluate(facts[pk], active, as_of)
        new_reasons = [f.as_dict() for f in findings]
        if new_light != light or new_reasons != reasons:
            project = Project(pk=pk, light=new_light, light_reasons=new_reasons, light_since=since)
            if new_light != light or since is None:
                project.light_since = as_of
                history.append(
                    LightChange(
                        project_id=pk, date=as_of, light=new_light, previous=light, reasons=new_reasons
                    )
                )
            changed.append(project)
    if changed:
        _write_lights(changed)
        LightChange.objects.bulk_create(history, batch_size=1000)
    return len(history)
