"""Reminders that leave the browser: an outbox of messages and their deliveries.

A ``Message`` is one reminder for one user on one day (催报, an overdue problem, an overdue
lead, a leader's digest); it is the in-app channel itself (the inbox). Each outside channel a
zone configures (``ChannelConfig``: e-mail, 企业微信/钉钉 group robots, an SMS gateway) gets a
``Delivery`` per message, retried on failure; every try is an ``Attempt`` with its answer.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet


class Kind(models.TextChoices):
    LATE_REPORT = "late_report", _("Late report (催报)")
    DUE_SOON = "due_soon", _("Report due soon")
    PROBLEM_OVERDUE = "problem_overdue", _("Overdue problem")
    LEAD_OVERDUE = "lead_overdue", _("Overdue lead")
    REQUEST_OVERDUE = "request_overdue", _("Overdue firm request")
    DIGEST = "digest", _("Leader's daily digest")


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A message is its recipient's alone (another user's id is a 404)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Message(models.Model):
    """One reminder for one user about one day (the in-app channel). ``dedupe_key`` names the
    reminder (kind, subject, day), so building the same day twice adds nothing; ``topic`` is the
    same without the user, so a group robot gets a reminder once however many users get it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    day = models.DateField(_("for the day"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    topic = models.CharField(_("topic"), max_length=160)
    dedupe_key = models.CharField(_("key"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"],
                name="message_unique_per_user",
                violation_error_message=_("This reminder was already built for this user."),
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="message_user_unread")]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("notify:message_detail", args=[self.pk])


class Mute(models.Model):
    """A user who does not want reminders of a kind: none are built for them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["user_id", "kind"]
        verbose_name = _("muted kind")
        verbose_name_plural = _("muted kinds")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="mute_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"


class ChannelConfig(ChangeLoggedModel):
    """An outside channel the zone configures in the admin (data, not code): e-mail, a
    企业微信 or 钉钉 group robot (webhook URL; 钉钉's 加签 secret), or an SMS gateway (a class
    path and its settings). ``kinds`` limits it to some kinds of reminder (blank: all)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WECOM = "wecom", _("WeCom group robot (企业微信)")
        DINGTALK = "dingtalk", _("DingTalk group robot (钉钉)")
        SMS = "sms", _("SMS gateway")

    name = models.CharField(_("name"), max_length=60, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    webhook_url = models.URLField(
        _("webhook URL"), max_length=400, blank=True, help_text=_("The group robot's address (robots only).")
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        blank=True,
        help_text=_("钉钉 加签: the robot's secret starting with SEC (blank: no signature)."),
    )
    gateway = models.CharField(
        _("SMS gateway class"),
        max_length=200,
        blank=True,
        help_text=_("Python path of the zone's gateway, e.g. mygateway.Gateway (blank: not configured)."),
    )
    options = models.JSONField(_("gateway settings"), default=dict, blank=True)
    kinds = models.JSONField(
        _("kinds sent"),
        default=list,
        blank=True,
        help_text=_("Codes of the kinds sent here; empty: all kinds."),
    )

    objects = ScopedQuerySet.as_manager()
    audit_exclude = ("secret",)

    class Meta:
        ordering = ["channel", "name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return self.name

    @property
    def is_group(self) -> bool:
        """A group robot posts to a chat: each reminder once, not once per recipient."""
        return self.channel in (self.Channel.WECOM, self.Channel.DINGTALK)

    def sends(self, kind: str) -> bool:
        return self.enabled and (not self.kinds or kind in self.kinds)


class Delivery(models.Model):
    """A message on its way through one outside channel: queued until sent, retried after a
    failure at growing intervals (``settings.REMINDER_RETRY_MINUTES``), failed after the last."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.ForeignKey(ChannelConfig, on_delete=models.CASCADE, related_name="deliveries")
    dedupe_key = models.CharField(max_length=200)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["channel", "dedupe_key"], name="delivery_unique")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.channel} · {self.message}"


class Attempt(models.Model):
    """One try of a delivery: when, whether it worked, and what the other side answered."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(_("time"), auto_now_add=True)
    ok = models.BooleanField(_("succeeded"))
    response = models.TextField(_("response or error"), blank=True)

    class Meta:
        ordering = ["delivery_id", "id"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self) -> str:
        return f"{self.delivery_id} · {self.at:%Y-%m-%d %H:%M} · {'ok' if self.ok else 'failed'}"
