"""Annual goals as live KPIs: each goal names a metric (core.metrics) and its parameters;
its value, status and forecast are computed from the data whenever it is read."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet


class Goal(ChangeLoggedModel):
    """A goal of the year (年度目标), e.g. 规上工业增加值增长 ≥ 15%, 力争 20%."""

    class Comparison(models.TextChoices):
        AT_LEAST = "gte", "≥"
        MORE_THAN = "gt", ">"

    year = models.PositiveSmallIntegerField(_("year"))
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("goal"), max_length=100)
    metric = models.CharField(
        _("metric"), max_length=60, help_text=_("A metric of the registry (see the API docs).")
    )
    params = models.JSONField(_("metric parameters"), default=dict, blank=True)
    comparison = models.CharField(
        _("comparison"), max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target = models.DecimalField(_("target"), max_digits=20, decimal_places=4)
    stretch = models.DecimalField(
        _("stretch target (力争)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    yellow_gap = models.DecimalField(
        _("yellow within"),
        max_digits=8,
        decimal_places=2,
        default=2,
        help_text=_(
            "Points for percentage goals, else percent of the target: behind by at most this much is yellow."
        ),
    )
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("owner department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    leader = models.ForeignKey(
        "zone.Leader", verbose_name=_("responsible leader"), null=True, blank=True, on_delete=models.SET_NULL
    )
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("Where the goal was set."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "sort_order", "code"]
        verbose_name = _("annual goal")
        verbose_name_plural = _("annual goals")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "code"],
                name="goal_unique_code",
                violation_error_message=_("A goal with this code exists for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("goals:goal_detail", args=[self.pk])

    @property
    def strict(self) -> bool:
        return self.comparison == self.Comparison.MORE_THAN
