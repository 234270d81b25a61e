"""一企一档: the enterprise registry — enterprises, their qualifications, yearly facts,
contacts, and the binding of enterprise users to their firm.

Money is Decimal in 万元 (10^4 yuan) with four decimals, i.e. exact to the yuan.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.core import uscc as uscc_codes
from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet

from .tech_fields import TechField

NON_NEGATIVE = [MinValueValidator(0)]


def MoneyField(verbose_name, *, negative: bool = False, **kwargs):
    """A 万元 amount: Decimal(18, 4), blank allowed, non-negative unless said otherwise."""
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(
        verbose_name, max_digits=18, decimal_places=4, validators=[] if negative else NON_NEGATIVE, **kwargs
    )


def validate_uscc(value: str) -> None:
    result = uscc_codes.check(value)
    if not result.ok:
        raise ValidationError(result.error, code="uscc")


def validate_not_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("The date %(date)s is in the future."), params={"date": value}, code="future")


# --- qualifications ------------------------------------------------------------------------


class QualificationType(ChangeLoggedModel):
    """A kind of qualification (资质) a firm can hold, e.g. 高新技术企业.

    A configurable list: the ``code`` is stable (APIs and imports use it), names and
    validity can be edited. ``validity_years`` fills the expiry date when none is given.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        MUNICIPAL = "municipal", _("Municipal")
        DISTRICT = "district", _("District")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, blank=True)
    default_level = models.CharField(_("default level"), max_length=12, choices=Level.choices, blank=True)
    validity_years = models.PositiveSmallIntegerField(
        _("validity (years)"), null=True, blank=True, help_text=_("Blank: no expiry (e.g. listed companies).")
    )
    basis = models.CharField(
        _("basis"), max_length=200, blank=True, help_text=_("The rule or document it rests on.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("qualification type")
        verbose_name_plural = _("qualification types")

    def __str__(self) -> str:
        return self.name

    def expiry_for(self, granted_on: datetime.date | None) -> datetime.date | None:
        """Last valid day for a grant date: the day before the anniversary."""
        if not granted_on or not self.validity_years:
            return None
        try:
            anniversary = granted_on.replace(year=granted_on.year + self.validity_years)
        except (
            ValueError
        ):  # from 29 February: the anniversary falls on 1 March, so the grant runs to 28 February
            anniversary = datetime.date(granted_on.year + self.validity_years, 3, 1)
        return anniversary - datetime.timedelta(days=1)


class QualificationQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"  # same scope as EnterpriseChildQuerySet

    def valid_on(self, day: datetime.date):
        """Granted on or before ``day``, not expired and not revoked by then."""
        return self.filter(
            Q(granted_on__lte=day),
            Q(expires_on__isnull=True) | Q(expires_on__gte=day),
            Q(revoked_on__isnull=True) | Q(revoked_on__gt=day),
        )


class Qualification(ChangeLoggedModel):
    """A qualification held by an enterprise: 高企 certificate, 科小 registration, 小巨人 …"""

    enterprise = models.ForeignKey(
        "Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="qualifications"
    )
    type = models.ForeignKey(QualificationType, verbose_name=_("type"), on_delete=models.PROTECT)
    level = models.CharField(_("level"), max_length=12, choices=QualificationType.Level.choices, blank=True)
    certificate_no = models.CharField(_("certificate or registration no."), max_length=100, blank=True)
    granted_on = models.DateField(_("granted on"), validators=[validate_not_future])
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = QualificationQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["enterprise_id", "type__sort_order", "-granted_on"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "type", "granted_on"],
                name="qualification_unique_grant",
                violation_error_message=_(
                    "This enterprise already has this qualification granted on this date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("granted_on")),
                name="qualification_expiry_after_grant",
                violation_error_message=_("The expiry date cannot be before the grant date."),
            ),
        ]
        indexes = [models.Index(fields=["type", "granted_on", "expires_on"], name="qualification_validity")]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.type.name}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_qualifications", args=[self.enterprise_id])

    def clean(self) -> None:
        if self.expires_on is None and self.type_id and self.granted_on:
            self.expires_on = self.type.expiry_for(self.granted_on)
        if self.expires_on and self.granted_on and self.expires_on < self.granted_on:
            raise ValidationError({"expires_on": _("The expiry date cannot be before the grant date.")})

    @property
    def is_valid_today(self) -> bool:
        return self.is_valid_on(timezone.localdate())

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.granted_on <= day
            and (self.expires_on is None or self.expires_on >= day)
            and (self.revoked_on is None or self.revoked_on > day)
        )


