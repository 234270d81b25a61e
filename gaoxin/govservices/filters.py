"""One FilterSet for the catalogue's page, the API and the export."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet

from .models import Channel, ItemKind, ServiceItem


class ServiceItemFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "department", "legal_basis", "materials")
    department = filters.CharFilter(lookup_expr="icontains", label=_("Department"))
    kind = filters.ChoiceFilter(choices=ItemKind.choices, label=_("Kind"))
    channel = filters.ChoiceFilter(choices=Channel.choices, label=_("Handled"))
    within_days = filters.NumberFilter(
        field_name="time_limit_workdays", lookup_expr="lte", label=_("Done within (working days)")
    )
    integrated = filters.BooleanFilter(label=_("集成办"))
    cross_region = filters.BooleanFilter(label=_("跨区域办"))
    promised = filters.BooleanFilter(label=_("承诺办"))
    no_application = filters.BooleanFilter(label=_("免申办"))
    smart = filters.BooleanFilter(label=_("智能办"))
    is_example = filters.BooleanFilter(label=_("Example"))

    class Meta:
        model = ServiceItem
        fields = [
            "q",
            "department",
            "kind",
            "channel",
            "within_days",
            "integrated",
            "cross_region",
            "promised",
            "no_application",
            "smart",
            "is_example",
        ]

    def search_placeholder(self) -> str:
        return str(_("Item, code, department, legal basis or material"))
