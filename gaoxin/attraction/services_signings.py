"""The rules of signings (签约项目): reporting with an amount-plausibility check, verification
by a second person, the hand-over to the key-project ledger, the "345" screening and the
promise-versus-facts check of projects in production.

Every write is keyword-only (``signing_<action>``), raises a ``ValidationError`` (or
``PermissionDenied``) with a Chinese message and changes nothing when a rule is broken, and
saves through the model so the audit log records who, when, before and after.

The amount column is 万元. Two unit mistakes are common: the amount typed in 元 (a 2 亿元
project entered as 200000000) and in 亿元 (entered as 2). Bounds (module constants):

- ``AMOUNT_YUAN_BOUND`` = 10,000,000 万元 (1,000 亿元): an amount **at or above** it looks like
  元 — no single project of the zone is that large (the whole 2024 intake was 487 亿元);
- ``AMOUNT_YI_BOUND`` = 10 万元: an amount **below** it looks like 亿元 (a signed project of
  under 100,000 元 is not a project); exactly 10 万元 passes.

Either is refused unless the user confirms the figure with a note (kept in the signing's
note and the audit message).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gaoxin.core.context import acting_as, change_message
from gaoxin.core.permissions import require_change
from gaoxin.zone.models import evaluation_date
from gaoxin.zone.services import department_ids, in_department

from .models import ScreeningStandard, Signing, SigningOpinion

AMOUNT_YUAN_BOUND = Decimal(10_000_000)  # 万元 = 1,000 亿元: at or above looks like 元
AMOUNT_YI_BOUND = Decimal(10)  # 万元: below looks like 亿元
PROJECT_CODE_PREFIX = "QY"
TIERS_YI = (1, 10, 30, 50)  # amount tiers of the goals, in 亿元
HUNDRED = Decimal(100)
PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
MARK = {PASS: "✓", FAIL: "✗", UNKNOWN: "?"}


def num(value: Decimal | int | None) -> str:
    """A number for sentences: thousands separated, at most two decimals."""
    if value is None:
        return "—"
    text = f"{Decimal(value).quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- permissions --------------------------------------------------------------------------------


def signing_may_verify(user, signing: Signing) -> bool:
    return (
        user.has_perm("attraction.verify_signing")
        and signing.status == Signing.Status.REPORTED
        and signing.reported_by_id != user.pk
    )


# --- reporting ----------------------------------------------------------------------------------


def amount_problem(amount: Decimal | None, land_mu: Decimal | None = None) -> str | None:
    """Why an amount (万元) looks typed in the wrong unit, or None."""
    if amount is None:
        return None
    if amount >= AMOUNT_YUAN_BOUND:
        return _(
            "The amount %(amount)s 万元 is %(yi)s 亿元 — more than any single project; it looks like "
            "it was entered in 元. Enter it in 万元, or confirm the figure with a note."
        ) % {"amount": num(amount), "yi": num(amount / 10000)}
    if amount < AMOUNT_YI_BOUND:
        extra = _(" with %(land)s mu of land") % {"land": num(land_mu)} if land_mu else ""
        return _(
            "The amount %(amount)s 万元%(extra)s is less than %(bound)s 万元; it looks like it was "
            "entered in 亿元. Enter it in 万元, or confirm the figure with a note."
        ) % {"amount": num(amount), "extra": extra, "bound": num(AMOUNT_YI_BOUND)}
    return None


def _check_amount(signing: Signing, confirm_note: str) -> str:
    problem = amount_problem(signing.amount, signing.land_mu)
    note = (confirm_note or "").strip()
    if problem and not note:
        raise ValidationError({"amount": problem})
    return note if problem else ""


def _full_clean(signing: Signing) -> None:
    signing.full_clean(exclude=["reported_by", "verified_by"])


def _save(signing: Signing, user, message: str) -> None:
    with transaction.atomic(), acting_as(user, "web"), change_message(message[:300]):
        signing.save()


def signing_report(*, signing: Signing, user, confirm_note: str = "") -> Signing:
    """Save a new signing as reported by ``user`` (status 待核实). The department must be one
    of the user's (a user of exactly one department gets it by default)."""
    if not user.has_perm("attraction.add_signing"):
        raise PermissionDenied(_("You may not report signings."))
    mine = department_ids(user)
    if signing.department_id is None and len(mine) == 1:
        signing.department_id = next(iter(mine))
    if not user.is_superuser and signing.department_id is not None and signing.department_id not in mine:
        raise PermissionDenied(_("You may report signings only for your own department."))
    signing.pk = None
    signing.status = Signing.Status.REPORTED
    signing.reported_by = user
    signing.verified_by, signing.verified_at, signing.project = None, None, None
    _full_clean(signing)
    note = _check_amount(signing, confirm_note)
    message = _("Reported")
    if note:
        signing.note = (signing.note + "\n" if signing.note else "") + _("Amount confirmed: %(note)s") % {
            "note": note
        }
        message = _("Reported; amount confirmed: %(note)s") % {"note": note}
    _save(signing, user, message)
    return signing


