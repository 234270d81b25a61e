"""The rules of the points: weights per stage that sum to 100, stage rules that cover every
firm, and the computation of every firm's points sheet in bulk (a constant number of queries,
then pure Python), the ranks within each stage, the tiers, and the bank export."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from gaoxin.core.bulk import gc_paused

from . import facts as fact_catalogue
from . import stages
from .models import Consent, Indicator, PointScheme, Stage, StageRule, Tier

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- weights and stage rules --------------------------------------------------------------


def weights_errors(rows: list[dict]) -> list[str]:
    """Each weight is a percentage (0–100) and each stage's weights sum to exactly 100
    (``rows``: {stage: weight} per indicator)."""
    errors = []
    if any(not 0 <= Decimal(row.get(s.value) or 0) <= HUNDRED for row in rows for s in Stage):
        errors.append(gettext("A weight must be between 0 and 100."))
    for stage in Stage:
        total = sum((Decimal(row.get(stage.value) or 0) for row in rows), Decimal(0))
        if total != HUNDRED:
            errors.append(
                gettext("The weights of the %(stage)s stage sum to %(total)s, not 100.")
                % {"stage": stage.label, "total": f"{total.normalize():f}"}
            )
    return errors


def weights_set(*, scheme: PointScheme, weights: dict[int, dict[str, Decimal]]) -> None:
    """Store the weights of the scheme's indicators, or refuse (nothing saved) when a stage's
    weights do not sum to 100."""
    indicators = list(scheme.indicators.all())
    rows = [weights.get(i.pk, {s.value: i.weight(s.value) for s in Stage}) for i in indicators]
    errors = weights_errors(rows)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for indicator, row in zip(indicators, rows, strict=True):
            indicator.snapshot()
            for stage in Stage:
                setattr(indicator, f"weight_{stage.value}", Decimal(row[stage.value]))
            indicator.save()


def stage_rules_set(*, scheme: PointScheme, rules: list[dict]) -> list[StageRule]:
    """Replace the scheme's stage rules, or refuse (nothing saved) naming the firms no rule
    would place: "成立年限 ≥ 3 且 < 5 年，营业收入 ≥ 5000 万元的企业没有阶段"."""
    drafts = [StageRule(scheme=scheme, sort_order=n, **rule) for n, rule in enumerate(rules, start=1)]
    for draft in drafts:
        if None not in (draft.min_age, draft.max_age) and draft.max_age <= draft.min_age:
            raise ValidationError(gettext("A rule's upper age must be above its lower age."))
        if None not in (draft.min_revenue, draft.max_revenue) and draft.max_revenue <= draft.min_revenue:
            raise ValidationError(gettext("A rule's upper revenue must be above its lower revenue."))
    missing = stages.gaps(drafts)
    if missing:
        raise ValidationError(
            [gettext("No rule gives a stage to firms of %(box)s.") % {"box": box} for box in missing]
        )
    with transaction.atomic():
        for old in scheme.stage_rules.all():
            old.delete()
        for draft in drafts:
            draft.save()
    return drafts


def scheme_problems(scheme: PointScheme) -> list[str]:
    """What keeps a stored scheme from computing (shown on its page)."""
    rows = [{s.value: i.weight(s.value) for s in Stage} for i in scheme.indicators.all()]
    problems = weights_errors(rows)
    problems += [
        gettext("No rule gives a stage to firms of %(box)s.") % {"box": box}
        for box in stages.gaps(list(scheme.stage_rules.all()))
    ]
    return problems


def scheme_on(day: datetime.date) -> PointScheme | None:
    """The scheme valid on ``day`` (validities do not overlap)."""
    from django.db.models import Q

    return (
        PointScheme.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )


# --- computation -----------------------------------------------------------------------------


def indicator_points(indicator: Indicator, raw: Decimal) -> Decimal:
    """0–100 points of a raw value: linear to the reference value (capped at 100, nothing
    below zero) or the points of the highest band reached (below the first band: 0)."""
    if indicator.method == Indicator.Method.LINEAR:
        if raw <= 0:
            return Decimal(0)
        return q2(min(raw / indicator.reference, Decimal(1)) * HUNDRED)
    points = Decimal(0)
    for bound, band_points in indicator.bands:
        if raw >= Decimal(str(bound)):
            points = Decimal(str(band_points))
    return q2(points)


@dataclass(slots=True)
class Line:
    """One indicator of a firm's sheet: the raw value read, its points, the stage's weight and
    the contribution (points × weight ÷ 100); ``missing`` names what is lacking (no points)."""

    indicator: Indicator
    raw: Decimal | None
    points: Decimal | None
    weight: Decimal
    contribution: Decimal
    missing: object = ""  # a facts.Missing: its str() is the reason in words

    @property
    def shown_raw(self) -> Decimal | None:
        """The raw value to two places (kept exact in ``raw``; rounded only to be shown)."""
        return None if self.raw is None else q2(self.raw)

    @property
    def unit(self) -> str:
        return fact_catalogue.FACTS[self.indicator.fact].unit


@dataclass
class Sheet:
    enterprise_id: int
    year: int
    stage: str | None
    stage_missing: object = ""
    lines: list[Line] = field(default_factory=list)
    total: Decimal = Decimal(0)
    rank: int | None = None
    stage_count: int = 0
    tier: str = ""
    name: str = ""

    @property
    def missing(self) -> list[str]:
        return [f"{line.indicator.name}：{line.missing}" for line in self.lines if line.missing]

    @property
    def complete(self) -> bool:
        return not self.stage_missing and not any(line.missing for line in self.lines)

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label if self.stage else ""


@dataclass(frozen=True, slots=True)
class Plan:
    """An indicator prepared once per computation: its reader, method and weights as Decimals."""

    indicator: Indicator
    read: object
    linear: bool
    reference: Decimal | None
    bands: tuple
    weights: dict


def plans_for(indicators: list[Indicator]) -> list[Plan]:
    return [
        Plan(
            i,
            fact_catalogue.FACTS[i.fact].read,
            i.method == Indicator.Method.LINEAR,
            i.reference,
            tuple((Decimal(str(b)), q2(Decimal(str(p)))) for b, p in i.bands),
            {s.value: i.weight(s.value) for s in Stage},
        )
        for i in indicators
    ]


def plan_points(plan: Plan, raw: Decimal) -> Decimal:
    """``indicator_points`` on a prepared plan (the same rule, without re-reading the model)."""
    if plan.linear:
        if raw <= 0:
            return ZERO
        return HUNDRED_POINTS if raw >= plan.reference else q2(raw / plan.reference * HUNDRED)
    points = ZERO
    for bound, band_points in plan.bands:
        if raw >= bound:
            points = band_points
    return points


ZERO, HUNDRED_POINTS = Decimal(0), Decimal("100.00")


def firm_sheet(firm, plans: list[Plan], rules: list[StageRule]) -> Sheet:
    try:
        stage = stages.assign(rules, firm)
    except fact_catalogue.Missing as reason:
        return Sheet(firm.enterprise_id, firm.year, None, reason)
    sheet = Sheet(firm.enterprise_id, firm.year, stage)
    lines, total = sheet.lines, ZERO
    for plan in plans:
        weight = plan.weights[stage]
        try:
            raw = plan.read(firm)
        except fact_catalogue.Missing as reason:
            lines.append(Line(plan.indicator, None, None, weight, ZERO, reason))
            continue
        points = plan_points(plan, raw)
        contribution = q2(points * weight / HUNDRED)
        total += contribution
        lines.append(Line(plan.indicator, raw, points, weight, contribution))
    sheet.total = total
    return sheet


def rank_and_tier(sheets: list[Sheet], tiers: list[Tier]) -> None:
    """Competition ranks (1, 1, 3) within each stage by total, and each firm's tier."""
    by_stage: dict[str, list[Sheet]] = defaultdict(list)
    for sheet in sheets:
        if sheet.stage:
            by_stage[sheet.stage].append(sheet)
    bands: dict[str, list[Tier]] = defaultdict(list)
    for tier in sorted(tiers, key=lambda t: -t.min_points):
        bands[tier.stage].append(tier)
    for stage, members in by_stage.items():
        members.sort(key=lambda s: -s.total)
        previous, rank = None, 0
        for position, sheet in enumerate(members, start=1):
            if sheet.total != previous:
                rank, previous = position, sheet.total
            sheet.rank, sheet.stage_count = rank, len(members)
            sheet.tier = next((t.code for t in bands[stage] if sheet.total >= t.min_points), "")


