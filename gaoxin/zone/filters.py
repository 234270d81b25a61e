import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet

from .models import CalendarOverride, Park


class ParkFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "description")
    kind = filters.ChoiceFilter(choices=Park.Kind.choices, label=_("Kind"))

    class Meta:
        model = Park
        fields = ["q", "kind"]


class CalendarOverrideFilterSet(BaseFilterSet):
    search_fields = ("reason",)
    year = filters.NumberFilter(field_name="date__year", label=_("Year"), min_value=1, max_value=9999)
    is_workday = filters.BooleanFilter(label=_("Working day"))

    class Meta:
        model = CalendarOverride
        fields = ["q", "year", "is_workday"]
