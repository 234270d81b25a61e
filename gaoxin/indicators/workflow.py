"""The monthly data calendar: submit (validation rules raise flags), answer flags,
approve (locks the period), reopen (administrators only, with a reason), and who is late.

Every transition saves the submission, so the audit log records who moved it, when, from
which status to which, and the reason given.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core import roles
from gaoxin.core.context import acting_as, change_message
from gaoxin.core.models import ObjectChange

from .models import DataSet, Indicator, Observation, Scope, Submission, ValidationFlag, period_label
from .services import growth_between, pct, plain, refresh_aggregates


def _previous_month(data_set: DataSet, month: int) -> int | None:
    if month == 1 or (month == 2 and data_set.combine_jan_feb):
        return None
    return month - 1


def _values(submission: Submission, month: int | None) -> dict[tuple[int, str], Decimal]:
    if month is None:
        return {}
    keys = submission.observations.values_list("scope_key", flat=True)
    rows = Observation.objects.filter(
        year=submission.year, month=month, scope_key__in=keys, value__isnull=False
    )
    return {(i, k): v for i, k, v in rows.values_list("indicator_id", "scope_key", "value")}


def check_submission(submission: Submission) -> list[ValidationFlag]:
    """Run the data set's rules on the submission's values; unsaved flags."""
    data_set = submission.data_set
    flags: list[ValidationFlag] = []
    previous_month = _previous_month(data_set, submission.month)
    before = _values(submission, previous_month)
    earlier = _values(submission, _previous_month(data_set, previous_month) if previous_month else None)
    observations = submission.observations.select_related("indicator", "enterprise").filter(
        value__isnull=False
    )
    for obs in observations:
        if obs.indicator.kind != Indicator.Kind.LEVEL:
            continue
        key = (obs.indicator_id, obs.scope_key)
        last = before.get(key)
        if last is not None and obs.value < last:
            flags.append(
                _flag(
                    submission,
                    obs,
                    "cumulative_falls",
                    _("%(who)s: %(indicator)s %(period)s is %(value)s, below the previous month's %(last)s.")
                    % {
                        "who": obs.scope_name,
                        "indicator": obs.indicator.name,
                        "period": period_label(obs.year, obs.month),
                        "value": plain(obs.value),
                        "last": plain(last),
                    },
                )
            )
        older = earlier.get(key)
        if last is not None and older is not None and last > older:
            step, previous_step = obs.value - last, last - older
            if step > previous_step * Decimal(str(data_set.max_month_jump)):
                flags.append(
                    _flag(
                        submission,
                        obs,
                        "month_jump",
                        _(
                            "%(who)s: %(indicator)s rose by %(step)s this month, %(times)s times last month's %(previous)s."
                        )
                        % {
                            "who": obs.scope_name,
                            "indicator": obs.indicator.name,
                            "step": plain(step),
                            "times": (step / previous_step).quantize(Decimal("0.1")),
                            "previous": plain(previous_step),
                        },
                    )
                )
    flags.extend(divergence_flags(submission))
    return flags


def divergence_flags(submission: Submission) -> list[ValidationFlag]:
    """The zone's growth of two indicators that should move together (用电量 vs 产值)."""
    data_set = submission.data_set
    first, second = data_set.divergence_first, data_set.divergence_second
    if first is None or second is None:
        return []
    a, b = submission_growth(submission, first), submission_growth(submission, second)
    limit = Decimal(str(data_set.max_growth_gap))
    if a is None or b is None or abs(a - b) <= limit:
        return []
    message = _(
        "%(first)s grew %(a)s but %(second)s %(b)s: a gap of %(gap)s points, above the %(limit)s allowed."
    ) % {
        "first": first.name,
        "a": pct(a),
        "second": second.name,
        "b": pct(b),
        "gap": abs(a - b).quantize(Decimal("0.1")),
        "limit": plain(limit),
    }
    return [
        ValidationFlag(
            submission=submission, indicator=first, rule="growth_divergence", message=message[:300]
        )
    ]


