"""The rules of 大走访 beyond saving a form.

- ``plan_check``: a plan's firms against the other plans. A firm already in another
  department's plan whose window overlaps (one shared day is an overlap) is refused, naming
  the firm, the other department and its dates; the same department planning a firm twice in
  overlapping windows is a warning. Plans without a department are judged by their leader.
- ``visit_warnings``: other visits of the firm within ``ATTRACTION_DUPLICATE_VISIT_DAYS``
  before or after the day (招商's repeat-visit window, ``duplicate_window()``): a warning,
  never a refusal, worded like 招商's.
- ``visit_raise_requests``: one 诉求 per chosen answer, in one step, through the portal's
  ``request_raise`` (source 走访), each linked back to the visit (``VisitRequest``).
- ``overdue_lines``: plan lines (plan × firm) whose window has passed without a visit.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.attraction.services_leads import duplicate_window
from gaoxin.enterprises.models import Enterprise
from gaoxin.portal.models import FirmRequest, RequestCategory
from gaoxin.portal.services import request_raise

from .models import Visit, VisitPlan, VisitRequest
from .survey import display, questions_by_code


@dataclass
class PlanCheck:
    errors: list[str]
    warnings: list[str]


def party(department, leader) -> tuple:
    """Who visits, for the overlap rule: the department, else the leader."""
    if department is not None:
        return ("department", getattr(department, "pk", department))
    return ("leader", getattr(leader, "pk", leader))


def candidate_plans(starts_on, ends_on, firm_ids) -> list[VisitPlan]:
    """Live plans with one of the firms whose window meets ``starts_on``–``ends_on``, each with
    ``planned``: those of the firms it holds (by name). Two queries whatever the number."""
    named = Prefetch(
        "firms", queryset=Enterprise.objects.filter(pk__in=firm_ids).order_by("name"), to_attr="planned"
    )
    plans = VisitPlan.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on, firms__in=firm_ids)
    plans = plans.exclude(status=VisitPlan.Status.CANCELLED).select_related("department", "leader")
    return list(plans.distinct().order_by("starts_on", "pk").prefetch_related(named))


def judge(ours, starts_on, ends_on, ids, candidates, exclude_pk=None) -> PlanCheck:
    """The refusals (another party) and warnings (the same party) of ``candidates`` sharing a
    day of the window and one of the firms ``ids``."""
    check = PlanCheck([], [])
    for other in candidates:
        firms = [f.name for f in other.planned if f.pk in ids]
        overlaps = other.starts_on <= ends_on and starts_on <= other.ends_on
        if other.pk == exclude_pk or not firms or not overlaps:
            continue
        words = {
            "firms": "、".join(firms),
            "other": other.visitor,
            "plan": other.name,
            "start": other.starts_on,
            "end": other.ends_on,
        }
        if party(other.department, other.leader) == ours:
            check.warnings.append(
                _("%(firms)s is already in “%(plan)s” of %(other)s (%(start)s to %(end)s).") % words
            )
        else:
            check.errors.append(
                _(
                    "%(firms)s is already visited by %(other)s from %(start)s to %(end)s (“%(plan)s”): "
                    "no firm is visited by two departments in the same window."
                )
                % words
            )
    return check


def plan_check(*, department, leader, starts_on, ends_on, firms, exclude=None) -> PlanCheck:
    """The refusals and warnings of planning ``firms`` for this party in this window."""
    ids = {getattr(f, "pk", f) for f in firms or []}
    if not ids or starts_on is None or ends_on is None:
        return PlanCheck([], [])
    candidates = candidate_plans(starts_on, ends_on, ids)
    return judge(
        party(department, leader), starts_on, ends_on, ids, candidates, getattr(exclude, "pk", exclude)
    )


def plans_warnings(plans) -> dict[int, list[str]]:
    """``plan_check``'s warnings of many stored plans (their ``firms`` prefetched) at once."""
    plans = [p for p in plans if p.firms.all()]
    if not plans:
        return {}
    ids = {f.pk for p in plans for f in p.firms.all()}
    candidates = candidate_plans(min(p.starts_on for p in plans), max(p.ends_on for p in plans), ids)
    return {
        p.pk: judge(
            party(p.department, p.leader),
            p.starts_on,
            p.ends_on,
            {f.pk for f in p.firms.all()},
            candidates,
            p.pk,
        ).warnings
        for p in plans
    }


