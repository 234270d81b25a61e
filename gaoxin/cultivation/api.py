"""/api/eligibility/, /api/candidates/, /api/recognitions/ (+ move), /api/platforms/."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.core.api import ScopedModelSerializer, ScopedModelViewSet
from gaoxin.core.drf import Pagination
from gaoxin.enterprises.models import Enterprise

from . import engine, services
from .filters import PlatformFilterSet, RecognitionFilterSet
from .models import Platform, Recognition, RecognitionStage
from .rules import Tier
from .views import default_year


def criterion_json(c: engine.Criterion) -> dict:
    return {
        "key": c.key,
        "label": c.label,
        "value": c.value,
        "threshold": c.threshold,
        "verdict": c.verdict,
        "words": c.words,
        "confidence": c.confidence,
        "required": c.required,
        "gap": None if c.gap is None else str(c.gap),
    }


def result_json(result: engine.TierResult, name: str = "") -> dict:
    return {
        "enterprise": result.enterprise_id,
        "enterprise_name": name,
        "tier": result.tier,
        "year": result.year,
        "rule_set": result.version,
        "source": result.source,
        "verdict": result.verdict,
        "score": None if result.score is None else str(result.score),
        "holds_title": result.holds,
        "title_expires_on": result.expires_on,
        "criteria": [criterion_json(c) for c in result.criteria],
    }


def query_params(request):
    tiers = [request.query_params["tier"]] if request.query_params.get("tier") else list(Tier.values)
    if any(t not in Tier.values for t in tiers):
        raise ApiValidationError({"tier": [_("One of %(tiers)s.") % {"tiers": "、".join(Tier.values)}]})
    year = request.query_params.get("year") or default_year()
    if not str(year).isdigit() or not 1990 <= int(year) <= 2100:
        raise ApiValidationError({"year": [_("Give a year between 1990 and 2100, e.g. 2024.")]})
    return tiers, int(year)


def enterprise_param(request) -> int:
    value = request.query_params.get("enterprise", "")
    if not value.isdigit() or len(value) > 12:
        raise ApiValidationError({"enterprise": [_("Give the enterprise by its id (a number).")]})
    return int(value)


class CriterionSerializer(serializers.Serializer):
    """One criterion of a tier's rules (the shape of ``criterion_json``)."""

    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    threshold = serializers.CharField(allow_null=True)
    verdict = serializers.BooleanField(allow_null=True)
    words = serializers.CharField()
    confidence = serializers.CharField(allow_null=True)
    required = serializers.BooleanField()
    gap = serializers.CharField(allow_null=True)


class TierResultSerializer(serializers.Serializer):
    """One firm's verdict for one tier and year (the shape of ``result_json``)."""

    enterprise = serializers.IntegerField()
    enterprise_name = serializers.CharField()
    tier = serializers.CharField()
    year = serializers.IntegerField()
    rule_set = serializers.CharField(allow_null=True)
    source = serializers.CharField(allow_null=True)
    verdict = serializers.BooleanField(allow_null=True)
    score = serializers.CharField(allow_null=True)
    holds_title = serializers.BooleanField(allow_null=True)
    title_expires_on = serializers.DateField(allow_null=True)
    criteria = CriterionSerializer(many=True)


class CandidateSerializer(TierResultSerializer):
    kind = serializers.CharField()
    reason = serializers.CharField()


class TierResultPageSerializer(serializers.Serializer):
    """A page of verdicts; one firm's answer (``?enterprise=``) carries ``results`` only."""

    count = serializers.IntegerField(required=False)
    next = serializers.URLField(allow_null=True, required=False)
    previous = serializers.URLField(allow_null=True, required=False)
    results = TierResultSerializer(many=True)


class CandidatePageSerializer(TierResultPageSerializer):
    results = CandidateSerializer(many=True)


TIER_YEAR = [
    OpenApiParameter("tier", OpenApiTypes.STR, enum=list(Tier.values)),
    OpenApiParameter("year", OpenApiTypes.INT),
]


