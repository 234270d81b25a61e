"""REST resources of the registry: /api/enterprises/, /api/qualifications/,
/api/annual-facts/, /api/ip-assets/, /api/equity-financings/ (same filters and scope as the pages)."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from gaoxin.core import uscc
from gaoxin.core.api import ScopedModelSerializer, ScopedModelViewSet
from gaoxin.core.models import Tag
from gaoxin.reference.models import Industry

from .filters import (
    AnnualFactsFilterSet,
    EnterpriseFilterSet,
    EquityFinancingFilterSet,
    IPAssetFilterSet,
    QualificationFilterSet,
)
from .models import (
    FACT_FIELDS,
    AnnualFacts,
    Enterprise,
    EquityFinancing,
    IPAsset,
    Qualification,
    QualificationType,
    ip_asset_errors,
)
from .views import enterprise_list_queryset


class QualificationBriefSerializer(serializers.ModelSerializer):
    type = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Qualification
        fields = ["id", "type", "level", "certificate_no", "granted_on", "expires_on"]


class EnterpriseSerializer(ScopedModelSerializer):
    industry = serializers.PrimaryKeyRelatedField(
        queryset=Industry.objects.classes(),
        allow_null=True,
        required=False,
        help_text="GB/T 4754-2017 class code, 4 digits (e.g. 3841)",
    )
    tags = serializers.SlugRelatedField(
        slug_field="name", many=True, queryset=Tag.objects.all(), required=False
    )
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)
    region_name = serializers.CharField(source="region.full_name", read_only=True, allow_null=True)
    valid_qualifications = QualificationBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "uscc",
            "legal_representative",
            "established_on",
            "registered_capital",
            "park",
            "address",
            "industry",
            "region",
            "region_name",
            "lead_industry",
            "status",
            "scale",
            "business_scope",
            "is_demo",
            "tech_field",
            "tax_collection_mode",
            "main_product",
            "niche_market_since",
            "strategic_emerging",
            "tags",
            "valid_qualifications",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["is_demo"]

    def validate_uscc(self, value):
        result = uscc.check(value)
        if not result.ok:
            raise serializers.ValidationError(result.error)
        code = result.code
        clash = Enterprise.objects.filter(uscc=code)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError(Enterprise._meta.get_field("uscc").error_messages["unique"])
        return code


class EnterpriseViewSet(ScopedModelViewSet):
    queryset = enterprise_list_queryset()
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet
    ordering_fields = ["name", "uscc", "established_on", "registered_capital", "updated_at"]

    def get_queryset(self):
        return enterprise_list_queryset().visible_to(self.request.user)


class QualificationSerializer(ScopedModelSerializer):
    type = serializers.SlugRelatedField(slug_field="code", queryset=QualificationType.objects.all())
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Qualification
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "type",
            "level",
            "certificate_no",
            "granted_on",
            "expires_on",
            "revoked_on",
            "note",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        def current(name):
            return attrs.get(name, getattr(self.instance, name, None))

        granted, expires, kind = current("granted_on"), current("expires_on"), current("type")
        if expires is None and kind is not None:
            attrs["expires_on"] = expires = kind.expiry_for(granted)
        if expires and granted and expires < granted:
            raise serializers.ValidationError(
                {"expires_on": [_("The expiry date cannot be before the grant date.")]}
            )
        return attrs


class QualificationViewSet(ScopedModelViewSet):
    queryset = Qualification.objects.select_related("enterprise", "type")
    serializer_class = QualificationSerializer
    filterset_class = QualificationFilterSet
    ordering_fields = ["granted_on", "expires_on", "id"]


class AnnualFactsSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = AnnualFacts
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "year",
            *FACT_FIELDS,
            "source",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        from .models import facts_errors

        merged = {**({} if self.instance is None else self.instance.__dict__), **attrs}
        errors = facts_errors(merged)
        if errors:
            raise serializers.ValidationError({key: [message] for key, message in errors})
        return attrs


class AnnualFactsViewSet(ScopedModelViewSet):
    queryset = AnnualFacts.objects.select_related("enterprise")
    serializer_class = AnnualFactsSerializer
    filterset_class = AnnualFactsFilterSet
    ordering_fields = ["year", "id"]


class IPAssetSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = IPAsset
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "kind",
            "ip_class",
            "title",
            "number",
            "status",
            "applied_on",
            "granted_on",
            "lapsed_on",
            "acquisition",
            "high_value",
            "products",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["ip_class"]
        validators = []  # the unique number is checked in validate(), named on its field

    def validate(self, attrs):
        merged = {**({} if self.instance is None else self.instance.__dict__), **attrs}
        merged.setdefault("status", IPAsset.Status.GRANTED)
        errors = ip_asset_errors(merged)
        if errors:
            raise serializers.ValidationError({key: [message] for key, message in errors})
        enterprise, kind, number = (merged.get(k) for k in ("enterprise", "kind", "number"))
        enterprise_id = getattr(enterprise, "pk", merged.get("enterprise_id"))
        clash = IPAsset.objects.filter(enterprise_id=enterprise_id, kind=kind, number=number)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError(
                {"number": [_("This enterprise already has an item of this kind with this number.")]}
            )
        return attrs


class IPAssetViewSet(ScopedModelViewSet):
    queryset = IPAsset.objects.select_related("enterprise")
    serializer_class = IPAssetSerializer
    filterset_class = IPAssetFilterSet
    ordering_fields = ["granted_on", "applied_on", "number", "id"]


class EquityFinancingSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = EquityFinancing
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "received_on",
            "amount",
            "investor",
            "qualified_investor",
            "round",
            "note",
            "created_at",
            "updated_at",
        ]

    def validate_amount(self, value):
        if value is not None and value <= 0:
            raise serializers.ValidationError(_("The amount must be more than zero."))
        return value


class EquityFinancingViewSet(ScopedModelViewSet):
    queryset = EquityFinancing.objects.select_related("enterprise")
    serializer_class = EquityFinancingSerializer
    filterset_class = EquityFinancingFilterSet
    ordering_fields = ["received_on", "amount", "id"]
