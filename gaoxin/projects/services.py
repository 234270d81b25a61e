"""The rules of the key-project ledger: who may edit what, backward schedules and baselines,
stage changes, completed investment, the problem workflow and the warning lights.

Every write goes through a function here (keyword-only, ``<entity>_<action>``), raises a
``ValidationError`` with a Chinese message and changes nothing when a rule is broken, and
saves through the model so the audit log records who, when, before and after.
"""

from __future__ import annotations

import calendar
import datetime
import json
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.context import acting_as, change_message
from gaoxin.zone.models import evaluation_date

from .models import (
    LIGHT_RANK,
    Investment,
    InvestmentPlan,
    Light,
    LightChange,
    LightRule,
    Milestone,
    Problem,
    Project,
    ScheduleTemplate,
    Stage,
    StageChange,
    stage_rank,
)

HUNDRED = Decimal(100)
RATED_STAGES = {Stage.SIGNED, Stage.CONSTRUCTION, Stage.PRODUCTION}


# --- dates ------------------------------------------------------------------------------------


SANE_FROM, SANE_TO = datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), clipped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def complete_months(day: datetime.date) -> int:
    """Months of ``day``'s year complete on that day (9 on 30 September, 8 on 29 September)."""
    return day.month if day == month_end(day) else day.month - 1


def wan(value: Decimal | None) -> str:
    """A 万元 amount for sentences: thousands separated, at most two decimals."""
    if value is None:
        return "—"
    text = f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- permissions --------------------------------------------------------------------------------


def department_ids(user) -> set[int]:
    cached = getattr(user, "_gaoxin_department_ids", None)
    if cached is None:
        cached = set(user.departments.values_list("pk", flat=True)) if user.pk else set()
        user._gaoxin_department_ids = cached
    return cached


def manages_all(user) -> bool:
    return bool(user.is_superuser or user.has_perm("projects.manage_all_projects"))


def project_may_edit(user, project: Project) -> bool:
    """Staff change a project when their department leads it (or they coordinate all)."""
    if not user.has_perm("projects.change_project"):
        return False
    return manages_all(user) or (
        project.lead_department_id is not None and project.lead_department_id in department_ids(user)
    )


def may_lead(user, department) -> bool:
    """A project may be given only to a department of the user (or by a coordinator)."""
    return manages_all(user) or (department is not None and department.pk in department_ids(user))


def problem_may_handle(user, problem: Problem) -> bool:
    """The department's steps (办理中, 已反馈) are the assigned department's own."""
    if not user.has_perm("projects.change_problem"):
        return False
    return manages_all(user) or problem.department_id in department_ids(user)


def problem_may_reassign(user, problem: Problem) -> bool:
    """Deadline and assigned department are set by whoever raised the problem (交办), not by
    the department that has to meet them."""
    return manages_all(user) or (problem.raised_by_id is not None and problem.raised_by_id == user.pk)


def problem_may_edit(user, problem: Problem) -> bool:
    """A problem is handled by its assigned department; whoever raised it may edit it too."""
    if not user.has_perm("projects.change_problem"):
        return False
    return (
        manages_all(user)
        or problem.department_id in department_ids(user)
        or (problem.raised_by_id is not None and problem.raised_by_id == user.pk)
    )


def owner_may_report(user, project: Project) -> bool:
    """An enterprise user reports the investment of its own firm's projects."""
    from gaoxin.core import roles

    return (
        project.enterprise_id is not None
        and roles.bound_enterprise_id(user) == project.enterprise_id
        and user.has_perm("projects.add_investment")
    )


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_project(user, project: Project) -> None:
    require(
        project_may_edit(user, project),
        _("Only the lead department (%(department)s) may change this project.")
        % {"department": project.lead_department or _("none set")},
    )


# --- schedules ----------------------------------------------------------------------------------


@dataclass
class Node:
    key: str
    duration: int
    predecessors: list[str] = field(default_factory=list)
    anchor: bool = False


