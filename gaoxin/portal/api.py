"""REST resources of the portal: /api/requests/ (a firm's own requests, staff all; the steps
as actions), /api/request-categories/, /api/firm-users/ (the firm's accounts, invitations and
rights for its administrator), /api/department-scores/ — same scope and services as the pages."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from gaoxin.core import roles
from gaoxin.core.api import (
    ReadOnlyScopedViewSet,
    ScopedModelSerializer,
    ScopedModelViewSet,
    ServiceErrorsMixin,
)
from gaoxin.core.people import user_name
from gaoxin.enterprises.models import Enterprise, EnterpriseUser
from gaoxin.zone.models import Department

from . import corrections, services
from .filters import FirmRequestFilterSet
from .models import Correction, FirmRequest, RequestAttachment, RequestCategory, RequestEvent, is_firm_admin
from .scores import department_scores
from .views import REQUESTS


class CreateThrottle(UserRateThrottle):
    """Raising requests and sending invitations: at most 30 a minute per user on top of the
    services' hourly limits (GAOXIN_PORTAL_*_PER_HOUR)."""

    scope = "portal-create"
    rate = "30/min"

    def allow_request(self, request, view):
        if view.action not in ("create", "invite"):
            return True
        return super().allow_request(request, view)


class CategorySerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True, allow_null=True)

    class Meta:
        model = RequestCategory
        fields = ["id", "code", "name", "department", "department_name", "accept_workdays", "handle_workdays"]


class RequestCategoryViewSet(ReadOnlyScopedViewSet):
    queryset = RequestCategory.objects.select_related("department")
    serializer_class = CategorySerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None


class EventSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = RequestEvent
        fields = ["action", "day", "from_status", "to_status", "department", "department_name", "reason"]


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="the download (always as an attachment)")
    uploaded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = RequestAttachment
        fields = ["id", "name", "content_type", "size", "url", "uploaded_by_name", "created_at"]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        return reverse("portal:attachment", args=[obj.pk])

    def get_uploaded_by_name(self, obj) -> str:
        return user_name(obj.uploaded_by)


class FirmRequestSerializer(ScopedModelSerializer):
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(), required=False, help_text="omitted by a firm's user: its own firm"
    )
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    events = EventSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    rating = serializers.CharField(
        read_only=True, help_text="satisfied | mostly | unsatisfied | (empty: not rated)"
    )

    class Meta:
        model = FirmRequest
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "category",
            "category_name",
            "title",
            "text",
            "urgency",
            "source",
            "raised_on",
            "department",
            "department_name",
            "routed_on",
            "status",
            "accept_due",
            "accepted_on",
            "handle_due",
            "answered_on",
            "answer",
            "closed_on",
            "rating",
            "rating_note",
            "reopen_count",
            "events",
            "attachments",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "raised_on",
            "department",
            "routed_on",
            "status",
            "accept_due",
            "accepted_on",
            "handle_due",
            "answered_on",
            "answer",
            "closed_on",
            "rating",
            "rating_note",
            "reopen_count",
        ]

    def validate_model_constraints(self, attrs) -> None:
        """The service builds and checks the request (routing, deadlines)."""


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=5000)


class RateSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=FirmRequest.Rating.choices)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ReassignSerializer(ReasonSerializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())


