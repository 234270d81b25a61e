"""REST resources: /api/policies/, /api/policy-clauses/ (+ POST …/trial/), /api/policy-matches/,
/api/policy-check/ (the 体检报告), /api/disbursements/ (+ stage transitions), /api/policy-effect/
(政策效益)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoxin.core import roles
from gaoxin.core.api import ScopedModelSerializer, ScopedModelViewSet, ScopeFirstMixin, ServiceErrorsMixin
from gaoxin.enterprises.models import Enterprise
from gaoxin.zone.models import evaluation_date

from . import effect, services
from .filters import ClauseFilterSet, DisbursementFilterSet, PolicyFilterSet
from .matching import STATUS_LABELS, match, trial
from .models import Clause, Disbursement, Objection, Policy


class PolicySerializer(ScopedModelSerializer):
    class Meta:
        model = Policy
        fields = [
            "id",
            "title",
            "issuer",
            "number",
            "issued_on",
            "effective_on",
            "expires_on",
            "scope",
            "park",
            "chain",
            "tier",
            "status",
            "summary",
        ]


class PolicyViewSet(ScopedModelViewSet):
    queryset = Policy.objects.all()
    serializer_class = PolicySerializer
    filterset_class = PolicyFilterSet


class ClauseSerializer(ScopedModelSerializer):
    def validate(self, attrs):
        instance = Clause(**{**({} if self.instance is None else model_values(self.instance)), **attrs})
        try:
            instance.clean()
        except Exception as error:  # Django's ValidationError → the API's 400
            raise serializers.ValidationError(
                getattr(error, "message_dict", {"detail": str(error)})
            ) from None
        return attrs

    class Meta:
        model = Clause
        fields = [
            "id",
            "policy",
            "code",
            "title",
            "rule",
            "formula",
            "budget_amount",
            "budget_line",
            "repeatable",
            "min_notice_days",
            "note",
        ]


def money(value):
    """A Decimal 万元 as the API's string with two places (as serializers send Decimals)."""
    return None if value is None else f"{value:.2f}"


def firm_json(firm: dict) -> dict:
    return {**firm, "amount": money(firm["amount"])}


def model_values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def year_param(request) -> int:
    raw = request.query_params.get("year") or request.data.get("year") if hasattr(request, "data") else None
    if raw in (None, ""):
        return evaluation_date().year
    if not str(raw).isdigit() or not 1990 <= int(raw) <= 2100:
        raise ValidationError({"year": _("Give the year as a number, e.g. 2025.")})
    return int(raw)


def id_param(request, name: str) -> int:
    value = str(request.query_params.get(name) or "")
    if not value.isdigit() or len(value) > 12:
        raise ValidationError({name: _("Give it by its id (a number).")})
    return int(value)


class ClauseViewSet(ScopedModelViewSet):
    queryset = Clause.objects.select_related("policy")
    serializer_class = ClauseSerializer
    filterset_class = ClauseFilterSet

    @action(detail=True, methods=["post"])
    def trial(self, request, pk=None):
        """试算: the clause against every firm for ``year`` (count, total, five examples)."""
        if not roles.sees_whole_zone(request.user):
            raise PermissionDenied
        answer = trial(self.get_object(), year_param(request))
        answer.update({k: money(answer[k]) for k in ("total", "budget")})
        answer["examples"] = [firm_json(f) for f in answer["examples"]]
        return Response(answer)


def staff_only(request) -> None:
    if not roles.sees_whole_zone(request.user) or not request.user.has_perm("policies.view_clause"):
        raise PermissionDenied


class PolicyMatchView(ServiceErrorsMixin, APIView):
    """/api/policy-matches/?clause=&year=&status= — qualifies / unpaid (应享未享) / paid /
    misses / error, each firm with its amount and its criteria."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("clause", OpenApiTypes.INT, required=True),
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(STATUS_LABELS)),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        staff_only(request)
        clause = get_object_or_404(Clause.objects.select_related("policy"), pk=id_param(request, "clause"))
        status = request.query_params.get("status") or None
        if status and status not in STATUS_LABELS:
            raise ValidationError({"status": _("Unknown status %(s)s.") % {"s": status}})
        result = match([clause], year_param(request))[0]
        rows = result.rows(status)
        return Response(
            {
                "clause": clause.pk,
                "year": result.values.year,
                "budget": money(clause.budget_amount),
                "total": money(result.total),
                "unpaid_total": money(result.unpaid_total),
                "over_budget": result.over_budget,
                "count": len(rows),
                "results": [firm_json(result.firm(i)) for i in rows[:2000]],
            }
        )


class PolicyCheckView(ServiceErrorsMixin, APIView):
    """/api/policy-check/?enterprise=&year= — the 体检报告 of one firm (its own for a firm user;
    another firm's id is a 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("enterprise", OpenApiTypes.INT, required=True),
            OpenApiParameter("year", OpenApiTypes.INT),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        firm = get_object_or_404(
            Enterprise.objects.visible_to(request.user), pk=id_param(request, "enterprise")
        )
        report = services.policy_check(enterprise_id=firm.pk, year=year_param(request))
        for item in report["items"]:
            clause = item.pop("clause")
            item.update({"clause": clause.pk, "clause_title": str(clause), "amount": money(item["amount"])})
        report.update({k: money(report[k]) for k in ("total", "unpaid")})
        return Response({"enterprise": firm.pk, **report})


class ObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objection
        fields = ["id", "raised_on", "raised_by", "content", "resolved_on", "resolution"]


class DisbursementSerializer(serializers.ModelSerializer):
    objections = ObjectionSerializer(many=True, read_only=True)

    class Meta:
        model = Disbursement
        fields = [
            "id",
            "clause",
            "enterprise",
            "year",
            "amount",
            "stage",
            "stage_since",
            "budget_line",
            "notice_start",
            "notice_end",
            "proposed_by",
            "approved_by",
            "document_no",
            "bank_ref",
            "paid_on",
            "objections",
        ]
        read_only_fields = fields


def date_of(data, name="date") -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(data.get(name) or ""))
    except ValueError:
        raise ValidationError({name: _("Give the date as YYYY-MM-DD.")}) from None


