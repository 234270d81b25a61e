"""Which reminders a day brings, read from the domains' own rules (never re-derived here):
late reports (``indicators.workflow.late_reports``), data sets falling due soon, overdue
problems (``ProblemQuerySet.overdue``), overdue leads (``attraction.services_leads``) and
each leader's digest. Each rule is a small function ``(day, people) -> list[Reminder]`` so a 待办
registry can later feed from the same functions.

The day is the zone's evaluation date (``zone.models.evaluation_date``): the zone's fixed
date when set (the demo's 30 September 2025), else today in ``TIME_ZONE``, the same day the
late-report page and the lights judge on.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.attraction.models import Lead
from gaoxin.attraction.services_leads import overdue_leads, overdue_reasons
from gaoxin.indicators import workflow
from gaoxin.indicators.models import DataSet, Submission
from gaoxin.portal.models import FirmRequest
from gaoxin.projects.models import Problem
from gaoxin.zone.models import Leader, evaluation_date

from .models import Kind

DUE_SOON_DAYS = 3  # a data set due within this many days (today included) is reminded


@dataclass
class Reminder:
    """One reminder before it is addressed: ``topic`` names it without the day or the user."""

    kind: str
    topic: str
    user_ids: set[int]
    subject: str
    body: str
    url: str = ""
    lines: list[str] = field(default_factory=list)


def reminder_day() -> datetime.date:
    return evaluation_date()


class Directory:
    """Who belongs where, read once per build (a query per reminder would grow with the zone):
    active users by department and by the enterprise they are bound to."""

    def __init__(self):
        User = get_user_model()
        active = User.objects.filter(is_active=True)
        self.departments = defaultdict(set)
        for user_id, department_id in active.filter(departments__isnull=False).values_list(
            "pk", "departments"
        ):
            self.departments[department_id].add(user_id)
        self.firms = defaultdict(set)
        bound = active.filter(enterprise_binding__isnull=False)
        for user_id, enterprise_id in bound.values_list("pk", "enterprise_binding__enterprise_id"):
            self.firms[enterprise_id].add(user_id)

    def of_departments(self, *department_ids) -> set[int]:
        return set().union(*(self.departments.get(pk, set()) for pk in department_ids if pk))

    def reporters(self, data_set: DataSet, key: str) -> set[int]:
        """Whom a reporter's 催报 goes to: a firm's own users, else the data set's department."""
        if key.startswith("ent:"):
            return set(self.firms.get(int(key[4:]), set()))
        return self.of_departments(data_set.department_id)


def report_url(key: str) -> str:
    return reverse("indicators:filing") if key.startswith("ent:") else reverse("indicators:late")


# --- 催报 -----------------------------------------------------------------------------------


def late_report_reminders(day: datetime.date, people: Directory | None = None) -> list[Reminder]:
    """One reminder per data set and reporter, listing every late period (newest first)."""
    grouped: dict[tuple[int, str], list[workflow.Late]] = defaultdict(list)
    for item in workflow.late_reports(today=day):
        grouped[(item.data_set.pk, item.key)].append(item)
    people = people or Directory()
    return [late_reminder(items, people) for items in grouped.values()]


def late_reminder(items: list[workflow.Late], people: Directory) -> Reminder:
    first = items[0]
    periods = [_("%(period)s (due %(due)s, %(days)s days late)") % period_words(i) for i in items]
    values = {"reporter": first.reporter, "data_set": first.data_set.name, "count": len(items)}
    return Reminder(
        kind=Kind.LATE_REPORT,
        topic=f"late:{first.data_set.code}:{first.key}",
        user_ids=people.reporters(first.data_set, first.key),
        subject=_("Late report: %(data_set)s of %(reporter)s") % values,
        body=_("%(reporter)s has not submitted %(data_set)s for %(count)s period(s):") % values
        + "\n"
        + "\n".join(f"- {line}" for line in periods),
        url=report_url(first.key),
        lines=periods,
    )


