"""REST resources of the innovation points:

- ``/api/point-schemes/`` — schemes with indicators (weights per stage), stage rules and tiers
  (read); ``POST …/<id>/weights/`` and ``…/<id>/stage-rules/`` change them under the same checks
  as the pages (400 with the Chinese reason, nothing saved);
- ``/api/innovation-points/?year=&stage=&enterprise=`` — the computed sheets (not stored);
  ``/api/innovation-points/bank-export/?bank=&year=&enterprise=1,2`` — only consenting firms;
- ``/api/point-loans/``, ``/api/point-consents/`` — the loans and consents (clerks write).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from gaoxin.core.api import (
    ReadOnlyScopedViewSet,
    ScopedModelSerializer,
    ScopedModelViewSet,
    ServiceErrorsMixin,
)
from gaoxin.core.permissions import require_perm
from gaoxin.zone.models import evaluation_date

from . import services
from .filters import ConsentFilterSet, PointLoanFilterSet, PointSchemeFilterSet
from .models import Consent, Indicator, PointLoan, PointScheme, Stage, StageRule, Tier


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        ref_name = "PointIndicator"
        fields = ["id", "code", "name", "group", "fact", "method", "reference", "bands"] + [
            f"weight_{s.value}" for s in Stage
        ]


class StageRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageRule
        fields = ["stage", "min_age", "max_age", "min_revenue", "max_revenue"]


class TierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tier
        fields = ["stage", "code", "min_points", "note"]


class PointSchemeSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)
    stage_rules = StageRuleSerializer(many=True, read_only=True)
    tiers = TierSerializer(many=True, read_only=True)

    class Meta:
        model = PointScheme
        fields = [
            "id",
            "name",
            "version",
            "valid_from",
            "valid_to",
            "is_example",
            "source",
            "note",
            "indicators",
            "stage_rules",
            "tiers",
        ]


def weights_param(data) -> dict[int, dict[str, Decimal]]:
    """The weights body, or a 400 saying what is wrong with it."""
    message = _('Give the weights as {"<indicator id>": {"startup": 10, "growth": 10, "stable": 10}, …}.')
    if not isinstance(data, dict) or not data:
        raise ValidationError({"weights": [message]})
    weights = {}
    for key, row in data.items():
        if not str(key).isdigit() or len(str(key)) > 12 or not isinstance(row, dict):
            raise ValidationError({"weights": [message]})
        try:
            weights[int(key)] = {
                str(stage): Decimal(str(value))
                for stage, value in row.items()
                if not isinstance(value, bool | dict | list)
            }
        except (InvalidOperation, ValueError):
            raise ValidationError({"weights": [message]}) from None
        if len(weights[int(key)]) != len(row) or any(not v.is_finite() for v in weights[int(key)].values()):
            raise ValidationError({"weights": [message]})
    return weights


class PointSchemeViewSet(ServiceErrorsMixin, ReadOnlyScopedViewSet):
    queryset = PointScheme.objects.prefetch_related("indicators", "stage_rules", "tiers")
    serializer_class = PointSchemeSerializer
    filterset_class = PointSchemeFilterSet

    @extend_schema(request=OpenApiTypes.OBJECT, responses=PointSchemeSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def weights(self, request, pk=None):
        """``{"<indicator id>": {"startup": 10, "growth": 10, "stable": 10}, …}``."""
        require_perm(request.user, Indicator, "change")
        scheme = self.get_object()
        weights = weights_param(request.data)
        services.weights_set(scheme=scheme, weights=weights)
        return Response(self.get_serializer(PointScheme.objects.get(pk=scheme.pk)).data)

    @action(
        detail=True,
        methods=["post"],
        url_path="stage-rules",
        permission_classes=[permissions.IsAuthenticated],
    )
    def stage_rules(self, request, pk=None):
        """``[{"stage": "startup", "max_age": 3}, …]``: the whole rule set."""
        require_perm(request.user, StageRule, "change")
        scheme = self.get_object()
        rules = StageRuleSerializer(data=request.data, many=True)
        rules.is_valid(raise_exception=True)
        services.stage_rules_set(scheme=scheme, rules=[dict(r) for r in rules.validated_data])
        return Response(self.get_serializer(PointScheme.objects.get(pk=scheme.pk)).data)


class PointsParams(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    enterprise = serializers.IntegerField(required=False)
    scheme = serializers.IntegerField(required=False)


class SheetLineSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    name = serializers.CharField()
    raw = serializers.CharField(allow_null=True)
    points = serializers.CharField(allow_null=True)
    weight = serializers.CharField()
    contribution = serializers.CharField()
    missing = serializers.CharField()


class SheetSerializer(serializers.Serializer):
    """One firm's points sheet (the shape of ``sheet_data``)."""

    enterprise = serializers.IntegerField()
    enterprise_name = serializers.CharField()
    year = serializers.IntegerField()
    stage = serializers.CharField(allow_null=True)
    stage_missing = serializers.CharField()
    points = serializers.CharField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    stage_count = serializers.IntegerField(allow_null=True)
    tier = serializers.CharField(allow_null=True)
    complete = serializers.BooleanField()
    lines = SheetLineSerializer(many=True)


