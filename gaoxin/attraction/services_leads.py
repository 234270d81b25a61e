"""The rules of the lead pipeline and of promotion activities.

Every write goes through a function here (keyword-only), raises a ``ValidationError`` whose
message is translated to Chinese and changes nothing when a rule is broken, and saves
through the model so the audit log records who, when, before and after.

Rules, in words:

- **Who edits.** A clerk (``attraction.change_lead``) changes the leads of their own
  department (``Department.members``) and the leads they own; a superuser changes any.
  Leaders and auditors read. Enterprise users see nothing (no role permission, empty scope).
- **Moving a lead.** Forward through 线索 → … → 投产 is free. Going back, to 搁置 or 终止, or
  reopening a 终止 lead needs a reason; out of 搁置, "back" is judged against the stage it was
  shelved from. A move is dated neither after today nor after the evaluation date, nor before
  the current stage began (``core.stages``, ADR 0016). Each move is a ``LeadStageChange`` row;
  the lead's ``stage_since`` and ``last_action_date`` become the move's date.
- **Overdue.** A lead is overdue when its next action's date has passed, or when the days
  since ``max(stage_since, last_action_date)`` exceed ``StageDeadline.days`` of its stage
  (exactly the allowed days is still in time). 投产 and 终止 leads are never overdue. A stage
  whose deadline is in working days counts on the zone's working-day calendar
  (``zone/workdays.py``): the deadline is the n-th working day after the last action, still in
  time on that day, overdue from the next day on (a weekend or holiday after it included).
  When the calendar cannot say (a year whose holiday notice the installed data lacks), the
  lead is shown overdue with that reason rather than judged on a guess.
- **Confidential leads** show their code name to anyone outside the lead's department who
  is not its owner (leaders included); search does not match their company name for them.
- **Duplicate visits.** When an activity meets a registry company that another activity
  (any department) met within ``duplicate_window()`` days before or after its date, the
  user is warned (naming the other activity, its department and date) and must confirm.
  The window is ``settings.ATTRACTION_DUPLICATE_VISIT_DAYS`` when set, else 30 days.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.context import acting_as
from gaoxin.core.permissions import may_change, require, require_change
from gaoxin.core.stages import StageMove, StageRules, next_stage, stage_move, stage_record
from gaoxin.zone.models import evaluation_date
from gaoxin.zone.services import in_department
from gaoxin.zone.workdays import WorkCalendar, calendar

from .models import LEAD_ORDER, Activity, Lead, LeadStage, LeadStageChange, StageDeadline

DUPLICATE_VISIT_DAYS = 30
CLOSED_STAGES = {LeadStage.PRODUCTION, LeadStage.TERMINATED}


def duplicate_window() -> int:
    """Days before and after an activity within which a second visit is warned about."""
    return int(getattr(settings, "ATTRACTION_DUPLICATE_VISIT_DAYS", DUPLICATE_VISIT_DAYS))


def stage_rank(stage: str) -> int | None:
    return LEAD_STAGES.rank(stage)


# --- permissions --------------------------------------------------------------------------------
# Who changes a lead, an activity or a signing is the models' change rule (core.permissions);
# who sees a confidential lead's company is the lead queryset's ``visible_to``.


def require_lead(user, lead: Lead) -> None:
    require_change(user, lead)


# --- leads --------------------------------------------------------------------------------------


def next_lead_code(day: datetime.date) -> str:
    prefix = f"XS-{day.year}-"
    codes = Lead.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(c[len(prefix) :]) for c in codes if c[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def lead_create(*, user, company_name: str, save: bool = True, **fields) -> Lead:
    """A new lead in 线索 (or the given stage) since today, owned by ``user`` unless another
    owner is named, in the owner's department unless one is named."""
    today = evaluation_date()
    company_name = (company_name or "").strip()
    company = fields.get("company")
    if not company_name and company is not None:
        company_name = company.name
    if not company_name:
        raise ValidationError({"company_name": _("Name the company (or pick it from the registry).")})
    if fields.get("confidential") and not (fields.get("code_name") or "").strip():
        raise ValidationError({"code_name": _("A confidential lead needs a code name.")})
    fields.setdefault("stage", LeadStage.CLUE)
    fields["stage_since"] = fields.get("stage_since") or today
    if fields.get("owner") is None:
        fields["owner"] = user
    if fields.get("department") is None and user is not None and user.pk:
        fields["department"] = user.departments.order_by("sort_order", "pk").first()
    lead = Lead(company_name=company_name, code=fields.pop("code", "") or next_lead_code(today), **fields)
    if user is not None and not user.is_superuser:
        require(
            may_change(user, lead),
            _("A lead must be owned by you or belong to one of your departments."),
        )
    lead.full_clean()
    if save:
        with acting_as(user, "web"):
            lead.save()
    return lead


