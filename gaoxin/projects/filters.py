"""Filters of the key projects, one FilterSet per model shared by the page, the API and the
export: ``?lists=<code>`` names a project list by its stable code everywhere (the page's
choice, the API's query and the goals' links)."""

import django_filters as filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet, id_filter
from gaoxin.zone.models import Department, Leader, LeadIndustry, Park, evaluation_date

from .models import Investment, Light, Milestone, Problem, ProblemCategory, Project, ProjectList, Stage


class ProjectFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "owner_name", "enterprise__name")
    park = filters.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"))
    lead_industry = filters.ModelChoiceFilter(queryset=LeadIndustry.objects.all(), label=_("Lead industry"))
    stage = filters.ChoiceFilter(choices=Stage.choices, label=_("Stage"))
    light = filters.ChoiceFilter(choices=Light.choices, label=_("Light"))
    lists = filters.ModelChoiceFilter(
        field_name="lists",
        queryset=ProjectList.objects.all(),
        to_field_name="code",
        label=_("Project list"),
        distinct=True,
    )
    leader = filters.ModelChoiceFilter(queryset=Leader.objects.all(), label=_("Responsible leader (包保)"))
    lead_department = filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Lead department (牵头)")
    )
    # The API's ``?enterprise=<id>``; no field of its own on the page (hidden).
    enterprise = id_filter("enterprise_id", _("Enterprise id"), widget=forms.HiddenInput)
    nature = filters.ChoiceFilter(choices=Project.Nature.choices, label=_("Construction nature"))
    investment_min = filters.NumberFilter(
        field_name="total_investment", lookup_expr="gte", label=_("Total investment ≥ (万元)")
    )
    investment_max = filters.NumberFilter(
        field_name="total_investment", lookup_expr="lte", label=_("Total investment ≤ (万元)")
    )
    production_year = filters.NumberFilter(
        field_name="production_date",
        lookup_expr="year",
        label=_("Put into production in (year)"),
        min_value=1990,
        max_value=2100,
    )

    class Meta:
        model = Project
        fields = [
            "q",
            "park",
            "lead_industry",
            "stage",
            "light",
            "lists",
            "leader",
            "lead_department",
            "enterprise",
            "nature",
            "investment_min",
            "investment_max",
            "production_year",
        ]

    def search_placeholder(self) -> str:
        return str(_("Code, name or owner"))


# true/false as the API's other booleans (``?open=true``), shown as Yes/No on the page.
YES_NO = (("true", _("Yes")), ("false", _("No")))


def raisers(request=None):
    """Users who have raised at least one problem (the "raised by" choices)."""
    return get_user_model().objects.filter(raised_problems__isnull=False).distinct().order_by("username")


class ProblemFilterSet(BaseFilterSet):
    search_fields = ("description", "feedback", "project__name", "project__code")
    status = filters.ChoiceFilter(choices=Problem.Status.choices, label=_("Status"))
    category = filters.ModelChoiceFilter(queryset=ProblemCategory.objects.all(), label=_("Category"))
    department = filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Department"))
    project = filters.ModelChoiceFilter(queryset=Project.objects.all(), label=_("Project"))
    overdue = filters.ChoiceFilter(choices=YES_NO, method="filter_overdue", label=_("Overdue"))
    raised_by = filters.ModelChoiceFilter(queryset=raisers, label=_("Raised by"))

    class Meta:
        model = Problem
        fields = ["q", "status", "category", "department", "project", "overdue", "raised_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the projects the user may see can be chosen (an enterprise user never names
        # another firm's project).
        if self.request is not None:
            field = self.form.fields["project"]
            field.queryset = Project.objects.visible_to(self.request.user).only("pk", "name", "code")
        self.form.fields["raised_by"].label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def search_placeholder(self) -> str:
        return str(_("Description, feedback or project"))

    def filter_overdue(self, queryset, name, value):
        """Overdue = still open and past its deadline on the evaluation date."""
        if value not in ("true", "false"):
            return queryset
        overdue = Problem.objects.overdue(evaluation_date()).values("pk")
        return queryset.filter(pk__in=overdue) if value == "true" else queryset.exclude(pk__in=overdue)


class InvestmentFilterSet(BaseFilterSet):
    search_fields = ("project__code", "project__name", "note")
    project = id_filter("project_id", _("Project id"))
    year = filters.NumberFilter(label=_("Year"), min_value=1990, max_value=2100)
    month = filters.NumberFilter(label=_("Month"), min_value=1, max_value=12)

    class Meta:
        model = Investment
        fields = ["q", "project", "year", "month"]


class MilestoneFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "project__name", "project__code")
    project = id_filter("project_id", _("Project id"))
    code = filters.CharFilter(label=_("Code"))
    open = filters.BooleanFilter(field_name="actual_date", lookup_expr="isnull", label=_("Not done yet"))

    class Meta:
        model = Milestone
        fields = ["q", "project", "code", "open"]
