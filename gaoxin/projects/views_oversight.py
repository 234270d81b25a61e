"""The oversight pages around the key-project ledger: a leader's 包保 projects, a department's open
problems, the warning lights at a glance and the scheduling pack (调度会材料) for the weekly meeting.

These pages are for the zone's staff; rules live in ``services``.
"""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_safe

from gaoxin.core import documents, roles
from gaoxin.core.downloads import file_response
from gaoxin.zone.models import Department, Leader, evaluation_date

from . import services
from .forms import PackForm
from .models import LIGHT_RANK, InvestmentPlan, Light, Milestone, Project, Stage
from .tables_problems import project_url
from .views_problems import decorate_problems, problem_queryset, scoped_problems

MILESTONE_HORIZON_DAYS = 60
LIGHT_COLORS = {Light.RED: "red", Light.YELLOW: "yellow", Light.GREEN: "green", Light.NONE: "secondary"}


# --- helpers ---------------------------------------------------------------------------------


def require_zone_staff(user) -> None:
    """Leaders', departments' and overview pages are for the zone's staff, not for firms."""
    if not (roles.sees_whole_zone(user) and user.has_perm("projects.view_project")):
        raise PermissionDenied(_("These pages are for the zone's staff."))


def first_warning(project: Project) -> str:
    """The first reason that is not green: why the project is red or yellow."""
    for reason in project.light_reasons or []:
        if reason.get("light") in (Light.RED, Light.YELLOW):
            return reason.get("text", "")
    return ""


def warnings(project: Project) -> list[dict]:
    return [r for r in project.light_reasons or [] if r.get("light") in (Light.RED, Light.YELLOW)]


def decorate(projects, as_of: datetime.date) -> list[Project]:
    """Projects worst light first, each with its light colour, first warning and this
    year's progress (two queries for all of them)."""
    projects = list(projects)
    progress = progress_by_project([p.pk for p in projects], as_of)
    for p in projects:
        p.light_color = LIGHT_COLORS.get(p.light, "secondary")
        p.warning = first_warning(p)
        p.progress = progress[p.pk]
        p.progress_text = progress_text(p.progress)
        p.url = project_url(p)
    projects.sort(key=lambda p: (-LIGHT_RANK.get(p.light, 0), p.code))
    return projects


def progress_by_project(ids: list[int], as_of: datetime.date) -> dict[int, services.Progress]:
    """This year's plan, completed investment and time-proportional plan per project, the
    same figures as ``services.list_progress`` gives for a whole list."""
    months = services.reported_months(as_of)  # the period due on the day (the reporting calendar)
    plans = dict(
        InvestmentPlan.objects.filter(project_id__in=ids, year=as_of.year).values_list("project_id", "amount")
    )
    done = services.latest_cumulative(ids, as_of.year, months)
    result = {}
    for pk in ids:
        plan = plans.get(pk)
        expected = services.time_progress(plan, months) if plan is not None else None
        result[pk] = services.Progress(as_of.year, months, plan, done.get(pk, Decimal(0)), expected)
    return result


def split_warned(projects: list[Project]) -> dict:
    """Red and yellow projects shown first; the green and unrated ones folded below."""
    warned = [p for p in projects if p.light in (Light.RED, Light.YELLOW)]
    return {"warned": warned, "others": [p for p in projects if p not in warned]}


def progress_text(progress: services.Progress) -> str:
    if not progress.plan:
        return ""
    return _("%(period)s: %(share)s%% of the annual plan, %(expected)s%% of the time-proportional plan") % {
        "period": progress.label,
        "share": progress.share_of_plan,
        "expected": progress.share_of_expected if progress.share_of_expected is not None else "—",
    }