def signing_update(*, signing: Signing, user, confirm_note: str = "") -> Signing:
    """Save changes to a signing. A verified signing is frozen (it counts toward goals); a
    rejected one goes back to 待核实 when corrected."""
    stored = Signing.objects.get(pk=signing.pk)
    require_change(user, stored)  # the signing's change rule (models.signing_is_departments)
    if stored.status == Signing.Status.VERIFIED and not user.is_superuser:
        raise ValidationError(_("A verified signing cannot be changed; ask an administrator."))
    moved = signing.department_id != stored.department_id
    if moved and not user.is_superuser and not in_department(user, signing.department_id):
        raise PermissionDenied(_("You may report signings only for your own department."))
    _full_clean(signing)
    note = _check_amount(signing, confirm_note)
    message = _("Edited")
    if stored.status == Signing.Status.REJECTED:
        signing.status = Signing.Status.REPORTED
        signing.verified_by, signing.verified_at = None, None
        message = _("Corrected and reported again")
    if signing.reported_by_id != user.pk:
        # Whoever last entered the figures answers for them: they cannot be its verifier.
        signing.reported_by = user
    if note:
        signing.note = (signing.note + "\n" if signing.note else "") + _("Amount confirmed: %(note)s") % {
            "note": note
        }
        message += "; " + _("Amount confirmed: %(note)s") % {"note": note}
    _save(signing, user, message)
    return signing


# --- verification -------------------------------------------------------------------------------


def signing_verify(*, signing: Signing, user, verdict: str, opinion: str) -> SigningOpinion:
    """Add an opinion; ``verify`` or ``reject`` decide the signing (by someone other than the
    reporter, holding attraction.verify_signing); ``comment`` only adds to the trail."""
    opinion = (opinion or "").strip()
    if verdict not in SigningOpinion.Verdict.values:
        raise ValidationError({"verdict": _("Unknown verdict %(v)s.") % {"v": verdict}})
    if not user.has_perm("attraction.verify_signing"):
        raise PermissionDenied(_("You may not verify signings."))
    if not opinion:
        raise ValidationError({"opinion": _("Write an opinion.")})
    deciding = verdict != SigningOpinion.Verdict.COMMENT
    if deciding:
        if signing.reported_by_id == user.pk:
            raise ValidationError(
                _(
                    "You reported this signing, so you cannot verify or reject it: another colleague "
                    "must check it."
                )
            )
        if signing.status != Signing.Status.REPORTED:
            raise ValidationError(
                _("Only a reported signing can be decided; this one is %(status)s.")
                % {"status": signing.get_status_display()}
            )
    with transaction.atomic():
        row = SigningOpinion.objects.create(signing=signing, user=user, verdict=verdict, opinion=opinion)
        if deciding:
            signing.snapshot()
            signing.status = (
                Signing.Status.VERIFIED
                if verdict == SigningOpinion.Verdict.VERIFY
                else Signing.Status.REJECTED
            )
            signing.verified_by, signing.verified_at = user, row.at
            _save(signing, user, f"{signing.get_status_display()}：{opinion}")
    return row


# --- hand-over to the ledger --------------------------------------------------------------------


