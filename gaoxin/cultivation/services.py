"""Candidate lists and the recognition pipeline.

``candidates`` evaluates one tier for every firm the reader sees and sorts them into: qualifies
now and lacks the title; misses by exactly one criterion (with by how much); holds the title
and it expires within 6 or 12 months (高企: the third year is the re-recognition year).
``recognition_move`` moves a firm in a batch on ``core.stages`` (推荐 → 材料 → 申报 → 公示 →
认定 / 未通过 with a reason) and on 认定 writes the firm's ``enterprises.Qualification``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.bulk import gc_paused
from gaoxin.core.context import acting_as
from gaoxin.core.stages import StageMove, StageRules, stage_move, stage_record
from gaoxin.enterprises.models import Enterprise, Qualification, QualificationType
from gaoxin.zone.models import evaluation_date

from . import engine
from .models import Batch, Recognition, RecognitionStage, RecognitionStageChange
from .rules import WRITTEN_TYPE

QUALIFIES, NEAR, EXPIRING_6, EXPIRING_12 = "qualifies", "near", "expiring_6", "expiring_12"
KINDS = {
    QUALIFIES: gettext_lazy("Qualifies now, lacks the title"),
    NEAR: gettext_lazy("Misses by one criterion"),
    EXPIRING_6: gettext_lazy("Title expires within 6 months"),
    EXPIRING_12: gettext_lazy("Title expires within 12 months"),
}


@dataclass(slots=True)
class Candidate:
    kind: str
    enterprise_id: int
    name: str
    result: engine.TierResult

    @property
    def reason(self) -> str:
        if self.kind == NEAR:
            return self.result.failed[0].words
        if self.kind in (EXPIRING_6, EXPIRING_12):
            return _("valid until %(d)s") % {"d": self.result.expires_on}
        return "；".join(c.words for c in self.result.criteria if c.required)[:300]


def months_later(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError


def classify(result: engine.TierResult, as_of: datetime.date) -> str | None:
    if result.holds:
        if result.expires_on and result.expires_on <= months_later(as_of, 6):
            return EXPIRING_6
        if result.expires_on and result.expires_on <= months_later(as_of, 12):
            return EXPIRING_12
        return None
    if result.verdict is True:
        return QUALIFIES
    if result.verdict is False and len(result.failed) == 1 and not result.missing:
        return NEAR
    return None


def candidates(*, user, tier: str, year: int, kind: str | None = None) -> list[Candidate]:
    """Every firm the reader sees, evaluated for ``tier`` in ``year``, that is a candidate of
    some kind (or of ``kind``); sorted by kind, then the smallest gap, then the name."""
    firms = dict(Enterprise.objects.visible_to(user).filter(status="active").values_list("pk", "name"))
    data = engine.load(firms, [year])
    day = data.as_of[year]
    found = []
    with gc_paused():
        results = [(eid, name, engine.evaluate(data, tier, eid, year)) for eid, name in firms.items()]
    for eid, name, result in results:
        which = classify(result, day)
        if which and (kind is None or which == kind):
            found.append(Candidate(which, eid, name, result))
    order = list(KINDS)
    found.sort(key=lambda c: (order.index(c.kind), gap_of(c), c.name))
    return found


@dataclass(frozen=True, slots=True)
class Row:
    """What the candidate page shows of a candidate (cached: see ``candidate_rows``)."""

    kind: str
    enterprise_id: int
    name: str
    reason: str
    version: str
    verdict: bool | None


def data_version() -> tuple:
    """Changes to anything the rules read: each source's row count and last change."""
    from django.db.models import Count, Max

    from gaoxin.enterprises.models import AnnualFacts, EquityFinancing, IPAsset

    from .models import ExpertInput, Platform, RuleSet

    models = (
        AnnualFacts,
        Qualification,
        Enterprise,
        IPAsset,
        EquityFinancing,
        Platform,
        ExpertInput,
        RuleSet,
    )
    return tuple(tuple(m.objects.aggregate(n=Count("pk"), last=Max("updated_at")).values()) for m in models)


