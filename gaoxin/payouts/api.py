"""REST resources of the ledger: /api/awards/ (the issue's name) and /api/payouts/ (the same
resource under its general name), /api/programmes/ — same filters and scope as the pages."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoxin.core.api import ReadOnlyScopedViewSet, ScopedModelSerializer, ScopedModelViewSet

from .filters import PayoutFilterSet, ProgrammeFilterSet
from .models import BudgetLine, Payout, Programme, may_pay_from, payout_errors
from .services import payout_totals
from .views import PAYOUTS


class PayoutSerializer(ScopedModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="code", queryset=Programme.objects.all())
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    budget_code = serializers.CharField(source="budget_line.code", read_only=True, allow_null=True)

    class Meta:
        model = Payout
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "programme",
            "budget_line",
            "budget_code",
            "amount",
            "paid_on",
            "document_number",
            "note",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        draft = Payout(pk=getattr(self.instance, "pk", None))
        for name in ("programme", "budget_line", "amount", "paid_on"):
            setattr(draft, name, attrs.get(name, getattr(self.instance, name, None)))
        user = self.context["request"].user
        if draft.programme is not None and not may_pay_from(user, draft.programme):
            raise serializers.ValidationError(
                {"programme": [_("Only the programme's department may record its payouts.")]}
            )
        errors = payout_errors(draft)
        if errors:
            raise serializers.ValidationError({field: [message] for field, message in errors})
        return attrs


class TotalSerializer(serializers.Serializer):
    """Paid per programme and year (money in 万元, as text like every amount of the API)."""

    programme = serializers.CharField()
    programme_name = serializers.CharField()
    year = serializers.IntegerField()
    paid = serializers.CharField()
    payouts = serializers.IntegerField()
    firms = serializers.IntegerField()
    budget = serializers.CharField(allow_null=True)


class PayoutViewSet(ScopedModelViewSet):
    queryset = PAYOUTS
    serializer_class = PayoutSerializer
    filterset_class = PayoutFilterSet
    ordering_fields = ["paid_on", "amount", "id"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    @extend_schema(responses=TotalSerializer(many=True))
    @action(detail=False, pagination_class=None)
    def totals(self, request):
        """Paid per programme and year (``?year=``), over the payouts the reader may see."""
        payouts = self.filter_queryset(self.get_queryset())
        return Response(
            [
                {
                    "programme": t.programme.code,
                    "programme_name": t.programme.name,
                    "year": t.year,
                    "paid": str(t.paid),
                    "payouts": t.payouts,
                    "firms": t.firms,
                    "budget": None if t.budget is None else str(t.budget),
                }
                for t in payout_totals(payouts)
            ]
        )


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["id", "year", "code", "amount", "note"]


class ProgrammeSerializer(ScopedModelSerializer):
    budget_lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "code", "name", "kind", "department", "description", "budget_lines"]


class ProgrammeViewSet(ReadOnlyScopedViewSet):
    queryset = Programme.objects.prefetch_related("budget_lines")
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilterSet


def register(router) -> None:
    router.register("awards", PayoutViewSet, basename="award")
    router.register("payouts", PayoutViewSet, basename="payout")
    router.register("programmes", ProgrammeViewSet, basename="programme")