def submission_growth(submission: Submission, indicator: Indicator) -> Decimal | None:
    """The growth the submission's own values give (they count nowhere yet: it is a draft): a
    zone growth it reports, else its enterprises against their counted values of last year."""
    reported = submission.observations.filter(indicator=indicator, scope_key="zone", growth__isnull=False)
    if (growth := reported.values_list("growth", flat=True).first()) is not None:
        return growth
    now = dict(
        submission.observations.filter(
            indicator=indicator, scope=Scope.ENTERPRISE, value__isnull=False
        ).values_list("scope_key", "value")
    )
    before = dict(
        Observation.objects.counted()
        .filter(
            indicator=indicator, year=submission.year - 1, month=submission.month, scope_key__in=list(now)
        )
        .values_list("scope_key", "value")
    )
    if not before:
        return None
    return growth_between(sum(now[key] for key in before), sum(before.values()))


def _flag(submission, observation, rule, message) -> ValidationFlag:
    return ValidationFlag(
        submission=submission,
        indicator=observation.indicator,
        enterprise=observation.enterprise,
        rule=rule,
        message=message[:300],
    )


# Other registers file through the same calendar (projects: completed investment). Each
# registers a function telling whether a submission holds any of its values.
CONTENT_PROBES = [lambda submission: submission.observations.exists()]


def submission_has_values(submission: Submission) -> bool:
    return any(probe(submission) for probe in CONTENT_PROBES)


def may_file(user, submission: Submission) -> bool:
    """Staff who may change observations file for the zone; an enterprise user only for
    their own firm's submission (another firm's is out of scope: 404 before this)."""
    return user.has_perm("indicators.change_observation") or (
        submission.enterprise_id is not None
        and user.has_perm("indicators.file_submission")
        and roles.bound_enterprise_id(user) == submission.enterprise_id
    )


@transaction.atomic
def submission_submit(*, submission: Submission, user) -> list[ValidationFlag]:
    if not may_file(user, submission):
        raise PermissionDenied(_("You may not submit this data."))
    if submission.status != Submission.Status.DRAFT:
        raise ValidationError(
            _("Only a draft can be submitted; this one is %(status)s.")
            % {"status": submission.get_status_display()}
        )
    if not submission_has_values(submission):
        raise ValidationError(_("There is nothing to submit yet: import or enter the values first."))
    submission.flags.filter(answer="").delete()
    flags = ValidationFlag.objects.bulk_create(check_submission(submission))
    submission.snapshot()
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_by, submission.submitted_at = user, timezone.now()
    with acting_as(user), change_message(_("Submitted with %(n)d flag(s) to answer.") % {"n": len(flags)}):
        submission.save()
    if submission.data_set.counts_submitted:
        refresh_totals(submission)
    return flags


@transaction.atomic
def flag_answer(*, flag: ValidationFlag, user, answer: str) -> ValidationFlag:
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Please explain the flagged value."))
    if flag.submission.is_locked:
        raise ValidationError(_("The submission is approved and locked."))
    flag.answer, flag.answered_by, flag.answered_at = answer[:300], user, timezone.now()
    flag.save()
    return flag


@transaction.atomic
def submission_approve(*, submission: Submission, user) -> Submission:
    if not user.has_perm("indicators.approve_submission"):
        raise PermissionDenied(_("Only leaders approve submissions."))
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(
            _("Only a submitted period can be approved; this one is %(status)s.")
            % {"status": submission.get_status_display()}
        )
    open_flags = submission.flags.filter(answer="").count()
    if open_flags:
        raise ValidationError(_("%(n)d flag(s) must be answered before approval.") % {"n": open_flags})
    submission.snapshot()
    submission.status = Submission.Status.APPROVED
    submission.approved_by, submission.approved_at = user, timezone.now()
    with acting_as(user):
        submission.save()
    refresh_totals(submission)
    return submission


def refresh_totals(submission: Submission) -> None:
    """Totals count approved values only (or submitted ones where the data set says so): a
    change of status moves the period's park and zone sums."""
    if submission.observations.filter(scope=Scope.ENTERPRISE).exists():
        refresh_aggregates({(submission.year, submission.month)})


