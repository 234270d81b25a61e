from rest_framework import serializers

from gaoxin.core.api import ReadOnlyScopedViewSet, ScopedModelSerializer

from .filters import ParkFilterSet
from .models import Park


class ParkSerializer(ScopedModelSerializer):
    class Meta:
        model = Park
        fields = ["id", "zone", "name", "code", "kind", "area_mu", "description", "sort_order"]


class ParkViewSet(ReadOnlyScopedViewSet):
    """The zone's parks (read-only here; administrators edit them in the pages)."""

    queryset = Park.objects.all()
    serializer_class = ParkSerializer
    filterset_class = ParkFilterSet


__all__ = ["ParkSerializer", "ParkViewSet", "serializers"]