def next_milestones(project_ids, today: datetime.date):
    """Open nodes due (baseline, else plan) within the next 60 days, and the overdue ones."""
    horizon = today + datetime.timedelta(days=MILESTONE_HORIZON_DAYS)
    nodes = (
        Milestone.objects.filter(project_id__in=project_ids, actual_date__isnull=True)
        .annotate(due=Coalesce("baseline_date", "planned_date"))
        .filter(due__lte=horizon)
        .select_related("project")
        .order_by("due", "project__code", "sequence")[:100]
    )
    nodes = list(nodes)
    for m in nodes:
        m.is_late = m.due < today
        m.days_late = (today - m.due).days if m.is_late else 0
        m.lag = services.lag_text(m, today)
        m.project_url = project_url(m.project)
    return nodes


# --- leaders and departments ------------------------------------------------------------------


class LeaderProjectsView(LoginRequiredMixin, View):
    """A leader's 包保 projects: lights and why, progress, open problems, next nodes."""

    def get(self, request, pk):
        leader = get_object_or_404(Leader.objects.visible_to(request.user), pk=pk)
        require_zone_staff(request.user)
        today = evaluation_date()
        projects = Project.objects.visible_to(request.user).filter(leader=leader)
        projects = decorate(projects.select_related("lead_department", "park"), today)
        ids = [p.pk for p in projects]
        problems = scoped_problems(problem_queryset(), request.user).open().filter(project_id__in=ids)
        context = {
            "title": _("Projects of %(leader)s") % {"leader": leader.name},
            "leader": leader,
            "today": today,
            "projects": projects,
            "groups": split_warned(projects),
            "problems": decorate_problems(problems.order_by("deadline", "id"), today),
            "milestones": next_milestones(ids, today),
            "horizon": MILESTONE_HORIZON_DAYS,
            "light_counts": light_counts(projects),
        }
        return render(request, "projects/oversight/leader_projects.html", context)


def light_counts(projects) -> list[dict]:
    counts = dict.fromkeys((Light.RED, Light.YELLOW, Light.GREEN, Light.NONE), 0)
    for p in projects:
        counts[p.light] = counts.get(p.light, 0) + 1
    return [
        {"light": light, "label": Light(light).label, "color": LIGHT_COLORS[light], "count": n}
        for light, n in counts.items()
    ]


@login_required
@require_safe
def my_projects(request):
    """A leader bound to a ``Leader`` goes to their page; anyone else is told why not."""
    leader = Leader.objects.filter(user=request.user).first()
    if leader is not None:
        return redirect("projects:leader_projects", pk=leader.pk)
    return render(request, "projects/oversight/my_projects.html", {"title": _("My projects")})


@login_required
@require_safe
def my_department(request):
    """The reader's department page (部门页): one department goes straight to it, several are
    listed to choose from, none is told why there is nothing to show."""
    require_zone_staff(request.user)
    departments = list(Department.objects.filter(members=request.user))
    if len(departments) == 1:
        return redirect("projects:department_page", pk=departments[0].pk)
    context = {"title": _("My department"), "departments": departments}
    return render(request, "projects/oversight/my_department.html", context)


class DepartmentPageView(LoginRequiredMixin, View):
    """A department's open problems by deadline and the projects it leads."""

    def get(self, request, pk):
        department = get_object_or_404(Department.objects.visible_to(request.user), pk=pk)
        require_zone_staff(request.user)
        today = evaluation_date()
        problems = (
            scoped_problems(problem_queryset(), request.user)
            .open()
            .filter(department=department)
            .order_by("deadline", "id")
        )
        projects = Project.objects.visible_to(request.user).filter(lead_department=department)
        projects = decorate(projects.select_related("leader", "park"), today)
        context = {
            "title": department.name,
            "department": department,
            "today": today,
            "problems": decorate_problems(problems, today),
            "projects": projects,
            "groups": split_warned(projects),
            "can_add": request.user.has_perm("projects.add_problem"),
        }
        return render(request, "projects/oversight/department_page.html", context)


# --- lights -----------------------------------------------------------------------------------


WARNED_SHOWN = 100


