"""Filters of the key-project pages, one FilterSet per model shared by the page, the API and the export."""

import django_filters as filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet
from gaoxin.zone.models import Department, Leader, LeadIndustry, Park, evaluation_date

from .models import Light, Problem, ProblemCategory, Project, ProjectList, Stage


class ProjectFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "owner_name", "enterprise__name")
    park = filters.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"))
    lead_industry = filters.ModelChoiceFilter(queryset=LeadIndustry.objects.all(), label=_("Lead industry"))
    stage = filters.ChoiceFilter(choices=Stage.choices, label=_("Stage"))
    light = filters.ChoiceFilter(choices=Light.choices, label=_("Light"))
    lists = filters.ModelChoiceFilter(
        field_name="lists", queryset=ProjectList.objects.all(), label=_("Project list"), distinct=True
    )
    leader = filters.ModelChoiceFilter(queryset=Leader.objects.all(), label=_("Responsible leader (包保)"))
    lead_department = filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Lead department (牵头)")
    )
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
            "nature",
            "investment_min",
            "investment_max",
            "production_year",
        ]

    def search_placeholder(self) -> str:
        return str(_("Code, name or owner"))


YES_NO = (("yes", _("Yes")), ("no", _("No")))


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
        today = evaluation_date()
        if value == "yes":
            return queryset.overdue(today)
        if value == "no":
            return queryset.not_overdue(today)
        return queryset
