"""招商引资: the lead pipeline (线索 → … → 投产), promotion activities, signings verified by a
second person, their funds in place by month (到位资金), the "345" screening standard, and
the promise-vs-facts check.

Configuration is data: regions (京津冀, 长三角 …), the response deadline of each stage, the
screening standards per industry and year. Money is Decimal in 万元.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet, StageChangeBase
from gaoxin.core.permissions import change_rule
from gaoxin.enterprises.models import NON_NEGATIVE, MoneyField
from gaoxin.projects.models import MONTHS, YEARS
from gaoxin.zone.services import department_ids, in_department

NOTHING = Q(pk__in=[])


def of_my_departments(user) -> Q:
    """Records of ``user``'s departments, as a condition (none: matches nothing)."""
    ids = department_ids(user)
    return Q(department_id__in=ids) if ids else NOTHING


class Region(ChangeLoggedModel):
    """A target region of promotion (京津冀, 长三角, 大湾区/粤港澳, 成渝 …)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=30, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("promotion region")
        verbose_name_plural = _("promotion regions")

    def __str__(self) -> str:
        return self.name


class LeadStage(models.TextChoices):
    CLUE = "clue", _("Clue (线索)")
    CONTACT = "contact", _("Contact (接洽)")
    INSPECTION = "inspection", _("Site visit (考察)")
    NEGOTIATION = "negotiation", _("Negotiation (洽谈)")
    SIGNED = "signed", _("Signed (签约)")
    REGISTERED = "registered", _("Registered (注册)")
    STARTED = "started", _("Construction started (开工)")
    PRODUCTION = "production", _("In production (投产)")
    SHELVED = "shelved", _("Shelved (搁置)")
    TERMINATED = "terminated", _("Terminated (终止)")


LEAD_ORDER = [
    LeadStage.CLUE,
    LeadStage.CONTACT,
    LeadStage.INSPECTION,
    LeadStage.NEGOTIATION,
    LeadStage.SIGNED,
    LeadStage.REGISTERED,
    LeadStage.STARTED,
    LeadStage.PRODUCTION,
]


class StageDeadline(ChangeLoggedModel):
    """How many days a lead may stay without action in a stage (respond within 1 day,
    assess within 3, feed back within 7, report progress every 14 …), in calendar days or,
    where the zone's rule says so, in working days (``zone/workdays.py``: the official
    holidays and 调休 days, and the zone's exceptions)."""

    class Unit(models.TextChoices):
        CALENDAR = "calendar", _("calendar days")
        WORKING = "working", _("working days")

    stage = models.CharField(_("stage"), max_length=12, choices=LeadStage.choices, unique=True)
    days = models.PositiveSmallIntegerField(_("days allowed"))
    unit = models.CharField(_("counted in"), max_length=8, choices=Unit.choices, default=Unit.CALENDAR)
    meaning = models.CharField(_("what must happen"), max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["stage"]
        verbose_name = _("stage deadline")
        verbose_name_plural = _("stage deadlines")

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.days} {self.get_unit_display()}"


def lead_is_mine(user, lead) -> bool:
    """Its owner, a member of its department or an administrator: who sees a confidential
    lead's company and who (with ``change_lead``) changes the lead."""
    if user.is_superuser or (lead.owner_id is not None and lead.owner_id == user.pk):
        return True
    return in_department(user, lead.department_id)


def mine_condition(user) -> Q:
    """``lead_is_mine`` as a database condition."""
    return Q() if user.is_superuser else Q(owner_id=user.pk) | of_my_departments(user)


def company_hidden(user):
    """True on the leads whose company ``user`` may not see (confidential, not theirs)."""
    if not getattr(user, "is_authenticated", False):
        return Value(True)
    if user.is_superuser:
        return Value(False)
    return ExpressionWrapper(Q(confidential=True) & ~mine_condition(user), output_field=BooleanField())


class LeadQuerySet(ScopedQuerySet):
    """Leads are the committee's work: an enterprise user sees none. A confidential lead is
    listed to every staff reader but keeps its company to its own (``lead_is_mine``): each
    lead read through ``visible_to`` carries ``company_hidden``, which its name, the search,
    the API, the map and the timeline follow."""

    staff_only = True

    def visible_to(self, user):
        return super().visible_to(user).annotate(company_hidden=company_hidden(user))


