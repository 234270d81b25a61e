import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import ID_RANGE, BaseFilterSet
from gaoxin.enterprises.forms import EnterprisePicker
from gaoxin.enterprises.models import Enterprise
from gaoxin.zone.models import Department, Park

from .models import DataSet, Indicator, Observation, Scope, Submission, Target

MAX_ID = ID_RANGE["max_value"]


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
    enterprise = filters.CharFilter(method="of_enterprise", label=_("Enterprise"), widget=EnterprisePicker)
    year = filters.NumberFilter(label=_("Year"))
    month = filters.NumberFilter(label=_("Month"))
    source = filters.ChoiceFilter(choices=Observation.Source.choices, label=_("Source"))
    status = filters.ChoiceFilter(choices=Observation.Status.choices, label=_("Figure status"))

    class Meta:
        model = Observation
        fields = ["q", "indicator", "scope", "park", "year", "month", "source", "status", "enterprise"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_enterprise_id()

    def label_enterprise_id(self) -> None:
        """A link naming the firm by id (``?enterprise=12``) shows its name in the picker."""
        value = str(self.data.get("enterprise") or "").strip()
        user = getattr(self.request, "user", None)
        if not value.isdigit() or int(value) > MAX_ID or user is None:
            return
        name = (
            Enterprise.objects.visible_to(user).filter(pk=int(value)).values_list("name", flat=True).first()
        )
        if name:
            self.form.fields["enterprise"].widget.labels = {value: name}  # a new dict: never shared

    def of_enterprise(self, queryset, name, value):
        """One enterprise by id (links, the API), by exact name or credit code (the picker), else
        the enterprises whose name holds the typed text."""
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit() and len(value) < 18:
            return queryset.filter(enterprise_id=int(value)) if int(value) <= MAX_ID else queryset.none()
        exact = Q(enterprise__name=value) | Q(enterprise__uscc=value.upper())
        if queryset.filter(exact).exists():
            return queryset.filter(exact)
        return queryset.filter(enterprise__name__icontains=value)

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