def lead_refusal(move: StageMove) -> str:
    """The words for a move that needs a reason and has none."""
    if move.backwards:
        message = _("Moving the lead back from %(a)s to %(b)s needs a reason.")
    else:
        message = _("Moving the lead from %(a)s to %(b)s needs a reason.")
    return message % {"a": LeadStage(move.from_stage).label, "b": LeadStage(move.to_stage).label}


LEAD_STAGES = StageRules(
    stages=LeadStage,
    order=tuple(LEAD_ORDER),
    paused=frozenset({LeadStage.SHELVED}),
    ended=frozenset({LeadStage.TERMINATED}),
    already=gettext_lazy("The lead is already in this stage."),
    refusal=lead_refusal,
)


def lead_next_stage(lead: Lead) -> str | None:
    """The stage the lead's move form offers first (``core.stages.next_stage``)."""
    if lead.stage in LEAD_STAGES.ended:
        return None
    return next_stage(LEAD_STAGES, lead.stage, lead.stage_changes)


def lead_move(
    *, lead: Lead, to_stage: str, date: datetime.date, reason: str = "", user, source: str = "web"
) -> LeadStageChange:
    """Move a lead to another stage (see the module's rules; core.stages checks and records
    the move); the move is also the lead's latest action."""
    require_lead(user, lead)
    move = stage_move(LEAD_STAGES, lead, to_stage=to_stage, date=date, reason=reason, as_of=evaluation_date())
    later = lead.last_action_date is None or lead.last_action_date < date
    fields = {"last_action_date": date} if later else {}
    return stage_record(LEAD_STAGES, lead, move, user=user, source=source, fields=fields)


# --- overdue ------------------------------------------------------------------------------------


class Deadlines(dict):
    """{stage: StageDeadline} with the working-day calendar the rules share (the zone's
    exceptions read once, when a rule in working days first needs them)."""

    def __init__(self, rows=()):
        super().__init__((rule.stage, rule) for rule in rows)
        self._calendar = None

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = calendar()
        return self._calendar


def deadlines() -> Deadlines:
    return Deadlines(StageDeadline.objects.all())


def calendar_of(rules) -> WorkCalendar:
    return rules.calendar if isinstance(rules, Deadlines) else calendar()


def stage_cutoff(rule: StageDeadline, today: datetime.date, rules) -> datetime.date:
    """A lead whose clock started (its last action) before this day is overdue on ``today``:
    the allowed days, calendar or working, have all passed after it. Raises the calendar's
    ``ValidationError`` when a working day before ``today`` is in a year it does not know."""
    if rule.unit == StageDeadline.Unit.WORKING:
        return calendar_of(rules).working_days_before(today, rule.days)
    return today - datetime.timedelta(days=rule.days)


def lead_overdue(lead: Lead, today: datetime.date, rules: dict | None = None) -> str | None:
    """Why ``lead`` is overdue on ``today`` in words, or None when it is in time."""
    if lead.stage in CLOSED_STAGES:
        return None
    rules = deadlines() if rules is None else rules
    reasons = [next_action_overdue(lead, today), stage_overdue(lead, today, rules)]
    # A Chinese sentence ends in 。 and needs no space after it; an English one does.
    text = "".join(r if r.endswith("。") else f"{r} " for r in reasons if r).strip()
    return text or None


def next_action_overdue(lead: Lead, today: datetime.date) -> str | None:
    if lead.next_action_date is None or lead.next_action_date >= today:
        return None
    return _("The next action “%(action)s” was due on %(date)s and is %(n)d days overdue.") % {
        "action": lead.next_action or _("(not named)"),
        "date": lead.next_action_date,
        "n": (today - lead.next_action_date).days,
    }


def stage_overdue(lead: Lead, today: datetime.date, rules) -> str | None:
    rule = rules.get(lead.stage)
    if rule is None or lead.stage_since is None:
        return None
    since = max(lead.stage_since, lead.last_action_date or lead.stage_since)
    words = {
        "stage": LeadStage(lead.stage).label,
        "meaning": rule.meaning or _("progress"),
        "allowed": rule.days,
        "since": since,
    }
    # The sentence names the day it counts from: the stage's start or the last action after it.
    from_start = since == lead.stage_since
    if rule.unit == StageDeadline.Unit.WORKING:
        return working_stage_overdue(rule, since, today, rules, words, from_start)
    days = (today - since).days
    if days <= rule.days:
        return None
    if from_start:
        text = _(
            "%(days)d days since %(stage)s began on %(since)s without %(meaning)s (limit %(allowed)d days)."
        )
    else:
        text = _(
            "%(days)d days since the last action on %(since)s without %(meaning)s "
            "(limit in %(stage)s: %(allowed)d days)."
        )
    return text % {**words, "days": days}


def working_stage_overdue(rule, since, today, rules, words, from_start: bool) -> str | None:
    try:
        cutoff = stage_cutoff(rule, today, rules)
    except ValidationError as error:
        return _("%(stage)s: cannot be judged in working days. %(why)s") % {**words, "why": error.messages[0]}
    if since >= cutoff:
        return None
    due = calendar_of(rules).add_working_days(since, rule.days)
    if from_start:
        text = _(
            "No %(meaning)s within %(allowed)d working days after %(stage)s began on %(since)s (due %(due)s)."
        )
    else:
        text = _(
            "No %(meaning)s within %(allowed)d working days after the last action on %(since)s "
            "(limit in %(stage)s, due %(due)s)."
        )
    return text % {**words, "due": due}


