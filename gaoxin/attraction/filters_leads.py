"""Filters of the lead list/board/API and of the activity list (one FilterSet each)."""

import django_filters as filters
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gaoxin.chains.models import ChainNode
from gaoxin.core.filters import BaseFilterSet, DateInput, id_filter
from gaoxin.zone.models import Department, LeadIndustry, evaluation_date

from . import services_leads as services
from .models import Activity, Lead, LeadStage, Region


class LeadFilterSet(BaseFilterSet):
    stage = filters.ChoiceFilter(choices=LeadStage.choices, label=_("Stage"))
    owner = filters.ModelChoiceFilter(
        queryset=User.objects.filter(leads__isnull=False).distinct().order_by("username"), label=_("Owner")
    )
    department = filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Department"))
    lead_industry = filters.ModelChoiceFilter(queryset=LeadIndustry.objects.all(), label=_("Lead industry"))
    node = filters.ModelChoiceFilter(
        queryset=ChainNode.objects.select_related("chain").all(), label=_("Chain node")
    )
    overdue = filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = Lead
        fields = ["q", "stage", "owner", "department", "lead_industry", "node", "overdue"]

    def search_placeholder(self) -> str:
        return str(_("Company, code name, code, contact"))

    def search(self, queryset, name, value):
        """Confidential leads of other departments match only by code name and code: the
        company, contact and source are searched where ``visible_to`` does not hide them
        (``company_hidden``); a queryset read without a reader searches neither."""
        value = value.strip()
        if not value:
            return queryset
        public = Q(code_name__icontains=value) | Q(code__icontains=value)
        private = Q(company_name__icontains=value) | Q(contact__icontains=value) | Q(source__icontains=value)
        if "company_hidden" not in queryset.query.annotations:
            return queryset.filter(public)
        return queryset.filter(public | (private & Q(company_hidden=False)))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = services.overdue_leads(Lead.objects.all(), evaluation_date()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class ActivityFilterSet(BaseFilterSet):
    search_fields = ("title", "notes", "city", "company_names", "participants_note")
    since = filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"), widget=DateInput)
    until = filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"), widget=DateInput)
    kind = filters.ChoiceFilter(choices=Activity.Kind.choices, label=_("Type"))
    region = filters.ModelChoiceFilter(queryset=Region.objects.all(), label=_("Region"))
    department = filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Department"))
    company = id_filter("companies", _("Registry company id"), distinct=True)

    class Meta:
        model = Activity
        fields = ["q", "since", "until", "kind", "region", "department", "company"]
