"""Dated, reasoned stage changes of a project: core.stages' rules, plus the project's own —
skipping gated schedule nodes not yet done needs a reason, 竣工投产 sets the production date,
and the lights are recomputed."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.stages import StageMove, StageRules, stage_move, stage_record
from gaoxin.zone.models import evaluation_date

from ..models import STAGE_ORDER, Project, Stage, StageChange, stage_rank
from .lights import recompute_lights
from .permissions import require_project


def project_refusal(move: StageMove) -> str:
    """The words for a move that needs a reason and has none."""
    stage = Stage(move.to_stage).label
    if move.skipped:
        return _("Moving to %(stage)s skips nodes not yet done (%(nodes)s): give a reason.") % {
            "stage": stage,
            "nodes": "、".join(move.skipped),
        }
    return _("Moving to %(stage)s needs a reason.") % {"stage": stage}


PROJECT_STAGES = StageRules(
    stages=Stage,
    order=tuple(STAGE_ORDER),
    paused=frozenset({Stage.SUSPENDED}),
    ended=frozenset({Stage.TERMINATED}),
    already=gettext_lazy("The project is already in this stage."),
    refusal=project_refusal,
)


def skipped_nodes(project: Project, to_stage: str) -> list[str]:
    """The schedule nodes not yet done that gate ``to_stage`` or an earlier stage."""
    rank = stage_rank(to_stage)
    if rank is None:
        return []
    nodes = project.milestones.filter(actual_date__isnull=True).exclude(gate_stage="")
    gated = ((stage_rank(m.gate_stage), m.name) for m in nodes)
    return [name for gate, name in gated if gate is not None and gate <= rank]


@transaction.atomic
def stage_change(*, project: Project, to_stage: str, date: datetime.date, reason: str, user) -> StageChange:
    """Move a project to another stage. A reason is required to suspend, terminate, go back,
    reopen, or skip required nodes (nodes gated before the new stage that are not done)."""
    require_project(user, project)
    skipped = skipped_nodes(project, to_stage)
    move = stage_move(
        PROJECT_STAGES,
        project,
        to_stage=to_stage,
        date=date,
        reason=reason,
        as_of=evaluation_date(),
        skipped=skipped,
    )
    producing = to_stage == Stage.PRODUCTION and project.production_date is None
    fields = {"production_date": date} if producing else {}
    skipped_text = "、".join(skipped)[:300]
    change = stage_record(PROJECT_STAGES, project, move, user=user, fields=fields, skipped_nodes=skipped_text)
    recompute_lights(project_ids=[project.pk])
    return change