def investor_enterprise(*, enterprise=None, investor_uscc: str = ""):
    """The local enterprise of an investor: the one given, else the one with this USCC."""
    from gaoxin.enterprises.models import Enterprise

    if enterprise is not None:
        return enterprise
    code = (investor_uscc or "").strip().upper()
    return Enterprise.objects.filter(uscc=code).first() if code else None


def next_project_code(year: int) -> str:
    """QY + year + a three-digit sequence, the first one not in use (QY2025001, QY2025002 …)."""
    from gaoxin.projects.models import Project

    prefix = f"{PROJECT_CODE_PREFIX}{year}"
    used = set(Project.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    sequence = len(used) + 1
    while f"{prefix}{sequence:03d}" in used:
        sequence += 1
    while Project.objects.filter(code=f"{prefix}{sequence:03d}").exists():  # pragma: no cover - race
        sequence += 1
    return f"{prefix}{sequence:03d}"


def signing_to_project(*, signing: Signing, user):
    """Turn a verified signing into a key project (stage 签约 since the contract date),
    carrying its data over; once only."""
    from gaoxin.projects import services as project_services
    from gaoxin.projects.models import Project, Stage, StageChange

    if not user.has_perm("projects.add_project"):
        raise PermissionDenied(_("You may not add key projects."))
    signing.refresh_from_db()
    if signing.kind != Signing.Kind.INVESTMENT:
        raise ValidationError(_("An export order is no investment: it cannot become a key project."))
    if signing.status != Signing.Status.VERIFIED:
        raise ValidationError(_("Only a verified signing can become a key project."))
    if signing.project_id is not None:
        raise ValidationError(
            _("This signing is already the key project %(code)s.") % {"code": signing.project.code}
        )
    enterprise = investor_enterprise(enterprise=signing.enterprise, investor_uscc=signing.investor_uscc)
    with transaction.atomic():
        project = Project(
            code=next_project_code(signing.contract_date.year),
            name=signing.project_name,
            lead_industry=signing.lead_industry,
            chain_node=signing.node.name[:60] if signing.node_id else "",
            enterprise=enterprise,
            owner_name="" if enterprise else signing.investor[:100],
            stage=Stage.SIGNED,
            stage_since=signing.contract_date,
            total_investment=signing.amount,
            land_area_mu=signing.land_mu,
            planned_start=signing.expected_start,
            planned_completion=signing.expected_production,
            lead_department=signing.department,
        )
        project.full_clean()
        message = _("From signing %(name)s (%(date)s)") % {
            "name": signing.project_name,
            "date": signing.contract_date,
        }
        with acting_as(user, "web"), change_message(message[:300]):
            project.save()
        StageChange.objects.create(
            project=project,
            from_stage="",
            to_stage=Stage.SIGNED,
            date=signing.contract_date,
            reason=message[:300],
            user=user,
        )
        signing.snapshot()
        signing.project = project
        if signing.enterprise_id is None and enterprise is not None:
            signing.enterprise = enterprise
        _save(signing, user, _("Became key project %(code)s") % {"code": project.code})
    project_services.recompute_lights(project_ids=[project.pk])
    return project


# --- the "345" screening ------------------------------------------------------------------------


@dataclass
class Criterion:
    code: str  # intensity, tax, technology, relevance
    label: str
    result: str  # pass, fail, unknown
    text: str  # the numbers in words, ending in ✓ / ✗ / ?

    @property
    def mark(self) -> str:
        return MARK[self.result]


@dataclass
class Screening:
    standard: ScreeningStandard | None
    criteria: list[Criterion] = field(default_factory=list)

    @property
    def result(self) -> str:
        results = {c.result for c in self.criteria}
        if self.standard is None:
            return UNKNOWN
        if FAIL in results:
            return FAIL
        return UNKNOWN if UNKNOWN in results else PASS

    @property
    def failed(self) -> list[Criterion]:
        return [c for c in self.criteria if c.result == FAIL]


def standard_for(lead_industry, year: int) -> ScreeningStandard | None:
    """The standard valid in ``year``: the industry's own first, then a general one (blank
    industry); among several, the most recent ``valid_from``."""
    valid = ScreeningStandard.objects.filter(valid_from__lte=year).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=year)
    )
    if lead_industry is not None:
        own = valid.filter(lead_industry=lead_industry).order_by("-valid_from", "-pk").first()
        if own is not None:
            return own
    return valid.filter(lead_industry__isnull=True).order_by("-valid_from", "-pk").first()


