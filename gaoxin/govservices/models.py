"""The zone's catalogue of government service items (政务服务事项, issue 15 item 6).

A separate app, not part of ``talent``: the catalogue is the committee's public list of what
it does for firms and people (its department names are the implementing bodies as the
catalogue prints them, often city bureaus outside the zone's own departments), read by every
signed-in user and used by no firm record; it depends on nothing but ``core``.

Each item carries its 承诺时限 in working days, its materials, fee, whether it is online or on
site, and the five 五办 flags (集成办 / 跨区域办 / 承诺办 / 免申办 / 智能办). The count the zone
reports (674 in 2024) is a ``ReportedCount`` — a figure as reported, never the number of rows
(the demo holds a realistic subset marked 示例)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet


class ItemKind(models.TextChoices):
    LICENCE = "licence", _("Administrative licence")
    CONFIRMATION = "confirmation", _("Administrative confirmation")
    REGISTRATION = "registration", _("Registration or filing")
    PAYMENT = "payment", _("Administrative payment or award")
    PUBLIC_SERVICE = "public_service", _("Public service")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    ONSITE = "onsite", _("On site")
    BOTH = "both", _("Online or on site")


FLAGS = ("integrated", "cross_region", "promised", "no_application", "smart")


class ServiceItem(ChangeLoggedModel):
    """One item of the catalogue (政务服务事项): what it is, who does it, on what legal basis,
    in how many working days, with which materials, at what fee, and how it is handled."""

    code = models.CharField(_("item code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    department = models.CharField(_("implementing department"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ItemKind.choices, default=ItemKind.PUBLIC_SERVICE
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    time_limit_workdays = models.PositiveSmallIntegerField(
        _("promised time limit (working days)"), validators=[MaxValueValidator(365)]
    )
    statutory_limit_workdays = models.PositiveSmallIntegerField(
        _("statutory time limit (working days)"), null=True, blank=True, validators=[MaxValueValidator(365)]
    )
    materials = models.TextField(_("materials"), blank=True)
    fee = models.CharField(_("fee"), max_length=200, blank=True, help_text=_("Blank: free of charge."))
    channel = models.CharField(_("handled"), max_length=8, choices=Channel.choices, default=Channel.BOTH)
    integrated = models.BooleanField(_("integrated (集成办)"), default=False)
    cross_region = models.BooleanField(_("cross-region (跨区域办)"), default=False)
    promised = models.BooleanField(_("on commitment (承诺办)"), default=False)
    no_application = models.BooleanField(_("without application (免申办)"), default=False)
    smart = models.BooleanField(_("smart (智能办)"), default=False)
    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("Invented for the demo (示例), not the zone's catalogue.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()  # the public catalogue: every signed-in user reads it

    class Meta:
        ordering = ["department", "code"]
        verbose_name = _("service item")
        verbose_name_plural = _("service items")
        constraints = [
            models.CheckConstraint(
                condition=Q(statutory_limit_workdays__isnull=True)
                | Q(time_limit_workdays__lte=F("statutory_limit_workdays")),
                name="serviceitem_promise_within_statute",
                violation_error_message=_("The promised time limit cannot exceed the statutory one."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("govservices:serviceitem_detail", args=[self.pk])

    def flags(self) -> list[str]:
        """The 五办 labels the item carries, in the catalogue's order."""
        return [str(self._meta.get_field(name).verbose_name) for name in FLAGS if getattr(self, name)]


class ReportedCount(ChangeLoggedModel):
    """The number of service items the zone reports for a year (上报口径: 674 in 2024), with
    its source — shown as reported beside the catalogue, never replaced by a count of rows."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    count = models.PositiveIntegerField(_("items reported"))
    source = models.CharField(_("source"), max_length=200)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reported item count")
        verbose_name_plural = _("reported item counts")

    def __str__(self) -> str:
        return f"{self.year}: {self.count}"
