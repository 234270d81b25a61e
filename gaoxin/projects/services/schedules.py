"""Backward schedules from node templates, milestone edits, the baseline and lag in words."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.context import acting_as, change_message

from ..models import (
    Milestone,
    Project,
    ScheduleTemplate,
    TemplateNode,
)
from .dates import SANE_FROM, SANE_TO
from .lights import recompute_lights
from .permissions import require_project


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


def milestone_from_template(project: Project, node: TemplateNode, planned_date, **dates) -> Milestone:
    """The project's copy of a template node (not saved yet): ``schedule_create`` saves its
    copies one by one, the demo writes a zone's in bulk (``dates``: its baseline and actuals)."""
    return Milestone(
        project=project,
        template_node=node,
        code=node.code,
        name=node.name,
        sequence=node.sequence,
        duration_days=node.duration_days,
        gate_stage=node.gate_stage,
        planned_date=planned_date,
        **dates,
    )


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
            created[n.code] = milestone_from_template(project, n, dates[n.code])
            created[n.code].save(force_insert=True)
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