class FirmRequestViewSet(ScopedModelViewSet):
    """A firm's requests (another firm's id: 404 for every method). Raised by POST (a firm's
    user for its own firm; staff for a firm with ``source``); the steps are actions."""

    queryset = REQUESTS.prefetch_related("events__department", "attachments__uploaded_by")
    serializer_class = FirmRequestSerializer
    filterset_class = FirmRequestFilterSet
    ordering_fields = ["raised_on", "accept_due", "id"]
    http_method_names = ["get", "post", "head", "options"]
    throttle_classes = [*ScopedModelViewSet.throttle_classes, CreateThrottle]

    def perform_create(self, serializer):
        data = serializer.validated_data
        user = self.request.user
        enterprise = data.get("enterprise")
        if enterprise is None:
            enterprise = get_object_or_404(
                Enterprise.objects.visible_to(user), pk=roles.bound_enterprise_id(user)
            )
        serializer.instance = services.request_raise(
            user=user,
            enterprise=enterprise,
            category=data["category"],
            title=data["title"],
            text=data["text"],
            urgency=data.get("urgency", FirmRequest.Urgency.NORMAL),
            source=data.get("source", FirmRequest.Source.PORTAL),
        )

    def answer(self, req):
        return Response(self.get_serializer(self.get_queryset().get(pk=req.pk)).data)

    @extend_schema(request=None, responses=FirmRequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The department accepts (受理) the request."""
        return self.answer(services.request_accept(user=request.user, req=self.get_object()))

    @extend_schema(request=AnswerSerializer, responses=FirmRequestSerializer)
    @action(detail=True, methods=["post"], url_path="answer")
    def answer_step(self, request, pk=None):
        """The department answers the firm."""
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        req = services.request_answer(user=request.user, req=self.get_object(), **data.validated_data)
        return self.answer(req)

    @extend_schema(request=RateSerializer, responses=FirmRequestSerializer)
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        """The firm rates the answer; the request is closed."""
        data = RateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.answer(
            services.request_rate(user=request.user, req=self.get_object(), **data.validated_data)
        )

    @extend_schema(request=ReasonSerializer, responses=FirmRequestSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """The firm sends the answer back with a reason."""
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.answer(
            services.request_reopen(user=request.user, req=self.get_object(), **data.validated_data)
        )

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer}, responses={201: AttachmentSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def attachments(self, request, pk=None):
        """A file for the request, from its firm or from the department handling it (an image,
        re-encoded, or a PDF; the type is read from the content)."""
        req = self.get_object()
        services.require_attacher(request.user, req)  # 403 before the body is judged
        data = AttachmentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = services.attachment_add(user=request.user, req=req, upload=data.validated_data["file"])
        return Response(AttachmentSerializer(attachment).data, status=201)

    @extend_schema(request=ReassignSerializer, responses=FirmRequestSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        """Staff pass the request to another department with a reason."""
        data = ReassignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        req = services.request_reassign(user=request.user, req=self.get_object(), **data.validated_data)
        return self.answer(req)


# --- /api/firm-users/ ------------------------------------------------------------------------------


class FirmUserSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.first_name", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = EnterpriseUser
        fields = [
            "id",
            "name",
            "username",
            "enterprise",
            "enterprise_name",
            "is_firm_admin",
            "may_file",
            "may_request",
            "may_post_jobs",
            "is_active",
            "removed_at",
        ]
        read_only_fields = fields


class RightsSerializer(serializers.Serializer):
    is_firm_admin = serializers.BooleanField(default=False)
    may_file = serializers.BooleanField(default=False)
    may_request = serializers.BooleanField(default=False)
    may_post_jobs = serializers.BooleanField(default=False)


class InviteSerializer(RightsSerializer):
    name = serializers.CharField(max_length=60)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")


class InvitationAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    expires_at = serializers.DateTimeField()
    token = serializers.CharField(help_text="shown once: only its hash is stored")
    accept_url = serializers.CharField()


class FirmUserViewSet(ServiceErrorsMixin, ReadOnlyScopedViewSet):
    """The accounts of the reader's firm (its administrator sees all, a colleague only their
    own; staff every firm's). Rights, removal and invitations go through the services."""

    queryset = EnterpriseUser.objects.select_related("user", "enterprise").order_by("enterprise_id", "pk")
    serializer_class = FirmUserSerializer
    permission_classes = [permissions.IsAuthenticated]
    throttle_classes = [*ReadOnlyScopedViewSet.throttle_classes, CreateThrottle]

    def get_queryset(self):
        user = self.request.user
        queryset = super().get_queryset()
        if roles.sees_whole_zone(user):
            return queryset if user.has_perm("portal.view_invitation") else queryset.none()
        return queryset if is_firm_admin(user) else queryset.filter(user=user)

    def rights_of(self, data) -> list[str]:
        return [right for right in services.RIGHTS if data[right]]

    @extend_schema(request=RightsSerializer, responses=FirmUserSerializer)
    @action(detail=True, methods=["post"])
    def rights(self, request, pk=None):
        """The firm's administrator sets a colleague's rights (and the administrator flag)."""
        data = RightsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        binding = services.member_set_rights(
            user=request.user,
            binding=self.get_object(),
            rights=self.rights_of(data.validated_data),
            is_admin=data.validated_data["is_firm_admin"],
        )
        return Response(self.get_serializer(binding).data)

    @extend_schema(request=None, responses=FirmUserSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        """Remove a colleague: the binding is deactivated, the account can no longer sign in."""
        binding = services.member_remove(user=request.user, binding=self.get_object())
        return Response(self.get_serializer(binding).data)

    @extend_schema(request=InviteSerializer, responses={201: InvitationAnswerSerializer})
    @action(detail=False, methods=["post"])
    def invite(self, request):
        """The firm's administrator invites a colleague; the answer carries the token once."""
        enterprise_id = roles.bound_enterprise_id(request.user)
        if enterprise_id is None:
            raise PermissionDenied
        services.require_firm_admin(request.user, enterprise_id)  # 403 before judging the body
        data = InviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        invitation, token = services.invitation_create(
            user=request.user,
            enterprise=get_object_or_404(Enterprise.objects.visible_to(request.user), pk=enterprise_id),
            name=values["name"],
            phone=values["phone"],
            email=values["email"],
            rights=self.rights_of(values),
            is_admin=values["is_firm_admin"],
        )
        url = request.build_absolute_uri(reverse("portal:invitation_accept", args=[token]))
        body = {"id": invitation.pk, "expires_at": invitation.expires_at, "token": token, "accept_url": url}
        return Response(InvitationAnswerSerializer(body).data, status=201)


# --- /api/department-scores/ ---------------------------------------------------------------------


class DepartmentScoreSerializer(serializers.Serializer):
    department = serializers.IntegerField(source="department_id")
    department_name = serializers.CharField(source="department")
    received = serializers.IntegerField()
    accepted = serializers.IntegerField()
    accepted_on_time = serializers.IntegerField()
    answered = serializers.IntegerField()
    answered_on_time = serializers.IntegerField()
    closed = serializers.IntegerField()
    rated = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    mostly = serializers.IntegerField()
    unsatisfied = serializers.IntegerField()
    reopened = serializers.IntegerField()
    acceptance_median = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    acceptance_mean = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    closure_median = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    closure_mean = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    on_time_acceptance_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    on_time_handling_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    satisfaction_rate = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, help_text="满意 ÷ rated, per cent, half up to 0.1"
    )
    reopen_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class ScoreParams(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)


class DepartmentScoreViewSet(viewsets.GenericViewSet):
    """Every department's score for a month (docs/portal.md): computed, not stored."""

    serializer_class = DepartmentScoreSerializer
    queryset = RequestCategory.objects.none()  # computed, not a queryset (schema only)
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    @extend_schema(parameters=[ScoreParams], responses=DepartmentScoreSerializer(many=True))
    def list(self, request):
        if not request.user.has_perm("portal.view_score"):
            raise PermissionDenied
        params = ScoreParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        scores = department_scores(params.validated_data["year"], params.validated_data["month"])
        return Response(DepartmentScoreSerializer(scores, many=True).data)


# --- /api/corrections/ -----------------------------------------------------------------------------


class CorrectionSerializer(serializers.ModelSerializer):
    record_type = serializers.CharField(source="content_type.model", read_only=True)
    status = serializers.CharField(read_only=True, help_text="pending | applied | declined")
    department_name = serializers.CharField(source="request.department.name", read_only=True)
    request_status = serializers.CharField(source="request.status", read_only=True)

    class Meta:
        model = Correction
        fields = [
            "id",
            "request",
            "request_status",
            "department_name",
            "record_type",
            "object_id",
            "record_label",
            "field",
            "field_label",
            "current_value",
            "proposed_value",
            "status",
            "applied_value",
            "decided_on",
        ]
        read_only_fields = fields


class CorrectionAskSerializer(serializers.Serializer):
    record_type = serializers.CharField(
        max_length=60, help_text="app_label.model, e.g. enterprises.annualfacts"
    )
    object_id = serializers.IntegerField(min_value=1, max_value=2**62)
    field = serializers.CharField(max_length=60)
    proposed_value = serializers.CharField(max_length=2000)
    reason = serializers.CharField(max_length=500)


class CorrectionValueSerializer(serializers.Serializer):
    value = serializers.CharField(
        max_length=2000, allow_blank=True, help_text="as the record's own form takes it"
    )


class CorrectionViewSet(ServiceErrorsMixin, ReadOnlyScopedViewSet):
    """A firm's corrections of what the zone holds about it (another firm's id: 404). The
    firm asks by POST; the department the request is with applies or declines it."""

    queryset = Correction.objects.select_related("content_type", "request__department")
    serializer_class = CorrectionSerializer
    permission_classes = [permissions.IsAuthenticated]
    throttle_classes = [*ReadOnlyScopedViewSet.throttle_classes, CreateThrottle]

    @extend_schema(request=CorrectionAskSerializer, responses={201: CorrectionSerializer})
    def create(self, request):
        """The firm asks to correct one field of one of its records."""
        if roles.sees_whole_zone(request.user):
            raise PermissionDenied
        data = CorrectionAskSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        correction = corrections.correction_raise(
            user=request.user,
            label=values["record_type"],
            pk=values["object_id"],
            field=values["field"],
            proposed=values["proposed_value"],
            reason=values["reason"],
        )
        return Response(self.get_serializer(correction).data, status=201)

    @extend_schema(request=CorrectionValueSerializer, responses=CorrectionSerializer)
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        """The department sets the value (the record's own checks; audit names the request)."""
        data = CorrectionValueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        correction = corrections.correction_apply(
            user=request.user, correction=self.get_object(), raw=data.validated_data["value"]
        )
        return Response(self.get_serializer(correction).data)

    @extend_schema(request=ReasonSerializer, responses=CorrectionSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The department keeps the record as it is, with the reason."""
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        correction = corrections.correction_decline(
            user=request.user, correction=self.get_object(), reason=data.validated_data["reason"]
        )
        return Response(self.get_serializer(correction).data)


def register(router) -> None:
    router.register("corrections", CorrectionViewSet, basename="correction")
    router.register("requests", FirmRequestViewSet, basename="request")
    router.register("request-categories", RequestCategoryViewSet, basename="request-category")
    router.register("firm-users", FirmUserViewSet, basename="firm-user")
    router.register("department-scores", DepartmentScoreViewSet, basename="department-score")
