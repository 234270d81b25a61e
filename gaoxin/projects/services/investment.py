"""Annual plans and monthly cumulative completed investment; 序时进度."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from gaoxin.core.context import acting_as
from gaoxin.indicators.models import DataSet, period_label
from gaoxin.zone.models import evaluation_date

from ..models import (
    Investment,
    InvestmentPlan,
    Project,
)
from .dates import HUNDRED, wan
from .permissions import owner_may_report, project_may_edit, require


def _refuse_locked(sender, instance, raw=False, **kwargs):
    """pre_save / pre_delete of ``Investment``: an approved period is locked for every role
    and path (the form, the API, the admin, a script); reopening is the administrator's."""
    from gaoxin.indicators.locks import lock_bypassed

    if raw or lock_bypassed():
        return
    periods = {(instance.year, instance.month)}
    if instance.pk:
        stored = Investment.objects.filter(pk=instance.pk).values_list("year", "month").first()
        if stored:
            periods.add(stored)
    for year, month in periods:
        if year and month and (reason := investment_lock_reason(year, month)):
            raise ValidationError(reason, code="locked")


def connect_locks() -> None:
    from django.db.models.signals import pre_delete, pre_save

    pre_save.connect(_refuse_locked, sender=Investment, dispatch_uid="gaoxin_investment_lock_save")
    pre_delete.connect(_refuse_locked, sender=Investment, dispatch_uid="gaoxin_investment_lock_delete")


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
    from .lights import recompute_lights  # the lights read investment, so not at module level

    recompute_lights(project_ids=[project.pk])
    return obj


# The calendar migration 0002 creates, used when the data set has been deleted.
FALLBACK_CALENDAR = {"due_day": 5, "combine_jan_feb": False}


@dataclass(frozen=True)
class ReportedPeriod:
    """The last period (1–``months``) of ``year`` whose project investment is due on the day;
    ``months`` 0 before the year's first due date. ``next_due`` is when the next one falls due."""

    year: int
    months: int
    first_months: int
    next_due: datetime.date | None

    @property
    def label(self) -> str:
        """``2025年1–9月``, ``2025年1月``; empty before the first period is due."""
        return period_label(self.year, self.months) if self.months else ""

    @property
    def first_label(self) -> str:
        return period_label(self.year, self.first_months)


def reported_period(as_of: datetime.date) -> ReportedPeriod:
    """The period judged on ``as_of``: the latest month of ``as_of``'s year whose 1–N data are
    due (``DataSet.due_date`` of ``project_investment``) on or before ``as_of``. One query."""
    data_set = DataSet.objects.filter(code=DATA_SET).only("due_day", "combine_jan_feb").first()
    data_set = data_set or DataSet(code=DATA_SET, **FALLBACK_CALENDAR)
    periods = data_set.months()
    due = [m for m in periods if data_set.due_date(as_of.year, m) <= as_of]
    later = [m for m in periods if m not in due]
    next_due = data_set.due_date(as_of.year, later[0]) if later else None
    return ReportedPeriod(as_of.year, max(due, default=0), periods[0], next_due)


def judged_label(year: int, months: int) -> str:
    """The period judged in words: ``2025年1–8月``, ``2025年1月``, or that none is due yet."""
    if not months:
        return _("%(year)d: no period due yet") % {"year": year}
    return period_label(year, months)


def reported_months(as_of: datetime.date) -> int:
    """The months of ``as_of``'s year judged on ``as_of`` (0 before the first period is due)."""
    return reported_period(as_of).months


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
    def label(self) -> str:
        return judged_label(self.year, self.months)

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


def list_progress(projects, as_of: datetime.date | None = None, months: int | None = None) -> Progress:
    """Plan, completed and time-proportional plan summed over ``projects`` (a queryset), for
    the period due on ``as_of`` (``months`` when the caller has read it already)."""
    as_of = as_of or evaluation_date()
    months = reported_months(as_of) if months is None else months
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


def latest_cumulative(ids, year: int, months: int) -> dict[int, Decimal]:
    """Each project's latest cumulative value of ``year`` up to month ``months``."""
    latest: dict[int, tuple[int, Decimal]] = {}
    rows = Investment.objects.filter(year=year, month__lte=months)
    if ids is not None:
        rows = rows.filter(project_id__in=ids)
    for pid, month, value in rows.values_list("project_id", "month", "cumulative").iterator(chunk_size=5000):
        if pid not in latest or month > latest[pid][0]:
            latest[pid] = (month, value)
    return {pid: value for pid, (_m, value) in latest.items()}
