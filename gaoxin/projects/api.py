"""REST resources of the key-project ledger:

- ``/api/projects/`` — the ledger, with its lists (codes), intensity, current light and why,
  and this year's planned / completed investment (annotated: the query count does not grow
  with the page). ``POST /api/projects/<id>/stage/`` changes the stage (date and reason).
- ``/api/project-investments/`` — completed investment (cumulative 1–N月); writes go through
  ``services.investment_record`` (falling values, exceeding the total without a note and
  locked periods are 400).
- ``/api/milestones/`` — schedule nodes; ``planned_date``, ``actual_date`` and ``note`` are
  changed through ``services.milestone_update`` (dependency errors are 400). Schedules are
  created from a template on the pages, not here.
- ``/api/problems/`` — the problem list; a new problem is raised by the requesting user, a
  ``status`` change goes through ``services.problem_transition`` (only the raiser closes).
- ``/api/project-lights/`` — read-only: the current light of every project (filters as the
  ledger's), ``/api/project-lights/<project id>/`` one project's, and
  ``/api/project-lights/<project id>/history/`` when it changed, newest first.

Scope: every child is reached through its project, so an enterprise user sees only its own
firm's projects and everything under them (another firm's id is a 404 for every method).
Department users change only projects their department leads and the problems assigned to
it or raised by them (``services.project_may_edit`` / ``problem_may_edit``), else 403.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import CharField, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoxin.core import roles
from gaoxin.core.api import ReadOnlyScopedViewSet, ScopedModelSerializer, ScopedModelViewSet
from gaoxin.core.stages import latest_stage_date
from gaoxin.zone.models import evaluation_date

from . import services
from .filters import InvestmentFilterSet, MilestoneFilterSet, ProblemFilterSet, ProjectFilterSet
from .models import (
    Investment,
    InvestmentPlan,
    LightChange,
    Milestone,
    Problem,
    ProblemCategory,
    Project,
    ProjectList,
    planned_dates_error,
)

MONEY = {"max_digits": 18, "decimal_places": 4, "read_only": True, "allow_null": True}


def visible_projects(user):
    return Project.objects.visible_to(user)


class ProjectChildMixin:
    """Children are scoped through their project: their own querysets are zone-wide."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if roles.sees_whole_zone(user):
            return queryset
        return queryset.filter(project__in=visible_projects(user))


# --- projects ---------------------------------------------------------------------------------


def project_queryset(as_of: datetime.date, months: int):
    """The ledger with everything the serializer reads, in a constant number of queries:
    this year's plan and the latest cumulative value of 1–``months``, the last investment
    period due on ``as_of`` (``services.reported_months``), not the months elapsed."""
    plan = InvestmentPlan.objects.filter(project=OuterRef("pk"), year=as_of.year).values("amount")[:1]
    done = (
        Investment.objects.filter(project=OuterRef("pk"), year=as_of.year, month__lte=months)
        .order_by("-month")
        .values("cumulative")[:1]
    )
    return (
        Project.objects.select_related("park", "lead_industry", "enterprise", "leader", "lead_department")
        .prefetch_related(Prefetch("lists", queryset=ProjectList.objects.only("id", "code")))
        .annotate(
            year_plan=Subquery(plan),
            year_completed=Subquery(done),
            year_months=Value(months, output_field=IntegerField()),
            year_period=Value(services.judged_label(as_of.year, months), output_field=CharField()),
        )
    )


