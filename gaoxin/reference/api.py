from rest_framework import serializers

from gaoxin.core.api import ReadOnlyScopedViewSet

from .filters import IndustryFilterSet
from .models import Industry


class IndustrySerializer(serializers.ModelSerializer):
    full_code = serializers.CharField(read_only=True)

    class Meta:
        model = Industry
        fields = ["code", "full_code", "level", "name", "parent", "section_code", "division_code", "notes"]


class IndustryViewSet(ReadOnlyScopedViewSet):
    """GB/T 4754-2017 industries (1,972 codes, Amendment No. 1), read-only."""

    queryset = Industry.objects.all()
    serializer_class = IndustrySerializer
    filterset_class = IndustryFilterSet