class Lead(ChangeLoggedModel):
    """A lead (招商线索): a company that may invest, followed by an owner through the stages."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    company = models.ForeignKey(
        "chains.RegistryCompany",
        verbose_name=_("company (registry)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise (local registry)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    company_name = models.CharField(_("company"), max_length=150)
    code_name = models.CharField(
        _("code name"),
        max_length=60,
        blank=True,
        help_text=_("Shown instead of the company when confidential."),
    )
    confidential = models.BooleanField(_("confidential"), default=False)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    source = models.CharField(_("source (who brought it)"), max_length=100, blank=True)
    lead_industry = models.ForeignKey(
        "zone.LeadIndustry", verbose_name=_("lead industry"), null=True, blank=True, on_delete=models.SET_NULL
    )
    node = models.ForeignKey(
        "chains.ChainNode",
        verbose_name=_("chain node"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    intended_investment = MoneyField(_("intended investment (万元)"))
    intended_land_mu = models.DecimalField(
        _("intended land (mu)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    stage = models.CharField(_("stage"), max_length=12, choices=LeadStage.choices, default=LeadStage.CLUE)
    stage_since = models.DateField(_("in this stage since"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_date = models.DateField(_("next action on"), null=True, blank=True)
    last_action_date = models.DateField(_("last action on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        indexes = [models.Index(fields=["stage", "department"], name="lead_stage_department")]

    def __str__(self) -> str:
        # No reader known here (admin, audit, a related object): a confidential lead hides.
        return self.code_name if self.confidential and self.code_name else self.company_name

    def get_absolute_url(self) -> str:
        return reverse("attraction:lead_detail", args=[self.pk])

    @property
    def hides_company(self) -> bool:
        """Whether the reader of this lead must not see its company: the ``company_hidden``
        of ``visible_to``; a lead read without a reader hides when confidential."""
        return getattr(self, "company_hidden", self.confidential)

    @property
    def shown_name(self) -> str:
        return self.code_name if self.hides_company else self.company_name


change_rule(
    Lead,
    condition=mine_condition,
    refusal=lambda lead: (
        gettext("Only the owner or the lead's department (%(department)s) may change this lead.")
        % {"department": lead.department or gettext("none set")}
    ),
)(lead_is_mine)


class LeadStageChange(StageChangeBase):
    """A move of a lead between stages, with its date and reason."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=12, choices=LeadStage.choices)
    to_stage = models.CharField(_("to"), max_length=12, choices=LeadStage.choices)

    class Meta:
        ordering = ["lead_id", "-date", "-id"]
        verbose_name = _("lead stage change")
        verbose_name_plural = _("lead stage changes")

    def __str__(self) -> str:
        return f"{self.lead_id}: {self.from_stage} → {self.to_stage}"


class ActivityQuerySet(ScopedQuerySet):
    """Promotion activities are the committee's work: an enterprise user sees none."""

    staff_only = True