def sheet_data(sheet) -> dict:
    return {
        "enterprise": sheet.enterprise_id,
        "enterprise_name": sheet.name,
        "year": sheet.year,
        "stage": sheet.stage,
        "stage_missing": str(sheet.stage_missing),
        "points": str(sheet.total) if sheet.stage else None,
        "rank": sheet.rank,
        "stage_count": sheet.stage_count,
        "tier": sheet.tier,
        "complete": sheet.complete,
        "lines": [
            {
                "indicator": line.indicator.code,
                "name": line.indicator.name,
                "raw": None if line.raw is None else str(line.shown_raw),
                "points": None if line.points is None else str(line.points),
                "weight": str(line.weight),
                "contribution": str(line.contribution),
                "missing": str(line.missing),
            }
            for line in sheet.lines
        ],
    }


class InnovationPointsViewSet(ServiceErrorsMixin, viewsets.GenericViewSet):
    """Computed sheets, ranked within stages over every firm, then limited to the reader's scope."""

    queryset = PointScheme.objects.none()
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = PointsParams

    def scheme(self, params) -> tuple[PointScheme, int]:
        if not self.request.user.has_perm("points.view_pointscheme"):
            raise PermissionDenied
        year = params.get("year") or evaluation_date().year - 1
        if params.get("scheme"):
            scheme = PointScheme.objects.filter(pk=params["scheme"]).first()
        else:
            scheme = services.scheme_on(datetime.date(year, 12, 31)) or PointScheme.objects.first()
        if scheme is None:
            raise NotFound
        return scheme, year

    def params(self):
        params = PointsParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data

    @extend_schema(parameters=[PointsParams], responses=SheetSerializer(many=True))
    def list(self, request):
        params = self.params()
        scheme, year = self.scheme(params)
        sheets = services.sheets_for(request.user, scheme=scheme, year=year, stage=params.get("stage"))
        if params.get("enterprise"):
            sheets = [s for s in sheets if s.enterprise_id == params["enterprise"]]
        page = self.paginate_queryset(sheets)
        return self.get_paginated_response([sheet_data(s) for s in page])

    @extend_schema(
        parameters=[
            PointsParams,
            OpenApiParameter("bank", OpenApiTypes.STR),
            OpenApiParameter("enterprises", OpenApiTypes.STR, description="ids, comma-separated"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=False, url_path="bank-export")
    def bank_export(self, request):
        """``?bank=&year=&enterprise=1,2``: firms without consent named → 400, nothing sent."""
        require_perm(request.user, Consent, "change")
        params = self.params()
        scheme, year = self.scheme(params)
        text = request.query_params.get("enterprises", "")
        ids = [int(x) for x in text.split(",") if x.strip().isdigit()] or None
        sheets = services.bank_export_rows(
            user=request.user,
            scheme=scheme,
            year=year,
            bank=request.query_params.get("bank", ""),
            day=evaluation_date(),
            enterprise_ids=ids,
        )
        return Response(
            {
                "scheme": str(scheme),
                "is_example": scheme.is_example,
                "results": [sheet_data(s) for s in sheets],
            }
        )


class PointLoanSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = PointLoan
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "bank",
            "amount",
            "granted_on",
            "term_months",
            "note",
        ]


class PointLoanViewSet(ScopedModelViewSet):
    queryset = PointLoan.objects.select_related("enterprise")
    serializer_class = PointLoanSerializer
    filterset_class = PointLoanFilterSet
    http_method_names = ["get", "post", "patch", "put", "head", "options"]


class ConsentSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Consent
        fields = ["id", "enterprise", "enterprise_name", "bank", "granted_on", "revoked_on", "note"]


class ConsentViewSet(ScopedModelViewSet):
    queryset = Consent.objects.select_related("enterprise")
    serializer_class = ConsentSerializer
    filterset_class = ConsentFilterSet
    http_method_names = ["get", "post", "patch", "put", "head", "options"]


def register(router) -> None:
    router.register("point-schemes", PointSchemeViewSet, basename="point-scheme")
    router.register("innovation-points", InnovationPointsViewSet, basename="innovation-points")
    router.register("point-loans", PointLoanViewSet, basename="point-loan")
    router.register("point-consents", ConsentViewSet, basename="point-consent")