def points_compute(*, scheme: PointScheme, year: int, enterprises=None) -> list[Sheet]:
    """Every firm's sheet for ``year`` under ``scheme`` (all active firms unless given):
    five queries whatever the number of firms, ranked within stages."""
    from gaoxin.enterprises.models import Enterprise

    if enterprises is None:
        enterprises = Enterprise.objects.filter(status=Enterprise.Status.ACTIVE)
    plans = plans_for(list(scheme.indicators.all()))
    rules = list(scheme.stage_rules.all())
    tiers = list(scheme.tiers.all())
    with gc_paused():  # 10,000 sheets of 11 lines: nothing to collect until they are built
        register = any(p.indicator.fact in fact_catalogue.REGISTER_FACTS for p in plans)
        firms, names = fact_catalogue.load(enterprises, year, register=register)
        sheets = [firm_sheet(firm, plans, rules) for firm in firms]
        rank_and_tier(sheets, tiers)
    for sheet in sheets:
        sheet.name = names.get(sheet.enterprise_id, "")
    sheets.sort(key=lambda s: (s.stage or "~", s.rank or 0, s.name))
    return sheets


def sheets_for(user, *, scheme: PointScheme, year: int, stage: str | None = None) -> list[Sheet]:
    """The sheets ``user`` may read: ranks are computed over every firm, then the reader's
    scope keeps the rows it may see (a firm's user: its own)."""
    from gaoxin.enterprises.models import Enterprise

    visible = set(Enterprise.objects.visible_to(user).values_list("pk", flat=True))
    sheets = [s for s in points_compute(scheme=scheme, year=year) if s.enterprise_id in visible]
    return [s for s in sheets if s.stage == stage] if stage else sheets


