import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet

from .models import Park


class ParkFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "description")
    kind = filters.ChoiceFilter(choices=Park.Kind.choices, label=_("Kind"))

    class Meta:
        model = Park
        fields = ["q", "kind"]
