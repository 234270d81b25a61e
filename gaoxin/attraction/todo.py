"""The attraction's part of my work (待办): leads past their stage deadline (or their next
action's date) that I may move, and signings waiting for my verification (by someone other
than their reporter)."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from gaoxin.core.todo import TodoGroup, TodoItem, days_late, items_of, todo_provider

from . import services_leads
from .models import Lead, Signing, StageDeadline

# --- leads -------------------------------------------------------------------------------------


def my_overdue_leads(user, as_of: datetime.date):
    """Overdue leads (``services_leads.overdue_leads``) the reader may change: their own and
    their departments' (``Lead.objects.editable_by``); confidential ones keep their code name."""
    leads = services_leads.overdue_leads(Lead.objects.editable_by(user), as_of)
    return leads.select_related("owner", "department").order_by("next_action_date", "stage_since", "id")


def lead_due(lead: Lead, rules, as_of: datetime.date) -> datetime.date | None:
    """The earliest deadline the lead has missed: its next action's date, or the last day its
    stage allows (calendar or working days after the last action)."""
    missed = []
    if lead.next_action_date and lead.next_action_date < as_of:
        missed.append(lead.next_action_date)
    rule = rules.get(lead.stage)
    if rule is not None and lead.stage_since is not None:
        since = max(lead.stage_since, lead.last_action_date or lead.stage_since)
        try:
            if rule.unit == StageDeadline.Unit.WORKING:
                end = rules.calendar.add_working_days(since, rule.days)
            else:
                end = since + datetime.timedelta(days=rule.days)
        except ValidationError:
            end = None
        if end is not None and end < as_of:
            missed.append(end)
    return min(missed) if missed else None


@todo_provider("overdue_leads", order=40)
def todo_overdue_leads(user, as_of, limit):
    if not user.has_perm("attraction.change_lead"):
        return None
    leads = my_overdue_leads(user, as_of)
    shown = list(leads[:limit]) if limit else []
    reasons = services_leads.overdue_reasons(shown, as_of) if shown else {}
    rules = services_leads.deadlines() if shown else None

    def item(lead):
        due = lead_due(lead, rules, as_of)
        return TodoItem(
            lead.shown_name, reasons.get(lead.pk, ""), due, days_late(due, as_of), lead.get_absolute_url()
        )

    return TodoGroup(
        "overdue_leads",
        _("Leads past their deadline"),
        leads.count(),
        [item(lead) for lead in shown],
        url_all=reverse("attraction:lead_list") + "?overdue=true",
        severity="danger",
        nav="attraction:my_leads",
    )


# --- signings ----------------------------------------------------------------------------------


def signings_to_verify(user):
    """Reported signings the reader may verify (``services_signings.signing_may_verify``: the
    right to verify, and not the reporter); oldest contract first."""
    if not user.has_perm("attraction.verify_signing"):
        return Signing.objects.none()
    signings = Signing.objects.visible_to(user).filter(status=Signing.Status.REPORTED)
    signings = signings.exclude(reported_by_id=user.pk)
    return signings.select_related("department", "reported_by").order_by("contract_date", "id")


@todo_provider("signings_to_verify", order=50)
def todo_signings_to_verify(user, as_of, limit):
    if not user.has_perm("attraction.verify_signing"):
        return None
    signings = signings_to_verify(user)

    def item(signing):
        who = [signing.investor]
        if signing.department_id:
            who.append(signing.department.name)
        if signing.reported_by_id:
            name = signing.reported_by.get_full_name() or signing.reported_by.get_username()
            who.append(_("reported by %(name)s") % {"name": name})
        return TodoItem(signing.project_name, " · ".join(who), url=signing.get_absolute_url())

    return TodoGroup(
        "signings_to_verify",
        _("Signings waiting for my verification"),
        signings.count(),
        items_of(signings, limit, item),
        url_all=reverse("attraction:signing_list") + "?status=reported",
        severity="warning",
        nav="attraction:signing_list",
    )
