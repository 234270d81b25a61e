"""REST resources of the lead pipeline:

- ``/api/leads/`` — leads (filters ``stage``, ``owner``, ``department``, ``lead_industry``,
  ``node``, ``overdue``, ``q``), each with ``overdue_reason`` in words. The stage is not
  written by PUT/PATCH: ``POST /api/leads/<id>/move/`` (``to_stage``, ``date``, ``reason``)
  goes through ``services_leads.lead_move`` (backwards without a reason is a 400).
- ``/api/activities/`` — promotion activities (filters as the list page's). A write that
  meets a company visited within the window is a 400 with the warnings under
  ``confirm_duplicates`` unless ``confirm_duplicates`` is true.

Zone staff read; a clerk writes leads of their department or owned by them, activities of
their department (403 otherwise); enterprise users have no permission (403) and an empty
scope (404). A confidential lead of another department shows its code name, not the company.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoxin.chains.models import RegistryCompany
from gaoxin.core.api import ScopedModelSerializer, ScopedModelViewSet
from gaoxin.zone.models import evaluation_date

from . import services_leads as services
from .filters_leads import ActivityFilterSet, LeadFilterSet
from .models import Activity, Lead, LeadStage


class LeadSerializer(ScopedModelSerializer):
    overdue_reason = serializers.SerializerMethodField()
    owner_name = serializers.SerializerMethodField()
    department_name = serializers.CharField(source="department.name", read_only=True, allow_null=True)
    node_name = serializers.CharField(source="node.name", read_only=True, allow_null=True)

    class Meta:
        model = Lead
        fields = [
            "id",
            "code",
            "company",
            "company_name",
            "confidential",
            "code_name",
            "contact",
            "source",
            "lead_industry",
            "node",
            "node_name",
            "intended_investment",
            "intended_land_mu",
            "stage",
            "stage_since",
            "owner",
            "owner_name",
            "department",
            "department_name",
            "next_action",
            "next_action_date",
            "last_action_date",
            "overdue_reason",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["code", "stage", "stage_since", "last_action_date", "created_at", "updated_at"]

    def get_overdue_reason(self, lead) -> str | None:
        context = self.context
        if "deadline_rules" not in context:  # once per response, not per lead
            context["deadline_rules"], context["today"] = services.deadlines(), evaluation_date()
        return services.lead_overdue(lead, context["today"], context["deadline_rules"])

    def get_owner_name(self, lead) -> str | None:
        return (lead.owner.get_full_name() or lead.owner.get_username()) if lead.owner else None

    def to_representation(self, lead):
        data = super().to_representation(lead)
        if lead.hides_company:  # set by Lead.objects.visible_to for the reader
            data.update(company=None, company_name=lead.code_name, contact="", source="", note="")
        return data


class MoveSerializer(serializers.Serializer):
    to_stage = serializers.ChoiceField(choices=LeadStage.choices)
    date = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class LeadViewSet(ScopedModelViewSet):
    queryset = Lead.objects.select_related("owner", "department", "node")
    serializer_class = LeadSerializer
    filterset_class = LeadFilterSet
    ordering_fields = ["code", "stage", "next_action_date", "updated_at", "intended_investment"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.lead_create(
            user=self.request.user, company_name=data.pop("company_name", ""), **data
        )

    def perform_update(self, serializer):
        # The change rule (before, and after the save: no hand-away) is ScopedModelViewSet's.
        with transaction.atomic():
            super().perform_update(serializer)
            lead = serializer.instance
            if lead.confidential and not lead.code_name.strip():
                raise serializers.ValidationError(
                    {"code_name": [_("A confidential lead needs a code name.")]}
                )

    @extend_schema(request=MoveSerializer, responses=LeadSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        lead = self.get_object()
        if not request.user.has_perm("attraction.change_lead"):
            raise exceptions.PermissionDenied
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.lead_move(lead=lead, user=request.user, source="api", **body.validated_data)
        return Response(self.get_serializer(lead).data)


class ActivitySerializer(ScopedModelSerializer):
    companies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=RegistryCompany.objects.all(), required=False
    )
    confirm_duplicates = serializers.BooleanField(write_only=True, required=False, default=False)

    class Meta:
        model = Activity
        fields = [
            "id",
            "date",
            "kind",
            "title",
            "region",
            "city",
            "department",
            "participants",
            "participants_note",
            "companies",
            "company_names",
            "leads",
            "notes",
            "confirm_duplicates",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"participants": {"required": False}, "leads": {"required": False}}


class ActivityViewSet(ScopedModelViewSet):
    queryset = Activity.objects.select_related("region", "department").prefetch_related(
        Prefetch("companies", queryset=RegistryCompany.objects.only("id")), "participants", "leads"
    )
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    ordering_fields = ["date", "id"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _record(self, serializer, instance=None):
        data = dict(serializer.validated_data)
        if instance is not None:
            for name in ("date", "kind", "title"):
                data.setdefault(name, getattr(instance, name))
            data.setdefault("companies", list(instance.companies.all()))
            data.setdefault("leads", list(instance.leads.all()))
            data.setdefault("participants", list(instance.participants.all()))
            instance.snapshot()
        serializer.instance = services.activity_record(user=self.request.user, instance=instance, **data)

    def perform_create(self, serializer):
        self._record(serializer)

    def perform_update(self, serializer):
        self._record(serializer, serializer.instance)


def register(router) -> None:
    """Add these resources to the project router."""
    router.register("leads", LeadViewSet)
    router.register("activities", ActivityViewSet)