def period_words(item: workflow.Late) -> dict:
    return {"period": item.period, "due": f"{item.due:%Y-%m-%d}", "days": item.days}


def due_soon_reminders(day: datetime.date, people: Directory | None = None) -> list[Reminder]:
    """Reporters who have not submitted a period due within ``DUE_SOON_DAYS`` from ``day``."""
    reminders, people = [], people or Directory()
    for data_set in DataSet.objects.select_related("reporters_holding"):
        for year, month in due_periods(data_set, day):
            reminders.extend(due_soon_for(data_set, (year, month), day, people))
    return reminders


def due_periods(data_set: DataSet, day: datetime.date) -> list[tuple[int, int]]:
    last = day + datetime.timedelta(days=DUE_SOON_DAYS - 1)
    previous = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
    return [
        (year, month)
        for year, month in (previous, (day.year, day.month))
        if month in data_set.months() and day <= data_set.due_date(year, month) <= last
    ]


def due_soon_for(
    data_set: DataSet, period: tuple[int, int], day: datetime.date, people: Directory
) -> list[Reminder]:
    year, month = period
    done = set(
        Submission.objects.filter(
            data_set=data_set, year=year, month=month, status__in=["submitted", "approved"]
        ).values_list("scope_key", flat=True)
    )
    due = data_set.due_date(year, month)
    reminders = []
    for key, name in data_set.reporters(day):
        if key in done:
            continue
        values = {"reporter": name, "data_set": data_set.name, "period": data_set.period_label(year, month)}
        values["due"] = f"{due:%Y-%m-%d}"
        reminders.append(
            Reminder(
                kind=Kind.DUE_SOON,
                topic=f"due:{data_set.code}:{year}-{month}:{key}",
                user_ids=people.reporters(data_set, key),
                subject=_("Due %(due)s: %(data_set)s %(period)s") % values,
                body=_("%(reporter)s: %(data_set)s for %(period)s is due on %(due)s.") % values,
                url=report_url(key),
            )
        )
    return reminders


# --- problems and leads ---------------------------------------------------------------------


def problem_reminders(day: datetime.date, people: Directory | None = None) -> list[Reminder]:
    """Overdue problems (past the deadline, awaiting the answer) → the assigned department's
    staff, the assigned person and whoever raised it."""
    problems = Problem.objects.overdue(day).select_related("project", "department")
    people = people or Directory()
    return [problem_reminder(problem, day, people) for problem in problems]


def problem_reminder(problem: Problem, day: datetime.date, people: Directory) -> Reminder:
    users = people.of_departments(problem.department_id)
    users |= {pk for pk in (problem.assignee_id, problem.raised_by_id) if pk}
    values = {
        "project": problem.project.name,
        "description": problem.description[:80],
        "department": problem.department.name,
        "deadline": f"{problem.deadline:%Y-%m-%d}",
        "days": (day - problem.deadline).days,
    }
    return Reminder(
        kind=Kind.PROBLEM_OVERDUE,
        topic=f"problem:{problem.pk}",
        user_ids=users,
        subject=_("Overdue problem: %(project)s") % values,
        body=_("%(description)s — assigned to %(department)s, due %(deadline)s, %(days)s days overdue.")
        % values,
        url=problem.get_absolute_url(),
    )


def lead_reminders(day: datetime.date, people: Directory | None = None) -> list[Reminder]:
    """Overdue leads → the owning department's staff and the owner. A confidential lead is
    named by its code name only: reminders leave the platform."""
    leads = list(overdue_leads(Lead.objects.select_related("department"), day))
    reasons = overdue_reasons(leads, day)
    people = people or Directory()
    return [lead_reminder(lead, reasons.get(lead.pk, ""), people) for lead in leads]


