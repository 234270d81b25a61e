"""The zone itself: its parks ("一区多园"), departments, leaders and lead industries.

These are configuration, not statistics: another zone runs Gaoxin by entering its own
parks and industries here (or in the demo loader), not by changing code.
"""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet


class Zone(ChangeLoggedModel):
    """The development zone run by this installation (one per installation)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    level = models.CharField(
        _("level"), max_length=30, blank=True, help_text=_("e.g. national high-tech zone")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    reference_date = models.DateField(
        _("evaluation date"),
        null=True,
        blank=True,
        help_text=_(
            "Lights and deadlines are judged on this day; blank means today (the demo sets 30 September 2025)."
        ),
    )
    description = models.TextField(_("description"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def __str__(self) -> str:
        return self.name


def evaluation_date():
    """The day lights and deadlines are judged on: the zone's evaluation date, else today."""
    from django.utils import timezone

    from gaoxin.core.generation import cached  # read once per data generation (ADR 0015)

    day = cached(
        "reference-date",
        (),
        Zone.objects.filter(reference_date__isnull=False).values_list("reference_date", flat=True).first,
    )
    return day or timezone.localdate()


def evaluation_day(year: int) -> datetime.date:
    """The day a year's figures are judged on, the same for the cockpit, goals, the brief,
    the pack and the API: the zone's evaluation date in its own year (or a later one), 31
    December for a past year. Statistics are read for the last month ended by that day
    (``indicators.services.last_ended_month``); counts (signings, projects, problems) up to
    the day itself."""
    day = evaluation_date()
    return min(day, datetime.date(year, 12, 31))


class Park(ChangeLoggedModel):
    """A park of the zone (园区): the core area or an extension park."""

    class Kind(models.TextChoices):
        CORE = "core", _("Core area")
        EXTENSION = "extension", _("Extension park")
        SPECIAL = "special", _("Special park")

    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="parks")
    name = models.CharField(_("name"), max_length=50, unique=True)
    code = models.SlugField(_("code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EXTENSION)
    area_mu = models.DecimalField(
        _("planned area (mu)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("park")
        verbose_name_plural = _("parks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("zone:park_detail", args=[self.pk])


class LeadIndustry(ChangeLoggedModel):
    """One of the zone's lead industries (主导产业), e.g. 精细化工; configurable per zone."""

    zone = models.ForeignKey(
        Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="lead_industries"
    )
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("lead industry")
        verbose_name_plural = _("lead industries")

    def __str__(self) -> str:
        return self.name


class Department(ChangeLoggedModel):
    """A department of the management committee (经济发展局, 招商局 …)."""

    zone = models.ForeignKey(
        Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=50, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, blank=True)
    members = models.ManyToManyField(
        "auth.User", verbose_name=_("staff"), blank=True, related_name="departments"
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Leader(ChangeLoggedModel):
    """A leader of the zone (管委会领导), who later takes responsibility for goals and projects."""

    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="leaders")
    name = models.CharField(_("name"), max_length=30)
    title = models.CharField(_("title"), max_length=50)
    user = models.OneToOneField(
        "auth.User",
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leader_profile",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")

    def __str__(self) -> str:
        # A demo name may carry the title already ("管委会主任（演示）"): never say it twice.
        if not self.title or self.title in self.name:
            return self.name
        return f"{self.name}（{self.title}）"


class CalendarOverride(ChangeLoggedModel):
    """The zone's own exception to the official working-day calendar: a local holiday on a
    day the State Council's notice makes a working day, or a working day on a day it makes
    a holiday. Deadlines stated in working days (``zone/workdays.py``) read these first."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(
        _("working day"), help_text=_("Ticked: the zone works on this day; not ticked: a day off.")
    )
    reason = models.CharField(_("reason"), max_length=100, help_text=_("e.g. the city's local holiday"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")

    def __str__(self) -> str:
        kind = _("working day") if self.is_workday else _("day off")
        return f"{self.date:%Y-%m-%d} {kind}"

    def get_absolute_url(self) -> str:
        return reverse("zone:calendaroverride_detail", args=[self.pk])
