"""The problem list (问题清单) and its workflow: 交办 → 办理中 → 已反馈 → 已销号.

Rules live in ``services.problems``; these views only look objects up in the user's scope, call the
service and say what happened. Problems are scoped through their project: an enterprise user
never reaches another firm's problem (404), whatever id it types.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.core import roles
from gaoxin.core.models import ObjectChange
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView
from gaoxin.zone.models import evaluation_date

from . import services
from .filters import ProblemFilterSet
from .forms_problems import ProblemForm
from .models import Light, Problem, Project
from .tables_problems import ProblemTable, overdue_days, overdue_words, person, project_url

MILESTONE_HORIZON_DAYS = 60
LIGHT_COLORS = {Light.RED: "red", Light.YELLOW: "yellow", Light.GREEN: "green", Light.NONE: "secondary"}


# --- scope -----------------------------------------------------------------------------------


def scoped_problems(queryset, user):
    """Problems of the projects ``user`` may see. ``ProblemQuerySet`` itself has no scope
    (``scope_field`` None), so a firm's user would otherwise read every firm's problems."""
    return queryset.visible_to(user).filter(project__in=Project.objects.visible_to(user))


def problem_queryset():
    return Problem.objects.select_related(
        "project__leader", "category", "department", "assignee", "raised_by"
    )


def decorate_problems(problems, today: datetime.date) -> list[Problem]:
    problems = list(problems)
    for p in problems:
        p.days_overdue = overdue_days(p, today)
        p.overdue_words = overdue_words(p, today)
        p.project_url = project_url(p.project)
        p.assignee_name = person(p.assignee)
        p.raiser_name = person(p.raised_by)
    return problems


# --- problems ---------------------------------------------------------------------------------


class ProblemScopeMixin:
    queryset = problem_queryset()

    def get_queryset(self):
        return scoped_problems(self.queryset.all(), self.request.user)


class ProblemListView(ProblemScopeMixin, ObjectListView):
    filterset_class = ProblemFilterSet
    table_class = ProblemTable
    add_url_name = "projects:problem_add"
    title = gettext_lazy("Problem list")

    def get_queryset(self):
        # Open problems first, by deadline (the overdue ones lead); closed ones after.
        closed_last = Case(When(status=Problem.Status.CLOSED, then=Value(1)), default=Value(0))
        return super().get_queryset().order_by(closed_last, "deadline", "id")


class ProblemEditView(ProblemScopeMixin, ObjectEditView):
    """Raise a problem (add) or correct it (only its department or whoever raised it)."""

    form_class = ProblemForm


ACTION_LABELS = {
    Problem.Status.IN_PROGRESS: gettext_lazy("Start handling"),
    Problem.Status.ANSWERED: gettext_lazy("Answer with feedback"),
    Problem.Status.CLOSED: gettext_lazy("Confirm and close"),
}


def problem_actions(problem: Problem, user) -> list[dict]:
    """The buttons ``user`` may press on ``problem`` (the service checks again on POST)."""
    actions = []
    for to in (Problem.Status.IN_PROGRESS, Problem.Status.ANSWERED, Problem.Status.CLOSED):
        if to not in services.NEXT_STATUS.get(problem.status, set()):
            continue
        send_back = problem.status == Problem.Status.ANSWERED and to == Problem.Status.IN_PROGRESS
        if to == Problem.Status.CLOSED or send_back:
            allowed = problem.raised_by_id is not None and problem.raised_by_id == user.pk
        else:
            allowed = services.problem_may_handle(user, problem)
        if allowed:
            label = gettext_lazy("Send back for more work") if send_back else ACTION_LABELS[to]
            actions.append({"to": to, "label": label, "needs_feedback": to == Problem.Status.ANSWERED})
    return actions


class ProblemDetailView(ProblemScopeMixin, ObjectDetailView):
    template_name = "projects/problems/problem_detail.html"

    def get_context(self, obj) -> dict:
        user, today = self.request.user, evaluation_date()
        decorate_problems([obj], today)
        history = ObjectChange.objects.filter(
            content_type__app_label="projects", content_type__model="problem", object_id=str(obj.pk)
        ).select_related("content_type", "user")[:200]
        return {
            "title": _("Problem of %(project)s") % {"project": obj.project.name},
            "today": today,
            "actions": problem_actions(obj, user),
            "may_edit": services.problem_may_edit(user, obj),
            "changes": history,
            "can_read_audit": roles.can_read_audit(user),
        }


class ProblemTransitionView(ProblemScopeMixin, LoginRequiredMixin, View):
    """POST only: move a problem on (办理中, 已反馈 with feedback, 销号 / 退回 by the raiser)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.problem = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        problem = self.problem
        to_status = request.POST.get("to_status", "")
        if to_status not in Problem.Status.values:
            messages.error(request, _("Unknown status."))
            return redirect(problem.get_absolute_url())
        try:
            services.problem_transition(
                problem=problem,
                to_status=to_status,
                user=request.user,
                feedback=request.POST.get("feedback", ""),
                day=evaluation_date(),
            )
        except PermissionDenied as exc:
            context = {"title": _("Not allowed"), "message": str(exc) or _("You may not do this.")}
            return render(request, "core/error.html", context, status=403)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(problem.get_absolute_url())
        messages.success(
            request, _("The problem is now “%(status)s”.") % {"status": problem.get_status_display()}
        )
        return redirect(problem.get_absolute_url())
