"""One FilterSet per model for the list pages, the API and the exports."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet, id_filter

from .models import Clause, Disbursement, DisbursementStage, Policy


class PolicyFilterSet(BaseFilterSet):
    search_fields = ("title", "issuer", "number", "summary")
    status = filters.ChoiceFilter(choices=Policy.Status.choices, label=_("Status"))
    scope = filters.ChoiceFilter(choices=Policy.Scope.choices, label=_("Scope"))
    issuer = filters.CharFilter(lookup_expr="icontains", label=_("Issuer"))

    class Meta:
        model = Policy
        fields = ["q", "status", "scope", "issuer"]


class ClauseFilterSet(BaseFilterSet):
    search_fields = ("code", "title", "rule", "policy__title", "budget_line")
    policy = filters.ModelChoiceFilter(queryset=Policy.objects.all(), label=_("Policy"))
    status = filters.ChoiceFilter(
        field_name="policy__status", choices=Policy.Status.choices, label=_("Status")
    )

    class Meta:
        model = Clause
        fields = ["q", "policy", "status", "repeatable"]


class DisbursementFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "clause__title", "clause__policy__title", "document_no", "bank_ref")
    stage = filters.ChoiceFilter(choices=DisbursementStage.choices, label=_("Stage"))
    year = filters.NumberFilter(label=_("Year"))
    clause = filters.ModelChoiceFilter(queryset=Clause.objects.all(), label=_("Clause"))
    enterprise = id_filter("enterprise", _("Enterprise"))  # a number, never a list of every firm

    class Meta:
        model = Disbursement
        fields = ["q", "stage", "year", "clause", "enterprise"]