def lead_reminder(lead: Lead, reason: str, people: Directory) -> Reminder:
    users = people.of_departments(lead.department_id) | ({lead.owner_id} if lead.owner_id else set())
    values = {"lead": lead.shown_name, "code": lead.code, "reason": reason}
    return Reminder(
        kind=Kind.LEAD_OVERDUE,
        topic=f"lead:{lead.pk}",
        user_ids=users,
        subject=_("Overdue lead: %(lead)s (%(code)s)") % values,
        body=_("%(lead)s (%(code)s): %(reason)s") % values,
        url=lead.get_absolute_url(),
    )


# --- the leaders' digest --------------------------------------------------------------------

DIGEST_TOP = 5


def request_reminders(day: datetime.date, people: Directory | None = None) -> list[Reminder]:
    """Firms' requests past their acceptance or handling deadline (``RequestQuerySet.overdue``)
    → the department's staff and the category's responsible leader (escalation)."""
    overdue = FirmRequest.objects.overdue(day).select_related("enterprise", "department", "category__leader")
    people = people or Directory()
    return [request_reminder(req, day, people) for req in overdue]


def request_reminder(req: FirmRequest, day: datetime.date, people: Directory) -> Reminder:
    users = people.of_departments(req.department_id)
    leader = req.category.leader
    if leader is not None and leader.user_id:
        users.add(leader.user_id)
    accepting = req.status == FirmRequest.Status.SUBMITTED
    due = req.accept_due if accepting else req.handle_due
    values = {
        "firm": req.enterprise.name,
        "title": req.title[:60],
        "department": req.department.name,
        "deadline": f"{due:%Y-%m-%d}",
        "days": (day - due).days,
    }
    body = (
        _("%(title)s — with %(department)s, to be accepted by %(deadline)s, %(days)s days overdue.")
        if accepting
        else _("%(title)s — with %(department)s, to be answered by %(deadline)s, %(days)s days overdue.")
    )
    return Reminder(
        kind=Kind.REQUEST_OVERDUE,
        topic=f"request:{req.pk}:{req.status}",
        user_ids=users,
        subject=_("Overdue request of %(firm)s") % values,
        body=body % values,
        url=req.get_absolute_url(),
    )


def digest_reminders(day: datetime.date, built: list[Reminder]) -> list[Reminder]:
    """One digest per leader with an account: the day's counts and the leader's own overdue
    problems (their 包保 projects) first."""
    counts = defaultdict(int)
    for reminder in built:
        counts[reminder.kind] += 1
    leaders = Leader.objects.filter(user__is_active=True).select_related("user")
    return [digest_for(leader, counts, day) for leader in leaders]


def digest_for(leader: Leader, counts: dict, day: datetime.date) -> Reminder:
    own = Problem.objects.overdue(day).filter(project__leader=leader).select_related("project")
    top = [f"{p.project.name}：{p.description[:40]}（{p.deadline:%m-%d}）" for p in own[:DIGEST_TOP]]
    values = {
        "late": counts[Kind.LATE_REPORT],
        "problems": counts[Kind.PROBLEM_OVERDUE],
        "leads": counts[Kind.LEAD_OVERDUE],
        "own": own.count(),
        "day": f"{day:%Y-%m-%d}",
    }
    body = (
        _(
            "Late reporters: %(late)s; overdue problems: %(problems)s (of your projects: %(own)s); "
            "overdue leads: %(leads)s."
        )
        % values
    )
    if top:
        body += "\n" + "\n".join(f"- {line}" for line in top)
    return Reminder(
        kind=Kind.DIGEST,
        topic=f"digest:{leader.pk}",
        user_ids={leader.user_id},
        subject=_("Daily digest %(day)s") % values,
        body=body,
        url=reverse("projects:leader_projects", args=[leader.pk]),
        lines=top,
    )


RULES = (late_report_reminders, due_soon_reminders, problem_reminders, lead_reminders, request_reminders)


def reminders_for(day: datetime.date) -> list[Reminder]:
    people = Directory()
    built = [reminder for rule in RULES for reminder in rule(day, people)]
    return built + digest_reminders(day, built)
