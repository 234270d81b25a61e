"""REST resources of allocation (供地), staff only (an enterprise user finds nothing: 404):

- ``/api/land-requests/`` — land requests (read, write); ``GET …/{id}/candidates/`` the
  matching parcels with each criterion and the 345 screening in words; ``POST …/{id}/withdraw/``;
- ``/api/allocations/`` — reservations and allocations (read); ``POST /api/allocations/reserve/``
  (request, parcel, area_mu?, date?, reason?), ``POST …/{id}/allocate/`` (kind 出让 ``sold`` /
  划拨 ``allotted``, contract_date, contract_no, price), ``POST …/{id}/release/`` (reason, date?).
  A refusal (parcel not in the reserve, already reserved, larger than the parcel …) is a 400
  with the reason and changes nothing."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoxin.core.api import (
    ReadOnlyScopedViewSet,
    ScopedModelSerializer,
    ScopedModelViewSet,
    ServiceErrorsMixin,
)

from . import allocation as services
from .filters import AllocationFilterSet, LandRequestFilterSet
from .models import Allocation, AllocationMove, LandRequest, Parcel
from .views_allocation import ALLOCATIONS, REQUESTS


class LandRequestSerializer(ScopedModelSerializer):
    class Meta:
        model = LandRequest
        fields = [
            "id", "name", "lead", "signing", "project", "enterprise", "park", "land_use", "area_min_mu",
            "area_max_mu", "tolerance_pct", "plot_ratio_needed", "energy_need", "fixed_asset_investment",
            "expected_tax", "status", "requested_on", "department", "note", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["status"]


class ParcelCriterionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    result = serializers.ChoiceField(choices=["pass", "fail", "unknown"])
    text = serializers.CharField()


class ParcelCandidateSerializer(serializers.Serializer):
    parcel = serializers.IntegerField(source="parcel.pk")
    code = serializers.CharField(source="parcel.code")
    area_mu = serializers.DecimalField(source="parcel.area_mu", max_digits=12, decimal_places=2)
    distance_mu = serializers.DecimalField(source="distance", max_digits=14, decimal_places=2)
    criteria = ParcelCriterionSerializer(many=True)
    screening = ParcelCriterionSerializer(many=True, source="screening.criteria")


class LandReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
    date = serializers.DateField(required=False, allow_null=True)


class LandRequestViewSet(ScopedModelViewSet):
    queryset = REQUESTS
    serializer_class = LandRequestSerializer
    filterset_class = LandRequestFilterSet
    ordering_fields = ["requested_on", "area_min_mu", "id"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    @extend_schema(responses=ParcelCandidateSerializer(many=True))
    @action(detail=True, pagination_class=None, filterset_class=None)
    def candidates(self, request, pk=None):
        """The matching parcels, closest area first, each criterion explained."""
        land_request = self.get_object()
        return Response(ParcelCandidateSerializer(services.candidates(land_request), many=True).data)

    @extend_schema(request=LandReasonSerializer, responses=LandRequestSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def withdraw(self, request, pk=None):
        land_request = self.get_object()
        if not request.user.has_perm("land.change_landrequest"):
            raise exceptions.PermissionDenied
        data = LandReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.landrequest_withdraw(
            request=land_request, reason=data.validated_data["reason"], user=request.user
        )
        return Response(
            LandRequestSerializer(
                self.get_queryset().get(pk=land_request.pk), context={"request": request}
            ).data
        )


class AllocationMoveSerializer(serializers.ModelSerializer):
    class Meta:
        model = AllocationMove
        fields = ["date", "from_status", "to_status", "reason", "user"]


class AllocationSerializer(serializers.ModelSerializer):
    parcel_code = serializers.CharField(source="parcel.code", read_only=True)
    request_name = serializers.CharField(source="request.name", read_only=True)
    moves = AllocationMoveSerializer(many=True, read_only=True)

    class Meta:
        model = Allocation
        fields = [
            "id", "request", "request_name", "parcel", "parcel_code", "area_mu", "status", "reserved_on",
            "enterprise", "project", "contract_date", "contract_no", "price",
            "term_plot_ratio_min", "term_plot_ratio_max", "term_coverage_min", "term_green_max",
            "term_investment_min", "term_tax_min", "term_energy_max",
            "released_on", "release_reason", "note", "moves", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class AllocationReserveSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    parcel = serializers.IntegerField()
    area_mu = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    date = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class AllocationSupplySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(Allocation.SUPPLIED))
    contract_date = serializers.DateField()
    contract_no = serializers.CharField(max_length=60, required=False, allow_blank=True)
    price = serializers.DecimalField(max_digits=18, decimal_places=4, required=False, allow_null=True)
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class AllocationViewSet(ServiceErrorsMixin, ReadOnlyScopedViewSet):
    queryset = ALLOCATIONS.prefetch_related("moves")
    serializer_class = AllocationSerializer
    filterset_class = AllocationFilterSet
    ordering_fields = ["reserved_on", "contract_date", "id"]

    def answer(self, allocation, status=200):
        fresh = self.get_queryset().get(pk=allocation.pk)
        return Response(AllocationSerializer(fresh, context={"request": self.request}).data, status=status)

    def require(self, perm: str) -> None:
        if not self.request.user.has_perm(f"land.{perm}_allocation"):
            raise exceptions.PermissionDenied

    @extend_schema(request=AllocationReserveSerializer, responses={201: AllocationSerializer})
    @action(
        detail=False, methods=["post"], permission_classes=[permissions.IsAuthenticated], filterset_class=None
    )
    def reserve(self, request):
        """Reserve a parcel for a land request (the whole parcel unless ``area_mu``)."""
        self.require("add")
        data = AllocationReserveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        land_request = get_object_or_404(LandRequest.objects.visible_to(request.user), pk=values["request"])
        parcel = get_object_or_404(Parcel.objects.visible_to(request.user), pk=values["parcel"])
        allocation = services.allocation_reserve(
            request=land_request,
            parcel=parcel,
            area_mu=values.get("area_mu"),
            date=values.get("date"),
            reason=values.get("reason") or "",
            user=request.user,
        )
        return self.answer(allocation, status=201)

    @extend_schema(request=AllocationSupplySerializer, responses=AllocationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def allocate(self, request, pk=None):
        """出让 (``sold``) or 划拨 (``allotted``): the parcel's terms are copied into the contract."""
        allocation = self.get_object()
        self.require("change")
        data = AllocationSupplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.allocation_supply(
            allocation=allocation,
            kind=values["kind"],
            contract_date=values["contract_date"],
            contract_no=values.get("contract_no") or "",
            price=values.get("price"),
            reason=values.get("reason") or "",
            user=request.user,
        )
        return self.answer(allocation)

    @extend_schema(request=LandReasonSerializer, responses=AllocationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def release(self, request, pk=None):
        allocation = self.get_object()
        self.require("change")
        data = LandReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.allocation_release(
            allocation=allocation,
            reason=data.validated_data["reason"],
            date=data.validated_data.get("date"),
            user=request.user,
        )
        return self.answer(allocation)


def register(router) -> None:
    router.register("land-requests", LandRequestViewSet, basename="landrequest")
    router.register("allocations", AllocationViewSet, basename="allocation")