# --- enterprises ---------------------------------------------------------------------------


class TaxCollectionMode(models.TextChoices):
    AUDIT = "audit", _("Taxed on actual accounts")
    DEEMED = "deemed", _("Deemed taxation")


class EnterpriseQuerySet(ScopedQuerySet):
    scope_field = "pk"

    def with_qualification(self, type_code: str, on: datetime.date):
        """Enterprises holding a valid qualification of ``type_code`` on ``on`` (one query)."""
        valid = Qualification.objects.valid_on(on).filter(enterprise=OuterRef("pk"), type__code=type_code)
        return self.filter(Exists(valid))


class Enterprise(ChangeLoggedModel):
    """An enterprise registered in the zone, keyed by its 统一社会信用代码."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        MOVED_OUT = "moved_out", _("Moved out")
        DEREGISTERED = "deregistered", _("Deregistered")

    class Scale(models.TextChoices):
        LARGE = "large", _("Large")
        MEDIUM = "medium", _("Medium")
        SMALL = "small", _("Small")
        MICRO = "micro", _("Micro")

    TaxCollectionMode = TaxCollectionMode

    name = models.CharField(_("name"), max_length=200, db_index=True)
    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_uscc],
        error_messages={"unique": _("An enterprise with this credit code is already registered.")},
    )
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    established_on = models.DateField(
        _("established on"), null=True, blank=True, validators=[validate_not_future]
    )
    registered_capital = MoneyField(_("registered capital (10k yuan)"))
    park = models.ForeignKey(
        "zone.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    industry = models.ForeignKey(
        "reference.Industry",
        verbose_name=_("industry (GB/T 4754)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"level": "class"},
        related_name="+",
    )
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("registration region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        editable=False,
        related_name="+",
        db_index=False,
        help_text=_("Decoded from positions 3-8 of the credit code."),
    )
    lead_industry = models.ForeignKey(
        "zone.LeadIndustry",
        verbose_name=_("lead industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.ACTIVE)
    scale = models.CharField(_("scale"), max_length=10, choices=Scale.choices, blank=True)
    business_scope = models.TextField(_("business scope"), blank=True)
    tech_field = models.CharField(
        _("state-supported high-tech field"), max_length=30, choices=TechField.choices, blank=True
    )
    tax_collection_mode = models.CharField(
        _("tax collection mode"), max_length=10, choices=TaxCollectionMode.choices, blank=True
    )
    main_product = models.CharField(_("main product"), max_length=100, blank=True)
    niche_market_since = models.PositiveSmallIntegerField(
        _("in its niche market since (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    strategic_emerging = models.BooleanField(
        _("main product in a strategic emerging industry"), null=True, blank=True
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    tags = models.ManyToManyField("core.Tag", verbose_name=_("tags"), blank=True, related_name="enterprises")

    objects = EnterpriseQuerySet.as_manager()
    audit_m2m = ("tags",)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = [
            models.CheckConstraint(
                condition=Q(registered_capital__gte=0) | Q(registered_capital__isnull=True),
                name="enterprise_capital_not_negative",
                violation_error_message=_("Registered capital cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.uscc = uscc_codes.normalize(self.uscc)
        self.region_id = region_for_uscc(self.uscc)
        super().save(*args, **kwargs)

    def uscc_check(self) -> uscc_codes.UsccCheck:
        return uscc_codes.check(self.uscc)


def region_for_uscc(code: str) -> str | None:
    """The GB/T 2260 region of a credit code, when the code table knows it."""
    from gaoxin.reference.models import Region

    region = code[2:8] if len(code) == 18 else ""
    return region if region and Region.objects.filter(pk=region).exists() else None


class EnterpriseChildQuerySet(ScopedQuerySet):
    """Records that belong to one enterprise: an enterprise user sees their firm's only."""

    scope_field = "enterprise_id"