def overdue_condition(today: datetime.date, rules: dict | None = None) -> Q:
    """The overdue rule as a database condition (for filters and counts); a stage the
    calendar cannot judge counts every lead of it whose clock has started, as ``lead_overdue``."""
    rules = deadlines() if rules is None else rules
    open_ = ~Q(stage__in=CLOSED_STAGES)
    condition = Q(next_action_date__lt=today)
    for stage, rule in rules.items():
        if stage in CLOSED_STAGES:
            continue
        try:
            condition |= Q(stage=stage, last_seen__lt=stage_cutoff(rule, today, rules))
        except ValidationError:
            condition |= Q(stage=stage, last_seen__isnull=False)
    return open_ & condition


def with_last_seen(queryset):
    return queryset.annotate(
        last_seen=Greatest(F("stage_since"), Coalesce(F("last_action_date"), F("stage_since")))
    )


def overdue_leads(queryset, today: datetime.date):
    """The overdue leads of ``queryset`` (a queryset: one more query for the deadlines)."""
    return with_last_seen(queryset).filter(overdue_condition(today))


def overdue_reasons(leads, today: datetime.date) -> dict[int, str]:
    """{lead id: why overdue} for the given leads (evaluated in Python, one query)."""
    rules = deadlines()
    result = {}
    for lead in leads:
        reason = lead_overdue(lead, today, rules)
        if reason:
            result[lead.pk] = reason
    return result


# --- activities ---------------------------------------------------------------------------------


def duplicate_visit_warning(companies, date: datetime.date, exclude=None) -> list[str]:
    """Warnings for each other activity that met one of ``companies`` within the window
    before or after ``date`` (any department), newest first."""
    ids = [getattr(c, "pk", c) for c in companies or []]
    if not ids or date is None:
        return []
    window = duplicate_window()
    span = (date - datetime.timedelta(days=window), date + datetime.timedelta(days=window))
    others = Activity.objects.filter(companies__in=ids, date__range=span)
    if exclude is not None:
        others = others.exclude(pk=getattr(exclude, "pk", exclude))
    others = others.select_related("department").distinct().order_by("-date", "-id")
    through = Activity.companies.through.objects.filter(
        activity__in=[a.pk for a in others], registrycompany_id__in=ids
    ).select_related("registrycompany")
    met: dict[int, list[str]] = {}
    for row in through:
        met.setdefault(row.activity_id, []).append(row.registrycompany.name)
    warnings = []
    for other in others:
        warnings.append(
            _(
                "%(companies)s was already met by %(department)s on %(date)s in “%(activity)s” "
                "(within %(days)d days)."
            )
            % {
                "companies": "、".join(sorted(met.get(other.pk, []))),
                "department": other.department or _("an unnamed department"),
                "date": other.date,
                "activity": other.title,
                "days": window,
            }
        )
    return warnings


def activity_record(
    *,
    user,
    date: datetime.date,
    kind: str,
    title: str,
    companies=(),
    leads=(),
    participants=(),
    confirm_duplicates: bool = False,
    instance: Activity | None = None,
    **fields,
) -> Activity:
    """Record (or correct) an activity. A second visit within the window is refused until
    the user confirms; the leads it touches get it as their last action (if not later)."""
    if instance is not None:
        require_change(user, instance)
    elif not user.has_perm("attraction.add_activity"):
        raise PermissionDenied(_("You do not have permission to do this."))
    warnings = duplicate_visit_warning(companies, date, exclude=instance)
    if warnings and not confirm_duplicates:
        raise ValidationError({"confirm_duplicates": warnings})
    activity = instance or Activity()
    if instance is not None and not hasattr(activity, "_audit_before"):
        activity.snapshot()  # a page snapshots before its form changes the instance
    activity.date, activity.kind, activity.title = date, kind, title
    for name, value in fields.items():
        setattr(activity, name, value)
    if activity.department_id is None and instance is None:
        activity.department = user.departments.order_by("sort_order", "pk").first()
    if (
        not user.is_superuser
        and activity.department_id is not None
        and not in_department(user, activity.department_id)
    ):
        raise PermissionDenied(_("You may record activities only for your own department."))
    activity.full_clean()
    today = max(timezone.localdate(), evaluation_date())
    with transaction.atomic(), acting_as(user, "web"):
        activity.save()
        activity.companies.set(list(companies or []))
        activity.leads.set(list(leads or []))
        activity.participants.set(list(participants or []))
        if date <= today:
            for lead in leads or []:
                if lead.last_action_date is None or lead.last_action_date < date:
                    lead.snapshot()
                    lead.last_action_date = date
                    lead.save()
    return activity
