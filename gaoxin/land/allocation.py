"""Allocation (供地): a land request matched to parcels, a parcel reserved for it, then supplied
by 出让 or 划拨 with the parcel's 标准地 terms copied into the contract, and — once the parcel
is in production — the firm's facts checked against those terms.

- **matching** (``candidates``): live parcels in 储备/可供, of the requested land use (blank:
  any industrial class), with an area in the request's range widened by its tolerance (both
  bounds included), not held by another request's active allocation; closest to the middle of
  the range first. Each candidate carries its criteria in words, and the "345" screening of
  the project against the parcel's own minimums (attraction's ``screen`` with the parcel's
  投资强度 and 亩均税收 as the standard): intensity = planned fixed-asset investment ÷ the
  parcel's area, tax per 亩 = expected annual tax ÷ the parcel's area; equal passes.
- **moves** (``allocation_reserve``, ``allocation_supply``, ``allocation_release``,
  ``landrequest_withdraw``): dated (not after the last day that has happened, not before the
  reservation), each an ``AllocationMove`` with who and why; refusals are ``ValidationError``
  with the reason, nothing changed.
- **commitment** (``commitment_check``): 亩均税收 = the year's taxes paid ÷ the firm's land (its
  ``FirmLand`` of the year, else the annual facts' 用地面积, else the allocated area);
  投资强度 = the key project's completed investment to the end of the year ÷ the allocated
  area; each rounded half-up to 0.01 and compared with the contract's copied minimum (equal
  meets it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gaoxin.attraction import services_signings as screening
from gaoxin.core.context import acting_as, change_message
from gaoxin.core.stages import latest_stage_date

from .models import Allocation, AllocationMove, LandRequest, Parcel

CENT = Decimal("0.01")
PASS, FAIL = "pass", "fail"


def num(value) -> str:
    return screening.num(value)


def reservation_days() -> int:
    """A reservation older than this many days without 出让/划拨 is overdue (待办)."""
    return int(getattr(settings, "LAND_RESERVATION_DAYS", 90))


# --- matching ---------------------------------------------------------------------------------


@dataclass
class Candidate:
    parcel: Parcel
    distance: Decimal
    criteria: list = field(default_factory=list)  # attraction's Criterion: code, label, result, text
    screening: object = None  # attraction's Screening against the parcel's minimums

    @property
    def failed(self) -> list:
        return [
            c
            for c in self.criteria + list(self.screening.criteria if self.screening else [])
            if c.result == FAIL
        ]


def _criterion(code: str, label: str, ok: bool | None, text: str):
    result = screening.UNKNOWN if ok is None else (PASS if ok else FAIL)
    return screening.Criterion(code, label, result, f"{text} {screening.MARK[result]}")


def matching_parcels(request: LandRequest):
    """The parcels the request may take: in the reserve, of its use, within its area range,
    not held by another request (one query)."""
    low, high = request.area_range
    parcels = Parcel.objects.live().filter(
        status__in=Parcel.RESERVE_STATUSES, area_mu__gte=low, area_mu__lte=high
    )
    if request.land_use_id:
        parcels = parcels.filter(land_use_id=request.land_use_id)
    else:
        parcels = parcels.filter(land_use__industrial=True)
    held = Allocation.objects.active().exclude(request=request).values("parcel_id")
    return parcels.exclude(pk__in=held).select_related("park", "land_use")


def intensity_on(request: LandRequest, parcel: Parcel) -> screening.Intensity:
    if request.fixed_asset_investment is None:
        return screening.Intensity(None, missing=_("the planned fixed-asset investment is not given"))
    how = _("(fixed assets %(fixed)s 万元 ÷ %(land)s 亩) ") % {
        "fixed": num(request.fixed_asset_investment),
        "land": num(parcel.area_mu),
    }
    return screening.Intensity(request.fixed_asset_investment / parcel.area_mu, how=how)


def screen_on_parcel(request: LandRequest, parcel: Parcel, year: int):
    """The "345" screening of the project against this parcel's 标准地 minimums (a standard
    made of the parcel's 投资强度 and 亩均税收; technology and relevance are not the parcel's)."""
    from gaoxin.attraction.models import ScreeningStandard

    standard = ScreeningStandard(
        name=parcel.code,
        valid_from=year,
        min_intensity=parcel.investment_min,
        min_tax_per_mu=parcel.tax_min,
        tech_high_tech=False,
        tech_min_rd_ratio=None,
        relevance_required=False,
    )
    tax = request.expected_tax / parcel.area_mu if request.expected_tax is not None else None
    return screening.screen(standard, intensity=intensity_on(request, parcel), tax_per_mu=tax, year=year)


def explain(request: LandRequest, parcel: Parcel, year: int) -> Candidate:
    low, high = request.area_range
    criteria = [
        _criterion(
            "status",
            _("Status"),
            parcel.status in Parcel.RESERVE_STATUSES,
            _("Status %(status)s") % {"status": parcel.get_status_display()},
        ),
        _criterion(
            "land_use",
            _("Land use"),
            parcel.land_use_id == request.land_use_id if request.land_use_id else parcel.land_use.industrial,
            _("Land use %(use)s, asked %(asked)s")
            % {
                "use": parcel.land_use.name,
                "asked": request.land_use.name if request.land_use_id else _("industrial"),
            },
        ),
        _criterion(
            "area",
            _("Area"),
            low <= parcel.area_mu <= high,
            _("Area %(area)s 亩, asked %(low)s–%(high)s 亩")
            % {"area": num(parcel.area_mu), "low": num(low), "high": num(high)},
        ),
    ]
    if request.plot_ratio_needed is not None:
        top = parcel.plot_ratio_max
        criteria.append(
            _criterion(
                "plot_ratio",
                _("Plot ratio"),
                None if top is None else top >= request.plot_ratio_needed,
                _("Plot ratio allowed up to %(top)s, needs %(need)s")
                % {"top": num(top) if top is not None else "—", "need": num(request.plot_ratio_needed)},
            )
        )
    if request.energy_need is not None:
        cap = parcel.energy_max
        criteria.append(
            _criterion(
                "energy",
                _("Energy"),
                None if cap is None else request.energy_need <= cap,
                _("Energy %(need)s tce per 10k yuan, the parcel allows %(cap)s")
                % {"need": num(request.energy_need), "cap": num(cap) if cap is not None else "—"},
            )
        )
    target = request.area_target
    return Candidate(parcel, abs(parcel.area_mu - target), criteria, screen_on_parcel(request, parcel, year))


def candidates(request: LandRequest, *, year: int | None = None) -> list[Candidate]:
    """The matching parcels, explained, closest area first (then code)."""
    from gaoxin.zone.models import evaluation_date

    year = year or evaluation_date().year
    rows = [explain(request, p, year) for p in matching_parcels(request)]
    return sorted(rows, key=lambda c: (c.distance, c.parcel.code))


# --- moves ------------------------------------------------------------------------------------


def _day(date: datetime.date | None, since: datetime.date | None = None) -> datetime.date:
    from gaoxin.zone.models import evaluation_date

    last = latest_stage_date(evaluation_date())
    date = date or last
    if date > last:
        raise ValidationError({"date": _("The date is after %(last)s.") % {"last": last.isoformat()}})
    if since is not None and date < since:
        raise ValidationError({"date": _("The date is before %(since)s.") % {"since": since.isoformat()}})
    return date


def _move(allocation: Allocation, from_status: str, to_status: str, date, reason: str, user) -> None:
    AllocationMove.objects.create(
        allocation=allocation,
        from_status=from_status,
        to_status=to_status,
        date=date,
        reason=reason,
        user=user,
    )


def reserve_errors(request: LandRequest, parcel: Parcel, area_mu: Decimal | None) -> dict:
    """Why ``parcel`` cannot be reserved for ``request`` (field → message); empty: it can."""
    errors = {}
    if parcel.status not in Parcel.RESERVE_STATUSES:
        errors["parcel"] = _("Parcel %(code)s is %(status)s, not in the reserve (储备/可供).") % {
            "code": parcel.code,
            "status": parcel.get_status_display(),
        }
    else:
        holder = Allocation.objects.active().filter(parcel=parcel).select_related("request").first()
        if holder is not None:
            errors["parcel"] = _("Parcel %(code)s is already reserved for %(request)s.") % {
                "code": parcel.code,
                "request": holder.request.name,
            }
    if area_mu is not None and area_mu > parcel.area_mu:
        errors["area_mu"] = _("%(area)s 亩 is more than the parcel's %(parcel)s 亩.") % {
            "area": num(area_mu),
            "parcel": num(parcel.area_mu),
        }
    if request.status in (LandRequest.Status.ALLOCATED, LandRequest.Status.WITHDRAWN):
        errors["request"] = _("The land request is %(status)s.") % {"status": request.get_status_display()}
    return errors


def allocation_reserve(
    *,
    request: LandRequest,
    parcel: Parcel,
    user,
    area_mu: Decimal | None = None,
    date: datetime.date | None = None,
    reason: str = "",
    note: str = "",
) -> Allocation:
    """Reserve ``parcel`` (all of it unless ``area_mu``) for ``request``."""
    area_mu = parcel.area_mu if area_mu is None else Decimal(area_mu)
    errors = reserve_errors(request, parcel, area_mu)
    if errors:
        raise ValidationError(errors)
    date = _day(date)
    allocation = Allocation(
        request=request,
        parcel=parcel,
        area_mu=area_mu,
        reserved_on=date,
        enterprise=request.enterprise,
        project=request.project,
        note=note,
    )
    try:
        with (
            transaction.atomic(),
            acting_as(user),
            change_message(_("Reserved for %(r)s") % {"r": request.name}),
        ):
            allocation.save()
            _move(allocation, "", Allocation.Status.RESERVED, date, reason, user)
            if request.status == LandRequest.Status.OPEN:
                request.status = LandRequest.Status.RESERVED
                request.save(update_fields=["status", "updated_at"])
    except IntegrityError as error:  # another reservation won the race
        raise ValidationError(
            {"parcel": _("Parcel %(code)s is already reserved.") % {"code": parcel.code}}
        ) from error
    return allocation


def allocation_supply(
    *,
    allocation: Allocation,
    user,
    kind: str = Allocation.Status.SOLD,
    contract_date: datetime.date | None = None,
    contract_no: str = "",
    price: Decimal | None = None,
    enterprise=None,
    reason: str = "",
) -> Allocation:
    """出让 (``sold``) or 划拨 (``allotted``): the contract's terms copied from the parcel now,
    the parcel moved to 已出让/已划拨 with its holder, the request supplied."""
    if kind not in Allocation.SUPPLIED:
        raise ValidationError({"kind": _("Choose 出让 or 划拨.")})
    if allocation.status != Allocation.Status.RESERVED:
        raise ValidationError(
            _("Only a reserved parcel can be supplied; this one is %(s)s.")
            % {"s": allocation.get_status_display()}
        )
    if kind == Allocation.Status.SOLD and not contract_no:
        raise ValidationError({"contract_no": _("A transfer (出让) needs its contract number.")})
    if kind == Allocation.Status.SOLD and price is None:
        raise ValidationError({"price": _("A transfer (出让) needs its price.")})
    if price is not None and price < 0:
        raise ValidationError({"price": _("The price cannot be negative.")})
    date = _day(contract_date, since=allocation.reserved_on)
    parcel = Parcel.objects.get(pk=allocation.parcel_id)
    if parcel.status not in Parcel.RESERVE_STATUSES:
        raise ValidationError(
            {
                "parcel": _("Parcel %(code)s is %(status)s, not in the reserve (储备/可供).")
                % {"code": parcel.code, "status": parcel.get_status_display()}
            }
        )
    enterprise = enterprise or allocation.enterprise or allocation.request.enterprise
    old = allocation.status
    for term in Allocation.TERMS:
        setattr(allocation, f"term_{term}", getattr(parcel, term))
    allocation.status, allocation.contract_date = kind, date
    allocation.contract_no, allocation.price, allocation.enterprise = contract_no, price, enterprise
    words = _("Transferred (出让)") if kind == Allocation.Status.SOLD else _("Allocated (划拨)")
    with transaction.atomic(), acting_as(user), change_message(words):
        allocation.save()
        _move(allocation, old, kind, date, reason, user)
        parcel.status = Parcel.Status.SOLD if kind == Allocation.Status.SOLD else Parcel.Status.ALLOCATED
        parcel.status_since = date
        if enterprise is not None:
            parcel.enterprise = enterprise
        if allocation.project_id:
            parcel.project_id = allocation.project_id
        parcel.save()
        request = allocation.request
        request.status = LandRequest.Status.ALLOCATED
        request.save(update_fields=["status", "updated_at"])
    return allocation


def allocation_release(
    *, allocation: Allocation, user, reason: str, date: datetime.date | None = None
) -> Allocation:
    """Give a reserved parcel back to the reserve, with the reason; the request is open again
    unless it holds another reservation."""
    if allocation.status != Allocation.Status.RESERVED:
        raise ValidationError(
            _("Only a reservation can be released; this one is %(s)s.")
            % {"s": allocation.get_status_display()}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the reservation is released.")})
    date = _day(date, since=allocation.reserved_on)
    with transaction.atomic(), acting_as(user), change_message(_("Released: %(r)s") % {"r": reason}):
        allocation.status, allocation.released_on, allocation.release_reason = (
            Allocation.Status.RELEASED,
            date,
            reason,
        )
        allocation.save()
        _move(allocation, Allocation.Status.RESERVED, Allocation.Status.RELEASED, date, reason, user)
        request = allocation.request
        if request.status == LandRequest.Status.RESERVED and not request.allocations.active().exists():
            request.status = LandRequest.Status.OPEN
            request.save(update_fields=["status", "updated_at"])
    return allocation


def landrequest_withdraw(*, request: LandRequest, user, reason: str) -> LandRequest:
    """The project no longer needs the land: its reservations released with the same reason."""
    if request.status == LandRequest.Status.ALLOCATED:
        raise ValidationError(_("The land is already supplied; the request cannot be withdrawn."))
    if request.status == LandRequest.Status.WITHDRAWN:
        raise ValidationError(_("The land request is already withdrawn."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the request is withdrawn.")})
    with transaction.atomic(), acting_as(user), change_message(_("Withdrawn: %(r)s") % {"r": reason}):
        for allocation in request.allocations.filter(status=Allocation.Status.RESERVED):
            allocation_release(allocation=allocation, user=user, reason=reason)
        request.refresh_from_db()
        request.status = LandRequest.Status.WITHDRAWN
        request.save(update_fields=["status", "updated_at"])
    return request


def overdue_reservations(as_of: datetime.date, queryset=None):
    """Reservations older than ``reservation_days()`` on ``as_of``, oldest first."""
    queryset = Allocation.objects.all() if queryset is None else queryset
    cutoff = as_of - datetime.timedelta(days=reservation_days())
    return queryset.filter(status=Allocation.Status.RESERVED, reserved_on__lt=cutoff).order_by("reserved_on")


# --- after 投产: the contract's terms against the facts ------------------------------------------


@dataclass
class Commitment:
    allocation: Allocation
    year: int
    checks: list = field(default_factory=list)
    facts_missing: bool = False

    @property
    def shortfalls(self) -> list:
        return [c for c in self.checks if c.result == FAIL]

    @property
    def below(self) -> bool:
        return bool(self.shortfalls)


def in_production(queryset=None):
    queryset = Allocation.objects.all() if queryset is None else queryset
    return queryset.filter(
        status__in=Allocation.SUPPLIED, parcel__status=Parcel.Status.PRODUCING
    ).select_related("parcel", "request", "enterprise", "project")


def commitment_check(allocation: Allocation, year: int) -> Commitment:
    from gaoxin.enterprises.models import AnnualFacts
    from gaoxin.projects.services import completed_before

    from .models import FirmLand

    item = Commitment(allocation, year)
    firm = allocation.enterprise
    facts = AnnualFacts.objects.filter(enterprise=firm, year=year).first() if firm else None
    if facts is None:
        item.facts_missing = True
        return item
    own = FirmLand.objects.filter(enterprise=firm, year=year).first()
    if own is not None and own.net_mu > 0:
        land, how = own.net_mu, _(" (land register %(mu)s 亩)") % {"mu": num(own.net_mu)}
    elif facts.land_area_mu:
        land, how = facts.land_area_mu, _(" (annual facts' land %(mu)s 亩)") % {"mu": num(facts.land_area_mu)}
    else:
        land, how = allocation.area_mu, _(" (allocated %(mu)s 亩)") % {"mu": num(allocation.area_mu)}
    if allocation.term_tax_min is not None:
        actual = (facts.tax_paid / land).quantize(CENT, ROUND_HALF_UP) if facts.tax_paid is not None else None
        item.checks.append(
            screening.promise_check("tax", _("Tax per mu"), "万元/亩", actual, allocation.term_tax_min, how)
        )
    if allocation.term_investment_min is not None:
        invested = completed_before(allocation.project, year + 1) if allocation.project_id else None
        actual = (invested / allocation.area_mu).quantize(CENT, ROUND_HALF_UP) if invested else None
        item.checks.append(
            screening.promise_check(
                "intensity",
                _("Investment intensity"),
                "万元/亩",
                actual,
                allocation.term_investment_min,
                "" if actual is not None else _("(no completed investment of the key project)"),
            )
        )
    return item


def commitment_checks(year: int, queryset=None) -> list[Commitment]:
    return [commitment_check(a, year) for a in in_production(queryset)]


def unkept(year: int, queryset=None) -> list[Commitment]:
    """承诺未兑现: allocations in production whose facts of ``year`` fall below the contract."""
    return [c for c in commitment_checks(year, queryset) if c.below]


def request_from_signing(signing, user) -> LandRequest:
    """A land request filled from a signing (area, investment, tax = promised per 亩 × 亩)."""
    tax = (
        signing.promised_tax_per_mu * signing.land_mu
        if signing.promised_tax_per_mu and signing.land_mu
        else None
    )
    with acting_as(user):
        return LandRequest.objects.create(
            name=signing.project_name,
            signing=signing,
            lead=signing.lead,
            project=signing.project,
            enterprise=signing.enterprise,
            area_min_mu=signing.land_mu,
            fixed_asset_investment=signing.fixed_asset_investment,
            expected_tax=tax,
            requested_on=signing.contract_date,
            department=signing.department,
        )