class CultivationReadPermission(permissions.IsAuthenticated):
    def has_permission(self, request, view):
        return super().has_permission(request, view) and request.user.has_perm("cultivation.view_ruleset")


class EligibilityView(APIView):
    """Per criterion, with numbers and reasons. ``?enterprise=`` one firm (another firm's id is
    a 404); without it every visible firm's verdicts for ``tier`` and ``year``, paginated."""

    permission_classes = [CultivationReadPermission]

    @extend_schema(
        parameters=[*TIER_YEAR, OpenApiParameter("enterprise", OpenApiTypes.INT)],
        responses=TierResultPageSerializer,
    )
    def get(self, request):
        tiers, year = query_params(request)
        firms = Enterprise.objects.visible_to(request.user).order_by("name", "pk")
        if request.query_params.get("enterprise"):
            firm = get_object_or_404(firms, pk=enterprise_param(request))
            data = engine.load([firm.pk], [year])
            return Response(
                {"results": [result_json(engine.evaluate(data, t, firm.pk, year), firm.name) for t in tiers]}
            )
        paginator = Pagination()
        page = paginator.paginate_queryset(firms.values_list("pk", "name"), request, view=self)
        names = dict(page)
        data = engine.load(names, [year])
        return paginator.get_paginated_response(
            [
                result_json(engine.evaluate(data, t, eid, year), name)
                for eid, name in names.items()
                for t in tiers
            ]
        )


class CandidatesView(APIView):
    permission_classes = [CultivationReadPermission]

    @extend_schema(
        parameters=[*TIER_YEAR, OpenApiParameter("kind", OpenApiTypes.STR, enum=list(services.KINDS))],
        responses=CandidatePageSerializer,
    )
    def get(self, request):
        tiers, year = query_params(request)
        kind = request.query_params.get("kind")
        found = services.candidates(
            user=request.user, tier=tiers[0], year=year, kind=kind if kind in services.KINDS else None
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(found, request, view=self)
        rows = [{"kind": c.kind, "reason": c.reason, **result_json(c.result, c.name)} for c in page]
        return paginator.get_paginated_response(rows)


class PlatformSerializer(ScopedModelSerializer):
    class Meta:
        model = Platform
        fields = ["id", "name", "kind", "level", "host", "recognised_on", "expires_on", "issuer", "note"]


class PlatformViewSet(ScopedModelViewSet):
    queryset = Platform.objects.select_related("host")
    serializer_class = PlatformSerializer
    filterset_class = PlatformFilterSet


class RecognitionSerializer(ScopedModelSerializer):
    stage = serializers.CharField(read_only=True)
    stage_since = serializers.DateField(read_only=True)
    qualification = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Recognition
        fields = [
            "id",
            "batch",
            "enterprise",
            "stage",
            "stage_since",
            "owner",
            "certificate_no",
            "qualification",
            "note",
        ]

    def create(self, validated_data):
        from gaoxin.zone.models import evaluation_date

        validated_data.setdefault("stage_since", evaluation_date())
        return super().create(validated_data)


class MoveSerializer(serializers.Serializer):
    to_stage = serializers.ChoiceField(choices=RecognitionStage.choices)
    date = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    certificate_no = serializers.CharField(required=False, allow_blank=True, default="")


class RecognitionViewSet(ScopedModelViewSet):
    queryset = Recognition.objects.select_related("batch", "enterprise")
    serializer_class = RecognitionSerializer
    filterset_class = RecognitionFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        recognition = self.get_object()
        if not request.user.has_perm("cultivation.change_recognition"):
            raise PermissionDenied
        form = MoveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.recognition_move(
            recognition=recognition, user=request.user, source="api", **form.validated_data
        )
        recognition.refresh_from_db()
        return Response(RecognitionSerializer(recognition, context={"request": request}).data)


def register(router) -> None:
    router.register("platforms", PlatformViewSet)
    router.register("recognitions", RecognitionViewSet)
