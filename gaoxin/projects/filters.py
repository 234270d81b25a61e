"""Filters of the project ledger: one FilterSet for the list page, the API and the export."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet
from gaoxin.zone.models import Department, Leader, LeadIndustry, Park

from .models import Light, Project, ProjectList, Stage


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
