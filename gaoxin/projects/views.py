"""Ledger pages of the key projects: the list, a project's tabs (profile with 包保, stage and
attachments; investment; schedule; lights; history) and the forms that post to
``services``. Classes on core's generic views; the rules stay in ``services``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core import roles
from gaoxin.core.downloads import serve_stored_file
from gaoxin.core.permissions import require_change
from gaoxin.core.templatetags.gaoxin import yi
from gaoxin.core.views import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    require_perm,
)
from gaoxin.zone.models import evaluation_date

from . import services
from .filters import ProjectFilterSet
from .forms import (
    AttachmentForm,
    InvestmentForm,
    InvestmentPlanForm,
    MilestoneForm,
    ProjectForm,
    ScheduleCreateForm,
    StageForm,
    apply_errors,
)
from .models import InvestmentPlan, LightChange, Milestone, Project, ScheduleTemplate
from .services.permissions import project_refusal
from .tables import ProjectTable, with_year_progress

DETAIL_RELATED = (
    "park",
    "lead_industry",
    "enterprise",
    "leader",
    "lead_department",
    "template",
    "baseline_by",
)


def project_list_queryset(as_of, months: int):
    return with_year_progress(
        Project.objects.select_related("park", "lead_industry", "enterprise", "leader", "lead_department"),
        as_of,
        months,
    ).prefetch_related("lists")


def project_tabs(obj, user) -> list[dict]:
    counts = Project.objects.filter(pk=obj.pk).aggregate(
        n=Count("milestones", distinct=True), i=Count("investments", distinct=True)
    )
    tabs = [
        (
            "profile",
            gettext_lazy("Profile"),
            "projects:project_detail",
            None,
        ),
        ("investment", gettext_lazy("Investment progress"), "projects:project_investment", counts["i"]),
        ("schedule", gettext_lazy("Backward schedule"), "projects:project_schedule", counts["n"]),
        ("lights", gettext_lazy("Light history"), "projects:project_lights", None),
    ]
    if roles.sees_whole_zone(user):
        tabs.append(("history", gettext_lazy("History"), "projects:project_history", None))
    return [
        {"code": code, "label": label, "url": reverse(name, args=[obj.pk]), "count": count}
        for code, label, name, count in tabs
    ]


def may_record_investment(user, project: Project) -> bool:
    """The rule of ``services.investment_record``: the lead department or the owner firm."""
    return services.project_may_edit(user, project) or services.owner_may_report(user, project)


# --- list -----------------------------------------------------------------------------------


class ProjectListView(ObjectListView):
    queryset = Project.objects.all()
    filterset_class = ProjectFilterSet
    table_class = ProjectTable
    add_url_name = "projects:project_add"
    import_kind = "projects"
    title = gettext_lazy("Key projects")

    def get_queryset(self):
        # The year's plan and progress follow the evaluation date, read per request.
        self.as_of = evaluation_date()
        self.months = services.reported_months(self.as_of)  # the investment period due on the day
        return project_list_queryset(self.as_of, self.months).visible_to(self.request.user)

    def table_kwargs(self) -> dict:
        return {"as_of": self.as_of, "months": self.months}

    def summary(self, queryset) -> str:
        """The filtered projects' total investment (a list's 总投资, e.g. the 四重 list's)."""
        total = Project.objects.filter(pk__in=queryset.values("pk")).aggregate(s=Sum("total_investment"))["s"]
        return _("total investment %(yi)s 亿元") % {"yi": yi(total or 0)}


# --- detail tabs ------------------------------------------------------------------------------


class ProjectDetailMixin:
    queryset = Project.objects.select_related(*DETAIL_RELATED)
    base_template = "projects/ledger/project_base.html"
    tabs = staticmethod(project_tabs)

    def base_context(self, obj) -> dict:
        user = self.request.user
        return {
            **super().base_context(obj),
            "may_edit": services.project_may_edit(user, obj),
            "today": evaluation_date(),
        }

    def render_tab(self, obj, extra: dict, status: int = 200):
        context = {**self.base_context(obj), **self.get_context(obj), **extra}
        return render(self.request, self.template_name, context, status=status)


