"""One FilterSet per model for the list page, the API and the export."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet

from .models import FirmRequest, RequestCategory


class FirmRequestFilterSet(BaseFilterSet):
    search_fields = ("title", "text", "enterprise__name")
    status = filters.ChoiceFilter(choices=FirmRequest.Status.choices, label=_("Status"))
    category = filters.ModelChoiceFilter(queryset=RequestCategory.objects.all(), label=_("Category"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    department = filters.NumberFilter(field_name="department_id", label=_("Department id"))
    year = filters.NumberFilter(field_name="raised_on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = FirmRequest
        fields = ["q", "status", "category", "year", "enterprise", "department"]

    def search_placeholder(self) -> str:
        return str(_("Subject, text or enterprise"))