class Contact(ChangeLoggedModel):
    """A person to call at an enterprise."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("position"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_primary = models.BooleanField(_("main contact"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = EnterpriseChildQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["enterprise_id", "-is_primary", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.name}（{self.enterprise.name}）"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.enterprise_id])


class AnnualFacts(ChangeLoggedModel):
    """One enterprise's business figures for one year (年度经营数据).

    The inputs of cultivation checks (高企, 科小, 专精特新), 亩均 evaluation and policy
    matching. Money in 万元; staff as year-end headcount; land in 亩.
    """

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="annual_facts"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    operating_revenue = MoneyField(_("operating revenue"))
    main_business_revenue = MoneyField(_("main business revenue"))
    industrial_output = MoneyField(_("gross industrial output"))
    high_tech_output = MoneyField(_("high-tech industry output"))
    value_added = MoneyField(_("industrial value added"))
    total_profit = MoneyField(_("total profit"), negative=True)
    net_profit = MoneyField(_("net profit"), negative=True)
    tax_paid = MoneyField(_("taxes paid"))
    rd_expense = MoneyField(_("R&D expense"))
    rd_expense_domestic = MoneyField(_("R&D expense in China"))
    high_tech_revenue = MoneyField(_("high-tech product/service revenue"))
    exports = MoneyField(_("exports"))
    total_assets = MoneyField(_("total assets"))
    total_liabilities = MoneyField(_("total liabilities"))
    staff_total = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    staff_sci_tech = models.PositiveIntegerField(_("S&T staff"), null=True, blank=True)
    staff_rd = models.PositiveIntegerField(_("R&D staff"), null=True, blank=True)
    land_area_mu = models.DecimalField(
        _("land area (mu)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    energy_tce = models.DecimalField(
        _("energy use (tce)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    electricity_10k_kwh = models.DecimalField(
        _("electricity (10k kWh)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    ip_class1_count = models.PositiveIntegerField(_("class I IP"), null=True, blank=True)
    ip_class2_count = models.PositiveIntegerField(_("class II IP"), null=True, blank=True)
    total_revenue = MoneyField(_("total revenue"))
    non_taxable_revenue = MoneyField(_("non-taxable revenue"))
    cost_expense_total = MoneyField(_("total costs and expenses"))
    staff_average = models.PositiveIntegerField(_("average staff over the year"), null=True, blank=True)
    staff_183_days = models.PositiveIntegerField(_("staff employed 183 days or more"), null=True, blank=True)
    niche_market_share = models.DecimalField(
        _("domestic niche market share of the main product (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    digital_maturity_level = models.PositiveSmallIntegerField(
        _("digital maturity level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    compliance_incidents = models.PositiveSmallIntegerField(
        _("major safety/quality incidents or serious environmental violations last year"),
        null=True,
        blank=True,
    )
    source = models.CharField(_("source"), max_length=50, blank=True, help_text=_("e.g. 统计年报, 企业填报"))

    objects = EnterpriseChildQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["enterprise_id", "-year"]
        verbose_name = _("annual facts")
        verbose_name_plural = _("annual facts")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="annualfacts_unique_year",
                violation_error_message=_("This enterprise already has figures for this year."),
            ),
            models.CheckConstraint(
                condition=Q(rd_expense_domestic__isnull=True)
                | Q(rd_expense__isnull=True)
                | Q(rd_expense_domestic__lte=models.F("rd_expense")),
                name="annualfacts_rd_domestic_within_total",
                violation_error_message=_("R&D expense in China cannot exceed total R&D expense."),
            ),
            models.CheckConstraint(
                condition=Q(niche_market_share__isnull=True)
                | Q(niche_market_share__gte=0, niche_market_share__lte=100),
                name="annualfacts_market_share_percent",
                violation_error_message=_("A market share is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(digital_maturity_level__isnull=True)
                | Q(digital_maturity_level__gte=1, digital_maturity_level__lte=4),
                name="annualfacts_digital_level_1_4",
                violation_error_message=_("The digital maturity level is 1 to 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_facts", args=[self.enterprise_id])

    def clean(self) -> None:
        for error in facts_errors(self.__dict__):
            raise ValidationError({error[0]: error[1]})


FACT_FIELDS = [
    "operating_revenue",
    "main_business_revenue",
    "industrial_output",
    "high_tech_output",
    "value_added",
    "total_profit",
    "net_profit",
    "tax_paid",
    "rd_expense",
    "rd_expense_domestic",
    "high_tech_revenue",
    "exports",
    "total_assets",
    "total_liabilities",
    "staff_total",
    "staff_sci_tech",
    "staff_rd",
    "land_area_mu",
    "energy_tce",
    "electricity_10k_kwh",
    "ip_class1_count",
    "ip_class2_count",
    "total_revenue",
    "non_taxable_revenue",
    "cost_expense_total",
    "staff_average",
    "staff_183_days",
    "niche_market_share",
    "digital_maturity_level",
    "compliance_incidents",
]


def is_money(field) -> bool:
    """A MoneyField's column: Decimal(18, 4) in 万元."""
    return isinstance(field, models.DecimalField) and (field.max_digits, field.decimal_places) == (18, 4)