def visits_warnings(visits) -> dict[int, list[str]]:
    """For each visit, the other visits of its firm within the repeat-visit window of its day
    (招商's ``duplicate_window()``), newest first: one query for any number of visits."""
    visits = [v for v in visits if v.enterprise_id and v.visited_on]
    if not visits:
        return {}
    window = datetime.timedelta(days=duplicate_window())
    others = Visit.objects.filter(
        enterprise_id__in={v.enterprise_id for v in visits},
        visited_on__range=(
            min(v.visited_on for v in visits) - window,
            max(v.visited_on for v in visits) + window,
        ),
    ).select_related("enterprise", "department", "leader")
    others = list(others.order_by("-visited_on", "-pk"))
    return {
        visit.pk: [
            repeat_words(other)
            for other in others
            if other.enterprise_id == visit.enterprise_id
            and other.pk != visit.pk
            and abs(other.visited_on - visit.visited_on) <= window
        ]
        for visit in visits
    }


def repeat_words(other) -> str:
    return _("%(company)s was already visited by %(department)s on %(date)s (within %(days)d days).") % {
        "company": other.enterprise.name,
        "department": other.visitor or _("an unnamed department"),
        "date": other.visited_on,
        "days": duplicate_window(),
    }


def visit_warnings(*, enterprise, day: datetime.date | None, exclude=None) -> list[str]:
    """Other visits of the firm within the repeat-visit window of ``day``, newest first (a
    warning, never a refusal)."""
    if enterprise is None or day is None:
        return []
    probe = Visit(pk=getattr(exclude, "pk", exclude) or 0, enterprise=enterprise, visited_on=day)
    return visits_warnings([probe])[probe.pk]


@dataclass
class RaiseItem:
    """One request to raise: from the answer to ``question`` (a code), in ``category``."""

    question: str
    category: RequestCategory
    title: str = ""
    text: str = ""


def raisable_answers(visit) -> list[tuple]:
    """(question, answer shown) of the visit's answers a request may come from: answered,
    not a plain no, not raised already."""
    raised = set(visit.raised_requests.values_list("question_code", flat=True))
    questions = questions_by_code(visit.answers)
    found = []
    for code, value in (visit.answers or {}).items():
        question = questions.get(code)
        if question is None or code in raised or value in ("no", None, "", 0):
            continue
        found.append((question, display(question, value)))
    return sorted(found, key=lambda pair: (pair[0].sort_order, pair[0].code))


def default_text(visit, question) -> tuple[str, str]:
    shown = display(question, (visit.answers or {}).get(question.code))
    title = f"{question.text}：{shown}"[:100]
    text = _("Raised during the visit of %(date)s by %(visitor)s. %(question)s: %(answer)s") % {
        "date": visit.visited_on,
        "visitor": visit.visitor or _("the zone"),
        "question": question.text,
        "answer": shown,
    }
    if visit.notes:
        text += "\n" + visit.notes
    return title, text


@transaction.atomic
def visit_raise_requests(*, user, visit, items: list[RaiseItem], day=None) -> list[FirmRequest]:
    """Raise one 诉求 per item in one step (all or none), each linked to the visit."""
    if not user.has_perm("visits.add_visitrequest"):
        raise PermissionDenied(_("You may not raise requests from visits."))
    if not items:
        raise ValidationError(_("Choose at least one answer to raise a request from."))
    allowed = {q.code: q for q, _shown in raisable_answers(visit)}
    created = []
    for item in items:
        question = allowed.get(item.question)
        if question is None:
            raise ValidationError(
                _("“%(code)s” is no answer of this visit a request may still be raised from.")
                % {"code": item.question}
            )
        title, text = default_text(visit, question)
        request = request_raise(
            user=user,
            enterprise=visit.enterprise,
            category=item.category,
            title=(item.title or "").strip() or title,
            text=(item.text or "").strip() or text,
            source=FirmRequest.Source.VISIT,
            day=day or timezone.localdate(),
        )
        VisitRequest.objects.create(visit=visit, request=request, question_code=question.code)
        created.append(request)
    return created


def overdue_lines(plans, as_of: datetime.date):
    """Plan lines (the plans' through rows) whose window ended before ``as_of`` and whose firm
    has no visit in the plan or in its window."""
    visited = Visit.objects.filter(enterprise_id=OuterRef("enterprise_id")).filter(
        Q(plan_id=OuterRef("visitplan_id"))
        | Q(visited_on__gte=OuterRef("visitplan__starts_on"), visited_on__lte=OuterRef("visitplan__ends_on"))
    )
    return (
        VisitPlan.firms.through.objects.filter(
            visitplan__in=plans.filter(ends_on__lt=as_of, status=VisitPlan.Status.PLANNED)
        )
        .exclude(Exists(visited))
        .select_related("visitplan", "enterprise", "visitplan__department", "visitplan__leader")
        .order_by("visitplan__ends_on", "visitplan_id", "enterprise__name")
    )
