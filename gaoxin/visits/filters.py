"""One FilterSet per model for the list page, the API and the export."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet
from gaoxin.zone.models import Department, Leader

from .models import FLAG_FIELDS, Flag, Visit, VisitPlan, VisitQuestion

FLAG_CHOICES = [(f.value, f.label) for f in FLAG_FIELDS]


def filter_flag(queryset, name, value):
    field = FLAG_FIELDS.get(Flag(value)) if value in Flag.values and value else None
    if field is None:
        return queryset.flagged() if value == "any" else queryset
    return queryset.filter(**{field: True})


class VisitFilterSet(BaseFilterSet):
    """Serves the visits list, 走访发现 (each firm's latest flagged visit) and /api/visits/."""

    search_fields = ("enterprise__name", "enterprise__uscc", "visitors", "people_met", "notes")
    flag = filters.ChoiceFilter(
        choices=[("any", _("Any flag")), *FLAG_CHOICES], label=_("Flag"), method="filter_flag"
    )
    year = filters.NumberFilter(field_name="visited_on__year", label=_("Year"))
    leader = filters.ModelChoiceFilter(queryset=Leader.objects.all(), label=_("Leader"))
    department = filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Department"))
    plan = filters.NumberFilter(field_name="plan_id", label=_("Plan id"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = Visit
        fields = ["q", "flag", "year", "leader", "department", "plan", "enterprise"]

    def filter_flag(self, queryset, name, value):
        return filter_flag(queryset, name, value)

    def search_placeholder(self) -> str:
        return str(_("Enterprise, visitors or notes"))


class VisitPlanFilterSet(BaseFilterSet):
    search_fields = ("name", "note", "firms__name")
    year = filters.NumberFilter(field_name="year", label=_("Year"))
    status = filters.ChoiceFilter(choices=VisitPlan.Status.choices, label=_("Status"))
    leader = filters.ModelChoiceFilter(queryset=Leader.objects.all(), label=_("Leader"))
    department = filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Department"))
    enterprise = filters.NumberFilter(field_name="firms", label=_("Enterprise id"), distinct=True)

    class Meta:
        model = VisitPlan
        fields = ["q", "year", "status", "leader", "department", "enterprise"]

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class VisitQuestionFilterSet(BaseFilterSet):
    search_fields = ("code", "text")
    kind = filters.ChoiceFilter(choices=VisitQuestion.Kind.choices, label=_("Kind of answer"))
    flag = filters.ChoiceFilter(choices=FLAG_CHOICES, label=_("Flag raised"))
    active = filters.BooleanFilter(label=_("Asked"))

    class Meta:
        model = VisitQuestion
        fields = ["q", "kind", "flag", "active"]
