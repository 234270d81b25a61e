from rest_framework import serializers

from gaoxin.core.api import ReadOnlyScopedViewSet, ScopedModelSerializer

from .filters import CalendarOverrideFilterSet, ParkFilterSet
from .models import CalendarOverride, Park


class ParkSerializer(ScopedModelSerializer):
    class Meta:
        model = Park
        fields = ["id", "zone", "name", "code", "kind", "area_mu", "description", "sort_order"]


class ParkViewSet(ReadOnlyScopedViewSet):
    """The zone's parks (read-only here; administrators edit them in the pages)."""

    queryset = Park.objects.all()
    serializer_class = ParkSerializer
    filterset_class = ParkFilterSet


class CalendarOverrideSerializer(ScopedModelSerializer):
    class Meta:
        model = CalendarOverride
        fields = ["id", "date", "is_workday", "reason"]


class CalendarOverrideViewSet(ReadOnlyScopedViewSet):
    """The zone's exceptions to the official working-day calendar (read-only here;
    administrators keep them in the pages)."""

    queryset = CalendarOverride.objects.all()
    serializer_class = CalendarOverrideSerializer
    filterset_class = CalendarOverrideFilterSet


__all__ = [
    "CalendarOverrideSerializer",
    "CalendarOverrideViewSet",
    "ParkSerializer",
    "ParkViewSet",
    "serializers",
]