class LightsOverviewView(LoginRequiredMixin, View):
    """Counts by light and stage, the red and yellow projects with their reasons, the rules."""

    def get(self, request):
        require_zone_staff(request.user)
        projects = Project.objects.visible_to(request.user)
        rows = projects.values_list("stage", "light").annotate(n=Count("pk")).order_by()
        cells = {(stage, light): n for stage, light, n in rows}
        lights = [Light.RED, Light.YELLOW, Light.GREEN, Light.NONE]
        matrix = [
            {
                "stage": label,
                "code": stage,
                "counts": [(light, cells.get((stage, light), 0)) for light in lights],
                "total": sum(cells.get((stage, light), 0) for light in lights),
            }
            for stage, label in Stage.choices
        ]
        totals = [sum(cells.get((s, light), 0) for s in Stage.values) for light in lights]
        warned = projects.filter(light__in=[Light.RED, Light.YELLOW]).select_related(
            "leader", "lead_department"
        )
        warned_count = warned.count()
        # Red before yellow ("red" < "yellow"); a province-sized ledger shows the first ones
        # and links to the full list in the ledger.
        warned = decorate(warned.order_by("light", "code")[:WARNED_SHOWN], evaluation_date())
        for p in warned:
            p.warnings = warnings(p)
        rules = sorted(services.rules().values(), key=lambda r: r.code)
        for rule in rules:
            rule.admin_url = admin_url(rule) if request.user.is_superuser else None
        context = {
            "title": _("Warning lights"),
            "today": evaluation_date(),
            "lights": [{"code": x, "label": Light(x).label, "color": LIGHT_COLORS[x]} for x in lights],
            "ledger_url": ledger_url(),
            "matrix": matrix,
            "totals": totals,
            "grand_total": sum(totals),
            "warned": warned,
            "warned_count": warned_count,
            "warned_more": max(warned_count - WARNED_SHOWN, 0),
            "rules": rules,
            "can_recompute": can_recompute(request.user),
        }
        return render(request, "projects/oversight/lights_overview.html", context)

    def post(self, request):
        require_zone_staff(request.user)
        if not can_recompute(request.user):
            raise PermissionDenied(_("Only department staff may recompute the lights."))
        changed = services.recompute_lights()
        messages.success(
            request,
            _("Lights recomputed as of %(day)s: %(n)d changed.") % {"day": evaluation_date(), "n": changed},
        )
        return redirect("projects:lights_overview")


def ledger_url() -> str | None:
    try:
        return reverse("projects:project_list")
    except NoReverseMatch:
        return None


def can_recompute(user) -> bool:
    return user.has_perm("projects.change_project")


def admin_url(rule) -> str | None:
    try:
        return reverse("admin:projects_lightrule_change", args=[rule.pk])
    except NoReverseMatch:
        return None


# --- the scheduling pack ----------------------------------------------------------------------

PACK_FORMATS = ("docx", "xlsx", "pdf")
PDF_MISSING = gettext_lazy(
    "The PDF could not be made: LibreOffice is not installed on the server (or failed). "
    "Download the Word file and save it as PDF."
)


class PackView(LoginRequiredMixin, View):
    """The meeting date and three downloads: the pack as .docx, .xlsx and PDF (the .docx
    rendered by LibreOffice; without it on the server the page says so)."""

    def get(self, request):
        require_zone_staff(request.user)
        kind = request.GET.get("format")
        form = PackForm(request.GET if kind else None)
        if kind in PACK_FORMATS and form.is_valid():
            day = form.cleaned_data["meeting_date"]
            try:
                return pack_download(day, kind)
            except documents.ConversionUnavailable:
                messages.error(request, PDF_MISSING)
        context = {
            "title": _("Scheduling pack"),
            "form": form,
            "today": evaluation_date(),
            "pdf_available": documents.soffice() is not None,
        }
        return render(request, "projects/oversight/pack.html", context, status=400 if form.errors else 200)


def pack_download(day, kind: str):
    from . import pack

    builders = {"docx": pack.pack_docx, "xlsx": pack.pack_xlsx, "pdf": pack.pack_pdf}
    name = _("Scheduling pack %(date)s") % {"date": day.isoformat()}
    return file_response(builders[kind](day), f"{name}.{kind}", fallback=f"pack-{day.isoformat()}.{kind}")