class ProjectActionMixin:
    """POST a form to a service from a tab: success → message and back to the tab; a rule
    broken → the tab again with the errors on the form (400) and nothing saved."""

    form_class = None
    form_name = None

    def make_form(self, obj, data=None, files=None):
        return self.form_class(data, files)

    def may_act(self, user, obj) -> bool:
        """The service's own rule, asked before the form: a reader who may not act is refused
        (403) whatever the form holds, not shown the form's errors (the scope sweep)."""
        return True

    def perform(self, obj, form) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return redirect(self.success_url(self.get_object()))

    def success_url(self, obj) -> str:
        return reverse(
            f"projects:project_{self.tab}" if self.tab != "profile" else "projects:project_detail",
            args=[obj.pk],
        )

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        require_perm(request.user, Project, "view")
        if not self.may_act(request.user, obj):
            raise PermissionDenied(project_refusal(obj))
        form = self.make_form(obj, request.POST, request.FILES)
        if form.is_valid():
            try:
                message = self.perform(obj, form)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, message)
                return redirect(self.success_url(obj))
        obj.refresh_from_db()
        return self.render_tab(obj, {self.form_name: form}, status=400)


def project_problems(project: Project) -> list:
    """The project's problems, open ones first by deadline, each marked when overdue."""
    today = evaluation_date()
    problems = sorted(
        project.problems.select_related("category", "department"),
        key=lambda p: (p.status == p.Status.CLOSED, p.deadline),
    )
    for problem in problems:
        problem.days_overdue = (today - problem.deadline).days if problem.is_overdue(today) else 0
    return problems


class ProjectDetailView(ProjectDetailMixin, ObjectDetailView):
    template_name = "projects/ledger/project_detail.html"

    def get_context(self, obj) -> dict:
        may_edit = services.project_may_edit(self.request.user, obj)
        return {
            "reasons": obj.light_reasons or [],
            "team": obj.team.all(),
            "lists": obj.lists.all(),
            "stage_changes": obj.stage_changes.select_related("user"),
            "problems": project_problems(obj),
            "may_raise_problem": self.request.user.has_perm("projects.add_problem"),
            "attachments": obj.attachments.select_related("uploaded_by"),
            "stage_form": StageForm(project=obj) if may_edit else None,
            "attachment_form": AttachmentForm(user=self.request.user)
            if may_edit and self.request.user.has_perm("projects.add_attachment")
            else None,
        }


class ProjectStageView(ProjectActionMixin, ProjectDetailView):
    form_name = "stage_form"

    def may_act(self, user, obj) -> bool:
        return services.project_may_edit(user, obj)

    def make_form(self, obj, data=None, files=None):
        return StageForm(data, project=obj)

    def perform(self, obj, form) -> str:
        data = form.cleaned_data
        change = services.stage_change(
            project=obj,
            to_stage=data["to_stage"],
            date=data["date"],
            reason=data["reason"],
            user=self.request.user,
        )
        return _("Stage changed to %(stage)s.") % {"stage": change.get_to_stage_display()}


class AttachmentAddView(ProjectActionMixin, ProjectDetailView):
    form_name = "attachment_form"

    def may_act(self, user, obj) -> bool:
        return services.project_may_edit(user, obj) and user.has_perm("projects.add_attachment")

    def make_form(self, obj, data=None, files=None):
        return AttachmentForm(data, files, user=self.request.user)

    def perform(self, obj, form) -> str:
        user = self.request.user
        if not (services.project_may_edit(user, obj) and user.has_perm("projects.add_attachment")):
            raise PermissionDenied(_("Only the lead department may add attachments."))
        attachment = form.save(commit=False)
        attachment.project, attachment.uploaded_by = obj, user
        attachment.save()
        return _("Attachment %(title)s added.") % {"title": attachment.title}


class AttachmentDeleteView(ProjectDetailView):
    def get(self, request, *args, **kwargs):
        return redirect(self.get_object().get_absolute_url())

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        attachment = get_object_or_404(obj.attachments, pk=kwargs["attachment_pk"])
        if not services.project_may_edit(request.user, obj):
            raise PermissionDenied(_("Only the lead department may delete attachments."))
        attachment.delete()
        messages.success(request, _("Attachment %(title)s deleted.") % {"title": attachment.title})
        return redirect(obj.get_absolute_url())


