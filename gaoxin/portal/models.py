"""The “高新人” enterprise portal (issue 15 items 1 and 3; docs/portal.md).

- Firm accounts: a firm's administrator (``enterprises.EnterpriseUser.is_firm_admin``) invites
  colleagues (``Invitation``: by phone or e-mail, a single-use token stored only as its hash,
  expiring after ``GAOXIN_PORTAL_INVITATION_DAYS``), sets their rights (filing, requests, jobs)
  and removes them (the binding is deactivated, audited). Zone staff bind a firm's first
  administrator after checking the credit code.
- Requests (诉求, ``FirmRequest``): a firm raises one in a ``RequestCategory`` (data: the default
  department and the time limits in working days); submitted → accepted → answered → closed
  (rated) or reopened; reassigned with a reason. Every step is a dated ``RequestEvent``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.core import roles
from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet


class Right(models.TextChoices):
    FILE = "may_file", _("Monthly filing")
    REQUEST = "may_request", _("Requests")
    JOBS = "may_post_jobs", _("Job postings")


class InvitationQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"  # a firm sees its own invitations only


class Invitation(ChangeLoggedModel):
    """An invitation of a colleague to the firm's accounts: sent by phone or e-mail, accepted
    once on the page its token opens, before it expires."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    name = models.CharField(_("name"), max_length=60)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_firm_admin = models.BooleanField(_("firm administrator"), default=False)
    may_file = models.BooleanField(_("may file monthly data"), default=False)
    may_request = models.BooleanField(_("may raise requests"), default=True)
    may_post_jobs = models.BooleanField(_("may post jobs"), default=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    audit_parent = "enterprise"
    audit_exclude = ("token_hash",)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""),
                name="invitation_phone_or_email",
                violation_error_message=_("Give the colleague's mobile phone or e-mail."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.enterprise.name}"

    def get_absolute_url(self) -> str:
        return reverse("portal:firmuser_list")


class RequestCategoryQuerySet(ScopedQuerySet):
    scope_field = None  # the catalogue every signed-in user reads


class RequestCategory(models.Model):
    """A kind of request and its routing rule: the department it goes to and the time limits
    (working days) for accepting and for handling it. Data: the admin, seeded by migration."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=30, unique=True)
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("default department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="request_categories",
    )
    leader = models.ForeignKey(
        "zone.Leader",
        verbose_name=_("responsible leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="request_categories",
    )
    accept_workdays = models.PositiveSmallIntegerField(_("acceptance time limit (working days)"), default=1)
    handle_workdays = models.PositiveSmallIntegerField(_("handling time limit (working days)"), default=5)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = RequestCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("request category")
        verbose_name_plural = _("request categories")

    def __str__(self) -> str:
        return self.name


class RequestQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"  # a firm sees its own requests only

    def overdue(self, day):
        """Acceptance overdue (submitted, past the acceptance deadline) or handling overdue
        (accepted, past the handling deadline), judged on ``day``."""
        return self.filter(
            Q(status=FirmRequest.Status.SUBMITTED, accept_due__lt=day)
            | Q(status=FirmRequest.Status.ACCEPTED, handle_due__lt=day)
        )

    def of_department_member(self, user):
        from gaoxin.zone.services import department_ids

        return self.filter(department_id__in=department_ids(user))


class FirmRequest(ChangeLoggedModel):
    """A firm's request (诉求) to the committee: routed to a department by its category."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("request status", "Submitted")
        ACCEPTED = "accepted", _("Accepted")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", pgettext_lazy("request status", "Closed")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent")

    class Source(models.TextChoices):
        PORTAL = "portal", _("Portal (the firm itself)")
        VISIT = "visit", _("Visit (走访)")
        PHONE = "phone", _("Phone call")
        MEETING = "meeting", _("Meeting")
        OTHER = "other", _("Other")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        MOSTLY = "mostly", _("Mostly satisfied")
        UNSATISFIED = "unsatisfied", _("Unsatisfied")

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    category = models.ForeignKey(
        RequestCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="requests"
    )
    title = models.CharField(_("subject"), max_length=100)
    text = models.TextField(_("request"))
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.PORTAL)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_on = models.DateField(_("raised on"))
    department = models.ForeignKey(
        "zone.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="requests"
    )
    routed_on = models.DateField(_("routed to the department on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    accept_due = models.DateField(_("accept by"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    handle_due = models.DateField(_("answer by"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    rating_note = models.CharField(_("comment on the answer"), max_length=300, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    objects = RequestQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        indexes = [
            models.Index(fields=["department", "routed_on"], name="request_department_day"),
            # a department's list, newest first, without sorting its 10,000 requests
            models.Index(fields=["department", "-raised_on", "-id"], name="request_department_list"),
        ]
        permissions = [
            ("handle_firmrequest", "Can handle requests of firms"),
            ("view_score", "Can view department scores"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("portal:request_detail", args=[self.pk])


class RequestEvent(models.Model):
    """One dated step of a request: who did it, from which status to which, the department
    it was with, and the reason where one is needed (reassign, reopen)."""

    class Action(models.TextChoices):
        SUBMIT = "submit", pgettext_lazy("request status", "Submitted")
        ACCEPT = "accept", _("Accepted")
        ANSWER = "answer", _("Answered")
        RATE = "rate", _("Rated and closed")
        REOPEN = "reopen", _("Reopened")
        REASSIGN = "reassign", _("Reassigned")

    request = models.ForeignKey(FirmRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("step"), max_length=10, choices=Action.choices)
    day = models.DateField(_("day"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    department = models.ForeignKey(
        "zone.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "day", "pk"]
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")

    def __str__(self) -> str:
        return f"{self.day} {self.get_action_display()}"


class AttachmentQuerySet(ScopedQuerySet):
    scope_field = "request__enterprise_id"


class RequestAttachment(models.Model):
    """A file sent with a request: an image (re-encoded) or a PDF, its type read from its
    content; stored under VAR_DIR, served only as a download (``core.downloads``)."""

    request = models.ForeignKey(FirmRequest, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    file = models.FileField(upload_to="portal/requests/%Y/", editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


def is_firm_admin(user) -> bool:
    binding = getattr(user, "enterprise_binding", None) if getattr(user, "pk", None) else None
    return bool(binding and binding.is_active and binding.is_firm_admin)


def sees_zone(user) -> bool:
    return roles.sees_whole_zone(user)


class CorrectionQuerySet(ScopedQuerySet):
    scope_field = "request__enterprise_id"  # a firm sees the corrections it asked for


class Correction(models.Model):
    """A firm asks the zone to correct one field of a record it sees (更正): a request of the
    信息更正 category routed to the department that owns the record; the department applies it
    (the record changes with an audit entry naming the request) or declines with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        APPLIED = "applied", _("Corrected")
        DECLINED = "declined", _("Not corrected")

    request = models.OneToOneField(FirmRequest, on_delete=models.CASCADE, related_name="correction")
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("record type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    field = models.CharField(_("field"), max_length=60)
    field_label = models.CharField(_("field name"), max_length=100)
    record_label = models.CharField(_("record name"), max_length=200)
    current_value = models.TextField(_("value when asked"), blank=True)
    proposed_value = models.TextField(_("proposed value"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    applied_value = models.TextField(_("value set"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.record_label} · {self.field_label}"

    @property
    def target(self):
        """The record to correct (None once deleted)."""
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None