class Activity(ChangeLoggedModel):
    """A promotion activity: 走出去 / 请进来 / 推介会 / 展会 / 来访 / 电话. A future date is a plan."""

    class Kind(models.TextChoices):
        OUTBOUND = "outbound", _("Going out (走出去)")
        INBOUND = "inbound", _("Inviting in (请进来)")
        PROMOTION = "promotion", _("Promotion event (推介会)")
        FAIR = "fair", _("Trade fair (展会)")
        VISIT = "visit", _("Visit received (来访)")
        CALL = "call", _("Phone call (电话)")

    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    city = models.CharField(_("city"), max_length=30, blank=True)
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participants"),
        blank=True,
        related_name="attraction_activities",
    )
    participants_note = models.CharField(_("other participants"), max_length=200, blank=True)
    companies = models.ManyToManyField(
        "chains.RegistryCompany", verbose_name=_("companies met"), blank=True, related_name="activities"
    )
    company_names = models.CharField(_("companies met (not in the registry)"), max_length=300, blank=True)
    leads = models.ManyToManyField(
        Lead, verbose_name=_("leads touched"), blank=True, related_name="activities"
    )
    notes = models.TextField(_("notes"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="attraction/activities/%Y/", blank=True)

    objects = ActivityQuerySet.as_manager()
    audit_m2m = ("participants", "companies", "leads")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("promotion activity")
        verbose_name_plural = _("promotion activities")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("attraction:activity_detail", args=[self.pk])


def activity_is_departments(user, activity) -> bool:
    """An activity is its department's; one without a department only while being recorded."""
    if user.is_superuser:
        return True
    if activity.department_id is None:
        return activity.pk is None
    return in_department(user, activity.department_id)


change_rule(
    Activity,
    condition=lambda user: Q() if user.is_superuser else of_my_departments(user),
    refusal=lambda activity: gettext("Only the activity's department may change it."),
)(activity_is_departments)


class ScreeningStandard(ChangeLoggedModel):
    """A "345" bottom-line standard (底线标准) for an industry (blank: all) and years. The
    article gives no figures: the demo's are labelled examples (``is_example``)."""

    name = models.CharField(_("name"), max_length=60)
    lead_industry = models.ForeignKey(
        "zone.LeadIndustry", verbose_name=_("lead industry"), null=True, blank=True, on_delete=models.CASCADE
    )
    valid_from = models.PositiveSmallIntegerField(_("valid from (year)"))
    valid_to = models.PositiveSmallIntegerField(_("valid to (year)"), null=True, blank=True)
    min_intensity = MoneyField(_("minimum investment intensity (万元/亩)"))
    min_tax_per_mu = MoneyField(_("minimum annual tax per mu (万元/亩)"))
    tech_high_tech = models.BooleanField(_("technology: investor is a high-tech enterprise"), default=False)
    tech_min_rd_ratio = models.DecimalField(
        _("technology: or R&D spending ≥ (percent of revenue)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    relevance_required = models.BooleanField(_("must fit a node of a lead-industry chain"), default=True)
    is_example = models.BooleanField(_("example figures (not an official standard)"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "lead_industry_id"]
        verbose_name = _("screening standard")
        verbose_name_plural = _("screening standards")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="screening_valid_years",
                violation_error_message=_("The last year cannot be before the first."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """Standards have no page of their own: the list shows them with their criteria."""
        return reverse("attraction:standard_list")


class SigningQuerySet(ScopedQuerySet):
    """Signings are the committee's work: an enterprise user sees none."""

    staff_only = True

    def investments(self):
        """Investment signings only: what the signing goals, tiers and totals count."""
        return self.filter(kind=Signing.Kind.INVESTMENT)


class Signing(ChangeLoggedModel):
    """A signed project (签约项目). It counts toward goals only once verified (核实) by someone
    other than the person who reported it; it can then become a key project.

    A firm's export order (外贸订单, e.g. 晶源现代农业's 1.4 亿美元 order) is recorded here too,
    as kind ``trade_order`` in its own currency (the amount in 万 of that currency, never
    converted): it is no investment in the zone, counts toward no signing goal or total and
    never becomes a key project. An investment signing is always in 万元."""

    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("Investment project (招商签约)")
        TRADE_ORDER = "trade_order", _("Export order (外贸订单)")

    class Currency(models.TextChoices):
        CNY = "CNY", _("RMB (万元)")
        USD = "USD", _("US dollars (万美元)")
        EUR = "EUR", _("Euro (万欧元)")

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    lead = models.ForeignKey(
        Lead,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signings",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INVESTMENT)
    contract_date = models.DateField(_("contract date"))
    project_name = models.CharField(_("project"), max_length=100)
    investor = models.CharField(_("investor"), max_length=150)
    investor_uscc = models.CharField(_("investor credit code"), max_length=18, blank=True)
    amount = MoneyField(_("contract amount (万元)"), null=False, blank=False)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency.choices,
        default=Currency.CNY,
        help_text=_(
            "An export order keeps its contract currency (the amount in 万 of it); investments are in 万元."
        ),
    )
    fortune_global_500 = models.BooleanField(_("Fortune Global 500 (世界500强)"), default=False)
    fortune_china_500 = models.BooleanField(_("China top 500 (中国500强)"), default=False)
    listed = models.BooleanField(_("listed company"), default=False)
    foreign = models.BooleanField(_("foreign investment"), default=False)
    lead_industry = models.ForeignKey(
        "zone.LeadIndustry", verbose_name=_("lead industry"), null=True, blank=True, on_delete=models.SET_NULL
    )
    node = models.ForeignKey(
        "chains.ChainNode",
        verbose_name=_("chain node"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signings",
    )
    promised_intensity = MoneyField(_("promised investment intensity (万元/亩)"))
    fixed_asset_investment = MoneyField(
        _("fixed-asset investment (万元)"),
        help_text=_(
            "Buildings, equipment and land price: the 345 investment intensity is this ÷ the land. "
            "Blank: the intensity is not judged."
        ),
    )
    promised_tax_per_mu = MoneyField(_("promised annual tax per mu (万元/亩)"))
    land_mu = models.DecimalField(
        _("land (mu)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)
    expected_start = models.DateField(_("expected start"), null=True, blank=True)
    expected_production = models.DateField(_("expected production"), null=True, blank=True)
    contract_file = models.FileField(_("contract"), upload_to="attraction/contracts/%Y/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REPORTED)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signings",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise (once registered)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signings",
    )
    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("key project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signing",
    )
    note = models.TextField(_("note"), blank=True)

    objects = SigningQuerySet.as_manager()

    class Meta:
        ordering = ["-contract_date", "-id"]
        verbose_name = _("signing")
        verbose_name_plural = _("signings")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="signing_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(kind="trade_order") | Q(currency="CNY"),
                name="signing_investment_in_yuan",
                violation_error_message=_("An investment signing is in 万元 (the goals add them up)."),
            ),
            models.CheckConstraint(
                condition=Q(expected_production__isnull=True)
                | Q(expected_start__isnull=True)
                | Q(expected_production__gte=F("expected_start")),
                name="signing_production_after_start",
                violation_error_message=_("Production cannot be expected before the start."),
            ),
        ]
        indexes = [models.Index(fields=["status", "contract_date"], name="signing_status_date")]
        permissions = [("verify_signing", "Can verify a signing reported by someone else")]

    # What a verification vouches for is every figure and name of the signing: a change to any
    # of them sends a verified signing back to 待核实, on every path (the service, the API, the
    # admin, a script) — Signing.save. Only the bookkeeping below may change without it.
    NOT_VERIFIED = frozenset(
        {
            "id",
            "status",
            "reported_by",
            "verified_by",
            "verified_at",
            "note",
            "project",
            "lead",
            "contract_file",
        }
        | {"created_at", "updated_at", "created_by", "updated_by"}
    )

    @classmethod
    def verified_fields(cls) -> list[str]:
        return [f.attname for f in cls._meta.concrete_fields if f.name not in cls.NOT_VERIFIED]

    def save(self, *args, **kwargs):
        if self.pk and self.status == self.Status.VERIFIED:
            names = self.verified_fields()
            stored = type(self).objects.filter(pk=self.pk).values(*names, "status").first()
            changed = (
                stored is not None
                and stored["status"] == self.Status.VERIFIED
                and any(stored[name] != getattr(self, name) for name in names)
            )
            if changed:
                self.status = self.Status.REPORTED
                self.verified_by, self.verified_at = None, None
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {
                        *kwargs["update_fields"],
                        "status",
                        "verified_by",
                        "verified_at",
                    }
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.project_name

    def get_absolute_url(self) -> str:
        return reverse("attraction:signing_detail", args=[self.pk])

    @property
    def unit(self) -> str:
        """万元, 万美元 …: the unit of ``amount``."""
        return {"CNY": "万元", "USD": "万美元", "EUR": "万欧元"}[self.currency]


def signing_is_departments(user, signing) -> bool:
    """Staff change the signings of their own department (a signing without a department:
    its reporter); administrators every signing."""
    if user.is_superuser:
        return True
    if signing.department_id is not None:
        return in_department(user, signing.department_id)
    return signing.reported_by_id == user.pk


def signing_condition(user) -> Q:
    if user.is_superuser:
        return Q()
    return of_my_departments(user) | Q(department__isnull=True, reported_by_id=user.pk)


change_rule(
    Signing,
    condition=signing_condition,
    refusal=lambda signing: gettext("Only the signing's department may change it."),
)(signing_is_departments)


class SigningOpinion(models.Model):
    """The verification trail of a signing: each opinion, by whom, when, with its verdict."""

    class Verdict(models.TextChoices):
        COMMENT = "comment", _("Comment")
        VERIFY = "verify", _("Verified")
        REJECT = "reject", _("Rejected")

    signing = models.ForeignKey(Signing, on_delete=models.CASCADE, related_name="opinions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL
    )
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    opinion = models.TextField(_("opinion"))
    # when the opinion was given: now for one written on the page; a record carried over
    # from before (the demo, a migration) keeps its own time, so the signing's 核实时间 and its
    # opinion never show two clocks
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["signing_id", "at", "id"]
        verbose_name = _("verification opinion")
        verbose_name_plural = _("verification opinions")

    def __str__(self) -> str:
        return f"{self.signing_id}: {self.verdict}"


# --- funds in place (到位资金) --------------------------------------------------------------

WAN_PLACES = Decimal("0.0001")


def foreign_in_cny(foreign_usd: Decimal | None, usd_rate: Decimal | None) -> Decimal | None:
    """万美元 × 元/美元 = 万元, to four places (half up); None without a rate."""
    if not foreign_usd:
        return Decimal(0)
    if usd_rate is None:
        return None
    return (Decimal(foreign_usd) * Decimal(usd_rate)).quantize(WAN_PLACES, ROUND_HALF_UP)


def funding_rate_error(foreign_usd: Decimal | None, usd_rate: Decimal | None) -> str | None:
    """外资 in 万美元 needs the rate it is converted at (the page, the API and the import)."""
    if foreign_usd and usd_rate is None:
        return gettext(
            "外资 of %(usd)s 万美元 needs the exchange rate used (元 per US dollar, e.g. 7.1884) to be "
            "converted to 万元."
        ) % {"usd": f"{Decimal(foreign_usd).normalize():f}"}
    return None


class SigningFundingQuerySet(ScopedQuerySet):
    """Funds in place are the committee's figures, like the signings: staff only."""

    staff_only = True


class SigningFunding(ChangeLoggedModel):
    """The funds of a signing actually in place (到位资金) in one month, as the commerce bureau
    counts them: 省外资金 in 万元 and 外资 in 万美元 with the rate it was converted at; the
    万元 of 外资 and the month's total are computed on save. Separate from the signing: a
    verified signing stays verified when its funding rows change."""

    signing = models.ForeignKey(
        Signing, verbose_name=_("signing"), on_delete=models.CASCADE, related_name="fundings"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    month = models.PositiveSmallIntegerField(_("month"), validators=MONTHS)
    domestic_outside_province = MoneyField(
        _("funds from outside the province (省外资金, 万元)"), null=False, blank=True, default=Decimal(0)
    )
    foreign_usd = models.DecimalField(
        _("foreign funds (外资, 万美元)"),
        max_digits=18,
        decimal_places=4,
        blank=True,
        default=Decimal(0),
        validators=NON_NEGATIVE,
    )
    usd_rate = models.DecimalField(
        _("exchange rate used (元/美元)"),
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.0001"))],
    )
    foreign_cny = MoneyField(_("foreign funds (外资, 万元)"), null=False, default=Decimal(0), editable=False)
    total = MoneyField(_("funds in place (万元)"), null=False, default=Decimal(0), editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = SigningFundingQuerySet.as_manager()
    audit_parent = "signing"

    class Meta:
        ordering = ["signing_id", "year", "month"]
        verbose_name = _("funds in place")
        verbose_name_plural = _("funds in place")
        constraints = [
            models.UniqueConstraint(
                fields=["signing", "year", "month"],
                name="signing_funding_unique_month",
                violation_error_message=_("This signing already has funds in place for this month."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.signing} · {self.year}-{self.month:02d}"

    def get_absolute_url(self) -> str:
        return reverse("attraction:signing_funds", args=[self.signing_id])

    def compute(self) -> None:
        """foreign_cny = 外资 × rate; total = 省外资金 + foreign_cny (万元)."""
        self.foreign_cny = foreign_in_cny(self.foreign_usd, self.usd_rate) or Decimal(0)
        self.total = (self.domestic_outside_province or Decimal(0)) + self.foreign_cny

    def refusal(self) -> dict | None:
        """Why the row cannot be stored: funds in place belong to an investment signing (an
        export order brings no investment), and 外资 needs the rate used."""
        if self.signing_id and self.signing.kind != Signing.Kind.INVESTMENT:
            return {"signing": gettext("Funds in place are recorded for investment signings only.")}
        error = funding_rate_error(self.foreign_usd, self.usd_rate)
        return {"usd_rate": error} if error else None

    def clean(self) -> None:
        super().clean()
        if self.refusal():
            raise ValidationError(self.refusal())
        self.compute()

    def save(self, *args, **kwargs):
        if self.refusal():
            raise ValidationError(self.refusal())
        self.compute()
        super().save(*args, **kwargs)


def funding_condition(user) -> Q:
    """``signing_condition`` through the funding row's signing."""
    if user.is_superuser:
        return Q()
    return Q(signing__in=Signing.objects.filter(signing_condition(user)).values("pk"))


change_rule(
    SigningFunding,
    condition=funding_condition,
    refusal=lambda funding: gettext("Only the signing's department may record its funds in place."),
)(lambda user, funding: signing_is_departments(user, funding.signing))