def backward_dates(nodes: list[Node], target: datetime.date) -> dict[str, datetime.date]:
    """Planned dates from a target completion date (倒排工期).

    The anchor node falls on ``target``. A node before it must be done early enough for each
    successor to take its duration: date = min(successor date − successor duration). Nodes
    after the anchor follow forwards: date = max(predecessor date) + own duration. Nodes
    unconnected to the anchor are placed forwards from the earliest computed date."""
    by_key = {n.key: n for n in nodes}
    successors: dict[str, list[str]] = {n.key: [] for n in nodes}
    for n in nodes:
        for p in n.predecessors:
            if p not in by_key:
                raise ValidationError(
                    _("Node %(node)s depends on an unknown node %(p)s.") % {"node": n.key, "p": p}
                )
            successors[p].append(n.key)
    anchors = [n.key for n in nodes if n.anchor] or [nodes[-1].key]
    dates: dict[str, datetime.date] = dict.fromkeys(anchors, target)

    # Backwards: ancestors of the anchors, in reverse topological order.
    order = _topological(nodes)
    for key in reversed(order):
        if key in dates:
            continue
        later = [
            dates[s] - datetime.timedelta(days=by_key[s].duration) for s in successors[key] if s in dates
        ]
        if later and _reaches_anchor(key, successors, set(anchors)):
            dates[key] = min(later)
    # Forwards: everything else.
    for key in order:
        if key in dates:
            continue
        before = [dates[p] for p in by_key[key].predecessors if p in dates]
        start = max(before) if before else min(dates.values())
        dates[key] = start + datetime.timedelta(days=by_key[key].duration)
    return dates


def _reaches_anchor(key: str, successors: dict, anchors: set) -> bool:
    seen, stack = set(), [key]
    while stack:
        k = stack.pop()
        if k in anchors:
            return True
        if k not in seen:
            seen.add(k)
            stack.extend(successors[k])
    return False


def _topological(nodes: list[Node]) -> list[str]:
    order, state = [], {}
    by_key = {n.key: n for n in nodes}

    def visit(key):
        if state.get(key) == "done":
            return
        if state.get(key) == "active":
            raise ValidationError(_("The nodes' dependencies form a cycle at %(node)s.") % {"node": key})
        state[key] = "active"
        for p in by_key[key].predecessors:
            visit(p)
        state[key] = "done"
        order.append(key)

    for n in nodes:
        visit(n.key)
    return order


@transaction.atomic
def schedule_create(
    *, project: Project, template: ScheduleTemplate, target: datetime.date, user
) -> list[Milestone]:
    """Copy the template's nodes to the project and date them backwards from ``target``.

    Replaces an existing schedule only while no baseline is frozen."""
    require_project(user, project)
    if project.baseline_at:
        raise ValidationError(_("The schedule has an approved baseline; change single nodes instead."))
    if not SANE_FROM <= target <= SANE_TO:
        raise ValidationError(
            _("The target completion must lie between %(a)s and %(b)s.") % {"a": SANE_FROM, "b": SANE_TO}
        )
    if project.planned_start and target < project.planned_start:
        raise ValidationError(
            _("The target completion %(target)s is before the planned start %(start)s.")
            % {"target": target, "start": project.planned_start}
        )
    template_nodes = list(template.nodes.prefetch_related("predecessors"))
    if not template_nodes:
        raise ValidationError(_("The template %(name)s has no nodes.") % {"name": template.name})
    nodes = [
        Node(n.code, n.duration_days, [p.code for p in n.predecessors.all()], n.is_anchor)
        for n in template_nodes
    ]
    dates = backward_dates(nodes, target)
    with acting_as(user, "web"), change_message(_("Schedule computed backwards from %(d)s") % {"d": target}):
        for old in project.milestones.all():
            old.delete()
        created = {}
        for n in template_nodes:
            created[n.code] = Milestone.objects.create(
                project=project,
                template_node=n,
                code=n.code,
                name=n.name,
                sequence=n.sequence,
                duration_days=n.duration_days,
                gate_stage=n.gate_stage,
                planned_date=dates[n.code],
            )
        for n in template_nodes:
            preds = [created[p.code] for p in n.predecessors.all()]
            if preds:
                created[n.code].predecessors.set(preds)
        project.snapshot()
        project.template = template
        project.planned_completion = target
        project.save()
    recompute_lights(project_ids=[project.pk])
    return list(created.values())


