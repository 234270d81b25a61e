"""Shared machinery: the audit log, background jobs, tags, user preferences, and the base
classes every domain model builds on (``ChangeLoggedModel``, ``ScopedQuerySet``)."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import roles
from .locking import VersionConflict, parse_version


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows what a user may see (``visible_to``) and change (``editable_by``).

    ``scope_field`` is the lookup from this model to the enterprise id an enterprise user
    is bound to (``"pk"`` on Enterprise, ``"enterprise_id"`` on its children). ``None``
    means the model is zone data that every signed-in user may read, unless ``staff_only``:
    the committee's own work (leads, activities), which no enterprise user sees at all.
    A model whose records carry a secret hides it by overriding ``visible_to``.
    """

    scope_field: str | None = None
    staff_only: bool = False

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.sees_whole_zone(user):
            return self
        if self.staff_only:
            return self.none()
        if self.scope_field is None:
            return self
        enterprise_id = roles.bound_enterprise_id(user)
        if enterprise_id is None:
            return self.none()
        return self.filter(**{self.scope_field: enterprise_id})

    def editable_by(self, user):
        """The records ``user`` may change: visible ones, with the model's change permission,
        narrowed by the model's object rule (``core.permissions``), as one query."""
        from . import permissions

        if not getattr(user, "is_authenticated", False) or not user.has_perm(
            permissions.perm_name(self.model, "change")
        ):
            return self.none()
        return self.visible_to(user).filter(permissions.change_condition(self.model, user))


class ChangeLoggedModel(models.Model):
    """Base for every record staff change: timestamps plus the audit trail.

    Saving or deleting an instance writes an ``ObjectChange`` row through signals
    (core.audit); bulk paths write theirs explicitly. ``audit_parent`` names the field
    whose object's History tab should also show this object's changes (a qualification
    appears in its enterprise's history). ``audit_exclude`` lists fields not worth logging.
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    audit_parent: str | None = None
    audit_exclude: tuple[str, ...] = ()
    audit_m2m: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def snapshot(self) -> None:
        """Remember the current state as the "before" of the next save (saves a query)."""
        from .audit import serialize

        self._audit_before = serialize(self)

    def expect_version(self, token: str | None) -> None:
        """Make the next save an UPDATE of this version only (``core.locking``, ADR 0018): a
        record saved by someone else since then raises ``VersionConflict`` and is not
        overwritten. A blank token leaves the save unconditional (a client that does not lock)."""
        self._expected_version = parse_version(token) if token else None
        if token and self._expected_version is None:
            raise VersionConflict(self)  # a mangled token names no version: never overwrite

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        expected = self.__dict__.pop("_expected_version", None)
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        # The check is in the UPDATE itself: a writer between our read and this write
        # leaves no row with the expected version, so nothing is overwritten.
        updated = super()._do_update(
            base_qs.filter(updated_at=expected), using, pk_val, values, update_fields, forced_update
        )
        if not updated:
            raise VersionConflict(self)
        return updated


class Tag(ChangeLoggedModel):
    """A free label (e.g. 链主企业, 拟上市) that any register can attach to its records."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    color = models.CharField(_("colour"), max_length=20, default="blue")
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class ObjectChangeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if roles.can_read_audit(user) else self.none()

    def for_object(self, obj):
        """Changes of ``obj`` itself and of the objects that name it as audit parent."""
        ct = ContentType.objects.get_for_model(obj)
        return self.filter(
            models.Q(content_type=ct, object_id=str(obj.pk))
            | models.Q(related_content_type=ct, related_object_id=str(obj.pk))
        )


