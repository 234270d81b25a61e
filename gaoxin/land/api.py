"""REST resources of the land module:

- ``/api/parcels/`` — parcels (read, write under the same checks as the form: boundary valid,
  within 1% of the area, no overlap → 400 with the reason); ``/api/parcels/geojson/?park=`` —
  a FeatureCollection of the filtered parcels (the map's data, for a GIS);
- ``/api/firm-land/`` — the land firms use per year;
- ``/api/mu-evaluations/`` — the schemes with indicators, exemptions, measures and the count
  per grade; ``/api/mu-scores/?year=&grade=&group=`` — every firm's computed score sheet,
  limited to the reader's scope (a firm sees its own)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from gaoxin.core import roles
from gaoxin.core.api import (
    ReadOnlyScopedViewSet,
    ScopedModelSerializer,
    ScopedModelViewSet,
    validation_detail,
)

from . import evaluation
from .filters import FirmLandFilterSet, MuSchemeFilterSet, ParcelFilterSet
from .models import FirmLand, GradeMeasure, MuExemption, MuIndicator, MuScheme, Parcel
from .views import PARCELS


class ParcelSerializer(ScopedModelSerializer):
    park_name = serializers.CharField(source="park.name", read_only=True)
    land_use_name = serializers.CharField(source="land_use.name", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True, allow_null=True)

    class Meta:
        model = Parcel
        fields = [
            "id", "code", "name", "park", "park_name", "area_mu", "land_use", "land_use_name", "status", "status_since",
            "idle", "idle_since", "idle_reason", "inefficient", "inefficient_since", "inefficient_reason",
            "plot_ratio_min", "plot_ratio_max", "coverage_min", "green_max", "investment_min", "tax_min", "energy_max",
            "boundary", "drawn_area_m2", "enterprise", "enterprise_name", "project", "is_public", "note",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["drawn_area_m2"]

    def validate(self, attrs):
        draft = Parcel(pk=getattr(self.instance, "pk", None))
        for f in Parcel._meta.concrete_fields:
            if f.attname in ("id",):
                continue
            current = getattr(self.instance, f.attname, None) if self.instance else f.get_default()
            setattr(draft, f.attname, current)
        for name, value in attrs.items():
            setattr(draft, name, value)
        try:
            draft.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(validation_detail(error)) from error
        for name in ("boundary", "drawn_area_m2", "min_x", "min_y", "max_x", "max_y"):
            attrs[name] = getattr(draft, name)
        return attrs


class ParcelViewSet(ScopedModelViewSet):
    queryset = PARCELS
    serializer_class = ParcelSerializer
    filterset_class = ParcelFilterSet
    ordering_fields = ["code", "area_mu", "id"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=False, pagination_class=None)
    def geojson(self, request):
        """The filtered parcels with a boundary as a GeoJSON FeatureCollection (WGS84)."""
        rows = (
            self.filter_queryset(self.get_queryset())
            .exclude(boundary=None)
            .values_list(
                "pk", "code", "name", "park__name", "area_mu", "status", "land_use__name", "boundary"
            )
        )
        features = [
            {
                "type": "Feature",
                "id": pk,
                "geometry": boundary,
                "properties": {
                    "code": code,
                    "name": name,
                    "park": park,
                    "area_mu": str(area),
                    "status": status,
                    "land_use": use,
                },
            }
            for pk, code, name, park, area, status, use, boundary in rows
        ]
        return Response({"type": "FeatureCollection", "features": features})


class FirmLandSerializer(ScopedModelSerializer):
    net_mu = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = FirmLand
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "year",
            "owned_mu",
            "leased_in_mu",
            "let_out_mu",
            "net_mu",
            "emissions_t",
            "note",
        ]


class FirmLandViewSet(ScopedModelViewSet):
    queryset = FirmLand.objects.select_related("enterprise")
    serializer_class = FirmLandSerializer
    filterset_class = FirmLandFilterSet
    http_method_names = ["get", "post", "patch", "put", "head", "options"]


class MuIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = MuIndicator
        fields = ["group", "code", "weight", "benchmark"]


class MuExemptionSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = MuExemption
        fields = ["enterprise", "enterprise_name", "kind", "reason"]


class GradeMeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = GradeMeasure
        fields = ["grade", "lever", "measure"]


class MuSchemeSerializer(serializers.ModelSerializer):
    indicators = MuIndicatorSerializer(many=True, read_only=True)
    exemptions = serializers.SerializerMethodField()
    measures = GradeMeasureSerializer(many=True, read_only=True)
    counts = serializers.SerializerMethodField()
    problems = serializers.SerializerMethodField()

    class Meta:
        model = MuScheme
        fields = [
            "id", "name", "year", "state", "method", "a_cut", "b_cut", "c_cut", "below_scale_min_mu",
            "exempt_new_years", "source", "indicators", "exemptions", "measures", "counts", "problems",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_counts(self, obj) -> dict:
        return evaluation.evaluate_cached(obj).counts()

    def get_problems(self, obj) -> list[str]:
        return evaluation.scheme_problems(obj)

    def get_exemptions(self, obj) -> list[dict]:
        if not roles.sees_whole_zone(self.context["request"].user):
            return []  # which firms are exempt, and why, is the zone's business
        return MuExemptionSerializer(obj.exemptions.all(), many=True).data


class MuSchemeViewSet(ReadOnlyScopedViewSet):
    queryset = MuScheme.objects.prefetch_related("indicators", "exemptions__enterprise", "measures")
    serializer_class = MuSchemeSerializer
    filterset_class = MuSchemeFilterSet


class ScoreParams(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    grade = serializers.ChoiceField(choices=["A", "B", "C", "D", "exempt", "excluded"], required=False)
    group = serializers.ChoiceField(choices=MuIndicator.Group.choices, required=False)
    enterprise = serializers.IntegerField(min_value=1, required=False)


class ScoreSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField()
    enterprise_name = serializers.CharField()
    park = serializers.CharField()
    group = serializers.CharField()
    land_mu = serializers.CharField(allow_null=True)
    land_source = serializers.CharField()
    values = serializers.DictField(child=serializers.CharField(allow_null=True))
    items = serializers.DictField(child=serializers.CharField())
    averaged = serializers.ListField(child=serializers.CharField())
    total = serializers.CharField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    graded = serializers.IntegerField(allow_null=True)
    grade = serializers.CharField()
    excluded = serializers.CharField()
    exempt = serializers.CharField()


def text(value):
    return None if value is None else str(value)


def score_data(s) -> dict:
    return {
        "enterprise": s.enterprise_id,
        "enterprise_name": s.name,
        "park": s.park,
        "group": s.group,
        "land_mu": text(s.land_mu),
        "land_source": str(s.land_source),
        "values": {k: text(v) for k, v in s.values.items()} if s.total is not None else {},
        "items": {k: str(v.quantize(evaluation.CENT)) for k, v in s.items.items()},
        "averaged": sorted(s.averaged),
        "total": text(s.total),
        "rank": s.rank,
        "graded": s.graded_count,
        "grade": s.grade,
        "excluded": str(s.excluded),
        "exempt": str(s.exempt),
    }


class MuScoreViewSet(viewsets.GenericViewSet):
    """Computed score sheets of the evaluation of ``year`` (the latest published by default),
    graded over every firm, then limited to the reader's scope."""

    queryset = MuScheme.objects.none()
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ScoreSerializer

    @extend_schema(parameters=[ScoreParams], responses=ScoreSerializer(many=True))
    def list(self, request):
        if not request.user.has_perm("land.view_muscheme"):
            raise PermissionDenied
        params = ScoreParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        p = params.validated_data
        schemes = MuScheme.objects.prefetch_related("indicators", "exemptions")
        scheme = (
            schemes.filter(year=p["year"]).first()
            if "year" in p
            else schemes.filter(state=MuScheme.State.PUBLISHED).first()
        )
        if scheme is None:
            raise NotFound
        sheets = evaluation.evaluate_cached(scheme).sheets
        if not roles.sees_whole_zone(request.user):
            from gaoxin.enterprises.models import Enterprise

            mine = set(Enterprise.objects.visible_to(request.user).values_list("pk", flat=True))
            sheets = [s for s in sheets if s.enterprise_id in mine]
        grade = p.get("grade")
        if grade in ("A", "B", "C", "D"):
            sheets = [s for s in sheets if s.grade == grade]
        elif grade == "exempt":
            sheets = [s for s in sheets if s.exempt and s.total is not None]
        elif grade == "excluded":
            sheets = [s for s in sheets if s.excluded]
        if p.get("group"):
            sheets = [s for s in sheets if s.group == p["group"]]
        if p.get("enterprise"):
            sheets = [s for s in sheets if s.enterprise_id == p["enterprise"]]
        page = self.paginate_queryset(sheets)
        return self.get_paginated_response([score_data(s) for s in page])


def register(router) -> None:
    router.register("parcels", ParcelViewSet, basename="parcel")
    router.register("firm-land", FirmLandViewSet, basename="firmland")
    router.register("mu-evaluations", MuSchemeViewSet, basename="mu-evaluation")
    router.register("mu-scores", MuScoreViewSet, basename="mu-score")
    from . import api_allocation

    api_allocation.register(router)
