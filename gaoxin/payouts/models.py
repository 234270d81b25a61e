"""The payout ledger (资金拨付台账): programmes, their budget lines per year, and every payment
made to a firm against them.

Written for 科技奖励资金 and 创新积分奖励 (issue 13) and meant to be reused by the policy
module's 兑现 (issue 14): a payout names what it pays for through an optional generic
relation ``subject`` (a points sheet, a policy application …) so this app knows no domain above
it. Money is Decimal in 万元. A budget line's payouts never exceed its amount
(``budget_line_remaining``; ``Payout.clean``)."""

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet
from gaoxin.core.permissions import change_rule
from gaoxin.enterprises.models import MoneyField
from gaoxin.zone.services import department_ids, in_department

NOTHING = Q(pk__in=[])
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class Programme(ChangeLoggedModel):
    """A fund that pays firms (科技奖励资金, 创新积分奖励, a policy's 兑现), kept by one department."""

    class Kind(models.TextChoices):
        AWARD = "award", _("Award")
        POINTS_REWARD = "points_reward", _("Innovation points reward")
        SUBSIDY = "subsidy", _("Subsidy")
        POLICY = "policy", _("Policy fulfilment")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AWARD)
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    description = models.TextField(_("description"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("payouts:programme_detail", args=[self.pk])


class BudgetLine(ChangeLoggedModel):
    """The amount a programme may pay in one year (预算科目), under a budget code."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    code = models.CharField(_("budget code"), max_length=40)
    amount = MoneyField(_("budget (10k yuan)"), null=False, blank=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    audit_parent = "programme"

    class Meta:
        ordering = ["programme__name", "-year", "code"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "code"],
                name="budgetline_unique_code",
                violation_error_message=_("This programme already has this budget code in this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name} {self.year} {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("payouts:programme_detail", args=[self.programme_id])


class PayoutQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"  # a firm sees the payouts it received, no other


class Payout(ChangeLoggedModel):
    """One payment to a firm (拨付): from a programme's budget line, under a document number
    (文号), optionally naming what it pays for (``subject``)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="payouts",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="payouts"
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payouts",
    )
    amount = MoneyField(_("amount (10k yuan)"), null=False, blank=False)
    paid_on = models.DateField(_("paid on"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    subject_type = models.ForeignKey(
        ContentType,
        verbose_name=_("pays for (type)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_id = models.PositiveBigIntegerField(_("pays for (id)"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    objects = PayoutQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-paid_on", "-pk"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payout_amount_positive",
                violation_error_message=_("The amount must be greater than zero."),
            ),
        ]
        indexes = [models.Index(fields=["programme", "paid_on"], name="payout_programme_day")]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.programme.name} · {self.paid_on}"

    def get_absolute_url(self) -> str:
        return reverse("payouts:payout_detail", args=[self.pk])

    def clean(self) -> None:
        for field, message in payout_errors(self):
            raise ValidationError({field: message})


def budget_line_paid(line_id: int, exclude_pk: int | None = None) -> Decimal:
    """What has been paid from a budget line (without the payout being edited)."""
    paid = Payout.objects.filter(budget_line_id=line_id)
    if exclude_pk:
        paid = paid.exclude(pk=exclude_pk)
    return paid.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def payout_errors(payout, paid_before: Decimal | None = None) -> list[tuple[str, str]]:
    """The payout's rules, shared by the form, the API and the import: a positive amount; the
    budget line of the same programme and year; no more than the line's remaining amount.
    ``paid_before`` is what the line has paid besides this payout (the import passes its
    running total); ``None`` reads it from the database."""
    errors = []
    if payout.amount is not None and payout.amount <= 0:
        errors.append(("amount", gettext("The amount must be greater than zero.")))
    line = payout.budget_line if payout.budget_line_id else None
    if line is None or payout.amount is None:
        return errors
    if payout.programme_id and line.programme_id != payout.programme_id:
        errors.append(("budget_line", gettext("The budget line belongs to another programme.")))
    if payout.paid_on and payout.paid_on.year != line.year:
        message = gettext("The budget line is for %(line)s; the payout is dated %(day)s.")
        errors.append(("budget_line", message % {"line": line.year, "day": payout.paid_on}))
    paid = budget_line_paid(line.pk, payout.pk) if paid_before is None else paid_before
    remaining = line.amount - paid
    if payout.amount > remaining:
        message = gettext(
            "The budget line %(line)s has %(remaining)s (10k yuan) left (budget %(budget)s, paid "
            "%(paid)s); this payout of %(amount)s exceeds it."
        )
        errors.append(
            (
                "amount",
                message
                % {
                    "line": line,
                    "remaining": plain(remaining),
                    "budget": plain(line.amount),
                    "paid": plain(paid),
                    "amount": plain(payout.amount),
                },
            )
        )
    return errors


def plain(value: Decimal) -> str:
    """5000, 12.5 — a 万元 amount as a person writes it."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def of_my_departments(user) -> Q:
    ids = department_ids(user)
    return Q(programme__department_id__in=ids) if ids else NOTHING


def payout_is_departments(user, payout) -> bool:
    """A payout is its programme's department's: only its clerks record or change it."""
    if user.is_superuser:
        return True
    return payout.programme_id is not None and in_department(user, payout.programme.department_id)


def may_pay_from(user, programme) -> bool:
    return user.is_superuser or (programme is not None and in_department(user, programme.department_id))


change_rule(
    Payout,
    condition=lambda user: Q() if user.is_superuser else of_my_departments(user),
    refusal=lambda payout: (
        gettext("Only the programme's department (%(department)s) may change its payouts.")
        % {"department": payout.programme.department or gettext("none set")}
    ),
)(payout_is_departments)
