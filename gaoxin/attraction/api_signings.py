"""REST API of signings (/api/signings/: report, edit, ``verify``, ``to-project``), their funds
in place by month (/api/signing-funds/) and of the "345" screening standards
(/api/screening-standards/). The rules are services_signings' and the models'."""

from rest_framework import exceptions, permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoxin.core.api import ScopedModelSerializer, ScopedModelViewSet
from gaoxin.core.permissions import refusal, rule_allows

from . import services_signings as services
from .filters_signings import ScreeningStandardFilterSet, SigningFilterSet, SigningFundingFilterSet
from .models import ScreeningStandard, Signing, SigningFunding, SigningOpinion, funding_rate_error


class SigningOpinionSerializer(serializers.ModelSerializer):
    user_name = serializers.CharField(source="user.username", read_only=True, default="")

    class Meta:
        model = SigningOpinion
        fields = ["id", "verdict", "opinion", "user", "user_name", "at"]


class SigningSerializer(ScopedModelSerializer):
    confirm_note = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=200)
    opinions = SigningOpinionSerializer(many=True, read_only=True)
    screening = serializers.SerializerMethodField()

    class Meta:
        model = Signing
        fields = [
            "id",
            "kind",
            "contract_date",
            "project_name",
            "investor",
            "investor_uscc",
            "amount",
            "currency",
            "fortune_global_500",
            "fortune_china_500",
            "listed",
            "foreign",
            "lead_industry",
            "node",
            "promised_intensity",
            "promised_tax_per_mu",
            "fixed_asset_investment",
            "land_mu",
            "jobs",
            "expected_start",
            "expected_production",
            "department",
            "enterprise",
            "lead",
            "note",
            "status",
            "reported_by",
            "verified_by",
            "verified_at",
            "project",
            "opinions",
            "screening",
            "confirm_note",
        ]
        read_only_fields = ["status", "reported_by", "verified_by", "verified_at", "project"]

    def get_screening(self, signing) -> dict | None:
        if signing.kind != Signing.Kind.INVESTMENT:
            return None  # an export order is not screened against the "345" standard
        result = services.screen_signing(signing)
        return {
            "standard": result.standard.pk if result.standard else None,
            "is_example": bool(result.standard and result.standard.is_example),
            "result": result.result,
            "criteria": [{"code": c.code, "result": c.result, "text": c.text} for c in result.criteria],
        }

    def validate(self, attrs):
        return attrs  # the model's own rules run in the service (full_clean)

    def _run(self, func, instance, validated_data):
        note = validated_data.pop("confirm_note", "")
        for key, value in validated_data.items():
            setattr(instance, key, value)
        user = self.context["request"].user
        func(signing=instance, user=user, confirm_note=note)
        return instance

    def create(self, validated_data):
        return self._run(services.signing_report, Signing(), validated_data)

    def update(self, instance, validated_data):
        return self._run(services.signing_update, instance, validated_data)


class VerifySerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=SigningOpinion.Verdict.choices)
    opinion = serializers.CharField()


class SigningViewSet(ScopedModelViewSet):
    """Signings. Reporting and editing need add/change_signing (own department's); verifying
    needs attraction.verify_signing and is refused to the reporter; deletion: administrators."""

    queryset = Signing.objects.select_related(
        "lead_industry", "node__chain__lead_industry", "enterprise"
    ).prefetch_related("opinions__user")
    serializer_class = SigningSerializer
    filterset_class = SigningFilterSet
    ordering_fields = ["contract_date", "amount", "id"]

    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def verify(self, request, pk=None):
        """Add an opinion: ``verify`` / ``reject`` decide the signing, ``comment`` only adds."""
        signing = self.get_object()
        if not request.user.has_perm("attraction.view_signing"):
            raise exceptions.PermissionDenied
        if not request.user.has_perm("attraction.verify_signing"):  # before the data: 403, not 400
            raise exceptions.PermissionDenied
        data = VerifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.signing_verify(signing=signing, user=request.user, **data.validated_data)
        return Response(
            SigningSerializer(self.get_queryset().get(pk=signing.pk), context={"request": request}).data
        )

    @action(
        detail=True, methods=["post"], url_path="to-project", permission_classes=[permissions.IsAuthenticated]
    )
    def to_project(self, request, pk=None):
        """Turn the verified signing into a key project (once)."""
        signing = self.get_object()
        if not request.user.has_perm("attraction.view_signing"):
            raise exceptions.PermissionDenied
        project = services.signing_to_project(signing=signing, user=request.user)
        return Response({"project": project.pk, "code": project.code}, status=201)


class SigningFundingSerializer(ScopedModelSerializer):
    """One month of a signing's funds in place; ``foreign_cny`` and ``total`` are computed."""

    class Meta:
        model = SigningFunding
        fields = [
            "id",
            "signing",
            "year",
            "month",
            "domestic_outside_province",
            "foreign_usd",
            "usd_rate",
            "foreign_cny",
            "total",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["foreign_cny", "total"]

    def validate(self, attrs):
        def value(name):
            return attrs[name] if name in attrs else getattr(self.instance, name, None)

        error = funding_rate_error(value("foreign_usd"), value("usd_rate"))
        if error:
            raise serializers.ValidationError({"usd_rate": [error]})
        return attrs


class SigningFundingViewSet(ScopedModelViewSet):
    """Funds in place by month: staff only, like the signings (an enterprise user finds none).
    Writing needs add/change_signingfunding and the signing's department (its change rule);
    a verified signing stays verified: its funding is recorded beside it."""

    queryset = SigningFunding.objects.select_related("signing")
    serializer_class = SigningFundingSerializer
    filterset_class = SigningFundingFilterSet
    ordering_fields = ["year", "month", "id"]

    def check_signing(self, serializer) -> None:
        """The row's signing (new, or moved to) must be one the user may change."""
        signing = serializer.validated_data.get("signing")
        if signing is not None and not rule_allows(self.request.user, signing):
            self.permission_denied(self.request, message=refusal(signing))

    def perform_create(self, serializer):
        self.check_signing(serializer)
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self.check_signing(serializer)
        super().perform_update(serializer)


class ScreeningStandardSerializer(ScopedModelSerializer):
    class Meta:
        model = ScreeningStandard
        fields = [
            "id",
            "name",
            "lead_industry",
            "valid_from",
            "valid_to",
            "min_intensity",
            "min_tax_per_mu",
            "tech_high_tech",
            "tech_min_rd_ratio",
            "relevance_required",
            "is_example",
            "note",
        ]


class ScreeningStandardViewSet(ScopedModelViewSet):
    """The "345" standards: staff read them; administrators keep them. ``is_example`` marks
    example thresholds (the article gives no official figures)."""

    queryset = ScreeningStandard.objects.select_related("lead_industry")
    serializer_class = ScreeningStandardSerializer
    filterset_class = ScreeningStandardFilterSet


def register(router) -> None:
    """Add these resources to the project router."""
    router.register("signings", SigningViewSet)
    router.register("signing-funds", SigningFundingViewSet)
    router.register("screening-standards", ScreeningStandardViewSet)
