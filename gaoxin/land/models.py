"""Land (土地) and per-mu efficiency (亩均效益): parcels with their 标准地 terms and drawn
boundary, the land each firm uses per year, and the zone's yearly 亩均 evaluation schemes
(indicators, weights and benchmarks as data; domain-rules §6, §10).

Areas are in 亩 (1 亩 = 10000/15 m², ``MU_M2``); boundaries are GeoJSON polygons in WGS84
longitude/latitude, measured on an equal-area (sinusoidal) projection (``geometry.py``). The
bounding box is stored beside the boundary so that the overlap check of a new parcel reads
only its neighbours (an indexed range query), never every parcel."""

import secrets
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet, StageChangeBase

MU_M2 = Decimal(10000) / Decimal(15)  # square metres in one 亩
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def DecimalField(verbose_name, digits=12, places=2, **kwargs):
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    kwargs.setdefault("validators", [MinValueValidator(Decimal(0))])
    return models.DecimalField(verbose_name, max_digits=digits, decimal_places=places, **kwargs)


def parse_only(geom) -> dict:
    import json

    import shapely

    return json.loads(shapely.to_geojson(geom))


def new_token() -> str:
    """The public page's address: random, so one parcel's link says nothing of another's."""
    return secrets.token_urlsafe(18)