def milestone_check_dates(milestone: Milestone, planned_date: datetime.date | None) -> None:
    """A planned date may not come before a predecessor's nor after a successor's."""
    if planned_date is None:
        return
    for p in milestone.predecessors.all():
        if p.planned_date and planned_date < p.planned_date:
            raise ValidationError(
                {
                    "planned_date": _(
                        "Node %(node)s cannot be planned for %(date)s: it comes after %(p)s, planned for %(pdate)s."
                    )
                    % {"node": milestone.name, "date": planned_date, "p": p.name, "pdate": p.planned_date}
                }
            )
    for s in milestone.successors.all():
        if s.planned_date and planned_date > s.planned_date:
            raise ValidationError(
                {
                    "planned_date": _(
                        "Node %(node)s cannot be planned for %(date)s: %(s)s, which comes after it, is planned for %(sdate)s."
                    )
                    % {"node": milestone.name, "date": planned_date, "s": s.name, "sdate": s.planned_date}
                }
            )


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, user, planned_date=None, actual_date=None, note: str | None = None, fields=()
) -> Milestone:
    """Change a node's planned date, record its actual date or note; lights follow."""
    project = milestone.project
    require_project(user, project)
    milestone.snapshot()
    for name, day in (("planned_date", planned_date), ("actual_date", actual_date)):
        if name in fields and day and not SANE_FROM <= day <= SANE_TO:
            raise ValidationError(
                {name: _("The date must lie between %(a)s and %(b)s.") % {"a": SANE_FROM, "b": SANE_TO}}
            )
    if "planned_date" in fields:
        milestone_check_dates(milestone, planned_date)
        milestone.planned_date = planned_date
    if "actual_date" in fields:
        if actual_date and actual_date > timezone.localdate():
            raise ValidationError(
                {"actual_date": _("The actual date %(d)s is in the future.") % {"d": actual_date}}
            )
        milestone.actual_date = actual_date
    if note is not None:
        milestone.note = note[:200]
    with acting_as(user, "web"):
        milestone.save()
        if milestone.code == "statistics" and "actual_date" in fields and actual_date:
            project.snapshot()
            project.statistics_date = actual_date
            project.save()
    recompute_lights(project_ids=[project.pk])
    return milestone


@transaction.atomic
def baseline_approve(*, project: Project, user) -> Project:
    """Freeze the planned dates as the baseline (基线) the nodes are judged against."""
    require_project(user, project)
    if project.baseline_at:
        raise ValidationError(
            _("The baseline was approved on %(d)s and stays as it is: lags are measured against it.")
            % {"d": timezone.localtime(project.baseline_at).date()}
        )
    nodes = list(project.milestones.all())
    if not nodes:
        raise ValidationError(_("There is no schedule to approve yet."))
    missing = [m.name for m in nodes if m.planned_date is None]
    if missing:
        raise ValidationError(
            _("These nodes have no planned date: %(names)s.") % {"names": "、".join(missing)}
        )
    with acting_as(user, "web"), change_message(_("Baseline approved")):
        for m in nodes:
            if m.baseline_date != m.planned_date:
                m.snapshot()
                m.baseline_date = m.planned_date
                m.save()
        project.snapshot()
        project.baseline_at, project.baseline_by = timezone.now(), user
        project.save()
    recompute_lights(project_ids=[project.pk])
    return project


def lag_text(milestone: Milestone, today: datetime.date) -> str:
    """ "较基线滞后23天" / "较基线提前5天" / "按基线完成" / "" (no baseline, not late)."""
    days = milestone.lag_days(today)
    if days is None:
        return ""
    if days > 0:
        return _("%(days)d days behind the baseline") % {"days": days}
    if days < 0:
        return _("%(days)d days ahead of the baseline") % {"days": -days}
    return _("on the baseline date")


# --- stages -----------------------------------------------------------------------------------