class AttachmentFileView(ProjectDetailView):
    """Files are read through the project (scope), never from a public media URL."""

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        require_perm(request.user, Project, "view")
        if "attachment_pk" in kwargs:
            stored = get_object_or_404(obj.attachments, pk=kwargs["attachment_pk"]).file
        else:
            stored = obj.plan_document
        return serve_stored_file(stored)


class ProjectInvestmentView(ProjectActionMixin, ProjectDetailMixin, ObjectDetailView):
    """This year's plan, completed and time-proportional progress; the annual plans; the
    monthly cumulative values; POST records a month through ``services.investment_record``."""

    template_name = "projects/ledger/project_investment.html"
    tab = "investment"
    form_name = "investment_form"

    def may_act(self, user, obj) -> bool:
        return may_record_investment(user, obj)

    def get(self, request, *args, **kwargs):
        return ObjectDetailView.get(self, request, *args, **kwargs)

    def make_form(self, obj, data=None, files=None):
        as_of = evaluation_date()
        return InvestmentForm(
            data, initial={"year": as_of.year, "month": services.complete_months(as_of) or 1}
        )

    def get_context(self, obj) -> dict:
        as_of = evaluation_date()
        rows = list(obj.investments.select_related("entered_by", "submission"))
        previous = {}
        for row in sorted(rows, key=lambda r: (r.year, r.month)):
            before = previous.get(row.year)
            row.increment = row.cumulative - before if before is not None else row.cumulative
            previous[row.year] = row.cumulative
        user = self.request.user
        return {
            "progress": services.list_progress(Project.objects.filter(pk=obj.pk), as_of=as_of),
            "plans": obj.plans.all(),
            "investments": rows,
            "completed_to_date": services.completed_before(obj, as_of.year + 1),
            "may_plan": services.project_may_edit(user, obj) and user.has_perm("projects.add_investmentplan"),
            "investment_form": self.make_form(obj) if may_record_investment(user, obj) else None,
        }

    def perform(self, obj, form) -> str:
        data = form.cleaned_data
        services.investment_record(
            project=obj,
            year=data["year"],
            month=data["month"],
            cumulative=data["cumulative"],
            note=data["note"],
            user=self.request.user,
        )
        return _("Completed investment of %(year)d months 1–%(month)d recorded.") % {
            "year": data["year"],
            "month": data["month"],
        }


class ProjectScheduleView(ProjectDetailMixin, ObjectDetailView):
    template_name = "projects/ledger/project_schedule.html"
    tab = "schedule"

    def get_context(self, obj) -> dict:
        today = evaluation_date()
        nodes = list(obj.milestones.prefetch_related("predecessors"))
        may_edit = services.project_may_edit(self.request.user, obj)
        for node in nodes:
            node.lag = services.lag_text(node, today)
            node.lag_days_value = node.lag_days(today)
            node.form = MilestoneForm(
                initial={
                    "planned_date": node.planned_date,
                    "actual_date": node.actual_date,
                    "note": node.note,
                },
                prefix=f"n{node.pk}",
                form_id=f"node-{node.pk}",
            )
        return {
            "nodes": nodes,
            "chart": schedule_chart(nodes, today),
            "chart_height": 70 + 34 * len(nodes),
            "schedule_form": ScheduleCreateForm(initial={"target": obj.planned_completion})
            if may_edit and not obj.baseline_at
            else None,
            "has_templates": ScheduleTemplate.objects.exists(),
        }


def schedule_chart(nodes: list[Milestone], today) -> dict:
    """Data of the timeline: per node its baseline, planned and actual dates (ISO text)."""

    def iso(day):
        return day.isoformat() if day else None

    return {
        "names": [n.name for n in nodes],
        "durations": [n.duration_days for n in nodes],
        "baseline": [iso(n.baseline_date) for n in nodes],
        "planned": [iso(n.planned_date) for n in nodes],
        "actual": [iso(n.actual_date) for n in nodes],
        "today": today.isoformat(),
        "labels": {
            "baseline": _("Baseline"),
            "planned": _("Planned"),
            "actual": _("Actual"),
            "today": _("Today"),
        },
    }