class LandUseClass(ChangeLoggedModel):
    """A land-use class (GB/T 21010-2017 土地利用现状分类). The installation carries the classes
    a zone meets most, from memory of the standard; an administrator adds or corrects them."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=40)
    industrial = models.BooleanField(
        _("industrial"), default=False, help_text=_("Counts in the industrial land reserve.")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("land-use class")
        verbose_name_plural = _("land-use classes")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ParcelQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"  # a firm sees the parcels it holds; zone staff see all

    def live(self):
        return self.exclude(status=Parcel.Status.RETIRED)


class Parcel(ChangeLoggedModel):
    """A parcel (地块) with its planning conditions (the 标准地 terms) and its boundary."""

    class Status(models.TextChoices):
        RESERVE = "reserve", _("Reserve")
        AVAILABLE = "available", _("Available for supply")
        SOLD = "sold", _("Transferred (出让)")
        ALLOCATED = "allocated", _("Allocated (划拨)")
        BUILDING = "building", _("Under construction")
        PRODUCING = "producing", _("In production")
        RETIRED = "retired", _("Retired (split or merged)")

    RESERVE_STATUSES = (Status.RESERVE, Status.AVAILABLE)

    code = models.CharField(_("parcel code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    park = models.ForeignKey(
        "zone.Park", verbose_name=_("park"), on_delete=models.PROTECT, related_name="parcels"
    )
    area_mu = models.DecimalField(
        _("area (mu)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    land_use = models.ForeignKey(
        LandUseClass, verbose_name=_("land use"), on_delete=models.PROTECT, related_name="parcels"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RESERVE)
    status_since = models.DateField(_("status since"), null=True, blank=True)
    idle = models.BooleanField(_("idle (闲置)"), default=False)
    idle_since = models.DateField(_("idle since"), null=True, blank=True)
    idle_reason = models.CharField(_("reason it is idle"), max_length=200, blank=True)
    inefficient = models.BooleanField(_("inefficient (低效)"), default=False)
    inefficient_since = models.DateField(_("inefficient since"), null=True, blank=True)
    inefficient_reason = models.CharField(_("reason it is inefficient"), max_length=200, blank=True)
    # 标准地 terms (planning conditions)
    plot_ratio_min = DecimalField(_("plot ratio at least"), 6, 2)
    plot_ratio_max = DecimalField(_("plot ratio at most"), 6, 2)
    coverage_min = DecimalField(_("building coverage at least (%)"), 5, 2, validators=PERCENT)
    green_max = DecimalField(_("green ratio at most (%)"), 5, 2, validators=PERCENT)
    investment_min = DecimalField(_("investment intensity at least (10k yuan/mu)"), 12, 2)
    tax_min = DecimalField(_("tax per mu at least (10k yuan/mu)"), 12, 2)
    energy_max = DecimalField(_("energy per 10k yuan of output at most (tce)"), 10, 4)
    boundary = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)
    drawn_area_m2 = models.FloatField(_("drawn area (m²)"), null=True, blank=True, editable=False)
    min_x = models.FloatField(null=True, blank=True, editable=False, db_index=True)
    max_x = models.FloatField(null=True, blank=True, editable=False)
    min_y = models.FloatField(null=True, blank=True, editable=False, db_index=True)
    max_y = models.FloatField(null=True, blank=True, editable=False)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("holder (enterprise)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parcels",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parcels",
    )
    is_public = models.BooleanField(
        _("public (扫码出图)"),
        default=False,
        help_text=_(
            "The QR code's page shows the code, park, area, use, conditions and drawing; nothing else."
        ),
    )
    public_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    note = models.TextField(_("note"), blank=True)

    objects = ParcelQuerySet.as_manager()

    class Meta:
        ordering = ["park__sort_order", "code"]
        verbose_name = _("parcel")
        verbose_name_plural = _("parcels")
        constraints = [
            models.CheckConstraint(
                condition=Q(plot_ratio_min__isnull=True)
                | Q(plot_ratio_max__isnull=True)
                | Q(plot_ratio_min__lte=models.F("plot_ratio_max")),
                name="parcel_plot_ratio_order",
                violation_error_message=_("The lowest plot ratio is above the highest."),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("land:parcel_detail", args=[self.pk])

    def clean(self) -> None:
        """The boundary checked and measured (``geometry.check``): a polygon, not crossing
        itself, its drawn area within 1% of ``area_mu``, no overlap with a live parcel."""
        from django.core.exceptions import ValidationError

        from .geometry import check, parse

        super().clean()
        if not self.boundary:
            self.boundary = None
            self.drawn_area_m2 = self.min_x = self.min_y = self.max_x = self.max_y = None
            return
        try:
            geom = parse(self.boundary)
            if self.status == self.Status.RETIRED:
                self.boundary = parse_only(geom)
                return
            derived = check(geom, self.area_mu, exclude_pk=self.pk)
        except ValidationError as error:
            raise ValidationError({"boundary": error.messages}) from error
        for name, value in derived.items():
            setattr(self, name, value)

    @property
    def area_m2(self) -> Decimal:
        return (self.area_mu * MU_M2).quantize(Decimal("0.01"))

    @property
    def in_reserve(self) -> bool:
        return self.status in self.RESERVE_STATUSES


class FirmLandQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"


class FirmLand(ChangeLoggedModel):
    """The land a firm uses in a year (owned + leased in − let out) and the figures of the
    亩均 evaluation the annual facts do not hold (major-pollutant emissions)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="land_years",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    owned_mu = DecimalField(_("owned land (mu)"), default=Decimal(0), null=False, blank=False)
    leased_in_mu = DecimalField(_("land leased in (mu)"), default=Decimal(0), null=False, blank=False)
    let_out_mu = DecimalField(_("land let out (mu)"), default=Decimal(0), null=False, blank=False)
    emissions_t = DecimalField(_("major-pollutant emissions (t)"), 14, 4)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = FirmLandQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["enterprise__name", "-year"]
        verbose_name = _("land used by a firm")
        verbose_name_plural = _("land used by firms")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="firmland_unique_year",
                violation_error_message=_("This enterprise already has its land for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("land:firmland_list") + f"?enterprise={self.enterprise_id}"

    @property
    def net_mu(self) -> Decimal:
        return self.owned_mu + self.leased_in_mu - self.let_out_mu


class MuScheme(ChangeLoggedModel):
    """A year's 亩均 evaluation: who is in scope, how firms are graded, and (children) the
    indicators with their weights and benchmarks, the exemptions and each grade's measures."""

    class Method(models.TextChoices):
        PERCENTILE = "percentile", _("Rank percentiles")
        SCORE = "score", _("Score cut-offs")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("evaluated year"), validators=YEAR, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    below_scale_min_mu = DecimalField(
        _("below-scale firms from (mu)"),
        default=Decimal(3),
        null=False,
        blank=False,
        help_text=_("规下 firms with at least this much land are evaluated (规上 firms always)."),
    )
    exempt_new_years = models.PositiveSmallIntegerField(
        _("new firms exempt for (years)"),
        default=3,
        help_text=_(
            "Firms established within this many years of the evaluated year are scored but not graded."
        ),
    )
    method = models.CharField(_("grading"), max_length=12, choices=Method.choices, default=Method.PERCENTILE)
    a_cut = DecimalField(
        _("A: top per cent or score at least"), 8, 2, default=Decimal(25), null=False, blank=False
    )
    b_cut = DecimalField(
        _("B: up to per cent or score at least"), 8, 2, default=Decimal(70), null=False, blank=False
    )
    c_cut = DecimalField(
        _("C: up to per cent or score at least"), 8, 2, default=Decimal(95), null=False, blank=False
    )
    source = models.CharField(
        _("source of the method"),
        max_length=300,
        blank=True,
        help_text=_("The document the weights, benchmarks and cut-offs come from."),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("per-mu evaluation")
        verbose_name_plural = _("per-mu evaluations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("land:scheme_detail", args=[self.pk])


class Indicator(models.TextChoices):
    """The indicators a scheme may weigh (domain-rules §6.1), with their units."""

    TAX_PER_MU = "tax_per_mu", _("Tax per mu (万元/亩)")
    VALUE_ADDED_PER_MU = "value_added_per_mu", _("Value added per mu (万元/亩)")
    VALUE_ADDED_PER_ENERGY = "value_added_per_energy", _("Value added per tce of energy (万元/吨标煤)")
    VALUE_ADDED_PER_EMISSION = "value_added_per_emission", _("Value added per t of emissions (万元/吨)")
    LABOUR_PRODUCTIVITY = "labour_productivity", _("Value added per employee (万元/人)")
    RD_RATIO = "rd_ratio", _("R&D ÷ main business revenue")
    REVENUE_PER_MU = "revenue_per_mu", _("Revenue per mu (万元/亩)")
    TAX_PER_ELECTRICITY = "tax_per_electricity", _("Tax per 10k kWh (万元/万千瓦时)")


class MuIndicator(ChangeLoggedModel):
    class Group(models.TextChoices):
        ABOVE = "above", _("Above designated size (规上)")
        BELOW = "below", _("Below designated size (规下)")

    scheme = models.ForeignKey(MuScheme, on_delete=models.CASCADE, related_name="indicators")
    group = models.CharField(_("firm group"), max_length=6, choices=Group.choices, default=Group.ABOVE)
    code = models.CharField(_("indicator"), max_length=30, choices=Indicator.choices)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    benchmark = models.DecimalField(
        _("benchmark"), max_digits=16, decimal_places=6, validators=[MinValueValidator(Decimal("0.000001"))]
    )

    objects = ScopedQuerySet.as_manager()
    audit_parent = "scheme"

    class Meta:
        ordering = ["scheme", "group", "-weight", "code"]
        verbose_name = _("per-mu indicator")
        verbose_name_plural = _("per-mu indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "group", "code"],
                name="muindicator_unique",
                violation_error_message=_("The scheme already weighs this indicator for these firms."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} × {self.weight}"

    def get_absolute_url(self) -> str:
        return self.scheme.get_absolute_url()


class MuExemption(ChangeLoggedModel):
    """A firm scored but not graded (公用事业, 国防, a new project …), with the reason."""

    class Kind(models.TextChoices):
        NEW_PROJECT = "new_project", _("New project")
        UTILITY = "utility", _("Public utility")
        DEFENCE = "defence", _("National defence")
        OTHER = "other", _("Other")

    scheme = models.ForeignKey(MuScheme, on_delete=models.CASCADE, related_name="exemptions")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=200)

    objects = ScopedQuerySet.as_manager()
    audit_parent = "scheme"

    class Meta:
        ordering = ["scheme", "enterprise__name"]
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "enterprise"],
                name="muexemption_unique",
                violation_error_message=_("This enterprise is already exempt in this evaluation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return self.scheme.get_absolute_url()


class GradeMeasure(ChangeLoggedModel):
    """A differentiated measure for a grade (A 优先发展 … D 倒逼整治): which lever, what it does.
    The policy module's rules read a firm's grade; these rows say what the grade means."""

    class Grade(models.TextChoices):
        A = "A", _("A 优先发展")
        B = "B", _("B 提升发展")
        C = "C", _("C 调控帮扶")
        D = "D", _("D 倒逼整治")

    class Lever(models.TextChoices):
        ELECTRICITY = "electricity", _("Electricity")
        WATER = "water", _("Water")
        LAND = "land", _("Land")
        CREDIT = "credit", _("Credit")
        POLICY = "policy", _("Support policies")
        OTHER = "other", _("Other")

    scheme = models.ForeignKey(MuScheme, on_delete=models.CASCADE, related_name="measures")
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices)
    lever = models.CharField(_("lever"), max_length=12, choices=Lever.choices)
    measure = models.CharField(_("measure"), max_length=300)

    objects = ScopedQuerySet.as_manager()
    audit_parent = "scheme"

    class Meta:
        ordering = ["scheme", "grade", "lever"]
        verbose_name = _("grade measure")
        verbose_name_plural = _("grade measures")

    def __str__(self) -> str:
        return f"{self.grade} {self.get_lever_display()}"

    def get_absolute_url(self) -> str:
        return self.scheme.get_absolute_url()


# --- allocation (供地): land requests, reservations, 出让 / 划拨 ---------------------------------


class LandRequestQuerySet(ScopedQuerySet):
    """The committee's work: an enterprise user sees no land request (nor allocation)."""

    staff_only = True


class LandRequest(ChangeLoggedModel):
    """用地需求: a 招商 lead, a signing or a key project asks for land — how much, of which use,
    under which conditions, with the investment and tax the parcel's 标准地 terms are checked
    against."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting land")
        RESERVED = "reserved", _("Land reserved")
        ALLOCATED = "allocated", _("Land supplied")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    name = models.CharField(_("project"), max_length=100)
    lead = models.ForeignKey(
        "attraction.Lead",
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="land_requests",
    )
    signing = models.ForeignKey(
        "attraction.Signing",
        verbose_name=_("signing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="land_requests",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("key project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="land_requests",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="land_requests",
    )
    park = models.ForeignKey(
        "zone.Park", verbose_name=_("preferred park"), null=True, blank=True, on_delete=models.SET_NULL
    )
    land_use = models.ForeignKey(
        LandUseClass,
        verbose_name=_("land use"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Blank: any industrial class."),
    )
    area_min_mu = models.DecimalField(
        _("area from (mu)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    area_max_mu = models.DecimalField(
        _("area up to (mu)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Blank: exactly the area from."),
    )
    tolerance_pct = models.DecimalField(
        _("tolerance (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=PERCENT,
        help_text=_("Parcels this many per cent outside the range still match."),
    )
    plot_ratio_needed = DecimalField(_("needs a plot ratio of at least"), 6, 2)
    energy_need = DecimalField(_("energy per 10k yuan of output (tce)"), 10, 4)
    fixed_asset_investment = DecimalField(_("planned fixed-asset investment (万元)"), 18, 4)
    expected_tax = DecimalField(_("expected annual tax (万元)"), 18, 4)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    requested_on = models.DateField(_("requested on"))
    department = models.ForeignKey(
        "zone.Department", verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("note"), blank=True)

    objects = LandRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("land request")
        verbose_name_plural = _("land requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(area_max_mu__isnull=True) | Q(area_min_mu__lte=models.F("area_max_mu")),
                name="landrequest_area_order",
                violation_error_message=_("The smallest area asked for is above the largest."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("land:landrequest_detail", args=[self.pk])

    @property
    def area_range(self) -> tuple[Decimal, Decimal]:
        """The areas that match, the tolerance included: (low, high) in 亩."""
        low, high = self.area_min_mu, self.area_max_mu or self.area_min_mu
        share = (self.tolerance_pct or Decimal(0)) / Decimal(100)
        return (low * (1 - share)).quantize(Decimal("0.01")), (high * (1 + share)).quantize(Decimal("0.01"))

    @property
    def area_target(self) -> Decimal:
        """The middle of the asked range: candidates are ranked by their distance to it."""
        return (self.area_min_mu + (self.area_max_mu or self.area_min_mu)) / 2


class AllocationQuerySet(ScopedQuerySet):
    staff_only = True

    def active(self):
        return self.filter(status__in=Allocation.ACTIVE)


class Allocation(ChangeLoggedModel):
    """A parcel reserved for a land request, then supplied by 出让 or 划拨 (or released).

    One active allocation per parcel (a conditional unique constraint); the contract's terms
    are copied from the parcel's 标准地 conditions when the land is supplied, so a later edit
    of the parcel does not change what the firm signed."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Reserved")
        SOLD = "sold", _("Transferred (出让)")
        ALLOTTED = "allotted", _("Allocated (划拨)")
        RELEASED = "released", _("Released")

    ACTIVE = (Status.RESERVED, Status.SOLD, Status.ALLOTTED)
    SUPPLIED = (Status.SOLD, Status.ALLOTTED)

    request = models.ForeignKey(
        LandRequest, verbose_name=_("land request"), on_delete=models.PROTECT, related_name="allocations"
    )
    parcel = models.ForeignKey(
        Parcel, verbose_name=_("parcel"), on_delete=models.PROTECT, related_name="allocations"
    )
    area_mu = models.DecimalField(
        _("area (mu)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RESERVED)
    reserved_on = models.DateField(_("reserved on"))
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("key project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    contract_no = models.CharField(_("contract number"), max_length=60, blank=True)
    price = DecimalField(_("price (万元)"), 18, 4)
    # the parcel's 标准地 terms on the contract date (copied, never read back from the parcel)
    term_plot_ratio_min = DecimalField(_("contract: plot ratio at least"), 6, 2)
    term_plot_ratio_max = DecimalField(_("contract: plot ratio at most"), 6, 2)
    term_coverage_min = DecimalField(_("contract: building coverage at least (%)"), 5, 2)
    term_green_max = DecimalField(_("contract: green ratio at most (%)"), 5, 2)
    term_investment_min = DecimalField(_("contract: investment intensity at least (10k yuan/mu)"), 12, 2)
    term_tax_min = DecimalField(_("contract: tax per mu at least (10k yuan/mu)"), 12, 2)
    term_energy_max = DecimalField(_("contract: energy per 10k yuan of output at most (tce)"), 10, 4)
    released_on = models.DateField(_("released on"), null=True, blank=True)
    release_reason = models.CharField(_("reason for the release"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = AllocationQuerySet.as_manager()
    audit_parent = "parcel"

    TERMS = (
        "plot_ratio_min",
        "plot_ratio_max",
        "coverage_min",
        "green_max",
        "investment_min",
        "tax_min",
        "energy_max",
    )

    class Meta:
        ordering = ["-reserved_on", "-pk"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["parcel"],
                condition=Q(status__in=["reserved", "sold", "allotted"]),
                name="allocation_one_active_per_parcel",
                violation_error_message=_(
                    "This parcel is already reserved or supplied; release that reservation first."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parcel} → {self.request}"

    def get_absolute_url(self) -> str:
        return reverse("land:allocation_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def terms(self) -> list[tuple[str, Decimal | None]]:
        """The copied terms with their labels, in the parcel form's order."""
        return [
            (self._meta.get_field(f"term_{t}").verbose_name, getattr(self, f"term_{t}")) for t in self.TERMS
        ]


class AllocationMove(StageChangeBase):
    """One move of an allocation (reserved, 出让, 划拨, released): dated, with who and why."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="moves")
    from_status = models.CharField(_("from"), max_length=10, choices=Allocation.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=Allocation.Status.choices)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("allocation move")
        verbose_name_plural = _("allocation moves")

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