class ProjectSerializer(ScopedModelSerializer):
    lists = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=ProjectList.objects.all(), required=False
    )
    park_name = serializers.CharField(source="park.name", read_only=True, allow_null=True)
    lead_department_name = serializers.CharField(
        source="lead_department.name", read_only=True, allow_null=True
    )
    leader_name = serializers.CharField(source="leader.name", read_only=True, allow_null=True)
    owner = serializers.CharField(
        read_only=True, help_text="The registered enterprise's name, else owner_name"
    )
    intensity = serializers.DecimalField(
        max_digits=18, decimal_places=2, read_only=True, allow_null=True, help_text="万元 per mu"
    )
    year_plan = serializers.DecimalField(**MONEY, help_text="This year's planned investment (万元)")
    year_completed = serializers.DecimalField(
        **MONEY,
        help_text="Completed this year, months 1–N (万元): N the last period due on the evaluation date "
        "(the project_investment data set's due day), 0 before the first",
    )
    year_months = serializers.IntegerField(read_only=True, help_text="N of year_completed (0: none due yet)")
    year_period = serializers.CharField(read_only=True, help_text="The period judged in words (2025年1–8月)")
    light_reasons = serializers.ListField(child=serializers.DictField(), read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "park",
            "park_name",
            "lead_industry",
            "chain_node",
            "enterprise",
            "owner_name",
            "owner",
            "nature",
            "stage",
            "stage_since",
            "production_date",
            "lists",
            "total_investment",
            "land_area_mu",
            "intensity",
            "planned_start",
            "planned_completion",
            "statistics_date",
            "description",
            "leader",
            "leader_name",
            "lead_department",
            "lead_department_name",
            "team_note",
            "frequency",
            "year_plan",
            "year_completed",
            "year_months",
            "year_period",
            "light",
            "light_reasons",
            "light_since",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["stage_since", "production_date", "light", "light_since"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["stage"].read_only = True  # POST <id>/stage/ records the date and reason
        return fields

    def validate(self, attrs):
        def current(name):
            return attrs.get(name, getattr(self.instance, name, None))

        message = planned_dates_error(
            current("planned_start"), current("planned_completion"), with_dates=False
        )
        if message:
            raise serializers.ValidationError({"planned_completion": [message]})
        return attrs


class StageChangeSerializer(serializers.Serializer):
    # A plain string: the same choices under a second name would be a second enum in the schema.
    to_stage = serializers.CharField(help_text="A value of Stage (services.stage_change checks it)")
    date = serializers.DateField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ProjectEditMixin:
    """Writes to a project (or a child through it) only by its lead department."""

    def project_of(self, obj) -> Project:
        return obj

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        if request.method not in permissions.SAFE_METHODS:
            project = self.project_of(obj)
            if not services.project_may_edit(request.user, project):
                self.permission_denied(request, message=self.refusal(project))

    def refusal(self, project) -> str:
        return _("Only the lead department (%(department)s) may change this project.") % {
            "department": project.lead_department or _("none set")
        }


class ProjectViewSet(ProjectEditMixin, ScopedModelViewSet):
    """The project ledger. Department staff create and change the projects their department
    leads; the stage changes through ``POST <id>/stage/`` so its date and reason are kept."""

    queryset = Project.objects.all()
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["code", "name", "total_investment", "planned_completion", "updated_at"]

    def get_queryset(self):
        if not hasattr(self, "as_of"):  # asked more than once per request
            self.as_of = evaluation_date()
            self.months = services.reported_months(self.as_of)
        return project_queryset(self.as_of, self.months).visible_to(self.request.user)

    def perform_create(self, serializer):
        draft = Project(lead_department=serializer.validated_data.get("lead_department"))
        if not services.project_may_edit(self.request.user, draft):
            raise exceptions.PermissionDenied(_("You may only add projects your department leads."))
        super().perform_create(serializer)
        services.recompute_lights(project_ids=[serializer.instance.pk])
        self.read_back(serializer)

    def perform_update(self, serializer):
        department = serializer.validated_data.get("lead_department")
        if (
            department is not None
            and department.pk != serializer.instance.lead_department_id
            and not services.may_lead(self.request.user, department)
        ):
            raise exceptions.PermissionDenied(_("You may hand a project only to a department you belong to."))
        super().perform_update(serializer)
        services.recompute_lights(project_ids=[serializer.instance.pk])
        self.read_back(serializer)

    def read_back(self, serializer) -> None:
        """The answer is the project as the ledger reads it: this year's figures (annotations a
        new instance lacks, so a created project's answer missed them) and the light just
        recomputed."""
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    @extend_schema(request=StageChangeSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def stage(self, request, pk=None):
        """Move the project to another stage (services.stage_change: a reason is needed to go
        back, suspend, terminate or skip nodes not done)."""
        project = self.get_object()
        data = StageChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.stage_change(
            project=project,
            to_stage=data.validated_data["to_stage"],
            date=data.validated_data.get("date") or latest_stage_date(evaluation_date()),
            reason=data.validated_data["reason"],
            user=request.user,
        )
        return Response(ProjectSerializer(self.get_queryset().get(pk=project.pk)).data)


# --- investment -------------------------------------------------------------------------------


class InvestmentSerializer(ScopedModelSerializer):
    project_code = serializers.CharField(source="project.code", read_only=True)

    class Meta:
        model = Investment
        fields = [
            "id",
            "project",
            "project_code",
            "year",
            "month",
            "cumulative",
            "note",
            "submission",
            "entered_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["submission", "entered_by"]

    def validate(self, attrs):
        if self.instance is not None:
            for name in ("project", "year", "month"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: [_("The period of a value cannot be changed; enter a new value instead.")]}
                    )
        return attrs


class InvestmentViewSet(ProjectChildMixin, ProjectEditMixin, ScopedModelViewSet):
    """Completed investment, cumulative for months 1–N of a year (万元). Every write is
    ``services.investment_record``: the cumulative value cannot fall, cannot exceed the
    total investment without a note, and an approved (locked) period cannot change."""

    queryset = Investment.objects.select_related("project")
    serializer_class = InvestmentSerializer
    filterset_class = InvestmentFilterSet
    ordering_fields = ["year", "month", "id"]

    def project_of(self, obj):
        return obj.project

    def record(self, serializer, instance=None):
        data = serializer.validated_data
        source = instance or Investment(**{k: data[k] for k in ("project", "year", "month")})
        serializer.instance = services.investment_record(
            project=source.project,
            year=source.year,
            month=source.month,
            cumulative=data.get("cumulative", getattr(instance, "cumulative", None)),
            note=data.get("note", getattr(instance, "note", "")),
            user=self.request.user,
        )

    def perform_create(self, serializer):
        self.record(serializer)

    def perform_update(self, serializer):
        self.record(serializer, serializer.instance)


# --- milestones -------------------------------------------------------------------------------


class MilestoneSerializer(ScopedModelSerializer):
    gate_stage = serializers.CharField(read_only=True, help_text="A value of Stage, or blank")
    lag_days = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id",
            "project",
            "code",
            "name",
            "sequence",
            "duration_days",
            "gate_stage",
            "predecessors",
            "planned_date",
            "baseline_date",
            "actual_date",
            "lag_days",
            "note",
            "updated_at",
        ]
        read_only_fields = [
            "project",
            "code",
            "name",
            "sequence",
            "duration_days",
            "gate_stage",
            "predecessors",
            "baseline_date",
        ]

    def get_lag_days(self, obj) -> int | None:
        """Days behind (+) or ahead (−) of the baseline on the zone's evaluation date."""
        if "as_of" not in self.context:
            self.context["as_of"] = evaluation_date()
        return obj.lag_days(self.context["as_of"])


class MilestoneViewSet(ProjectChildMixin, ProjectEditMixin, ScopedModelViewSet):
    """Schedule nodes (倒排工期). Reading, and changing ``planned_date`` / ``actual_date`` /
    ``note`` through ``services.milestone_update``: a planned date before a predecessor's or
    after a successor's is a 400; lights are recomputed."""

    queryset = Milestone.objects.select_related("project").prefetch_related("predecessors")
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    ordering_fields = ["sequence", "planned_date", "baseline_date", "id"]
    http_method_names = ["get", "put", "patch", "head", "options"]

    def project_of(self, obj):
        return obj.project

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.milestone_update(
            milestone=serializer.instance,
            user=self.request.user,
            planned_date=data.get("planned_date"),
            actual_date=data.get("actual_date"),
            note=data.get("note"),
            fields=[name for name in ("planned_date", "actual_date") if name in data],
        )


# --- problems ---------------------------------------------------------------------------------


def default_deadline(category, raised_on):
    """A new problem without a deadline: its category's time limit in working days."""
    try:
        return services.problem_default_deadline(category=category, raised_on=raised_on)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.message_dict) from error


class ProblemSerializer(ScopedModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", queryset=ProblemCategory.objects.all())
    project_code = serializers.CharField(source="project.code", read_only=True)
    raised_on = serializers.DateField(required=False)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = [
            "id",
            "project",
            "project_code",
            "category",
            "description",
            "raised_by",
            "raised_on",
            "department",
            "assignee",
            "deadline",
            "status",
            "feedback",
            "answered_on",
            "closed_on",
            "overdue",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["raised_by", "answered_on", "closed_on"]
        extra_kwargs = {"deadline": {"required": False}}  # blank: the category's time limit

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is None:
            fields["status"].read_only = True  # a new problem is 交办; then it moves
        else:
            fields["project"].read_only = True  # a problem stays with its project
            fields["raised_on"].read_only = True
        return fields

    def get_overdue(self, obj) -> bool:
        if "as_of" not in self.context:
            self.context["as_of"] = evaluation_date()
        return obj.is_overdue(self.context["as_of"])

    def validate(self, attrs):
        if self.instance is None:
            attrs.setdefault("raised_on", timezone.localdate())
        problem = self.instance
        if problem is not None and not services.problem_may_reassign(self.context["request"].user, problem):
            for name in ("deadline", "department"):
                if name in attrs and attrs[name] != getattr(problem, name):
                    raise exceptions.PermissionDenied(
                        _("Only whoever raised the problem sets its deadline and department.")
                    )
        raised = attrs.get("raised_on", getattr(self.instance, "raised_on", None))
        if self.instance is None and not attrs.get("deadline"):
            attrs["deadline"] = default_deadline(attrs.get("category"), raised)
        deadline = attrs.get("deadline", getattr(self.instance, "deadline", None))
        if raised and deadline and deadline < raised:
            raise serializers.ValidationError(
                {"deadline": [_("The deadline cannot be before the day the problem was raised.")]}
            )
        return attrs


class ProblemViewSet(ProjectChildMixin, ScopedModelViewSet):
    """The problem list (问题清单). A new problem is raised by the requesting user; changes
    are for the assigned department and the raiser (``services.problem_may_edit``); a
    ``status`` in a PATCH moves the problem through ``services.problem_transition``
    (交办 → 办理中 → 已反馈 → 已销号; answering needs ``feedback``; only the raiser closes)."""

    queryset = Problem.objects.select_related("project", "category")
    serializer_class = ProblemSerializer
    filterset_class = ProblemFilterSet
    ordering_fields = ["deadline", "raised_on", "id"]

    def perform_create(self, serializer):
        serializer.validated_data["raised_by"] = self.request.user
        super().perform_create(serializer)
        services.recompute_lights(project_ids=[serializer.instance.project_id])

    def perform_update(self, serializer):
        problem = serializer.instance
        data = serializer.validated_data
        status = data.pop("status", problem.status)
        with transaction.atomic():
            if status != problem.status:
                feedback = data.pop("feedback", "")
                services.problem_transition(
                    problem=problem, to_status=status, user=self.request.user, feedback=feedback
                )
            if data:
                super().perform_update(serializer)
        services.recompute_lights(project_ids=[problem.project_id])


# --- lights -----------------------------------------------------------------------------------


class ProjectLightSerializer(serializers.ModelSerializer):
    light_reasons = serializers.ListField(child=serializers.DictField(), read_only=True)

    class Meta:
        model = Project
        fields = ["id", "code", "name", "stage", "light", "light_since", "light_reasons"]


class LightChangeSerializer(serializers.ModelSerializer):
    reasons = serializers.ListField(child=serializers.DictField(), read_only=True)
    previous = serializers.CharField(read_only=True, help_text="A value of Light, or blank the first time")

    class Meta:
        model = LightChange
        fields = ["id", "project", "date", "previous", "light", "reasons", "recorded_at"]


class ProjectLightViewSet(ReadOnlyScopedViewSet):
    """Warning lights (亮灯). The list is the current light of every project the user may
    see (the ledger's filters apply: ``?light=red``, ``?park=`` …); ``<project id>/`` is one
    project's current light; ``<project id>/history/`` lists each change of its light
    (date, before, after and the rules' reasons), newest first."""

    queryset = Project.objects.all()
    serializer_class = ProjectLightSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["code", "light_since"]

    def get_queryset(self):
        queryset = Project.objects.only(
            "id", "code", "name", "stage", "light", "light_since", "light_reasons"
        )
        return queryset.visible_to(self.request.user)

    @extend_schema(responses=LightChangeSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def history(self, request, pk=None):
        project = self.get_object()
        rows = LightChange.objects.filter(project=project).order_by("-date", "-recorded_at", "-id")
        return Response(LightChangeSerializer(rows, many=True).data)