# --- the bank export ---------------------------------------------------------------------------


def bank_export_rows(
    *,
    user,
    scheme: PointScheme,
    year: int,
    bank: str,
    day: datetime.date,
    enterprise_ids: list[int] | None = None,
) -> list[Sheet]:
    """The sheets a bank may receive: only firms whose consent to ``bank`` is valid on ``day``.
    Naming firms without consent refuses the whole export (nothing leaves, the firms named);
    without names, the consenting firms are listed."""
    if not bank:
        raise ValidationError(gettext("Name the bank the export is for."))
    consenting = set(Consent.objects.valid_on(day, bank).values_list("enterprise_id", flat=True))
    sheets = sheets_for(user, scheme=scheme, year=year)
    if enterprise_ids:
        from gaoxin.enterprises.models import Enterprise

        lacking = [pk for pk in enterprise_ids if pk not in consenting]
        if lacking:
            names = Enterprise.objects.filter(pk__in=lacking).order_by("name").values_list("name", flat=True)
            raise ValidationError(
                gettext("No consent to give %(bank)s the points of: %(firms)s. Nothing was exported.")
                % {"bank": bank, "firms": "、".join(names) or ", ".join(map(str, lacking))}
            )
        wanted = set(enterprise_ids)
        return [s for s in sheets if s.enterprise_id in wanted]
    return [s for s in sheets if s.enterprise_id in consenting]