class DisbursementViewSet(
    ServiceErrorsMixin,
    ScopeFirstMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Read, propose (POST), and move: notice, approve, pay, withdraw, objections."""

    queryset = Disbursement.objects.select_related("clause__policy", "enterprise").prefetch_related(
        "objections"
    )
    serializer_class = DisbursementSerializer
    filterset_class = DisbursementFilterSet

    def get_permissions(self):
        if self.action in ("notice", "approve", "pay", "withdraw", "objections"):
            return [IsAuthenticated()]  # each step asks its own permission (``need``)
        return super().get_permissions()

    def need(self, perm: str) -> None:
        if not self.request.user.has_perm(f"policies.{perm}"):
            raise PermissionDenied

    def create(self, request):
        self.need("add_disbursement")
        clause = get_object_or_404(
            Clause.objects.select_related("policy"), pk=request.data.get("clause") or 0
        )
        firm = get_object_or_404(
            Enterprise.objects.visible_to(request.user), pk=request.data.get("enterprise") or 0
        )
        day = date_of(request.data) if request.data.get("date") else None
        made = services.disbursement_propose(
            clause=clause, enterprise_id=firm.pk, year=year_param(request), user=request.user, date=day
        )
        return Response(self.get_serializer(made).data, status=201)

    def moved(self):
        return Response(self.get_serializer(self.get_queryset().get(pk=self.kwargs["pk"])).data)

    @action(detail=True, methods=["post"])
    def notice(self, request, pk=None):
        self.need("change_disbursement")
        days = request.data.get("days")
        services.disbursement_notice(
            disbursement=self.get_object(),
            user=request.user,
            start=date_of(request.data, "start"),
            days=int(days) if days not in (None, "") else None,
        )
        return self.moved()

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        self.need("change_disbursement")
        services.disbursement_approve(
            disbursement=self.get_object(), user=request.user, date=date_of(request.data)
        )
        return self.moved()

    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        self.need("change_disbursement")
        services.disbursement_pay(
            disbursement=self.get_object(),
            user=request.user,
            date=date_of(request.data),
            bank_ref=str(request.data.get("bank_ref") or ""),
            document_no=str(request.data.get("document_no") or ""),
        )
        return self.moved()

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        self.need("change_disbursement")
        services.disbursement_withdraw(
            disbursement=self.get_object(),
            user=request.user,
            date=date_of(request.data),
            reason=str(request.data.get("reason") or ""),
        )
        return self.moved()

    @action(detail=True, methods=["post"])
    def objections(self, request, pk=None):
        self.need("add_objection")
        services.objection_raise(
            disbursement=self.get_object(),
            raised_on=date_of(request.data, "raised_on"),
            raised_by=str(request.data.get("raised_by") or ""),
            content=str(request.data.get("content") or ""),
        )
        return self.moved()


def growth_json(g) -> dict:
    return {"firms": g.firms, "rate": None if g.rate is None else str(g.rate), "words": g.words}


def effect_json(sheet) -> dict:
    return {
        "policy": sheet.policy.pk,
        "policy_title": sheet.policy.title,
        "year": sheet.year,
        "after_year": sheet.after_year,
        "reached": sheet.reached,
        "paid": money(sheet.paid),
        "clauses": [{"clause": name, "firms": n, "amount": money(a)} for name, n, a in sheet.clauses],
        "has_next_year": sheet.has_next_year,
        "tiers": [
            {
                "tier": row.tier,
                "paid_firms": row.paid_firms,
                "other_firms": row.other_firms,
                "comparisons": [
                    {
                        "indicator": c.key,
                        "name": c.name,
                        "paid": growth_json(c.paid),
                        "others": growth_json(c.others),
                        "difference_points": None if c.difference is None else str(c.difference),
                    }
                    for c in row.comparisons
                ],
            }
            for row in sheet.tiers
        ],
    }


class PolicyEffectView(ServiceErrorsMixin, APIView):
    """/api/policy-effect/?year=&policy= — 政策效益: per policy (not draft) and award year, firms
    reached, amounts paid, and the paid firms' growth the year after beside the unpaid firms of
    the same tier (an observation, not a causal claim; policies/effect.py)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("year", OpenApiTypes.INT), OpenApiParameter("policy", OpenApiTypes.INT)],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        staff_only(request)
        if not request.user.has_perm("policies.view_disbursement"):
            raise PermissionDenied
        year = year_param(request)
        policies = Policy.objects.exclude(status=Policy.Status.DRAFT).order_by("-issued_on", "pk")
        if request.query_params.get("policy"):
            policies = [get_object_or_404(policies, pk=id_param(request, "policy"))]
        return Response(
            {"year": year, "results": [effect_json(effect.policy_effect(p, year)) for p in policies]}
        )
