import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet
from gaoxin.zone.models import Department, Park

from .models import DataSet, Indicator, Observation, Scope, Submission, Target


class IndicatorFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "name_en", "aliases")
    kind = filters.ChoiceFilter(choices=Indicator.Kind.choices, label=_("Kind"))
    department = filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Owner department"))

    class Meta:
        model = Indicator
        fields = ["q", "kind", "department"]


class ObservationFilterSet(BaseFilterSet):
    search_fields = ("indicator__name", "enterprise__name", "enterprise__uscc", "source_file")
    indicator = filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), to_field_name="code", label=_("Indicator")
    )
    scope = filters.ChoiceFilter(choices=Scope.choices, label=_("Scope"))
    park = filters.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"), method="in_park")
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    year = filters.NumberFilter(label=_("Year"))
    month = filters.NumberFilter(label=_("Month"))
    source = filters.ChoiceFilter(choices=Observation.Source.choices, label=_("Source"))
    status = filters.ChoiceFilter(choices=Observation.Status.choices, label=_("Figure status"))

    class Meta:
        model = Observation
        fields = ["q", "indicator", "scope", "park", "year", "month", "source", "status", "enterprise"]

    def in_park(self, queryset, name, value):
        """A park's own values and those of the enterprises in it (what its totals sum)."""
        if not value:
            return queryset
        return queryset.filter(Q(park=value) | Q(enterprise__park=value))


class TargetFilterSet(BaseFilterSet):
    search_fields = ("indicator__name", "note")
    year = filters.NumberFilter(label=_("Year"))
    indicator = filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), to_field_name="code", label=_("Indicator")
    )

    class Meta:
        model = Target
        fields = ["q", "year", "indicator"]


class SubmissionFilterSet(BaseFilterSet):
    search_fields = ("data_set__name", "enterprise__name", "department__name")
    data_set = filters.ModelChoiceFilter(
        queryset=DataSet.objects.all(), to_field_name="code", label=_("Data set")
    )
    status = filters.ChoiceFilter(choices=Submission.Status.choices, label=_("Status"))
    year = filters.NumberFilter(label=_("Year"))
    month = filters.NumberFilter(label=_("Month"))

    class Meta:
        model = Submission
        fields = ["q", "data_set", "status", "year", "month"]


class DataSetFilterSet(BaseFilterSet):
    search_fields = ("name", "code")
    scope = filters.ChoiceFilter(choices=Scope.choices, label=_("Reported by"))

    class Meta:
        model = DataSet
        fields = ["q", "scope"]