def _minimum(code: str, label: str, unit: str, value, minimum, missing: str = "", how: str = "") -> Criterion:
    """``value`` against ``minimum`` (equal passes); ``missing`` says why a None is not judged,
    ``how`` how the value was obtained (shown before the comparison)."""
    if value is None:
        text = _("%(label)s not given (minimum %(min)s) ?") % {"label": label, "min": num(minimum)}
        if missing:
            text = _("%(label)s not judged: %(why)s (minimum %(min)s) ?") % {
                "label": label,
                "why": missing,
                "min": num(minimum),
            }
        return Criterion(code, label, UNKNOWN, text)
    ok = Decimal(value) >= minimum
    shown = num(Decimal(value).quantize(Decimal("0.01"), ROUND_DOWN))  # just under never reads as equal
    return Criterion(
        code,
        label,
        PASS if ok else FAIL,
        f"{label} {how}{shown}{unit} {'≥' if ok else '<'} {num(minimum)} {'✓' if ok else '✗'}",
    )


def is_high_tech(enterprise, day: datetime.date) -> bool:
    from gaoxin.enterprises.models import Qualification

    return Qualification.objects.valid_on(day).filter(enterprise=enterprise, type__code="high_tech").exists()


def rd_ratio(enterprise, year: int) -> tuple[Decimal, int] | None:
    """R&D spending as % of operating revenue from the latest annual facts up to ``year``."""
    from gaoxin.enterprises.models import AnnualFacts

    row = (
        AnnualFacts.objects.filter(
            enterprise=enterprise, year__lte=year, rd_expense__isnull=False, operating_revenue__gt=0
        )
        .order_by("-year")
        .first()
    )
    if row is None:
        return None
    # Compared unrounded; shown rounded down, so a ratio just under the minimum never reads as equal.
    return row.rd_expense * HUNDRED / row.operating_revenue, row.year


def _technology(standard: ScreeningStandard, enterprise, day: datetime.date) -> Criterion | None:
    """高企 is judged on ``day`` (the signing date: a certificate running to 31 October passes a
    March signing); the R&D ratio from the facts of ``day``'s year or before."""
    year = day.year
    label = _("Technology")
    wants_ht, min_rd = standard.tech_high_tech, standard.tech_min_rd_ratio
    if not wants_ht and min_rd is None:
        return None
    if enterprise is None:
        return Criterion(
            "technology",
            label,
            UNKNOWN,
            _(
                "Technology: the investor is not in the enterprise registry, its 高企 status and R&D "
                "ratio cannot be checked ?"
            ),
        )
    if wants_ht and is_high_tech(enterprise, day):
        return Criterion(
            "technology",
            label,
            PASS,
            _("Technology: %(name)s is a high-tech enterprise ✓") % {"name": enterprise.name},
        )
    if min_rd is not None:
        found = rd_ratio(enterprise, year)
        if found is None:
            return Criterion(
                "technology",
                label,
                UNKNOWN,
                _("Technology: no R&D figures (needs ≥ %(min)s%%) ?") % {"min": num(min_rd)},
            )
        ratio, facts_year = found
        ok = ratio >= min_rd
        return Criterion(
            "technology",
            label,
            PASS if ok else FAIL,
            _("Technology: R&D %(ratio)s%% of revenue (%(year)s) %(op)s %(min)s%% %(mark)s")
            % {
                "ratio": num(ratio.quantize(Decimal("0.01"), ROUND_DOWN)),
                "year": facts_year,
                "op": "≥" if ok else "<",
                "min": num(min_rd),
                "mark": "✓" if ok else "✗",
            },
        )
    return Criterion(
        "technology",
        label,
        FAIL,
        _("Technology: %(name)s is not a high-tech enterprise ✗") % {"name": enterprise.name},
    )