@transaction.atomic
def stage_change(*, project: Project, to_stage: str, date: datetime.date, reason: str, user) -> StageChange:
    """Move a project to another stage. A reason is required to suspend, terminate, go back,
    or skip required nodes (nodes gated before the new stage that are not done)."""
    require_project(user, project)
    reason = (reason or "").strip()
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": _("Unknown stage %(s)s.") % {"s": to_stage}})
    if to_stage == project.stage:
        raise ValidationError({"to_stage": _("The project is already in this stage.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date %(d)s is in the future.") % {"d": date}})
    if project.stage_since and date < project.stage_since:
        raise ValidationError(
            {
                "date": _("The date %(d)s is before the current stage began (%(since)s).")
                % {"d": date, "since": project.stage_since}
            }
        )
    new_rank, old_rank = stage_rank(to_stage), stage_rank(project.stage)
    skipped = []
    if new_rank is not None:
        skipped = [
            m.name
            for m in project.milestones.filter(actual_date__isnull=True).exclude(gate_stage="")
            if stage_rank(m.gate_stage) is not None and stage_rank(m.gate_stage) <= new_rank
        ]
    needs_reason = (
        to_stage in (Stage.SUSPENDED, Stage.TERMINATED)
        or (new_rank is not None and old_rank is not None and new_rank < old_rank)
        or bool(skipped)
    )
    if needs_reason and not reason:
        if skipped:
            message = _("Moving to %(stage)s skips nodes not yet done (%(nodes)s): give a reason.") % {
                "stage": Stage(to_stage).label,
                "nodes": "、".join(skipped),
            }
        else:
            message = _("Moving to %(stage)s needs a reason.") % {"stage": Stage(to_stage).label}
        raise ValidationError({"reason": message})
    change = StageChange.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        date=date,
        reason=reason[:300],
        skipped_nodes="、".join(skipped)[:300],
        user=user,
    )
    project.snapshot()
    project.stage, project.stage_since = to_stage, date
    if to_stage == Stage.PRODUCTION and project.production_date is None:
        project.production_date = date
    label = _("Stage: %(a)s → %(b)s") % {"a": Stage(change.from_stage).label, "b": Stage(to_stage).label}
    with acting_as(user, "web"), change_message(f"{label}。{reason}"[:300]):
        project.save()
    recompute_lights(project_ids=[project.pk])
    return change


# --- investment -------------------------------------------------------------------------------


def investment_lock_reason(year: int, month: int) -> str | None:
    """Why a period cannot be changed (its submission is approved), or None."""
    from gaoxin.indicators.models import Submission

    sub = Submission.objects.filter(data_set__code=DATA_SET, year=year, month=month).first()
    if sub and sub.is_locked:
        return _(
            "%(year)d-%(month)02d project investment is approved and locked; an administrator must reopen it."
        ) % {
            "year": year,
            "month": month,
        }
    return None


DATA_SET = "project_investment"


def investment_submission(year: int, month: int):
    """The month's submission of the project investment data set (created as a draft)."""
    from gaoxin.indicators.models import DataSet, Submission

    data_set = DataSet.objects.filter(code=DATA_SET).first()
    if data_set is None:
        return None
    sub, _created = Submission.objects.get_or_create(
        data_set=data_set,
        year=year,
        month=month,
        scope_key="zone",
        defaults={"status": Submission.Status.DRAFT},
    )
    return sub


def completed_before(project: Project, year: int) -> Decimal:
    """Investment completed in the years before ``year``: each year's last cumulative value."""
    total = Decimal(0)
    rows = (
        Investment.objects.filter(project=project, year__lt=year).values("year").annotate(last=Max("month"))
    )
    for row in rows:
        total += Investment.objects.get(project=project, year=row["year"], month=row["last"]).cumulative
    return total


def investment_check(
    *, project: Project, year: int, month: int, cumulative: Decimal, note: str = "", exclude_pk=None
) -> None:
    """The rules of a completed-investment value; raises with the first broken one."""
    if cumulative is None or cumulative < 0:
        raise ValidationError(
            {"cumulative": _("The completed investment must be a number of 万元, zero or more.")}
        )
    locked = investment_lock_reason(year, month)
    if locked:
        raise ValidationError(locked)
    same_year = Investment.objects.filter(project=project, year=year).exclude(pk=exclude_pk)
    earlier = same_year.filter(month__lt=month).order_by("-month").first()
    if earlier and cumulative < earlier.cumulative:
        raise ValidationError(
            {
                "cumulative": _(
                    "Cumulative investment cannot fall: months 1–%(m)d were %(before)s 万元, this is %(now)s 万元."
                )
                % {"m": earlier.month, "before": wan(earlier.cumulative), "now": wan(cumulative)}
            }
        )
    later = same_year.filter(month__gt=month).order_by("month").first()
    if later and cumulative > later.cumulative:
        raise ValidationError(
            {
                "cumulative": _(
                    "Cumulative investment cannot exceed the later value of months 1–%(m)d (%(after)s 万元)."
                )
                % {"m": later.month, "after": wan(later.cumulative)}
            }
        )
    to_date = completed_before(project, year) + cumulative
    if to_date > project.total_investment and not note.strip():
        raise ValidationError(
            {
                "note": _(
                    "Completed investment to date (%(done)s 万元) exceeds the total investment of %(total)s 万元: add a note explaining why."
                )
                % {"done": wan(to_date), "total": wan(project.total_investment)}
            }
        )


