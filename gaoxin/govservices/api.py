"""/api/service-items/: the catalogue, same filters as the page; /api/service-items/reported/
the counts the zone reports (上报口径), never the number of rows."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoxin.core.api import ScopedModelSerializer, ScopedModelViewSet

from .filters import ServiceItemFilterSet
from .models import ReportedCount, ServiceItem


class ServiceItemSerializer(ScopedModelSerializer):
    class Meta:
        model = ServiceItem
        fields = [
            "id",
            "code",
            "name",
            "department",
            "kind",
            "legal_basis",
            "time_limit_workdays",
            "statutory_limit_workdays",
            "materials",
            "fee",
            "channel",
            "integrated",
            "cross_region",
            "promised",
            "no_application",
            "smart",
            "is_example",
            "note",
            "created_at",
            "updated_at",
        ]


class ReportedCountSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportedCount
        fields = ["year", "count", "source"]


class ServiceItemViewSet(ScopedModelViewSet):
    queryset = ServiceItem.objects.all()
    serializer_class = ServiceItemSerializer
    filterset_class = ServiceItemFilterSet
    ordering_fields = ["code", "name", "time_limit_workdays"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    @extend_schema(responses=ReportedCountSerializer(many=True))
    @action(detail=False, pagination_class=None, filterset_class=None)
    def reported(self, request):
        """The item counts the zone reports per year, as reported (674 in 2024)."""
        return Response(ReportedCountSerializer(ReportedCount.objects.all(), many=True).data)


def register(router) -> None:
    router.register("service-items", ServiceItemViewSet, basename="service-item")