def _relevance(standard: ScreeningStandard, node) -> Criterion | None:
    label = _("Industrial relevance")
    if not standard.relevance_required:
        return None
    if node is None:
        return Criterion("relevance", label, UNKNOWN, _("Relevance: no chain node chosen ?"))
    industry = node.chain.lead_industry if node.chain_id else None
    if industry is None:
        return Criterion(
            "relevance",
            label,
            FAIL,
            _("Relevance: node %(node)s is not on a lead-industry chain ✗") % {"node": node.name},
        )
    return Criterion(
        "relevance",
        label,
        PASS,
        _("Relevance: node %(node)s of the %(chain)s chain (%(industry)s) ✓")
        % {"node": node.name, "chain": node.chain.name, "industry": industry.name},
    )


@dataclass(frozen=True)
class Intensity:
    """An investment intensity (万元/亩) for the screening, how it was obtained, or why not."""

    value: Decimal | None
    how: str = ""
    missing: str = ""


def screen(
    standard: ScreeningStandard | None,
    *,
    intensity: Decimal | Intensity | None,
    tax_per_mu: Decimal | None,
    year: int,
    investor_uscc: str = "",
    enterprise=None,
    node=None,
    lead_industry=None,
    day: datetime.date | None = None,
) -> Screening:
    """Screen a project against ``standard`` (None: the one valid for its industry and year).
    Each criterion passes, fails, or is unknown (data missing); equal to a minimum passes."""
    if standard is None:
        standard = standard_for(lead_industry, year)
    if standard is None:
        return Screening(None)
    if not isinstance(intensity, Intensity):
        intensity = Intensity(intensity)
    criteria = []
    if standard.min_intensity is not None:
        criteria.append(
            _minimum(
                "intensity",
                _("Investment intensity"),
                "万元/亩",
                intensity.value,
                standard.min_intensity,
                intensity.missing,
                intensity.how,
            )
        )
    if standard.min_tax_per_mu is not None:
        criteria.append(_minimum("tax", _("Tax per mu"), "万元/亩", tax_per_mu, standard.min_tax_per_mu))
    investor = investor_enterprise(enterprise=enterprise, investor_uscc=investor_uscc)
    tech = _technology(standard, investor, day or datetime.date(year, 12, 31))
    relevance = _relevance(standard, node)
    criteria += [c for c in (tech, relevance) if c is not None]
    return Screening(standard, criteria)


def signing_intensity(signing) -> Intensity:
    """投资强度 = fixed-asset investment (buildings + equipment + land price) ÷ land area, in
    万元/亩. Never the contract amount (it holds working capital and
    more) nor the investor's promise: without the fixed-asset investment or the land the
    criterion is not judged, with the reason."""
    fixed, land = signing.fixed_asset_investment, signing.land_mu
    if fixed is None:
        return Intensity(None, missing=_("the fixed-asset investment is not given"))
    if not land:
        return Intensity(None, missing=_("the land area is not given"))
    value = fixed / land  # compared unrounded (299.9999 万元/亩 is below 300), shown rounded down
    how = _("(fixed assets %(fixed)s 万元 ÷ %(land)s 亩) ") % {"fixed": num(fixed), "land": num(land)}
    return Intensity(value, how=how)


def screen_signing(signing: Signing, standard: ScreeningStandard | None = None) -> Screening:
    return screen(
        standard,
        intensity=signing_intensity(signing),
        tax_per_mu=signing.promised_tax_per_mu,
        year=signing.contract_date.year,
        day=signing.contract_date,
        investor_uscc=signing.investor_uscc,
        enterprise=signing.enterprise,
        node=signing.node,
        lead_industry=signing.lead_industry,
    )


def screen_lead(lead, standard: ScreeningStandard | None = None, year: int | None = None) -> Screening:
    intensity = None
    if lead.intended_investment is not None and lead.intended_land_mu:
        intensity = (lead.intended_investment / lead.intended_land_mu).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
    return screen(
        standard,
        intensity=intensity,
        tax_per_mu=None,
        year=year or evaluation_date().year,  # the zone's evaluation date (the demo: 2025)
        day=None if year else evaluation_date(),
        investor_uscc=lead.company.uscc if lead.company_id and getattr(lead.company, "uscc", "") else "",
        enterprise=lead.enterprise,
        node=lead.node,
        lead_industry=lead.lead_industry,
    )


