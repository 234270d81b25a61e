"""Dated, reasoned stage changes of a project."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.context import acting_as, change_message

from ..models import (
    Project,
    Stage,
    StageChange,
    stage_rank,
)
from .lights import recompute_lights
from .permissions import require_project


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
