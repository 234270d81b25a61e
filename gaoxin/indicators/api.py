"""REST resources of economic monitoring: /api/indicators/, /api/observations/,
/api/targets/, /api/submissions/."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action

from gaoxin.core.api import ReadOnlyScopedViewSet, ScopedModelSerializer, ScopedModelViewSet

from . import workflow
from .filters import IndicatorFilterSet, ObservationFilterSet, SubmissionFilterSet, TargetFilterSet
from .models import Indicator, Observation, Scope, Submission, Target


class IndicatorSerializer(serializers.ModelSerializer):
    numerator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    denominator = serializers.SlugRelatedField(slug_field="code", read_only=True)

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
            "growth",
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
    data_set = serializers.SlugRelatedField(slug_field="code", read_only=True)

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