@transaction.atomic
def investment_record(
    *, project: Project, year: int, month: int, cumulative: Decimal, user, note: str = ""
) -> Investment:
    """Enter or correct a month's cumulative completed investment (through the calendar)."""
    require(
        project_may_edit(user, project) or owner_may_report(user, project),
        _("Only the lead department or the owner enterprise may report this project's investment."),
    )
    existing = Investment.objects.filter(project=project, year=year, month=month).first()
    investment_check(
        project=project,
        year=year,
        month=month,
        cumulative=cumulative,
        note=note,
        exclude_pk=existing and existing.pk,
    )
    submission = investment_submission(year, month)
    with acting_as(user, "web"):
        if existing:
            existing.snapshot()
            existing.cumulative, existing.note, existing.entered_by = cumulative, note[:200], user
            existing.submission = submission
            existing.save()
            obj = existing
        else:
            obj = Investment.objects.create(
                project=project,
                year=year,
                month=month,
                cumulative=cumulative,
                note=note[:200],
                entered_by=user,
                submission=submission,
            )
    recompute_lights(project_ids=[project.pk])
    return obj


def time_progress(plan: Decimal, months: int) -> Decimal:
    """序时进度: the annual plan × elapsed months ÷ 12 (domain-rules §9), in 万元, 4 decimals."""
    return (plan * months / 12).quantize(Decimal("0.0001"), ROUND_HALF_UP)


@dataclass
class Progress:
    year: int
    months: int
    plan: Decimal | None
    completed: Decimal | None
    expected: Decimal | None

    @property
    def share_of_plan(self) -> Decimal | None:
        if not self.plan or self.completed is None:
            return None
        return (self.completed * HUNDRED / self.plan).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def share_of_expected(self) -> Decimal | None:
        if not self.expected or self.completed is None:
            return None
        return (self.completed * HUNDRED / self.expected).quantize(Decimal("0.1"), ROUND_HALF_UP)


def list_progress(projects, as_of: datetime.date | None = None) -> Progress:
    """Plan, completed and time-proportional plan summed over ``projects`` (a queryset)."""
    as_of = as_of or evaluation_date()
    months = complete_months(as_of)
    chosen = projects.order_by().values("pk")
    plan = InvestmentPlan.objects.filter(project__in=chosen, year=as_of.year).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal(0)
    # Each project's latest month up to ``months``, summed in the database (the ledger page
    # shows this for 2,000 projects).
    latest = (
        Investment.objects.filter(project=OuterRef("project"), year=as_of.year, month__lte=months)
        .order_by("-month")
        .values("month")[:1]
    )
    completed = Investment.objects.filter(
        project__in=chosen, year=as_of.year, month__lte=months, month=Subquery(latest)
    ).aggregate(total=Sum("cumulative"))["total"] or Decimal(0)
    return Progress(as_of.year, months, plan, completed, time_progress(plan, months))


def _latest_cumulative(ids, year: int, months: int) -> dict[int, Decimal]:
    """Each project's latest cumulative value of ``year`` up to month ``months``."""
    latest: dict[int, tuple[int, Decimal]] = {}
    rows = Investment.objects.filter(year=year, month__lte=months)
    if ids is not None:
        rows = rows.filter(project_id__in=ids)
    for pid, month, value in rows.values_list("project_id", "month", "cumulative").iterator(chunk_size=5000):
        if pid not in latest or month > latest[pid][0]:
            latest[pid] = (month, value)
    return {pid: value for pid, (_m, value) in latest.items()}


# --- problems ---------------------------------------------------------------------------------


NEXT_STATUS = {
    Problem.Status.ASSIGNED: {Problem.Status.IN_PROGRESS, Problem.Status.ANSWERED},
    Problem.Status.IN_PROGRESS: {Problem.Status.ANSWERED},
    Problem.Status.ANSWERED: {Problem.Status.CLOSED, Problem.Status.IN_PROGRESS},
    Problem.Status.CLOSED: set(),
}