# The figures in 万元: the table right-aligns them and prints them as money.
MONEY_FACT_FIELDS = [name for name in FACT_FIELDS if is_money(AnnualFacts._meta.get_field(name))]


def facts_errors(values: dict) -> list[tuple[str, str]]:
    """Cross-field rules of annual facts, shared by the form and the import."""
    errors = []
    rd, rd_domestic = values.get("rd_expense"), values.get("rd_expense_domestic")
    if rd is not None and rd_domestic is not None and rd_domestic > rd:
        errors.append(("rd_expense_domestic", _("R&D expense in China cannot exceed total R&D expense.")))
    total = values.get("staff_total")
    for key, label in (("staff_sci_tech", _("S&T staff")), ("staff_rd", _("R&D staff"))):
        part = values.get(key)
        if total is not None and part is not None and part > total:
            errors.append(
                (
                    key,
                    _("%(label)s (%(part)s) cannot exceed total staff (%(total)s).")
                    % {"label": label, "part": part, "total": total},
                )
            )
    share = values.get("niche_market_share")
    if share is not None and not 0 <= share <= 100:
        errors.append(
            (
                "niche_market_share",
                _("A market share is a percentage from 0 to 100, not %(value)s.") % {"value": share},
            )
        )
    return errors


# --- intellectual property and equity financing ---------------------------------------------


class IPAsset(ChangeLoggedModel):
    """One item of intellectual property (知识产权) an enterprise holds or has applied for.

    ``ip_class`` follows from the kind (高企 工作指引, domain-rules §1.2): Class I —
    invention patents, IC layout designs, plant varieties, national new drugs, national
    grade-1 protected TCM varieties; Class II — utility models, designs, software
    copyrights; trademarks and other items count in neither.
    """

    class Kind(models.TextChoices):
        INVENTION = "invention", _("Invention patent")
        UTILITY = "utility", _("Utility model")
        DESIGN = "design", _("Design patent")
        SOFTWARE = "software", _("Software copyright")
        IC_LAYOUT = "ic_layout", _("IC layout design")
        PLANT_VARIETY = "plant_variety", _("New plant variety")
        NEW_DRUG = "new_drug", _("National new drug")
        TCM_VARIETY = "tcm_variety", _("National grade-1 protected TCM variety")
        TRADEMARK = "trademark", _("Trademark")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied for")
        GRANTED = "granted", _("Granted")
        LAPSED = "lapsed", _("Lapsed")

    class Acquisition(models.TextChoices):
        OWN = "own", _("Own R&D")
        TRANSFER = "transfer", _("Transfer")
        GIFT = "gift", _("Gift")
        MERGER = "merger", _("Merger or acquisition")
        LICENCE = "licence", _("Licence")

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="ip_assets"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    ip_class = models.PositiveSmallIntegerField(
        _("IP class"), null=True, blank=True, editable=False, help_text=_("Follows from the kind.")
    )
    title = models.CharField(pgettext_lazy("ip", "title"), max_length=200)
    number = models.CharField(_("number"), max_length=60)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.GRANTED)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    granted_on = models.DateField(pgettext_lazy("ip", "granted on"), null=True, blank=True)
    lapsed_on = models.DateField(_("lapsed on"), null=True, blank=True)
    acquisition = models.CharField(
        _("acquired by"), max_length=10, choices=Acquisition.choices, default=Acquisition.OWN
    )
    high_value = models.BooleanField(_("high-value"), default=False)
    products = models.TextField(_("products it supports"), blank=True)

    objects = EnterpriseChildQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["enterprise_id", "kind", "number"]
        verbose_name = _("IP asset")
        verbose_name_plural = _("IP assets")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind", "number"],
                name="ipasset_unique_number",
                violation_error_message=_(
                    "This enterprise already has an item of this kind with this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(granted_on__isnull=True)
                | Q(applied_on__isnull=True)
                | Q(granted_on__gte=models.F("applied_on")),
                name="ipasset_granted_after_applied",
                violation_error_message=_("The grant date cannot be before the application date."),
            ),
            models.CheckConstraint(
                condition=Q(lapsed_on__isnull=True)
                | Q(granted_on__isnull=True)
                | Q(lapsed_on__gte=models.F("granted_on")),
                name="ipasset_lapsed_after_granted",
                violation_error_message=_("The lapse date cannot be before the grant date."),
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "ip_class"], name="ipasset_class")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_ip", args=[self.enterprise_id])

    def save(self, *args, **kwargs):
        self.ip_class = ip_class_of(self.kind)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = ip_asset_errors(self.__dict__)
        if errors:
            raise ValidationError(dict(errors))


