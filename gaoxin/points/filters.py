"""One FilterSet per model for the list page, the API and the export."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet, DateInput

from .models import Consent, PointLoan, PointScheme


class PointSchemeFilterSet(BaseFilterSet):
    search_fields = ("name", "source", "note")

    class Meta:
        model = PointScheme
        fields = ["q", "is_example"]


class ConsentFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__uscc", "bank")
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    bank = filters.CharFilter(field_name="bank", label=_("Bank"))
    valid_on = filters.DateFilter(method="filter_valid_on", label=_("Valid on"), widget=DateInput)

    class Meta:
        model = Consent
        fields = ["q", "bank", "valid_on", "enterprise"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value) if value else queryset


class PointLoanFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__uscc", "bank", "note")
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    bank = filters.CharFilter(field_name="bank", label=_("Bank"))
    year = filters.NumberFilter(field_name="granted_on__year", label=_("Year"))

    class Meta:
        model = PointLoan
        fields = ["q", "bank", "year", "enterprise"]
