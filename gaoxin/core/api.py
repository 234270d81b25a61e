"""API machinery shared by every app: permissions, scoping, pagination, the translation of a
service's errors into answers, and the cross-cutting endpoints (/api/me/, /api/audit/, /api/imports/)."""

import copy

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from . import roles
from .audit import redact
from .drf import ModelPermissions, Pagination  # noqa: F401 - settings name them here too
from .filters import ObjectChangeFilterSet
from .imports import FileRejected, get_spec
from .imports.service import import_commit, import_start
from .locking import VersionConflict, etag, if_match_holds, if_none_match_holds, version_token
from .models import Job, ObjectChange
from .permissions import protected_message, refusal, rule_allows
from .xlsx import template_bytes

# --- service errors --------------------------------------------------------------------------


def validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as DRF's 400 body: its field errors under their names, the
    rest (``__all__`` or a bare message) under ``non_field_errors``, messages already translated."""
    if not hasattr(exc, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if key == "__all__" else key): messages
        for key, messages in exc.message_dict.items()
    }


def api_error(exc: Exception) -> Exception:
    """The DRF answer to an exception a service raised: a Django ValidationError is a 400 with
    the same messages, a PermissionDenied a 403 saying why; anything else is left as it is."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(validation_detail(exc))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    return exc


class InUse(exceptions.APIException):
    """409: the record is still referred to by others (a delete Django's PROTECT refuses)."""

    status_code = 409
    default_code = "in_use"


class ServiceErrorsMixin:
    """Views call services that speak Django (ValidationError, PermissionDenied); this hook
    turns those into the API's answers once, so no view catches and re-raises them."""

    def handle_exception(self, exc):
        return super().handle_exception(api_error(exc))