class ScheduleCreateView(ProjectActionMixin, ProjectScheduleView):
    form_name = "schedule_form"
    form_class = ScheduleCreateForm

    def may_act(self, user, obj) -> bool:
        return services.project_may_edit(user, obj)

    def perform(self, obj, form) -> str:
        data = form.cleaned_data
        nodes = services.schedule_create(
            project=obj, template=data["template"], target=data["target"], user=self.request.user
        )
        return _("Schedule of %(n)d nodes computed backwards from %(date)s.") % {
            "n": len(nodes),
            "date": data["target"],
        }


class BaselineApproveView(ProjectActionMixin, ProjectScheduleView):
    form_name = "baseline_form"

    def may_act(self, user, obj) -> bool:
        return services.project_may_edit(user, obj)

    def make_form(self, obj, data=None, files=None):
        from django import forms

        return forms.Form(data)

    def perform(self, obj, form) -> str:
        services.baseline_approve(project=obj, user=self.request.user)
        return _("Baseline approved: the nodes are now judged against these dates.")


class MilestoneUpdateView(ProjectActionMixin, ProjectScheduleView):
    form_name = "node_form"

    def node(self, obj) -> Milestone:
        return get_object_or_404(
            obj.milestones.prefetch_related("predecessors", "successors"), pk=self.kwargs["node_pk"]
        )

    def make_form(self, obj, data=None, files=None):
        pk = self.kwargs["node_pk"]
        return MilestoneForm(data, prefix=f"n{pk}", form_id=f"node-{pk}")

    def perform(self, obj, form) -> str:
        node = self.node(obj)
        data = form.cleaned_data
        fields = [f for f in ("planned_date", "actual_date") if data[f] != getattr(node, f)]
        services.milestone_update(
            milestone=node,
            user=self.request.user,
            planned_date=data["planned_date"],
            actual_date=data["actual_date"],
            note=data["note"],
            fields=fields,
        )
        return _("Node %(node)s saved.") % {"node": node.name}

    def render_tab(self, obj, extra: dict, status: int = 200):
        context = {**self.base_context(obj), **self.get_context(obj)}
        form = extra.get("node_form")
        for node in context["nodes"]:
            if node.pk == self.kwargs["node_pk"]:
                node.form = form
        return render(self.request, self.template_name, context, status=status)


class ProjectLightsView(ProjectDetailMixin, ObjectDetailView):
    template_name = "projects/ledger/project_lights.html"
    tab = "lights"

    def get_context(self, obj) -> dict:
        return {"changes": LightChange.objects.filter(project=obj)}


class ProjectHistoryView(ProjectDetailMixin, ObjectHistoryView):
    pass


# --- edit -----------------------------------------------------------------------------------


class ProjectEditView(ObjectEditView):
    """Only the lead department edits a project: the project's change rule, asked by the
    core edit view (``services.permissions``)."""

    queryset = Project.objects.select_related("lead_department")
    form_class = ProjectForm
    template_name = "projects/ledger/project_form.html"


class InvestmentPlanEditView(ObjectEditView):
    queryset = InvestmentPlan.objects.select_related("project")
    form_class = InvestmentPlanForm
    parent_queryset = Project.objects.all()
    parent_field = "project"

    def get_parent(self, obj):
        project = super().get_parent(obj)
        require_change(self.request.user, project)
        return project

    def get_queryset(self):
        # Plans are zone data like the ledger: scoped through their project.
        projects = Project.objects.visible_to(self.request.user)
        return self.queryset.all().filter(project__in=projects)

    def get_form(self, obj, data=None, files=None, parent=None):
        form = super().get_form(obj, data, files, parent=parent)
        project = parent or obj.project
        # A plan has no page of its own: saving (and cancelling) goes back to the tab.
        url = reverse("projects:project_investment", args=[project.pk])
        form.instance.get_absolute_url = lambda: url
        return form
