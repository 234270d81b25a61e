"""REST resources of economic monitoring: /api/indicators/, /api/observations/,
/api/targets/, /api/submissions/, /api/zone-figures/."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from gaoxin.core import roles
from gaoxin.core.api import ReadOnlyScopedViewSet, ScopedModelSerializer, ScopedModelViewSet
from gaoxin.zone.models import Park

from . import workflow
from .filters import IndicatorFilterSet, ObservationFilterSet, SubmissionFilterSet, TargetFilterSet
from .models import Indicator, Observation, Scope, Submission, Target
from .services import ZoneData, growth_words


class IndicatorSerializer(serializers.ModelSerializer):
    numerator = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    denominator = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "aliases",
            "unit",
            "kind",
            "frequency",
            "higher_is_better",
            "comparable_prices",
            "sums_enterprises",
            "numerator",
            "denominator",
            "factor",
            "definition",
            "department",
            "leader",
        ]


class IndicatorViewSet(ReadOnlyScopedViewSet):
    queryset = Indicator.objects.select_related("numerator", "denominator")
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet


class ObservationSerializer(ScopedModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())

    class Meta:
        model = Observation
        fields = [
            "id",
            "indicator",
            "scope",
            "park",
            "department",
            "enterprise",
            "year",
            "month",
            "value",
            "previous_value",
            "growth",
            "status",
            "source",
            "source_file",
            "submission",
            "entered_by",
            "approved_by",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["submission", "entered_by", "approved_by"]

    def validate(self, attrs):
        scope = attrs.get("scope", getattr(self.instance, "scope", None))
        needs = {Scope.PARK: "park", Scope.ENTERPRISE: "enterprise", Scope.DEPARTMENT: "department"}.get(
            scope
        )
        if needs and not attrs.get(needs, getattr(self.instance, needs, None)):
            raise serializers.ValidationError({needs: [f"{needs} is required for scope {scope}"]})
        return attrs

    def create(self, validated_data):
        validated_data["entered_by"] = self.context["request"].user
        return super().create(validated_data)


class ObservationViewSet(ScopedModelViewSet):
    queryset = Observation.objects.select_related("indicator")
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilterSet
    ordering_fields = ["year", "month", "id"]


class TargetSerializer(ScopedModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())

    class Meta:
        model = Target
        fields = [
            "id",
            "indicator",
            "year",
            "scope",
            "park",
            "department",
            "basis",
            "base_value",
            "stretch_value",
            "strict",
            "split",
            "yellow_gap",
            "note",
        ]


class TargetViewSet(ScopedModelViewSet):
    queryset = Target.objects.select_related("indicator")
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet


class SubmissionSerializer(serializers.ModelSerializer):
    data_set = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "data_set",
            "year",
            "month",
            "enterprise",
            "department",
            "status",
            "submitted_by",
            "submitted_at",
            "approved_by",
            "approved_at",
            "note",
        ]


class SubmissionViewSet(ReadOnlyScopedViewSet):
    """Submissions of the monthly data calendar; POST ``<id>/submit/``, ``<id>/approve/`` and
    ``<id>/reopen/`` (with ``reason``) move them, with the same rules as the pages."""

    queryset = Submission.objects.select_related("data_set")
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilterSet

    def transition(self, request, move):
        from django.core.exceptions import ValidationError as DjangoValidationError
        from rest_framework import exceptions
        from rest_framework.response import Response

        submission = self.get_object()
        try:
            move(submission)
        except DjangoValidationError as exc:
            raise exceptions.ValidationError({"detail": exc.messages}) from exc
        submission.refresh_from_db()
        return Response(SubmissionSerializer(submission).data)

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def submit(self, request, pk=None):
        return self.transition(request, lambda s: workflow.submission_submit(submission=s, user=request.user))

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def approve(self, request, pk=None):
        return self.transition(
            request, lambda s: workflow.submission_approve(submission=s, user=request.user)
        )

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def reopen(self, request, pk=None):
        reason = str(request.data.get("reason", ""))
        return self.transition(
            request, lambda s: workflow.submission_reopen(submission=s, user=request.user, reason=reason)
        )


# --- /api/zone-figures/ -------------------------------------------------------------------


class ZoneFigureSerializer(serializers.Serializer):
    """One indicator's zone (or park) figure for a period, with where it comes from."""

    indicator = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    period = serializers.CharField()
    value = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    value_source = serializers.CharField(help_text="reported | aggregate | ratio | (empty)")
    reporters = serializers.IntegerField(allow_null=True, help_text="enterprises summed (aggregate)")
    growth = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    growth_basis = serializers.CharField(help_text="reported | computed | (empty)")
    growth_remark = serializers.CharField(help_text="扭亏为盈 / 减亏 / 增亏 … where no rate exists")
    growth_method = serializers.CharField(
        help_text="prior (Σ本年 ÷ Σ上年同期 as filed) | mixed (some firms' last-year values stand in) | "
        "same_set (firms with data in both years) | (empty)"
    )
    growth_note = serializers.CharField(help_text="the growth's basis in words")
    status = serializers.CharField(help_text="estimate | preliminary | final | (empty: summed or computed)")
    status_label = serializers.CharField(help_text="预计 / 快报 / 正式 (empty: summed or computed)")
    growth_text = serializers.CharField(help_text="the growth in words with its status: 预计增长11.1%")


class ZoneFigureParams(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    park = serializers.IntegerField(required=False, min_value=1, help_text="a park's id; omitted: the zone")


class ZoneFigureViewSet(viewsets.GenericViewSet):
    """The zone's (or a park's) figure of every active indicator for one period, as the cockpit
    reads it: counted values only (approved; drafts never), reported by the bureau, summed over
    enterprises, or computed as a ratio. ``/api/observations/`` lists the stored rows instead."""

    serializer_class = ZoneFigureSerializer
    queryset = Indicator.objects.none()  # the figures are computed, not a queryset (schema only)
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    @extend_schema(parameters=[ZoneFigureParams], responses=ZoneFigureSerializer(many=True))
    def list(self, request):
        if not (roles.sees_whole_zone(request.user) and request.user.has_perm("indicators.view_observation")):
            raise PermissionDenied
        params = ZoneFigureParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        year, month, park = (params.validated_data.get(k) for k in ("year", "month", "park"))
        if park is not None and not Park.objects.filter(pk=park).exists():
            raise NotFound
        indicators = list(Indicator.objects.filter(is_active=True).order_by("sort_order", "code"))
        data = ZoneData(indicators, [year], f"park:{park}" if park else "zone")
        rows = [self.figure(data.reading(indicator, year, month)) for indicator in indicators]
        return Response(ZoneFigureSerializer(rows, many=True).data)

    @staticmethod
    def figure(reading) -> dict:
        return {
            "indicator": reading.indicator.code,
            "name": reading.indicator.name,
            "unit": reading.indicator.unit,
            "period": reading.period,
            "value": reading.value,
            "value_source": reading.value_source,
            "reporters": reading.reporters,
            "growth": reading.growth,
            "growth_basis": reading.growth_basis,
            "growth_remark": reading.growth_remark,
            "growth_method": reading.growth_method,
            "growth_note": reading.growth_note(),
            "status": reading.status,
            "status_label": Observation.Status(reading.status).label if reading.status else "",
            "growth_text": growth_words(reading.growth, reading.status),
        }
