"""经济运行: the indicator catalogue, observations (monthly cumulative values at zone, park
and enterprise scope), the aggregates kept up to date from enterprise values, the monthly
data calendar (data sets, submissions, validation flags) and targets.

Periods are (year, month) with cumulative values 1–N月. January is often published only
together with February (1–2月, domain-rules §8): a data set that combines them has no
month 1, and month 2 is shown as 1–2月. A quarterly series (GDP) has months 3, 6, 9 and 12
only, read 一季度, 上半年, 前三季度 and 全年.

A zone figure carries its status: 预计 (estimate), 快报 (preliminary) or 正式 (final), shown
with the number wherever it appears ("预计增长11.1%").
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet

MONTHS = [MinValueValidator(1), MaxValueValidator(12)]
YEARS = [MinValueValidator(1990), MaxValueValidator(2100)]


class Scope(models.TextChoices):
    ZONE = "zone", _("Zone")
    PARK = "park", _("Park")
    DEPARTMENT = "department", _("Department")
    ENTERPRISE = "enterprise", _("Enterprise")


def scope_key(scope: str, park_id=None, enterprise_id=None, department_id=None) -> str:
    """One text key per reporting unit, so uniqueness works with NULLs on every database."""
    if scope == Scope.PARK:
        return f"park:{park_id}"
    if scope == Scope.ENTERPRISE:
        return f"ent:{enterprise_id}"
    if scope == Scope.DEPARTMENT:
        return f"dept:{department_id}"
    return "zone"


PERCENT_UNITS = frozenset({"%", "％"})
QUARTERLY = "quarterly"


def period_label(year: int, month: int, frequency: str = "monthly") -> str:
    """``2025年1–9月`` (cumulative); month 1 reads ``2025年1月``. The months 3, 6, 9 and 12 of a
    quarterly series read ``2025年一季度``, ``上半年``, ``前三季度``, ``全年``."""
    if frequency == QUARTERLY and month in QUARTER_LABELS:
        return QUARTER_LABELS[month]() % {"year": year}
    if month == 1:
        return gettext("%(year)d, January") % {"year": year}
    return gettext("%(year)d, months 1–%(month)d") % {"year": year, "month": month}


QUARTER_LABELS = {
    3: lambda: gettext("%(year)d, first quarter"),
    6: lambda: gettext("%(year)d, first half"),
    9: lambda: gettext("%(year)d, first three quarters"),
    12: lambda: gettext("%(year)d, full year"),
}


class Indicator(ChangeLoggedModel):
    """An economic indicator the zone is judged on (catalogue data, not code).

    ``level`` indicators are cumulative amounts that add up over enterprises and months;
    ``rate`` indicators are judged on the growth rate the statistics bureau reports (never
    computed here): with the unit % they are a growth only, with an amount's unit (万元) they
    also carry the level the bureau publishes (固定资产投资 85.6 亿元 stored as 856000 万元);
    ``ratio`` indicators are computed from two others; ``rank`` indicators hold the change of
    a ranking in places (8: up eight places, −3: down three), read as words (上升8位), never as
    a percentage.
    """

    class Kind(models.TextChoices):
        LEVEL = "level", _("Cumulative level")
        RATE = "rate", _("Growth rate (reported)")
        RATIO = "ratio", _("Ratio of two indicators")
        RANK = "rank", _("Change of rank (places)")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("Chinese name"), max_length=60, unique=True)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    aliases = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_("Names used in bureau tables, separated by ；"),
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LEVEL)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    comparable_prices = models.BooleanField(
        _("growth at comparable prices"),
        default=False,
        help_text=_(
            "Growth is only taken as reported by the bureau, never computed from current-price values."
        ),
    )
    sums_enterprises = models.BooleanField(
        _("sums enterprise values"),
        default=False,
        help_text=_("Enterprise values add up to park and zone totals."),
    )
    numerator = models.ForeignKey(
        "self", verbose_name=_("numerator"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("denominator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    factor = models.DecimalField(_("factor"), max_digits=8, decimal_places=2, default=100)
    definition = models.TextField(_("definition"), blank=True)
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
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="ratio")
                | (models.Q(numerator__isnull=False) & models.Q(denominator__isnull=False)),
                name="indicator_ratio_has_terms",
                violation_error_message=_("A ratio needs a numerator and a denominator."),
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator_detail", args=[self.pk])

    @property
    def growth_only(self) -> bool:
        """A reported rate without a level (unit % or none): a number is never stored as its level."""
        return self.kind == self.Kind.RATE and (not self.unit or self.unit in PERCENT_UNITS)

    @property
    def cumulative(self) -> bool:
        """Its level is a cumulative 1–N月 amount, which cannot fall from month to month."""
        return self.kind == self.Kind.LEVEL or (self.kind == self.Kind.RATE and not self.growth_only)

    def period_label(self, year: int, month: int) -> str:
        return period_label(year, month, self.frequency)

    def all_names(self) -> list[str]:
        return [
            self.code,
            self.name,
            self.name_en,
            *[a for a in self.aliases.replace(";", "；").split("；") if a],
        ]


class DataSet(ChangeLoggedModel):
    """A recurring data collection with a due day (规上工业企业月报, 固投月报, 部门指标填报)."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    frequency = models.CharField(
        _("frequency"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.MONTHLY,
        help_text=_(
            "A quarterly data set is reported for 一季度, 上半年, 前三季度 and 全年 (months 3, 6, 9, 12)."
        ),
    )
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators"), related_name="data_sets")
    scope = models.CharField(_("reported by"), max_length=12, choices=Scope.choices, default=Scope.ZONE)
    department = models.ForeignKey(
        "zone.Department", verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day of the next month"), default=10, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    combine_jan_feb = models.BooleanField(_("January reported with February (1–2月)"), default=True)
    max_month_jump = models.DecimalField(
        _("largest month-on-month jump (times)"),
        max_digits=6,
        decimal_places=2,
        default=3,
        help_text=_("A month's increment above this multiple of the previous month's is flagged."),
    )
    max_growth_gap = models.DecimalField(
        _("largest gap between electricity and output growth (points)"),
        max_digits=6,
        decimal_places=2,
        default=30,
    )
    # Two indicators whose growth should move together (工业用电量 and 产值): a gap above
    # ``max_growth_gap`` is flagged on submit.
    divergence_first = models.ForeignKey(
        Indicator,
        verbose_name=_("growth compared: first"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    divergence_second = models.ForeignKey(
        Indicator,
        verbose_name=_("growth compared: second"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    counts_submitted = models.BooleanField(
        _("submitted values count in totals"),
        default=False,
        help_text=_(
            "Leaders' totals count approved values only; tick to count submitted (not yet approved) ones too."
        ),
    )
    reporters_holding = models.ForeignKey(
        "enterprises.QualificationType",
        verbose_name=_("reporting enterprises hold"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("For data sets filed by enterprises: who must report (e.g. 规上工业)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("data set")
        verbose_name_plural = _("data sets")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:dataset_detail", args=[self.pk])

    def months(self) -> list[int]:
        if self.frequency == self.Frequency.QUARTERLY:
            return [3, 6, 9, 12]
        return list(range(2 if self.combine_jan_feb else 1, 13))

    def period_label(self, year: int, month: int) -> str:
        return period_label(year, month, self.frequency)

    def reporters(self, day) -> list[tuple[str, str]]:
        """(scope key, name) of everyone who must report this data set on ``day``: the zone, or
        every active enterprise (holding ``reporters_holding`` when set)."""
        if self.scope != Scope.ENTERPRISE:
            return [("zone", gettext("Zone"))]
        from gaoxin.enterprises.models import Enterprise

        firms = Enterprise.objects.filter(status="active")
        if self.reporters_holding_id:
            firms = firms.with_qualification(self.reporters_holding.code, on=day)
        return [(f"ent:{pk}", name) for pk, name in firms.values_list("pk", "name")]

    def due_date(self, year: int, month: int):
        """The day the 1–``month`` data are due: ``due_day`` of the following month."""
        import datetime

        return datetime.date(year + (month == 12), month % 12 + 1, self.due_day)


class SubmissionQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"

    def counted(self):
        """Submissions whose values count in totals: approved, or submitted where the data set says so."""
        return self.filter(
            models.Q(status="approved") | models.Q(status="submitted", data_set__counts_submitted=True)
        )


class Submission(ChangeLoggedModel):
    """One reporter's data of one data set for one period, through draft → submitted →
    approved (locked). Only an administrator reopens an approved period (audited)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")

    data_set = models.ForeignKey(
        DataSet, verbose_name=_("data set"), on_delete=models.PROTECT, related_name="submissions"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    month = models.PositiveSmallIntegerField(_("month"), validators=MONTHS)
    scope_key = models.CharField(max_length=32, editable=False)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    department = models.ForeignKey(
        "zone.Department", verbose_name=_("department"), null=True, blank=True, on_delete=models.PROTECT
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = SubmissionQuerySet.as_manager()
    audit_parent = "data_set"

    class Meta:
        ordering = ["-year", "-month", "data_set__sort_order", "scope_key"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        permissions = [
            ("approve_submission", "Can approve and reject submissions"),
            ("file_submission", "Can enter and submit the own enterprise's values"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["data_set", "year", "month", "scope_key"],
                name="submission_unique_period",
                violation_error_message=_("This reporter already has a submission for this period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.data_set.name} · {self.period} · {self.reporter_name}"

    @property
    def is_counted(self) -> bool:
        """Whether its values count in totals (``SubmissionQuerySet.counted`` for one row)."""
        return self.status == self.Status.APPROVED or (
            self.status == self.Status.SUBMITTED and self.data_set.counts_submitted
        )

    def get_absolute_url(self) -> str:
        return reverse("indicators:submission_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.scope_key = scope_key(
            self.data_set.scope, enterprise_id=self.enterprise_id, department_id=self.department_id
        )
        super().save(*args, **kwargs)

    @property
    def period(self) -> str:
        return self.data_set.period_label(self.year, self.month)

    @property
    def reporter_name(self) -> str:
        if self.enterprise_id:
            return self.enterprise.name
        if self.department_id:
            return self.department.name
        return str(_("Zone"))

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


# ``SubmissionQuerySet.counted`` in SQL, for the aggregate query: ``{o}`` is the observation's
# alias; values written outside the calendar (no submission) count. The counted submissions
# are a short list the database reads once.
COUNTED_SQL = (
    "({o}.submission_id IS NULL OR {o}.submission_id IN ("
    "SELECT cs.id FROM indicators_submission cs JOIN indicators_dataset cd ON cd.id = cs.data_set_id "
    "WHERE cs.status = 'approved' OR (cs.status = 'submitted' AND cd.counts_submitted)))"
)


class ObservationQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"

    def counted(self):
        """The values that count in totals, cockpit, goals, forecasts and the brief: those of
        counted submissions (``SubmissionQuerySet.counted``) and those written outside the
        calendar (no submission). Drafts never count."""
        return self.filter(
            models.Q(submission__isnull=True)
            | models.Q(submission__in=Submission.objects.counted().values("pk"))
        )

    def visible_to(self, user):
        """Zone and park values are public to staff; an enterprise user sees its own firm's."""
        from gaoxin.core import roles

        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.sees_whole_zone(user):
            return self
        enterprise_id = roles.bound_enterprise_id(user)
        return self.filter(enterprise_id=enterprise_id) if enterprise_id else self.none()


class Observation(ChangeLoggedModel):
    """A reported value: cumulative 1–N月 level and/or the growth rate as reported, with its
    provenance (source, file or form, who entered and who approved it)."""

    class Source(models.TextChoices):
        BUREAU = "bureau", _("Statistics bureau table")
        DEPARTMENT = "department", _("Department filing")
        ENTERPRISE = "enterprise", _("Enterprise filing")

    class Status(models.TextChoices):
        """How final the figure is: the bureau's estimate (预计, e.g. a year's GDP in January),
        its preliminary release (快报) or the final figure (正式)."""

        ESTIMATE = "estimate", pgettext_lazy("figure status", "Estimate")
        PRELIMINARY = "preliminary", pgettext_lazy("figure status", "Preliminary")
        FINAL = "final", pgettext_lazy("figure status", "Final")

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="observations",
        db_index=False,  # the unique key starts with it
    )
    # Few indexes on purpose (imports write 100,000 values at once): the unique key, the
    # period, the enterprise and the submission.
    scope = models.CharField(_("scope"), max_length=12, choices=Scope.choices)
    park = models.ForeignKey(
        "zone.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.PROTECT, db_index=False
    )
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="observations",
    )
    scope_key = models.CharField(max_length=32, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    month = models.PositiveSmallIntegerField(_("month (cumulative to)"), validators=MONTHS)
    value = models.DecimalField(_("cumulative value"), max_digits=20, decimal_places=4, null=True, blank=True)
    # 上年同期: the same period of last year as the firm's statistics report states it now
    # (revised, or filed for the first time by a firm new to 规上); the bureau's growth is
    # Σ本年 ÷ Σ上年同期 over the firms reporting this year (services.AggregateGrowth).
    previous_value = models.DecimalField(
        _("same period last year"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_(
            "上年同期 as this year's report states it; may differ from last year's value (revisions, firms new to 规上)."
        ),
    )
    growth = models.DecimalField(
        _("growth reported (%)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(-100), MaxValueValidator(100000)],
    )
    status = models.CharField(
        _("figure status"),
        max_length=12,
        choices=Status.choices,
        default=Status.FINAL,
        help_text=_("预计 (estimate), 快报 (preliminary) or 正式 (final); shown with the number."),
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    source_file = models.CharField(_("file or form"), max_length=200, blank=True)
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
        db_constraint=False,  # see below
    )
    # No database constraint on the submission and the two users (Django applies SET_NULL
    # itself): each constraint is a lookup per row at commit, a third of the time of a
    # 100,000-value import on PostgreSQL. The indicator and the enterprise keep theirs.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,
        db_constraint=False,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,
        db_constraint=False,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ObservationQuerySet.as_manager()
    audit_parent = "indicator"

    class Meta:
        ordering = ["indicator__sort_order", "-year", "-month", "scope_key"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "scope_key", "year", "month"],
                name="observation_unique_period",
                violation_error_message=_("This value is already recorded for this period."),
            )
        ]
        indexes = [models.Index(fields=["year", "month", "scope"], name="observation_period")]

    def __str__(self) -> str:
        return f"{self.indicator.name} · {self.period} · {self.scope_name}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:observation_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.scope_key = scope_key(self.scope, self.park_id, self.enterprise_id, self.department_id)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        self.scope_key = scope_key(self.scope, self.park_id, self.enterprise_id, self.department_id)
        super().validate_constraints(exclude)

    @property
    def period(self) -> str:
        return self.indicator.period_label(self.year, self.month)

    @property
    def status_word(self) -> str:
        """预计 / 快报 before a figure that is not final; nothing before a final one."""
        return status_word(self.status)

    @property
    def scope_name(self) -> str:
        if self.enterprise_id:
            return self.enterprise.name
        if self.park_id:
            return self.park.name
        if self.department_id:
            return self.department.name
        return str(_("Zone"))


def status_word(status: str) -> str:
    """The word that goes with a figure of ``status`` (an ``Observation.Status`` value): 预计
    or 快报; "" for a final figure or none."""
    if not status or status == Observation.Status.FINAL:
        return ""
    return str(Observation.Status(status).label)


class Aggregate(models.Model):
    """Park and zone sums of enterprise values for one indicator and period, refreshed on
    every import (the cockpit reads these, never scans enterprise rows). ``same_set_*``
    compare this year's and last year's values of the enterprises that reported both;
    ``prior_*`` compare this year's with the 上年同期 the firms filed (the bureau's method)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="aggregates")
    scope = models.CharField(max_length=12, choices=Scope.choices)
    park = models.ForeignKey("zone.Park", null=True, blank=True, on_delete=models.CASCADE)
    scope_key = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=24, decimal_places=4)
    reporters = models.PositiveIntegerField()
    same_set_current = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    same_set_previous = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    # The bureau's basis: Σ本年 and Σ上年同期 over the firms reporting this year, each firm's
    # 上年同期 as filed or, where it filed none, its own value of last year; ``prior_reporters``
    # firms in it, ``prior_filed`` of them with a filed 上年同期 (services.AggregateGrowth).
    prior_current = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    prior_previous = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    prior_reporters = models.PositiveIntegerField(default=0)
    prior_filed = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zone or park total")
        verbose_name_plural = _("zone and park totals")
        ordering = ["indicator", "-year", "-month", "scope_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "scope_key", "year", "month"], name="aggregate_unique_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.scope_key} {self.year}-{self.month}"


class ValidationFlag(models.Model):
    """A rule that fired on submit (a falling cumulative value, a jump, diverging growth);
    it must be answered before the submission can be approved."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="flags"
    )
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    rule = models.CharField(_("rule"), max_length=30)
    message = models.CharField(_("message"), max_length=300)
    answer = models.CharField(_("answer"), max_length=300, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["submission", "indicator", "pk"]
        verbose_name = _("validation flag")
        verbose_name_plural = _("validation flags")

    def __str__(self) -> str:
        return self.message


class Target(ChangeLoggedModel):
    """A year's target of an indicator: a base target and a stretch target (力争), for the
    zone, a park or a department; monthly targets follow 序时进度."""

    class Basis(models.TextChoices):
        GROWTH = "growth", _("Growth rate (%)")
        LEVEL = "level", _("Level")

    class Split(models.TextChoices):
        ELAPSED = "elapsed", _("By elapsed months")
        LAST_YEAR = "last_year", _("By last year's monthly shares")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    scope = models.CharField(_("scope"), max_length=12, choices=Scope.choices, default=Scope.ZONE)
    park = models.ForeignKey(
        "zone.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.PROTECT
    )
    department = models.ForeignKey(
        "zone.Department", verbose_name=_("department"), null=True, blank=True, on_delete=models.PROTECT
    )
    scope_key = models.CharField(max_length=32, editable=False)
    basis = models.CharField(_("target on"), max_length=10, choices=Basis.choices, default=Basis.GROWTH)
    base_value = models.DecimalField(_("target"), max_digits=20, decimal_places=4)
    stretch_value = models.DecimalField(
        _("stretch target (力争)"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    strict = models.BooleanField(_("must exceed (>) rather than reach (≥)"), default=False)
    split = models.CharField(_("monthly split"), max_length=10, choices=Split.choices, default=Split.ELAPSED)
    yellow_gap = models.DecimalField(
        _("yellow within (points or %)"),
        max_digits=8,
        decimal_places=2,
        default=2,
        help_text=_("Behind the target by at most this much is yellow; more is red."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    audit_parent = "indicator"

    class Meta:
        ordering = ["-year", "indicator__sort_order", "scope_key"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "scope_key"],
                name="target_unique",
                violation_error_message=_("This indicator already has a target for this year and scope."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} · {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator_detail", args=[self.indicator_id])

    def save(self, *args, **kwargs):
        self.scope_key = scope_key(self.scope, self.park_id, department_id=self.department_id)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        self.scope_key = scope_key(self.scope, self.park_id, department_id=self.department_id)
        super().validate_constraints(exclude)
