"""Support policies (惠企政策): the policy library, its machine-readable clauses, and the 兑现
(disbursement) of a clause's award to a firm with its 公示 and objections."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet, StageChangeBase
from gaoxin.enterprises.models import MoneyField


class PolicyQuerySet(ScopedQuerySet):
    scope_field = None  # published policies are public information for every signed-in user


class Policy(ChangeLoggedModel):
    """A support policy document (惠企政策): who issued it, its 文号, dates, the firms it is
    for (the zone, a park, a chain, a cultivation tier) and its full text; its clauses carry
    the rules. Only a published (发布) policy's clauses are matched."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        REPEALED = "repealed", _("Repealed")

    class Scope(models.TextChoices):
        ZONE = "zone", _("Whole zone")
        PARK = "park", _("Park")
        CHAIN = "chain", _("Industry chain")
        TIER = "tier", _("Cultivation tier")

    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(_("issuer"), max_length=100)
    number = models.CharField(_("document number"), max_length=60, blank=True, help_text=_("文号"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.ZONE)
    park = models.ForeignKey(
        "zone.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.PROTECT
    )
    chain = models.ForeignKey(
        "chains.Chain", verbose_name=_("industry chain"), null=True, blank=True, on_delete=models.PROTECT
    )
    tier = models.CharField(_("tier"), max_length=40, blank=True, help_text=_("e.g. 高企, 专精特新"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    full_text = models.FileField(_("full text"), upload_to="policies/texts/%Y/", blank=True)
    summary = models.TextField(_("summary"), blank=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "title", "pk"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(expires_on__gte=models.F("effective_on")),
                name="policy_expiry_after_effective",
                violation_error_message=_("A policy cannot expire before it takes effect."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:policy_detail", args=[self.pk])

    def clean(self) -> None:
        if self.scope == self.Scope.PARK and not self.park_id:
            raise ValidationError({"park": _("Choose the park the policy is for.")})
        if self.scope == self.Scope.CHAIN and not self.chain_id:
            raise ValidationError({"chain": _("Choose the industry chain the policy is for.")})
        if self.scope == self.Scope.TIER and not self.tier:
            raise ValidationError({"tier": _("Name the cultivation tier the policy is for.")})


class ClauseQuerySet(ScopedQuerySet):
    scope_field = None

    def published(self):
        return self.filter(policy__status=Policy.Status.PUBLISHED)


class Clause(ChangeLoggedModel):
    """One article of a policy (条款) as a rule: who qualifies (``rule``) and how much
    (``formula``, 万元), both expressions over the field catalogue, checked on save
    (``rules.py``); the year's budget and its budget line; whether a firm may be paid again
    in a later year; the minimum 公示 in working days."""

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="clauses"
    )
    code = models.CharField(_("code"), max_length=30, help_text=_("e.g. 第三条(一)"))
    title = models.CharField(_("title"), max_length=200)
    rule = models.TextField(_("eligibility rule"), max_length=2000)
    formula = models.TextField(_("award formula (10k yuan)"), max_length=2000)
    budget_amount = MoneyField(_("budget per year (10k yuan)"))
    budget_line = models.CharField(_("budget line code"), max_length=40)
    repeatable = models.BooleanField(_("repeatable every year"), default=False)
    min_notice_days = models.PositiveSmallIntegerField(
        _("minimum public notice (working days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ClauseQuerySet.as_manager()
    audit_parent = "policy"

    class Meta:
        ordering = ["policy_id", "code", "pk"]
        verbose_name = _("policy clause")
        verbose_name_plural = _("policy clauses")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "code"],
                name="clause_unique_code",
                violation_error_message=_("This policy already has a clause with this code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy.title} · {self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("policies:clause_detail", args=[self.pk])

    def clean(self) -> None:
        from .catalogue import catalogue
        from .rules import RuleError, check_formula, check_rule

        if not (self.budget_line or "").strip():
            raise ValidationError({"budget_line": _("A clause needs the budget line it is paid from.")})
        cat = catalogue()
        for name, check in (("rule", check_rule), ("formula", check_formula)):
            try:
                check(getattr(self, name), cat)
            except RuleError as error:
                raise ValidationError({name: error.messages}) from None


class DisbursementStage(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    NOTICE = "notice", _("Public notice")
    APPROVED = "approved", pgettext_lazy("disbursement stage", "Approved")
    PAID = "paid", _("Paid")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DisbursementQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"

    def counted(self):
        """Disbursements that hold budget: every stage but withdrawn."""
        return self.exclude(stage=DisbursementStage.WITHDRAWN)


class Disbursement(ChangeLoggedModel):
    """The award of one clause for one year to one firm on its way to payment (兑现):
    拟兑现 → 公示 → 审批 → 拨付, each move dated and audited (``core.stages``); the 公示 runs
    at least the clause's minimum working days; paid amounts go to the payout ledger
    (``ledger.record_payout``)."""

    clause = models.ForeignKey(
        Clause, verbose_name=_("clause"), on_delete=models.PROTECT, related_name="disbursements"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="disbursements",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = MoneyField(_("amount (10k yuan)"))
    stage = models.CharField(
        _("stage"), max_length=10, choices=DisbursementStage.choices, default=DisbursementStage.PROPOSED
    )
    stage_since = models.DateField(_("stage since"))
    eligible_since = models.DateField(_("eligible since"), null=True, blank=True)
    budget_line = models.CharField(_("budget line code"), max_length=40)
    notice_start = models.DateField(_("notice from"), null=True, blank=True)
    notice_end = models.DateField(_("notice until"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_no = models.CharField(_("document number"), max_length=60, blank=True)
    bank_ref = models.CharField(_("bank reference"), max_length=60, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = DisbursementQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-year", "clause_id", "enterprise_id", "pk"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.clause.code} · {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("policies:disbursement_detail", args=[self.pk])


class DisbursementStageChange(StageChangeBase):
    disbursement = models.ForeignKey(Disbursement, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=10, choices=DisbursementStage.choices)
    to_stage = models.CharField(_("to"), max_length=10, choices=DisbursementStage.choices)

    class Meta:
        ordering = ["disbursement_id", "date", "pk"]
        verbose_name = _("disbursement step")
        verbose_name_plural = _("disbursement steps")


class ObjectionQuerySet(ScopedQuerySet):
    scope_field = "disbursement__enterprise_id"


class Objection(ChangeLoggedModel):
    """An objection raised during a disbursement's 公示, and how it was resolved; approval
    waits until every objection is resolved."""

    disbursement = models.ForeignKey(
        Disbursement, verbose_name=_("disbursement"), on_delete=models.CASCADE, related_name="objections"
    )
    raised_on = models.DateField(_("raised on"))
    raised_by = models.CharField(_("raised by"), max_length=100)
    content = models.TextField(_("content"), max_length=2000)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), max_length=2000, blank=True)

    objects = ObjectionQuerySet.as_manager()
    audit_parent = "disbursement"

    class Meta:
        ordering = ["disbursement_id", "raised_on", "pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.disbursement} · {self.raised_on}"

    def get_absolute_url(self) -> str:
        return self.disbursement.get_absolute_url()