class ScopedModelSerializer(serializers.ModelSerializer):
    """Related-object fields accept only objects the requesting user may see; the model's
    constraints (conditional unique ones, checks) are validated before saving, so a duplicate
    or a contradiction is a 400 with Django's message, never an IntegrityError's 500."""

    def run_validation(self, data=serializers.empty):
        attrs = super().run_validation(data)
        self.validate_model_constraints(attrs)
        return attrs

    def validate_model_constraints(self, attrs) -> None:
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        concrete = {f.name for f in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        try:
            instance.validate_constraints()
        except DjangoValidationError as error:
            raise serializers.ValidationError(validation_detail(error)) from error

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for field in fields.values():
            queryset = getattr(field, "queryset", None)
            if user is not None and queryset is not None and hasattr(queryset, "visible_to"):
                field.queryset = queryset.visible_to(user)
        return fields


class ScopeFirstMixin:
    """On detail routes the object is looked up (scoped) before anything else, whatever
    the method: another firm's id is a 404 even for OPTIONS or a method not allowed."""

    def get_queryset(self):
        return self.queryset.all().visible_to(self.request.user)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        lookup = self.lookup_url_kwarg or self.lookup_field
        if lookup in self.kwargs:
            self.get_object()


WRITE_ACTIONS = {"update", "partial_update", "destroy"}


class PreconditionFailed(exceptions.APIException):
    """412: the ``If-Match`` the client sent names a version that is no longer stored."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self):
        super().__init__(
            _(
                "The record was changed by someone else after you read it (If-Match does not match). "
                "Read it again (GET) and send the new ETag."
            )
        )


class VersionedMixin:
    """Optimistic locking for the API (ADR 0018): a detail GET sends ``ETag: "<version>"``
    (and answers ``If-None-Match`` with 304); PUT, PATCH and DELETE with an ``If-Match`` that
    no longer names the stored version are refused with 412, checked again inside the write
    (the same UPDATE). Without ``If-Match`` a write is unconditional, as before."""

    def if_match(self) -> str | None:
        return self.request.headers.get("If-Match")

    def check_if_match(self, obj) -> None:
        if not if_match_holds(self.if_match(), obj):
            raise PreconditionFailed

    def expected_token(self, obj) -> str:
        """The version the write is conditioned on: the one If-Match named (checked above)."""
        header = self.if_match()
        return version_token(obj) if header is not None and header.strip() != "*" else ""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        tag = etag(instance)
        if tag and if_none_match_holds(request.headers.get("If-None-Match"), instance):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        response = Response(self.get_serializer(instance).data)
        if tag:
            response["ETag"] = tag
        return response

    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            self.lock_if_match()
            response = super().update(request, *args, **kwargs)
        saved = self.get_queryset().filter(pk=self.kwargs[self.lookup_url_kwarg or self.lookup_field]).first()
        if etag(saved):
            response["ETag"] = etag(saved)
        return response

    def lock_if_match(self) -> None:
        """Inside the write's transaction: the row, locked (FOR UPDATE; SQLite's IMMEDIATE
        transaction holds the write lock already), must still be the version If-Match names,
        whatever path the save then takes (a service that re-reads the record included)."""
        header = self.if_match()
        if header is None:
            return
        model = self.get_queryset().model
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        current = model._base_manager.select_for_update().filter(pk=lookup).first()
        if not if_match_holds(header, current):
            raise PreconditionFailed


class ScopedModelViewSet(VersionedMixin, ServiceErrorsMixin, ScopeFirstMixin, viewsets.ModelViewSet):
    """A ModelViewSet over ``queryset.visible_to(user)``: out of scope is 404; a save that
    would leave the scope is rolled back (404 as well)."""

    def initial(self, request, *args, **kwargs):
        self.check_referenced_scope(request)
        super().initial(request, *args, **kwargs)

    def check_referenced_scope(self, request) -> None:
        """A write naming an object the user may not see (another firm's id) is a 404,
        checked before permissions, like a page or a detail route."""
        if request.method in permissions.SAFE_METHODS or not request.user.is_authenticated:
            return
        serializer = self.get_serializer_class()(context={"request": request})
        for name, field in serializer.fields.items():
            queryset = getattr(field, "queryset", None)
            value = request.data.get(name) if hasattr(request.data, "get") else None
            if queryset is None or value in (None, "") or not hasattr(queryset.model.objects, "visible_to"):
                continue
            try:
                visible = queryset.model.objects.visible_to(request.user).filter(pk=value).exists()
            except (TypeError, ValueError, DjangoValidationError):
                continue  # malformed: the serializer will say so
            if not visible:
                raise exceptions.NotFound

    def check_object_permissions(self, request, obj):
        """Changing or deleting a record also asks the model's object rule
        (``core.permissions``); an action route (verify, move …) has its own rule."""
        super().check_object_permissions(request, obj)
        if self.action in WRITE_ACTIONS:
            self.check_may_change(obj)
            self.check_if_match(obj)

    def check_may_change(self, obj) -> None:
        if not rule_allows(self.request.user, obj):
            self.permission_denied(self.request, message=refusal(obj))

    def _save_in_scope(self, serializer, updating: bool = False):
        with transaction.atomic():
            instance = serializer.save()
            if not self.get_queryset().filter(pk=instance.pk).exists():
                raise Http404
            if updating:
                self.check_may_change(instance)  # nobody hands a record away from themselves

    def perform_create(self, serializer):
        self._save_in_scope(serializer)

    def perform_update(self, serializer):
        instance = serializer.instance
        instance.snapshot()
        if hasattr(instance, "expect_version"):
            instance.expect_version(self.expected_token(instance))
        try:
            self._save_in_scope(serializer, updating=True)
        except VersionConflict as conflict:
            raise PreconditionFailed from conflict

    def perform_destroy(self, instance):
        token = self.expected_token(instance)
        with transaction.atomic():  # a refusal (a locked value) rolls back only this
            if token and not self.version_still_stored(instance):
                raise PreconditionFailed
            try:
                instance.delete()
            except (ProtectedError, RestrictedError) as error:
                raise InUse(protected_message(error)) from error

    def version_still_stored(self, instance) -> bool:
        """Inside the delete's transaction: the row, locked, still at the version If-Match named."""
        rows = (
            type(instance)
            ._base_manager.select_for_update()
            .filter(pk=instance.pk, updated_at=instance.updated_at)
        )
        return bool(list(rows.values_list("pk", flat=True)))


class ReadOnlyScopedViewSet(ScopeFirstMixin, viewsets.ReadOnlyModelViewSet):
    pass


# --- /api/me/ --------------------------------------------------------------------------------


class MeView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "id": serializers.IntegerField(),
                "username": serializers.CharField(),
                "name": serializers.CharField(),
                "roles": serializers.ListField(child=serializers.CharField()),
                "is_admin": serializers.BooleanField(),
                "enterprise": serializers.DictField(allow_null=True),
            },
        )
    )
    def get(self, request):
        user = request.user
        binding = getattr(user, "enterprise_binding", None)
        enterprise = None
        if binding is not None:
            enterprise = {
                "id": binding.enterprise_id,
                "name": binding.enterprise.name,
                "uscc": binding.enterprise.uscc,
            }
        return Response(
            {
                "id": user.pk,
                "username": user.get_username(),
                "name": user.get_full_name(),
                "roles": sorted(roles.roles_of(user)),
                "is_admin": user.is_superuser,
                "enterprise": enterprise,
            }
        )


# --- /api/audit/ -----------------------------------------------------------------------------


class ObjectChangeSerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField()

    class Meta:
        model = ObjectChange
        fields = [
            "id",
            "time",
            "user",
            "user_name",
            "request_id",
            "action",
            "source",
            "object_type",
            "object_id",
            "object_repr",
            "related_object_id",
            "message",
            "prechange_data",
            "postchange_data",
        ]

    def get_object_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class AuditViewSet(ReadOnlyScopedViewSet):
    """The audit log: auditors and administrators only."""

    queryset = ObjectChange.objects.select_related("content_type")
    serializer_class = ObjectChangeSerializer
    filterset_class = ObjectChangeFilterSet
    ordering_fields = ["time", "id"]

    def get_serializer(self, instance=None, *args, **kwargs):
        # What the reader may not see of a stored change is masked (core.audit.redact).
        if instance is not None:
            if kwargs.get("many"):
                instance = redact(instance, self.request.user)
            else:
                instance = redact([instance], self.request.user)[0]
        return super().get_serializer(instance, *args, **kwargs)


# --- /api/imports/ ---------------------------------------------------------------------------


class JobSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField()
    filename = serializers.SerializerMethodField()
    errors_file = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "filename",
            "status",
            "progress",
            "phase",
            "result",
            "errors_file",
            "created_at",
            "finished_at",
        ]

    def get_kind(self, job) -> str:
        return job.params.get("kind", "")

    def get_filename(self, job) -> str:
        return job.params.get("filename", "")

    def get_errors_file(self, job) -> str | None:
        """The URL of the whole error list (.xlsx) when the result keeps only the first ones."""
        if not (job.result or {}).get("errors_file"):
            return None
        url = reverse("imports:errors", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


# A refused import answers 400 with the job (the dry run's summary and its row errors) or, when
# the file itself is refused or missing, with the refusal ({"file": […]} or {"detail": …}).
IMPORT_REFUSED = OpenApiResponse(
    {"anyOf": [{"$ref": "#/components/schemas/Job"}, {"$ref": "#/components/schemas/ValidationError"}]},
    description="The dry run's summary with its row errors (a job), or why the file was refused.",
)


class ImportViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """POST a file with ``kind`` and ``commit``; the answer is the dry-run summary with every
    row error, the committed result, or (for big files) a job to poll at /api/imports/<id>/."""

    serializer_class = JobSerializer
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]
    queryset = Job.objects.none()  # for the schema; get_queryset() is the real one
    lookup_value_regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # a UUID, else 404

    def get_queryset(self):
        return Job.objects.filter(kind="import", user=self.request.user)

    @extend_schema(
        request=inline_serializer(
            "ImportRequest",
            {
                "file": serializers.FileField(),
                "kind": serializers.CharField(),
                "commit": serializers.BooleanField(default=False),
            },
        ),
        responses={200: JobSerializer, 201: JobSerializer, 202: JobSerializer, 400: IMPORT_REFUSED},
    )
    def create(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise exceptions.ValidationError({"file": [_("Choose a file to upload.")]})
        commit = str(request.data.get("commit", "false")).lower() in {"1", "true", "yes"}
        try:
            # a kind's options (the period of a statistics table …) come bare: ?data_set=&year=&month=
            job = import_start(
                user=request.user,
                kind=request.data.get("kind", ""),
                upload=upload,
                commit=commit,
                options=request.data,
            )
        except FileRejected as exc:
            raise exceptions.ValidationError({"detail": str(exc)}) from exc
        return self.job_response(job)

    def job_response(self, job):
        data = JobSerializer(job, context={"request": self.request}).data
        if not job.is_done:
            return Response(data, status=status.HTTP_202_ACCEPTED)
        result = job.result or {}
        if not result.get("valid"):
            return Response(data, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            data, status=status.HTTP_201_CREATED if result.get("committed") else status.HTTP_200_OK
        )

    @extend_schema(request=None, responses={201: JobSerializer, 202: JobSerializer, 400: IMPORT_REFUSED})
    @action(detail=True, methods=["post"])
    def commit(self, request, pk=None):
        """Commit an import that was checked with commit=false."""
        job = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            job = import_commit(user=request.user, job=job)
        except FileRejected as exc:
            raise exceptions.ValidationError({"detail": str(exc)}) from exc
        return self.job_response(job)

    @extend_schema(
        parameters=[OpenApiParameter("kind", OpenApiTypes.STR, required=True)],
        responses={
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY
        },
    )
    @action(detail=False, methods=["get"])
    def template(self, request):
        """The .xlsx template of an import kind, with its 填写说明 sheet."""
        from .downloads import file_response

        try:
            spec = get_spec(request.query_params.get("kind", ""))(request.user)
        except FileRejected as exc:
            raise exceptions.NotFound(str(exc)) from exc
        return file_response(template_bytes(spec), f"{spec.kind}-template.xlsx")
