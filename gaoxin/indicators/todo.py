"""The statistics' part of my work (待办): submissions waiting for my approval and data due
from my firm or my department, each with its due date (``DataSet.due_date``)."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core import roles
from gaoxin.core.todo import TodoGroup, TodoItem, days_late, items_of, todo_provider
from gaoxin.zone.services import department_ids

from .models import DataSet, Scope, Submission, scope_key

DONE = (Submission.Status.SUBMITTED, Submission.Status.APPROVED)


# --- approvals -------------------------------------------------------------------------------


def awaiting_approval(user):
    """Submitted periods the reader may approve or send back (``workflow.submission_actions``:
    ``may_approve`` is a submitted period and the approval right)."""
    if not user.has_perm("indicators.approve_submission"):
        return Submission.objects.none()
    submitted = Submission.objects.visible_to(user).filter(status=Submission.Status.SUBMITTED)
    return submitted.select_related("data_set", "enterprise", "department", "submitted_by").order_by(
        "submitted_at", "id"
    )


@todo_provider("approvals", order=20)
def todo_approvals(user, as_of, limit):
    if not user.has_perm("indicators.approve_submission"):
        return None
    submissions = awaiting_approval(user)

    def item(submission):
        return TodoItem(
            f"{submission.data_set.name} · {submission.period}",
            submission.reporter_name,
            url=submission.get_absolute_url(),
        )

    return TodoGroup(
        "approvals",
        _("Submissions waiting for my approval"),
        submissions.count(),
        items_of(submissions, limit, item),
        url_all=reverse("indicators:submission_list") + "?status=submitted",
        severity="warning",
        nav="indicators:submission_list",
    )


# --- data due ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """A period a reporter owes: late (due before ``as_of``) or the next one due."""

    data_set: DataSet
    year: int
    month: int
    key: str
    reporter: str
    due: datetime.date
    days_late: int

    @property
    def period(self) -> str:
        return self.data_set.period_label(self.year, self.month)


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def first_period(data_set: DataSet) -> tuple[int, int] | None:
    """Where a reporter's periods start: the data set's first submission, as on the
    late-report page (``workflow.late_reports``); None when nobody has filed it yet."""
    first = Submission.objects.filter(data_set=data_set).order_by("year", "month")
    return first.values_list("year", "month").first()


def owed(data_set: DataSet, key: str, reporter: str, as_of: datetime.date) -> list[Due]:
    """The periods ``key`` has not submitted: every late one since the first period and the
    next one due on or after ``as_of`` (due today is not late); newest first. A data set
    nobody has filed yet owes only the next one."""
    done = set(
        Submission.objects.filter(data_set=data_set, scope_key=key, status__in=DONE).values_list(
            "year", "month"
        )
    )
    first = first_period(data_set)
    result, (year, month) = [], first or (as_of.year - 1, 12)
    while True:
        due = data_set.due_date(year, month)
        if month in data_set.months() and (year, month) not in done and (first or due >= as_of):
            result.append(Due(data_set, year, month, key, reporter, due, days_late(due, as_of)))
        if due >= as_of and month in data_set.months():
            break
        year, month = next_month(year, month)
    return sorted(result, key=lambda d: d.due, reverse=True)


def firm_owes(user, as_of: datetime.date) -> list[Due]:
    """What the reader's firm owes: the enterprise-filed data sets it reports (holding the
    qualification the data set asks for on ``as_of``)."""
    from gaoxin.enterprises.models import Enterprise

    enterprise_id = roles.bound_enterprise_id(user)
    if not enterprise_id or not user.has_perm("indicators.file_submission"):
        return []
    firm = Enterprise.objects.visible_to(user).filter(pk=enterprise_id, status="active").first()
    if firm is None:
        return []
    result = []
    for data_set in DataSet.objects.filter(scope=Scope.ENTERPRISE).select_related("reporters_holding"):
        holding = data_set.reporters_holding
        if (
            holding
            and not Enterprise.objects.filter(pk=firm.pk).with_qualification(holding.code, on=as_of).exists()
        ):
            continue
        result += owed(data_set, scope_key(Scope.ENTERPRISE, enterprise_id=firm.pk), firm.name, as_of)
    return result


def department_owes(user, as_of: datetime.date) -> list[Due]:
    """What the reader's departments owe: the zone-level data sets they keep, for staff who
    file them (``indicators.change_observation``)."""
    if not user.has_perm("indicators.change_observation") or not department_ids(user):
        return []
    result = []
    data_sets = DataSet.objects.filter(scope=Scope.ZONE, department_id__in=department_ids(user))
    for data_set in data_sets.select_related("department"):
        result += owed(data_set, scope_key(Scope.ZONE), data_set.department.name, as_of)
    return result


def due_url(due: Due, firm: bool) -> str:
    if firm:
        query = urlencode({"data_set": due.data_set.code, "period": f"{due.year}-{due.month}"})
        return f"{reverse('indicators:filing')}?{query}"
    return due.data_set.get_absolute_url()


def short_date(day: datetime.date) -> str:
    """ "10月8日" (the year is the period's business)."""
    return _("%(month)d/%(day)d") % {"month": day.month, "day": day.day}


def due_title(due: Due) -> str:
    """The notice as a firm reads it: "2025年1–9月数据 应于10月8日前报送"."""
    words = {"period": due.period, "date": short_date(due.due)}
    if due.days_late:
        return _("%(period)s data were due by %(date)s") % words
    return _("%(period)s data are due by %(date)s") % words


def due_secondary(due: Due) -> str:
    return f"{due.data_set.name} · {due.reporter}"


@todo_provider("data_due", order=30)
def todo_data_due(user, as_of, limit):
    firm = bool(roles.bound_enterprise_id(user)) and not roles.sees_whole_zone(user)
    owes = firm_owes(user, as_of) if firm else department_owes(user, as_of)
    if not owes:
        return None
    owes.sort(key=lambda d: (-d.days_late, d.due, d.data_set.sort_order))

    def item(due):
        return TodoItem(due_title(due), due_secondary(due), due.due, due.days_late, due_url(due, firm))

    return TodoGroup(
        "data_due",
        _("Data due from my firm") if firm else _("Data due from my department"),
        len(owes),
        items_of(owes, limit, item),
        url_all=reverse("indicators:filing") if firm else reverse("indicators:dataset_list"),
        severity="danger" if any(d.days_late for d in owes) else "info",
        nav="indicators:filing" if firm else "indicators:dataset_list",
    )
