"""One FilterSet per register (pages, API and export share it)."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet

from .models import ExpertInput, NewSpeciesRecord, Platform, Recognition


class PlatformFilterSet(BaseFilterSet):
    search_fields = ("name", "host__name", "issuer")

    class Meta:
        model = Platform
        fields = ["kind", "level"]  # the host by name in q: a firm list here would show every firm


class RecognitionFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "batch__name")
    tier = filters.CharFilter(field_name="batch__tier", label=_("tier"))
    year = filters.NumberFilter(field_name="batch__year", label=_("year"))

    class Meta:
        model = Recognition
        fields = ["batch", "stage", "enterprise"]


class NewSpeciesRecordFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "note")

    class Meta:
        model = NewSpeciesRecord
        fields = ["tier", "year"]


class ExpertInputFilterSet(BaseFilterSet):
    search_fields = ("enterprise__name", "note")

    class Meta:
        model = ExpertInput
        fields = ["tier", "year", "key"]
