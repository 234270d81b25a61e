"""The problem workflow: 交办 → 办理中 → 已反馈 → 已销号, and the 交办 time limit a category
configures in working days (``ProblemCategory.time_limit_workdays``)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.context import acting_as, change_message
from gaoxin.zone.workdays import add_working_days

from ..models import Problem, ProblemCategory
from .lights import recompute_lights
from .permissions import problem_may_handle, require

NEXT_STATUS = {
    Problem.Status.ASSIGNED: {Problem.Status.IN_PROGRESS, Problem.Status.ANSWERED},
    Problem.Status.IN_PROGRESS: {Problem.Status.ANSWERED},
    Problem.Status.ANSWERED: {Problem.Status.CLOSED, Problem.Status.IN_PROGRESS},
    Problem.Status.CLOSED: set(),
}


def problem_default_deadline(*, category: ProblemCategory | None, raised_on: datetime.date) -> datetime.date:
    """The deadline of a problem raised on ``raised_on`` without one: the n-th working day after
    that day (the day itself does not count; official holidays, 调休 and the zone's exceptions
    as ``zone.workdays`` counts them). Refused when the category sets no time limit, and when
    the calendar does not know a year the period crosses."""
    if category is None or category.time_limit_workdays is None:
        raise ValidationError(
            {"deadline": _("Enter a deadline: the category sets no time limit in working days.")}
        )
    try:
        return add_working_days(raised_on, category.time_limit_workdays)
    except ValidationError as error:
        raise ValidationError({"deadline": error.messages}) from error


@transaction.atomic
def problem_transition(*, problem: Problem, to_status: str, user, feedback: str = "", day=None) -> Problem:
    """交办 → 办理中 → 已反馈 → 已销号. Feedback is required to answer; only whoever raised the
    problem closes it (销号) or sends it back."""
    day = day or timezone.localdate()
    if to_status not in NEXT_STATUS.get(problem.status, set()):
        raise ValidationError(
            _("A problem that is %(a)s cannot become %(b)s.")
            % {"a": problem.get_status_display(), "b": Problem.Status(to_status).label}
        )
    if to_status in (Problem.Status.CLOSED,) or (
        problem.status == Problem.Status.ANSWERED and to_status == Problem.Status.IN_PROGRESS
    ):
        if problem.raised_by_id != user.pk:
            raise PermissionDenied(
                _("Only %(who)s, who raised the problem, may confirm and close it.")
                % {"who": problem.raised_by.get_username() if problem.raised_by else _("its raiser")}
            )
    else:
        require(problem_may_handle(user, problem), _("Only the assigned department may handle this problem."))
    problem.snapshot()
    if to_status == Problem.Status.ANSWERED:
        if not feedback.strip():
            raise ValidationError({"feedback": _("Write what was done before answering.")})
        problem.feedback, problem.answered_on = feedback.strip(), day
    if to_status == Problem.Status.CLOSED:
        problem.closed_on = day
    problem.status = to_status
    with acting_as(user, "web"), change_message(feedback.strip()[:300]):
        problem.save()
    recompute_lights(project_ids=[problem.project_id])
    return problem
