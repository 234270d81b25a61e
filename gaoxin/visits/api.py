"""REST resources: /api/visits/ (+ raise-requests/), /api/visit-plans/, /api/visit-questions/ —
the same filters, scope (zone staff only: a firm's user gets 404 for every id) and rules as
the pages."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoxin.core.api import ScopedModelSerializer, ScopedModelViewSet
from gaoxin.portal.models import RequestCategory

from . import services
from .filters import VisitFilterSet, VisitPlanFilterSet, VisitQuestionFilterSet
from .models import Visit, VisitPlan, VisitQuestion
from .survey import answer_errors, normalised, question_errors
from .views import PLANS, QUESTIONS, VISITS, with_firm_count

WRITE = ["get", "post", "patch", "put", "head", "options"]


def warnings_of(serializer, obj, compute) -> list[str]:
    """The warnings of ``obj``: computed for the whole page at once (``WarningsForPage``),
    else for the one record."""
    found = serializer.context.get("warnings")
    if found is None or obj.pk not in found:
        return compute([obj]).get(obj.pk, [])
    return found[obj.pk]


class WarningsForPage:
    """A list's page gets its warnings in one go (a fixed number of queries per page)."""

    warnings_for = None

    def get_serializer(self, *args, **kwargs):
        if kwargs.get("many") and args:
            records = list(args[0])
            kwargs.setdefault("context", self.get_serializer_context())["warnings"] = self.warnings_for(
                records
            )
            args = (records, *args[1:])
        return super().get_serializer(*args, **kwargs)


class VisitQuestionSerializer(ScopedModelSerializer):
    class Meta:
        model = VisitQuestion
        fields = [
            "id",
            "code",
            "text",
            "kind",
            "choices",
            "unit",
            "flag",
            "flag_answers",
            "request_category",
            "sort_order",
            "active",
        ]

    def validate_code(self, code):
        if self.instance is not None and code != self.instance.code:
            raise serializers.ValidationError(
                _("The code keys the answers already given: it is not changed.")
            )
        return code

    def validate(self, attrs):
        probe = VisitQuestion(
            **{f: attrs.get(f, getattr(self.instance, f, None)) for f in ("kind", "choices", "flag_answers")}
        )
        errors = question_errors(probe)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class VisitQuestionViewSet(ScopedModelViewSet):
    """The survey's questions: data the zone keeps (words, order, flags, retired ones)."""

    queryset = QUESTIONS
    serializer_class = VisitQuestionSerializer
    filterset_class = VisitQuestionFilterSet
    http_method_names = WRITE


class VisitPlanSerializer(ScopedModelSerializer):
    leader_name = serializers.CharField(source="leader.name", read_only=True, allow_null=True)
    department_name = serializers.CharField(source="department.name", read_only=True, allow_null=True)
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = VisitPlan
        fields = [
            "id",
            "name",
            "year",
            "starts_on",
            "ends_on",
            "leader",
            "leader_name",
            "department",
            "department_name",
            "firms",
            "status",
            "note",
            "warnings",
            "created_at",
            "updated_at",
        ]

    def get_warnings(self, plan) -> list[str]:
        """Other plans of the same department (or leader) with these firms in an overlapping window."""
        return warnings_of(self, plan, services.plans_warnings)

    def validate(self, attrs):
        def current(name, default=None):
            if name in attrs:
                return attrs[name]
            if self.instance is None:
                return default
            return list(self.instance.firms.all()) if name == "firms" else getattr(self.instance, name)

        check = services.plan_check(
            department=current("department"),
            leader=current("leader"),
            starts_on=current("starts_on"),
            ends_on=current("ends_on"),
            firms=current("firms", []),
            exclude=self.instance,
        )
        if check.errors:
            raise serializers.ValidationError({"firms": check.errors})
        year, starts_on = current("year"), current("starts_on")
        if year and starts_on and starts_on.year != year:
            raise serializers.ValidationError(
                {"starts_on": _("The window starts in another year than the plan's.")}
            )
        return attrs


class VisitPlanViewSet(WarningsForPage, ScopedModelViewSet):
    warnings_for = staticmethod(services.plans_warnings)
    queryset = with_firm_count(PLANS).prefetch_related("firms")
    serializer_class = VisitPlanSerializer
    filterset_class = VisitPlanFilterSet
    http_method_names = WRITE


class VisitSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    plan_name = serializers.CharField(source="plan.name", read_only=True, allow_null=True)
    leader_name = serializers.CharField(source="leader.name", read_only=True, allow_null=True)
    department_name = serializers.CharField(source="department.name", read_only=True, allow_null=True)
    warnings = serializers.SerializerMethodField()
    requests = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "plan",
            "plan_name",
            "visited_on",
            "leader",
            "leader_name",
            "department",
            "department_name",
            "visitors",
            "people_met",
            "answers",
            "notes",
            "flag_expansion",
            "flag_risk",
            "flag_relocation",
            "warnings",
            "requests",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["flag_expansion", "flag_risk", "flag_relocation"]

    def get_warnings(self, visit) -> list[str]:
        """Other visits of the firm within the repeat-visit window (a warning, not a refusal)."""
        return warnings_of(self, visit, services.visits_warnings)

    def get_requests(self, visit) -> list[int]:
        """The ids of the requests (诉求) raised from this visit's answers."""
        return [link.request_id for link in visit.raised_requests.all()]

    def validate_answers(self, answers):
        errors = answer_errors(answers)
        if errors:
            raise serializers.ValidationError(errors)
        return normalised(answers)

    def validate(self, attrs):
        probe = Visit(
            enterprise=attrs.get("enterprise", getattr(self.instance, "enterprise", None)),
            plan=attrs.get("plan", getattr(self.instance, "plan", None)),
        )
        if (
            probe.plan is not None
            and probe.enterprise is not None
            and not probe.plan.firms.filter(pk=probe.enterprise.pk).exists()
        ):
            raise serializers.ValidationError({"plan": [_("This firm is not in the plan chosen.")]})
        return attrs


class RaiseItemSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=30, help_text="The code of the answered question.")
    category = serializers.PrimaryKeyRelatedField(queryset=RequestCategory.objects.all())
    title = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    text = serializers.CharField(required=False, allow_blank=True, default="")


class RaiseRequestsSerializer(serializers.Serializer):
    items = RaiseItemSerializer(many=True)


class VisitViewSet(WarningsForPage, ScopedModelViewSet):
    """Visit records; ``raise-requests`` turns chosen answers into 诉求 in one step."""

    queryset = VISITS.prefetch_related("raised_requests")
    warnings_for = staticmethod(services.visits_warnings)
    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet
    ordering_fields = ["visited_on", "id"]
    http_method_names = WRITE

    @extend_schema(request=RaiseRequestsSerializer, responses=VisitSerializer)
    @action(detail=True, methods=["post"], url_path="raise-requests")
    def raise_requests(self, request, pk=None):
        """One request per item (the answer's question code, the category, optionally the
        subject and text), all or none; each request's source is 走访."""
        visit = self.get_object()
        data = RaiseRequestsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        items = [services.RaiseItem(**item) for item in data.validated_data["items"]]
        services.visit_raise_requests(user=request.user, visit=visit, items=items)
        return Response(self.get_serializer(self.get_queryset().get(pk=visit.pk)).data)


def register(router) -> None:
    router.register("visits", VisitViewSet, basename="visit")
    router.register("visit-plans", VisitPlanViewSet, basename="visit-plan")
    router.register("visit-questions", VisitQuestionViewSet, basename="visit-question")
