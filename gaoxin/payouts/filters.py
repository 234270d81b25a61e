"""One FilterSet per model for the list page, the API and the export."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet, DateInput
from gaoxin.zone.models import Park

from .models import BudgetLine, Payout, Programme


class PayoutFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__uscc", "document_number", "note")
    programme = filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), to_field_name="code", label=_("Programme")
    )
    year = filters.NumberFilter(field_name="paid_on__year", label=_("Year"))
    budget_line = filters.ModelChoiceFilter(queryset=BudgetLine.objects.all(), label=_("Budget line"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    park = filters.ModelChoiceFilter(
        field_name="enterprise__park", queryset=Park.objects.all(), label=_("Park")
    )
    paid_from = filters.DateFilter(
        field_name="paid_on", lookup_expr="gte", label=_("Paid from"), widget=DateInput
    )
    paid_to = filters.DateFilter(
        field_name="paid_on", lookup_expr="lte", label=_("Paid until"), widget=DateInput
    )

    class Meta:
        model = Payout
        fields = ["q", "programme", "year", "budget_line", "park", "paid_from", "paid_to", "enterprise"]

    def search_placeholder(self) -> str:
        return str(_("Enterprise, credit code or document number"))


class ProgrammeFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "description")
    kind = filters.ChoiceFilter(choices=Programme.Kind.choices, label=_("Kind"))

    class Meta:
        model = Programme
        fields = ["q", "kind", "department"]
