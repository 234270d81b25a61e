"""One FilterSet per model for the list pages, the API and the exports."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet
from gaoxin.zone.models import Park

from .models import Allocation, FirmLand, LandRequest, LandUseClass, MuScheme, Parcel


class ParcelFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "enterprise__name", "project__name", "note")
    park = filters.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"))
    status = filters.MultipleChoiceFilter(choices=Parcel.Status.choices, label=_("Status"))
    land_use = filters.ModelChoiceFilter(queryset=LandUseClass.objects.all(), label=_("Land use"))
    industrial = filters.BooleanFilter(field_name="land_use__industrial", label=_("Industrial land"))
    reserve = filters.BooleanFilter(method="filter_reserve", label=_("In the reserve (储备 + 可供)"))
    idle = filters.BooleanFilter(label=_("Idle"))
    inefficient = filters.BooleanFilter(label=_("Inefficient"))
    area_min = filters.NumberFilter(field_name="area_mu", lookup_expr="gte", label=_("Area from (mu)"))
    area_max = filters.NumberFilter(field_name="area_mu", lookup_expr="lte", label=_("Area up to (mu)"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = Parcel
        fields = [
            "q",
            "park",
            "status",
            "land_use",
            "industrial",
            "reserve",
            "idle",
            "inefficient",
            "area_min",
            "area_max",
            "enterprise",
        ]

    def search_placeholder(self) -> str:
        return str(_("Parcel code, name, holder or project"))

    def filter_reserve(self, queryset, name, value):
        if value is None:
            return queryset
        reserve = {"status__in": Parcel.RESERVE_STATUSES, "land_use__industrial": True}
        return queryset.filter(**reserve) if value else queryset.exclude(**reserve)


class FirmLandFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "enterprise__uscc", "note")
    year = filters.NumberFilter(label=_("Year"))
    park = filters.ModelChoiceFilter(
        field_name="enterprise__park", queryset=Park.objects.all(), label=_("Park")
    )
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = FirmLand
        fields = ["q", "year", "park", "enterprise"]

    def search_placeholder(self) -> str:
        return str(_("Enterprise or credit code"))


class MuSchemeFilterSet(BaseFilterSet):
    search_fields = ("name", "source")
    year = filters.NumberFilter(label=_("Year"))
    state = filters.ChoiceFilter(choices=MuScheme.State.choices, label=_("State"))

    class Meta:
        model = MuScheme
        fields = ["q", "year", "state"]


class LandRequestFilterSet(BaseFilterSet):
    search_fields = ("name", "enterprise__name", "signing__project_name", "project__name", "note")
    status = filters.MultipleChoiceFilter(choices=LandRequest.Status.choices, label=_("Status"))
    park = filters.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"))
    land_use = filters.ModelChoiceFilter(queryset=LandUseClass.objects.all(), label=_("Land use"))
    lead = filters.NumberFilter(field_name="lead_id", label=_("Lead id"))
    signing = filters.NumberFilter(field_name="signing_id", label=_("Signing id"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = LandRequest
        fields = ["q", "status", "park", "land_use", "lead", "signing", "enterprise"]

    def search_placeholder(self) -> str:
        return str(_("Project, enterprise or note"))


class AllocationFilterSet(BaseFilterSet):
    search_fields = ("parcel__code", "parcel__name", "request__name", "enterprise__name", "contract_no")
    status = filters.MultipleChoiceFilter(choices=Allocation.Status.choices, label=_("Status"))
    park = filters.ModelChoiceFilter(field_name="parcel__park", queryset=Park.objects.all(), label=_("Park"))
    parcel = filters.NumberFilter(field_name="parcel_id", label=_("Parcel id"))
    request = filters.NumberFilter(field_name="request_id", label=_("Land request id"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = Allocation
        fields = ["q", "status", "park", "parcel", "request", "enterprise"]

    def search_placeholder(self) -> str:
        return str(_("Parcel, project, enterprise or contract number"))