def candidate_rows(*, user, tier: str, year: int, kind: str | None = None) -> list[Row]:
    """``candidates`` as page rows, kept in the cache until the data the rules read changes
    (a new row, a deleted one or an edit moves ``data_version``), per scope, language and
    evaluation day: the page then answers without evaluating 10,000 firms again."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from gaoxin.core import roles

    scope = "zone" if roles.sees_whole_zone(user) else f"firm{roles.bound_enterprise_id(user)}"
    key = f"cultivation:candidates:{tier}:{year}:{scope}:{get_language()}:{evaluation_date()}:{hash(data_version())}"
    rows = cache.get(key)
    if rows is None:
        found = candidates(user=user, tier=tier, year=year)
        rows = [
            Row(c.kind, c.enterprise_id, c.name, c.reason, c.result.version, c.result.verdict) for c in found
        ]
        cache.set(key, rows, 6 * 3600)
    return [r for r in rows if kind is None or r.kind == kind]


def gap_of(candidate: Candidate):
    if candidate.kind == NEAR and candidate.result.failed[0].gap is not None:
        return candidate.result.failed[0].gap
    return 0


# --- the recognition pipeline --------------------------------------------------------------------


def recognition_refusal(move: StageMove) -> str:
    if move.to_stage == RecognitionStage.REJECTED:
        return _("Say why the application did not pass.")
    return _("Moving the firm from %(a)s to %(b)s needs a reason.") % {
        "a": RecognitionStage(move.from_stage).label,
        "b": RecognitionStage(move.to_stage).label,
    }


RECOGNITION_STAGES = StageRules(
    stages=RecognitionStage,
    order=(
        RecognitionStage.RECOMMENDED,
        RecognitionStage.MATERIALS,
        RecognitionStage.APPLIED,
        RecognitionStage.PUBLICISED,
        RecognitionStage.RECOGNISED,
    ),
    paused=frozenset(),
    ended=frozenset({RecognitionStage.REJECTED}),
    already=gettext_lazy("The firm is already at this step."),
    refusal=recognition_refusal,
)


def require_pipeline(user, action: str = "change") -> None:
    if not user.has_perm(f"cultivation.{action}_recognition"):
        raise PermissionDenied(_("You may not change the recognition pipeline."))


def recognition_add(
    *, batch: Batch, enterprise: Enterprise, user, date: datetime.date | None = None, owner=None
) -> Recognition:
    """Recommend a firm for a batch (推荐), dated ``date`` (the zone's day by default)."""
    require_pipeline(user, "add")
    recognition = Recognition(
        batch=batch, enterprise=enterprise, stage_since=date or evaluation_date(), owner=owner or user
    )
    recognition.full_clean()
    with acting_as(user, "web"):
        recognition.save()
    return recognition


@transaction.atomic
def recognition_move(
    *,
    recognition: Recognition,
    to_stage: str,
    date: datetime.date,
    user,
    reason: str = "",
    certificate_no: str = "",
    source: str = "web",
) -> RecognitionStageChange:
    """One step of a firm in a batch; 认定 writes its qualification (granted on ``date``, the
    type's validity, the certificate number) and links it to the recognition."""
    require_pipeline(user)
    move = stage_move(
        RECOGNITION_STAGES, recognition, to_stage=to_stage, date=date, reason=reason, as_of=evaluation_date()
    )
    fields = {}
    if to_stage == RecognitionStage.RECOGNISED:
        fields["qualification"] = write_qualification(
            recognition, date, certificate_no or recognition.certificate_no, user
        )
        fields["certificate_no"] = certificate_no or recognition.certificate_no
    return stage_record(RECOGNITION_STAGES, recognition, move, user=user, source=source, fields=fields)


@transaction.atomic
def recognitions_move(
    *, batch: Batch, ids, to_stage: str, date: datetime.date, user, reason: str = ""
) -> int:
    """The same step for several firms of a batch at once (the batch's 公示 list, its 认定 notice):
    all or none — one firm that cannot take the step refuses the whole move, naming the firm."""
    require_pipeline(user)
    chosen = list(
        batch.recognitions.visible_to(user).filter(pk__in=ids).select_related("enterprise", "batch")
    )
    if not chosen:
        raise ValidationError(_("Choose the firms that take this step."))
    for recognition in chosen:
        try:
            recognition_move(recognition=recognition, to_stage=to_stage, date=date, user=user, reason=reason)
        except ValidationError as error:
            raise ValidationError(
                _("%(firm)s: %(reason)s")
                % {"firm": recognition.enterprise.name, "reason": "；".join(error.messages)}
            ) from error
    return len(chosen)


def write_qualification(
    recognition: Recognition, date: datetime.date, certificate_no: str, user
) -> Qualification:
    kind = QualificationType.objects.get(code=WRITTEN_TYPE[recognition.batch.tier])
    existing = Qualification.objects.filter(
        enterprise=recognition.enterprise, type=kind, granted_on=date
    ).first()
    if existing is not None:
        return existing
    item = Qualification(
        enterprise=recognition.enterprise,
        type=kind,
        level=kind.default_level,
        granted_on=date,
        certificate_no=certificate_no,
        note=_("Recognised in %(batch)s") % {"batch": recognition.batch.name},
    )
    try:
        item.full_clean()
    except ValidationError as error:
        raise ValidationError({"to_stage": error.messages}) from error
    with acting_as(user, "web"):
        item.save()
    return item


def pipeline_counts(batch_ids=None) -> dict[int, dict[str, int]]:
    """{batch id: {stage: count}} in one query."""
    from django.db.models import Count

    rows = Recognition.objects.all()
    if batch_ids is not None:
        rows = rows.filter(batch_id__in=batch_ids)
    counts: dict[int, dict[str, int]] = {}
    for batch_id, stage, n in rows.values_list("batch_id", "stage").annotate(n=Count("pk")).order_by():
        counts.setdefault(batch_id, {})[stage] = n
    return counts