@transaction.atomic
def submission_return(*, submission: Submission, user, reason: str) -> Submission:
    """退回: the approver sends a submitted period back to its filer as a draft, with the reason."""
    if not user.has_perm("indicators.approve_submission"):
        raise PermissionDenied(_("Only leaders approve submissions."))
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(
            _("Only a submitted period can be sent back; this one is %(status)s.")
            % {"status": submission.get_status_display()}
        )
    if not reason.strip():
        raise ValidationError(_("Please say why the data are sent back."))
    submission.snapshot()
    submission.status = Submission.Status.DRAFT
    with acting_as(user), change_message(reason.strip()[:300]):
        submission.save()
    refresh_totals(submission)
    return submission


def return_reason(submission: Submission) -> str:
    """Why a draft was sent back (退回), for its filer, who cannot read the audit log: the reason
    of the last change from submitted to draft, "" when there is none."""
    if submission.status != Submission.Status.DRAFT:
        return ""
    for change in ObjectChange.objects.for_object(submission).order_by("-id")[:20]:
        before, after = change.prechange_data or {}, change.postchange_data or {}
        if (
            before.get("status") == Submission.Status.SUBMITTED
            and after.get("status") == Submission.Status.DRAFT
        ):
            return change.message
    return ""


def submission_actions(user, submission: Submission) -> dict[str, bool]:
    """Which workflow buttons ``user`` sees on the submission's page (the services check again)."""
    status = submission.status
    approver = user.has_perm("indicators.approve_submission")
    filer = may_file(user, submission)
    return {
        "may_file": filer,
        "may_submit": status == Submission.Status.DRAFT and filer,
        "may_approve": status == Submission.Status.SUBMITTED and approver,
        "may_return": status == Submission.Status.SUBMITTED and approver,
        "may_reopen": status == Submission.Status.APPROVED and user.is_superuser,
    }


@transaction.atomic
def submission_reopen(*, submission: Submission, user, reason: str) -> Submission:
    if not user.is_superuser:
        raise PermissionDenied(_("Only an administrator reopens an approved period."))
    if submission.status != Submission.Status.APPROVED:
        raise ValidationError(_("Only an approved period is reopened."))
    if not reason.strip():
        raise ValidationError(_("Please give the reason for reopening."))
    submission.snapshot()
    submission.status = Submission.Status.DRAFT
    submission.approved_by, submission.approved_at = None, None
    with acting_as(user), change_message(reason.strip()[:300]):
        submission.save()
    refresh_totals(submission)
    return submission


@dataclass
class Late:
    data_set: DataSet
    year: int
    month: int
    reporter: str
    due: datetime.date
    days: int
    submission: Submission | None
    key: str = ""  # the reporter's scope key ("ent:<id>" or "zone"): whom to remind

    @property
    def period(self) -> str:
        return self.data_set.period_label(self.year, self.month)


def late_reports(today: datetime.date | None = None, since: tuple[int, int] | None = None) -> list[Late]:
    """Reporters whose data are past due and not submitted, newest period first.

    Periods run from the data set's first submission (or ``since``) up to the last due one."""
    from gaoxin.zone.models import evaluation_date

    today = today or evaluation_date()  # the zone's evaluation date when set (the demo's)
    late: list[Late] = []
    for data_set in DataSet.objects.select_related("reporters_holding"):
        first = (
            since
            or Submission.objects.filter(data_set=data_set)
            .order_by("year", "month")
            .values_list("year", "month")
            .first()
        )
        if first is None:
            continue
        done = set(
            Submission.objects.filter(data_set=data_set, status__in=["submitted", "approved"]).values_list(
                "year", "month", "scope_key"
            )
        )
        drafts = {
            (s.year, s.month, s.scope_key): s
            for s in Submission.objects.filter(data_set=data_set, status="draft")
        }
        reporters = data_set.reporters(today)
        year, month = first
        while (due := data_set.due_date(year, month)) < today:
            if month in data_set.months():
                for key, name in reporters:
                    if (year, month, key) not in done:
                        late.append(
                            Late(
                                data_set,
                                year,
                                month,
                                name,
                                due,
                                (today - due).days,
                                drafts.get((year, month, key)),
                                key,
                            )
                        )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    late.sort(key=lambda item: (item.due, item.data_set.sort_order), reverse=True)
    return late