class ObjectChange(models.Model):
    """One row per change of a record: who, when, under which request, before and after.

    Shaped like NetBox's ObjectChange. Rows are written once and never edited. The rows of
    one import share its request id, so an import can be read (and traced) as a whole.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        STATUS = "status", _("Status changed")
        DELETE = "delete", _("Deleted")

    class Source(models.TextChoices):
        WEB = "web", _("Web page")
        API = "api", _("API")
        IMPORT = "import", _("Import")
        ADMIN = "admin", _("Back office")
        SYSTEM = "system", _("System")

    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # Indexes are few on purpose: imports write one row per record (see docs/adr/0003).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    request_id = models.UUIDField(_("request id"), db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    source = models.CharField(
        pgettext_lazy("audit", "source"), max_length=10, choices=Source.choices, default=Source.SYSTEM
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    related_content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    related_object_id = models.CharField(max_length=64, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    prechange_data = models.JSONField(_("before"), null=True, blank=True)
    postchange_data = models.JSONField(_("after"), null=True, blank=True)

    objects = ObjectChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-time", "-id"]
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="core_change_object"),
            models.Index(fields=["related_content_type", "related_object_id"], name="core_change_related"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("audit:change_detail", args=[self.pk])

    def diff(self) -> list[dict]:
        """Changed fields as rows: field, label, before, after (labels from the model)."""
        from .audit import diff_rows

        return diff_rows(self)


class Job(models.Model):
    """A piece of background work (an import, later reports) shown with its progress.

    The task runner (django-tasks) only knows the job id; everything the page shows —
    status, progress, phase text, result — lives here, so the page can poll one row.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    phase = models.CharField(_("phase"), max_length=100, blank=True)
    params = models.JSONField(_("parameters"), default=dict)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    request_id = models.UUIDField(_("request id"), default=uuid.uuid4)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"

    @property
    def is_done(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}

    def set_progress(self, percent: int, phase: str = "") -> None:
        """Write progress at once (outside any transaction) so a polling page sees it."""
        self.progress = max(0, min(100, int(percent)))
        if phase:
            self.phase = phase
        Job.objects.filter(pk=self.pk).update(progress=self.progress, phase=self.phase)


class UserPreference(models.Model):
    """Per-user settings of the pages, e.g. the columns chosen for a list."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences")
    key = models.CharField(max_length=100)
    value = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("page setting")
        verbose_name_plural = _("page settings")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="core_userpref_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.key}"


class StageChangeBase(models.Model):
    """One move of a record between stages, with its date and reason: the history
    ``core.stages.stage_record`` writes. A subclass adds the record's foreign key (with
    ``related_name="stage_changes"``) and ``from_stage``/``to_stage`` with its stages' choices."""

    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


class AuthEvent(models.Model):
    """A sign-in, sign-out or refused sign-in: who (or which name was tried), from where
    (IP address, browser), when. Written by the auth signals (``core.auth_events``); the
    audit pages list them for auditors. Rows are written once and never edited."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGOUT = "logout", _("Signed out")
        FAILED = "failed", _("Sign-in refused")
        LOCKED = "locked", _("Sign-in locked")
        PASSWORD = "password", _("Password changed")
        PERMISSIONS = "perms", _("Roles or permissions changed")
        OTP_ENROLLED = "otp_enrol", _("Authenticator app enrolled")
        OTP_VERIFIED = "otp_ok", _("Second step passed")
        OTP_FAILED = "otp_failed", _("Wrong one-time code")
        OTP_DISABLED = "otp_off", _("Authenticator app removed")
        OTP_RESET = "otp_reset", _("Authenticator app reset by an administrator")

    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    detail = models.TextField(_("detail"), blank=True)

    objects = ObjectChangeQuerySet.as_manager()  # read like the audit log: auditors and administrators

    class Meta:
        ordering = ["-time", "-id"]
        verbose_name = _("sign-in record")
        verbose_name_plural = _("sign-in records")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.username}"


class DataGeneration(models.Model):
    """One row: a number that grows whenever data the leaders' figures are computed from
    changes (``core.generation``, ADR 0015). Cached figures carry it in their key, so every
    web process sees a change at once, whatever cache backend each has."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data generation")
        verbose_name_plural = _("data generation")

    def __str__(self) -> str:
        return str(self.value)
