"""创新积分制 (innovation points): a versioned scheme of indicators with weights per stage of a
firm (初创 / 成长 / 稳定), the rules that put a firm in a stage, and tiers (积分贷 bands) per stage;
the consents a firm gives a bank to receive its points, and the loans banks report back.

The national guideline (科技部 2024, 全国试行版) has 3 groups and 18 indicators whose names and
weights are not known here (domain-rules §5): a scheme is data a zone fills from the official
text; the demo's scheme is marked ``is_example`` and the pages say so. Points are computed from
the facts the platform already holds (零填报, ``facts.py``), never stored (``services``)."""

import itertools
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet
from gaoxin.core.validity import overlapping
from gaoxin.enterprises.models import MoneyField

from .facts import FACTS

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Stage(models.TextChoices):
    STARTUP = "startup", pgettext_lazy("stage", "Start-up")
    GROWTH = "growth", pgettext_lazy("stage", "Growth")
    STABLE = "stable", pgettext_lazy("stage", "Stable")


class Group(models.TextChoices):
    TECH = "tech", _("Technical innovation")
    GROWTH = "growth", _("Growth and operations")
    AUX = "aux", _("Auxiliary")


class PointScheme(ChangeLoggedModel):
    """One version of the zone's indicator set, valid from ``valid_from`` (to ``valid_to``)."""

    name = models.CharField(_("name"), max_length=100)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("An example set, not the official indicators and weights (shown on every page)."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-version"]
        verbose_name = _("point scheme")
        verbose_name_plural = _("point schemes")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version"],
                name="pointscheme_unique_version",
                violation_error_message=_("This scheme already has this version."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="pointscheme_valid_order",
                violation_error_message=_("The end of validity cannot be before its start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("points:scheme_detail", args=[self.pk])

    def clean(self) -> None:
        if self.valid_from is None:
            return
        clash = overlapping(PointScheme.objects.exclude(pk=self.pk), self.valid_from, self.valid_to).first()
        if clash is not None:
            raise ValidationError(
                gettext("Its validity overlaps %(other)s (from %(start)s).")
                % {"other": clash, "start": clash.valid_from}
            )


class Indicator(ChangeLoggedModel):
    """One indicator: the fact it reads (``facts.FACTS``), how the fact becomes 0–100 points,
    and its weight in each stage (each stage's weights sum to 100: ``services.weights_set``)."""

    class Method(models.TextChoices):
        LINEAR = "linear", _("Linear to a reference value, capped")
        BANDS = "bands", _("Bands")

    scheme = models.ForeignKey(
        PointScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    fact = models.CharField(_("fact read"), max_length=40, choices=[(k, f.label) for k, f in FACTS.items()])
    method = models.CharField(
        _("points method"), max_length=10, choices=Method.choices, default=Method.LINEAR
    )
    reference = models.DecimalField(
        _("reference value"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Linear: the value that earns the full 100 points."),
    )
    bands = models.JSONField(
        _("bands"),
        default=list,
        blank=True,
        help_text=_("Bands: [[lower bound, points], …]; the highest bound reached gives the points."),
    )
    weight_startup = models.DecimalField(
        _("weight, start-up"), max_digits=5, decimal_places=2, default=0, validators=PERCENT
    )
    weight_growth = models.DecimalField(
        _("weight, growth"), max_digits=5, decimal_places=2, default=0, validators=PERCENT
    )
    weight_stable = models.DecimalField(
        _("weight, stable"), max_digits=5, decimal_places=2, default=0, validators=PERCENT
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()
    audit_parent = "scheme"

    class Meta:
        ordering = ["scheme_id", "sort_order", "code"]
        verbose_name = _("point indicator")
        verbose_name_plural = _("point indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "code"],
                name="pointindicator_unique_code",
                violation_error_message=_("This scheme already has an indicator with this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.scheme.get_absolute_url()

    def weight(self, stage: str) -> Decimal:
        return getattr(self, f"weight_{stage}")

    def clean(self) -> None:
        if self.method == self.Method.LINEAR and (self.reference is None or self.reference <= 0):
            raise ValidationError(
                {"reference": gettext("A linear indicator needs a reference value above zero.")}
            )
        if self.method == self.Method.BANDS:
            error = bands_error(self.bands)
            if error:
                raise ValidationError({"bands": error})


def bands_error(bands) -> str:
    """Bands are pairs [lower bound, points 0–100] with rising bounds."""
    try:
        pairs = [(Decimal(str(b)), Decimal(str(p))) for b, p in bands]
    except (TypeError, ValueError, ArithmeticError):
        return gettext("Bands are pairs [lower bound, points], e.g. [[0, 20], [5, 60], [10, 100]].")
    if not pairs:
        return gettext("Bands are pairs [lower bound, points], e.g. [[0, 20], [5, 60], [10, 100]].")
    if any(not 0 <= p <= 100 for _b, p in pairs):
        return gettext("The points of a band must be between 0 and 100.")
    if any(later[0] <= earlier[0] for earlier, later in itertools.pairwise(pairs)):
        return gettext("The bands' lower bounds must rise.")
    return ""


class StageRule(ChangeLoggedModel):
    """Which firms are in a stage: age since establishment in [min, max) years and operating
    revenue in [min, max) 万元 (blank bound: open). The scheme's rules must cover every firm
    (``services.stage_rules_set`` refuses a gap and names it); the first matching rule wins."""

    scheme = models.ForeignKey(
        PointScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="stage_rules"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    min_age = models.PositiveSmallIntegerField(_("age from (years)"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("age below (years)"), null=True, blank=True)
    min_revenue = MoneyField(_("revenue from (10k yuan)"))
    max_revenue = MoneyField(_("revenue below (10k yuan)"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()
    audit_parent = "scheme"

    class Meta:
        ordering = ["scheme_id", "sort_order", "pk"]
        verbose_name = _("stage rule")
        verbose_name_plural = _("stage rules")

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.describe()}"

    def get_absolute_url(self) -> str:
        return self.scheme.get_absolute_url()

    def describe(self) -> str:
        from .stages import describe_box

        return describe_box(self.min_age, self.max_age, self.min_revenue, self.max_revenue)


class Tier(ChangeLoggedModel):
    """A 积分贷 band of a stage: firms of the stage with at least ``min_points`` (the highest
    band reached counts)."""

    scheme = models.ForeignKey(
        PointScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="tiers"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    code = models.CharField(_("tier"), max_length=10)
    min_points = models.DecimalField(_("points from"), max_digits=6, decimal_places=2, validators=PERCENT)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    audit_parent = "scheme"

    class Meta:
        ordering = ["scheme_id", "stage", "-min_points"]
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "stage", "code"],
                name="pointtier_unique_code",
                violation_error_message=_("This stage already has this tier."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.code} ≥ {self.min_points}"

    def get_absolute_url(self) -> str:
        return self.scheme.get_absolute_url()


class EnterpriseChildQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"


class ConsentQuerySet(EnterpriseChildQuerySet):
    def valid_on(self, day, bank: str | None = None):
        found = self.filter(Q(granted_on__lte=day), Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))
        return found.filter(bank=bank) if bank else found


class Consent(ChangeLoggedModel):
    """A firm's consent that its points go to a bank (授权), from ``granted_on`` until revoked."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="point_consents",
    )
    bank = models.CharField(_("bank"), max_length=100)
    granted_on = models.DateField(_("granted on"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ConsentQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["enterprise_id", "bank", "-granted_on"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=models.F("granted_on")),
                name="consent_revoked_after_granted",
                violation_error_message=_("A consent cannot be revoked before it was granted."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} → {self.bank}"

    def get_absolute_url(self) -> str:
        return reverse("points:consent_list") + f"?enterprise={self.enterprise_id}"


class PointLoan(ChangeLoggedModel):
    """A loan a bank granted on the strength of the points (积分贷), as the bank reports it."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="point_loans",
    )
    bank = models.CharField(_("bank"), max_length=100)
    amount = MoneyField(_("amount (10k yuan)"), null=False, blank=False)
    granted_on = models.DateField(_("granted on"))
    term_months = models.PositiveSmallIntegerField(_("term (months)"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = EnterpriseChildQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-granted_on", "-pk"]
        verbose_name = _("points loan")
        verbose_name_plural = _("points loans")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="pointloan_amount_positive",
                violation_error_message=_("The amount must be greater than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.bank} · {self.granted_on}"

    def get_absolute_url(self) -> str:
        return reverse("points:loan_edit", args=[self.pk])