# --- promises versus facts ------------------------------------------------------------------------


@dataclass
class Commitment:
    signing: Signing
    enterprise: object
    year: int
    checks: list[Criterion] = field(default_factory=list)
    facts_missing: bool = False

    @property
    def shortfalls(self) -> list[Criterion]:
        return [c for c in self.checks if c.result == FAIL]

    @property
    def below(self) -> bool:
        return bool(self.shortfalls)


def _compare(code: str, label: str, unit: str, actual, promised, how: str = "") -> Criterion:
    if actual is None:
        return Criterion(
            code,
            label,
            UNKNOWN,
            _("%(label)s: promised %(p)s%(unit)s, no figure %(how)s ?")
            % {"label": label, "p": num(promised), "unit": unit, "how": how},
        )
    ok = actual >= promised
    text = _("%(label)s %(a)s%(unit)s, promised %(p)s%(unit)s") % {
        "label": label,
        "a": num(actual),
        "unit": unit,
        "p": num(promised),
    }
    if not ok:
        text += _(", short by %(d)s") % {"d": num(promised - actual)}
    return Criterion(code, label, PASS if ok else FAIL, f"{text}{how} {'✓' if ok else '✗'}")


def in_production_signings(year: int):
    """Verified signings whose key project was in production by the end of ``year``."""
    from gaoxin.projects.models import Stage

    end = datetime.date(year, 12, 31)
    return (
        Signing.objects.filter(status=Signing.Status.VERIFIED, project__isnull=False)
        .filter(
            Q(project__production_date__lte=end)
            | Q(project__production_date__isnull=True, project__stage__in=[Stage.PRODUCTION, Stage.CAPACITY])
        )
        .select_related("project", "enterprise", "project__enterprise")
    )


def commitment_checks(year: int) -> list[Commitment]:
    """For each signing in production by ``year``: promised intensity, tax per 亩 and jobs
    against the enterprise's annual facts of ``year``.

    - intensity: the project's completed investment to the end of the year ÷ land (the annual
      facts hold no fixed investment); unknown without investment records or land;
    - tax per 亩: taxes paid ÷ land (the facts' land, else the signing's);
    - jobs: year-end staff.
    """
    from gaoxin.enterprises.models import AnnualFacts
    from gaoxin.projects.services import completed_before

    rows = []
    signings = list(in_production_signings(year))
    for signing in signings:
        enterprise = (
            signing.enterprise
            or signing.project.enterprise
            or investor_enterprise(investor_uscc=signing.investor_uscc)
        )
        item = Commitment(signing, enterprise, year)
        facts = AnnualFacts.objects.filter(enterprise=enterprise, year=year).first() if enterprise else None
        if facts is None:
            item.facts_missing = True
            rows.append(item)
            continue
        land = facts.land_area_mu or signing.land_mu
        land_how = "" if facts.land_area_mu else _(" (signing's land)")
        if signing.promised_intensity is not None:
            invested = completed_before(signing.project, year + 1)
            actual = (invested / land).quantize(Decimal("0.01"), ROUND_HALF_UP) if invested and land else None
            item.checks.append(
                _compare(
                    "intensity",
                    _("Investment intensity"),
                    "万元/亩",
                    actual,
                    signing.promised_intensity,
                    "" if actual is not None else _("(no completed investment or land)"),
                )
            )
        if signing.promised_tax_per_mu is not None:
            actual = (
                (facts.tax_paid / land).quantize(Decimal("0.01"), ROUND_HALF_UP)
                if facts.tax_paid is not None and land
                else None
            )
            item.checks.append(
                _compare("tax", _("Tax per mu"), "万元/亩", actual, signing.promised_tax_per_mu, land_how)
            )
        if signing.jobs is not None:
            item.checks.append(_compare("jobs", _("Jobs"), "", facts.staff_total, signing.jobs))
        rows.append(item)
    return rows


def commitments(year: int) -> list[Commitment]:
    """The firms in production whose annual facts of ``year`` fall below their promise."""
    return [row for row in commitment_checks(year) if row.below]


promise_check = _compare  # land's contract terms against the facts read the same way