@transaction.atomic
def problem_transition(*, problem: Problem, to_status: str, user, feedback: str = "", day=None) -> Problem:
    """交办 → 办理中 → 已反馈 → 已销号. Feedback is required to answer; only whoever raised the
    problem closes it (销号) or sends it back."""
    day = day or timezone.localdate()
    if to_status not in NEXT_STATUS.get(problem.status, set()):
        raise ValidationError(
            _("A problem that is %(a)s cannot become %(b)s.")
            % {"a": problem.get_status_display(), "b": Problem.Status(to_status).label}
        )
    if to_status in (Problem.Status.CLOSED,) or (
        problem.status == Problem.Status.ANSWERED and to_status == Problem.Status.IN_PROGRESS
    ):
        if problem.raised_by_id != user.pk:
            raise PermissionDenied(
                _("Only %(who)s, who raised the problem, may confirm and close it.")
                % {"who": problem.raised_by.get_username() if problem.raised_by else _("its raiser")}
            )
    else:
        require(problem_may_handle(user, problem), _("Only the assigned department may handle this problem."))
    problem.snapshot()
    if to_status == Problem.Status.ANSWERED:
        if not feedback.strip():
            raise ValidationError({"feedback": _("Write what was done before answering.")})
        problem.feedback, problem.answered_on = feedback.strip(), day
    if to_status == Problem.Status.CLOSED:
        problem.closed_on = day
    problem.status = to_status
    with acting_as(user, "web"), change_message(feedback.strip()[:300]):
        problem.save()
    recompute_lights(project_ids=[problem.project_id])
    return problem


# --- lights ---------------------------------------------------------------------------------


DEFAULT_RULES = {
    # code: (yellow, red, source)
    LightRule.Code.INVESTMENT: (
        Decimal(100),
        Decimal(50),
        "三亚 2022：累计投资达到或超过序时进度为绿，低于序时50%以内为黄，低于50%以上为红（domain-rules §9）",
    ),
    LightRule.Code.NODES: (
        Decimal(0),
        Decimal(3),
        "银川 2025：当月应完成节点未完成为黄，逾期连续3个月为红（domain-rules §9）",
    ),
    LightRule.Code.STATISTICS: (
        Decimal(1),
        Decimal(2),
        "银川 2025：开工1个月后未纳统为黄，超过2个月为红（domain-rules §9）",
    ),
    LightRule.Code.PROBLEMS: (
        Decimal(0),
        Decimal(30),
        "本区自定：有逾期未销号问题为黄，逾期超过30天为红（无官方来源，可调整）",
    ),
}


def rules() -> dict[str, LightRule]:
    """The rules in force, created with their defaults the first time."""
    found = {r.code: r for r in LightRule.objects.all()}
    for code, (yellow, red, source) in DEFAULT_RULES.items():
        if code not in found:
            found[code] = LightRule.objects.create(
                code=code, yellow_value=yellow, red_value=red, source=source
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


def rule_investment(f: Facts, rule: LightRule, as_of: datetime.date) -> Finding | None:
    months = complete_months(as_of)
    if not f.plan or months < 1:
        return None
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
        "Months 1–%(m)d: %(done)s 万元 completed against a time-proportional plan of %(exp)s 万元 "
        "(annual plan %(plan)s × %(m)d/12), %(share)s%% of it."
    ) % {"m": months, "done": wan(completed), "exp": wan(expected), "plan": wan(f.plan), "share": share}
    return Finding(LightRule.Code.INVESTMENT, light, text)


def rule_nodes(f: Facts, rule: LightRule, as_of: datetime.date) -> Finding | None:
    if not f.open_nodes:
        return None
    window = month_end(add_months(as_of, -int(rule.yellow_value)))
    red_months = int(rule.red_value)
    late = sorted((due, name) for name, due in f.open_nodes if due is not None and due <= window)
    if not late:
        return Finding(LightRule.Code.NODES, Light.GREEN, _("No node due by the end of this month is open."))
    very = [(due, name) for due, name in late if add_months(due, red_months) < as_of]
    if very:
        due, name = very[0]
        text = _("Node %(node)s was due on %(due)s and is still open: more than %(n)d months overdue.") % {
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
    findings = [f for code, rule in active.items() if (f := RULES[code](facts, rule, as_of)) is not None]
    if not findings:
        return Light.GREEN, [Finding("none", Light.GREEN, _("No rule applies yet."))]
    findings.sort(key=lambda f: -LIGHT_RANK[f.light])
    return findings[0].light, findings


def load_facts(project_ids: list[int] | None, as_of: datetime.date) -> dict[int, Facts]:
    """Every project's facts in six queries (the benchmark recomputes 2,000 projects)."""
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
    for pid, value in _latest_cumulative(ids, as_of.year, complete_months(as_of)).items():
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