IP_CLASS_OF_KIND = {
    IPAsset.Kind.INVENTION: 1,
    IPAsset.Kind.IC_LAYOUT: 1,
    IPAsset.Kind.PLANT_VARIETY: 1,
    IPAsset.Kind.NEW_DRUG: 1,
    IPAsset.Kind.TCM_VARIETY: 1,
    IPAsset.Kind.UTILITY: 2,
    IPAsset.Kind.DESIGN: 2,
    IPAsset.Kind.SOFTWARE: 2,
}


def ip_class_of(kind: str) -> int | None:
    """1, 2 or None (trademarks and other items count in neither class)."""
    return IP_CLASS_OF_KIND.get(kind)


def ip_asset_errors(values: dict) -> list[tuple[str, str]]:
    """Cross-field rules of an IP item, shared by the form and the import."""
    errors = []
    applied, granted, lapsed = values.get("applied_on"), values.get("granted_on"), values.get("lapsed_on")
    status = values.get("status")
    if applied and granted and granted < applied:
        errors.append(
            (
                "granted_on",
                _("Granted on %(granted)s, before it was applied for on %(applied)s.")
                % {"granted": granted, "applied": applied},
            )
        )
    if granted and lapsed and lapsed < granted:
        errors.append(("lapsed_on", _("The lapse date cannot be before the grant date.")))
    if status in (IPAsset.Status.GRANTED, IPAsset.Status.LAPSED) and not granted:
        errors.append(("granted_on", _("A granted or lapsed item needs its grant date.")))
    if status == IPAsset.Status.LAPSED and not lapsed:
        errors.append(("lapsed_on", _("A lapsed item needs its lapse date.")))
    if status == IPAsset.Status.APPLIED and not applied:
        errors.append(("applied_on", _("An application needs its application date.")))
    return errors


class EquityFinancing(ChangeLoggedModel):
    """An equity financing round an enterprise received (股权融资)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="equity_financings"
    )
    amount = MoneyField(_("amount (10k yuan)"), null=False, blank=False)
    received_on = models.DateField(_("date received"))
    investor = models.CharField(_("investor"), max_length=200)
    qualified_investor = models.BooleanField(_("qualified institutional investor"), default=False)
    round = models.CharField(_("round"), max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = EnterpriseChildQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["enterprise_id", "-received_on"]
        verbose_name = _("equity financing")
        verbose_name_plural = _("equity financings")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="equityfinancing_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "received_on"], name="equity_received")]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.investor} · {self.received_on}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_equity", args=[self.enterprise_id])


class EnterpriseUserQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"  # a firm's user sees the firm's own accounts only


class EnterpriseUser(models.Model):
    """Binds an enterprise user (the "高新人" portal) to the one firm they may see."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="enterprise_binding",
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="users"
    )
    # The firm's own administration of its accounts (gaoxin.portal, issue 15 item 1): the firm's
    # administrator invites colleagues and sets what each may do for the firm. A removed
    # colleague's binding stays, inactive (the audit keeps who it was).
    is_firm_admin = models.BooleanField(_("firm administrator"), default=False)
    may_file = models.BooleanField(_("may file monthly data"), default=True)
    may_request = models.BooleanField(_("may raise requests"), default=True)
    may_post_jobs = models.BooleanField(_("may post jobs"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    objects = EnterpriseUserQuerySet.as_manager()
    audited_in_bulk = True  # the portal's services write the audit rows (core.audit.log_change)

    class Meta:
        verbose_name = _("enterprise user")
        verbose_name_plural = _("enterprise users")

    RIGHTS = ("may_file", "may_request", "may_post_jobs")

    def __str__(self) -> str:
        return f"{self.user} → {self.enterprise}"


def firm_right(user, right: str) -> bool:
    """Whether ``user`` may act for their firm in ``right`` (``may_file``, ``may_request``,
    ``may_post_jobs``); True for a user bound to no firm (zone staff: their roles decide)."""
    binding = getattr(user, "enterprise_binding", None) if getattr(user, "pk", None) else None
    if binding is None:
        return True
    return bool(binding.is_active and getattr(binding, right))
