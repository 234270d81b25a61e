"""Filters of the chain pages and API: target lists, nodes, registry companies (``?node=``)."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet
from gaoxin.zone.models import Department, LeadIndustry

from .models import Chain, ChainNode, CompanyMatch, RegistryCompany, TargetList

ID_RANGE = {"min_value": 1, "max_value": 2**63 - 1}  # an absurd id is a 400, not a 500


class ChainFilterSet(BaseFilterSet):
    search_fields = ("code", "name")
    lead_industry = filters.ModelChoiceFilter(queryset=LeadIndustry.objects.all(), label=_("Lead industry"))

    class Meta:
        model = Chain
        fields = ["q", "lead_industry"]


class ChainNodeFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "keywords")
    chain = filters.NumberFilter(field_name="chain_id", label=_("Chain id"), **ID_RANGE)
    segment = filters.ChoiceFilter(choices=ChainNode.Segment.choices, label=_("Segment"))

    class Meta:
        model = ChainNode
        fields = ["q", "chain", "segment"]


class RegistryCompanyFilterSet(BaseFilterSet):
    """``?node=<id>``: the companies classified onto the node (best score first when no
    other order is asked for)."""

    search_fields = ("name", "uscc")
    node = filters.NumberFilter(method="filter_node", label=_("Chain node id"), **ID_RANGE)
    region = filters.CharFilter(field_name="region_code", lookup_expr="startswith", label=_("Region code"))
    capital_min = filters.NumberFilter(
        field_name="registered_capital", lookup_expr="gte", label=_("Registered capital at least (万元)")
    )
    established_after = filters.DateFilter(
        field_name="established", lookup_expr="gte", label=_("Established from")
    )

    class Meta:
        model = RegistryCompany
        fields = ["q", "node", "region", "capital_min", "established_after"]

    def filter_node(self, queryset, name, value):
        if value is None:
            return queryset
        matched = CompanyMatch.objects.filter(node_id=value).values("company_id")
        return queryset.filter(pk__in=matched)


class TargetListFilterSet(BaseFilterSet):
    search_fields = ("name", "description")
    department = filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Department"))

    class Meta:
        model = TargetList
        fields = ["q", "department"]
