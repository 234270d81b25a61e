"""大走访: the committee's visits to firms (issue 15 item 4; docs/visits.md).

- ``VisitQuestion``: the survey as data (code, text, kind, choices, which flag an answer
  raises); seeded by migration 0002, kept by the zone (page /visits/questions/).
- ``VisitPlan``: who (a leader and/or a department) visits which firms in which window
  (start and end day, usually a month). No firm is planned for two departments in
  overlapping windows (``services.plan_check``).
- ``Visit``: the record of one visit: the answers (a JSON object keyed by question code,
  validated by ``survey.answer_errors``) and the flags 扩产 / 风险 / 外迁 derived from them on
  save (stored, so lists filter them).
- ``VisitRequest``: a 诉求 (``portal.FirmRequest``) raised from one answer of a visit
  (``services.visit_raise_requests``): the link back from the request to the visit.

Everything here is the committee's internal record: no firm's user sees any of it
(``staff_only``), not even the visits of its own firm.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet


class StaffOnly(ScopedQuerySet):
    staff_only = True  # the committee's own work: a firm's user sees none of it


class Flag(models.TextChoices):
    NONE = "", _("No flag")
    EXPANSION = "expansion", _("Expansion (扩产)")
    RISK = "risk", _("Risk (风险)")
    RELOCATION = "relocation", _("Relocation (外迁)")


FLAG_FIELDS = {
    Flag.EXPANSION: "flag_expansion",
    Flag.RISK: "flag_risk",
    Flag.RELOCATION: "flag_relocation",
}


class VisitQuestion(ChangeLoggedModel):
    """One question of the visit survey. The zone adds, words, orders and retires questions
    here; a visit's answers are validated against them."""

    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Yes / no")
        CHOICE = "choice", _("One of the choices")
        TEXT = "text", _("Text")
        NUMBER = "number", _("Number")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    text = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind of answer"), max_length=8, choices=Kind.choices, default=Kind.YES_NO)
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For a choice question: the answers offered.")
    )
    unit = models.CharField(_("unit"), max_length=10, blank=True, help_text=_("For a number: 亩, 人, 万元 …"))
    flag = models.CharField(_("flag raised"), max_length=10, choices=Flag.choices, blank=True, default="")
    flag_answers = models.JSONField(
        _("choices that raise the flag"),
        default=list,
        blank=True,
        help_text=_(
            "A yes raises the flag, a number above zero too; for a choice question name the choices."
        ),
    )
    request_category = models.ForeignKey(
        "portal.RequestCategory",
        verbose_name=_("request category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The category a request raised from this answer goes to by default."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("asked"), default=True)

    objects = StaffOnly.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("visit question")
        verbose_name_plural = _("visit questions")

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("visits:visitquestion_detail", args=[self.pk])

    def clean(self):
        from .survey import question_errors

        errors = question_errors(self)
        if errors:
            from django.core.exceptions import ValidationError

            raise ValidationError(errors)


class VisitPlan(ChangeLoggedModel):
    """A plan of the visits: a leader and/or a department visits these firms in a window."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("window starts on"))
    ends_on = models.DateField(_("window ends on"))
    leader = models.ForeignKey(
        "zone.Leader",
        verbose_name=_("visiting leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visit_plans",
    )
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("visiting department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visit_plans",
    )
    firms = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("firms to visit"), blank=True, related_name="visit_plans"
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)

    objects = StaffOnly.as_manager()
    audit_m2m = ("firms",)

    class Meta:
        ordering = ["-starts_on", "name", "pk"]
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="visitplan_window_in_order",
                violation_error_message=_("A plan's window cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(leader__isnull=False) | Q(department__isnull=False),
                name="visitplan_who_visits",
                violation_error_message=_("Name the visiting leader or department."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("visits:visitplan_detail", args=[self.pk])

    @property
    def visitor(self) -> str:
        """“投资促进局 · 王强”: who visits, as the lists show it."""
        return " · ".join(str(p) for p in (self.department, self.leader) if p is not None)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.year and self.starts_on and self.starts_on.year != self.year:
            raise ValidationError({"starts_on": _("The window starts in another year than the plan's.")})


class VisitQuerySet(StaffOnly):
    def flagged(self):
        return self.filter(Q(flag_expansion=True) | Q(flag_risk=True) | Q(flag_relocation=True))

    def latest_per_firm(self):
        """Each firm's latest visit (by day, then id)."""
        latest = (
            Visit.objects.filter(enterprise=models.OuterRef("enterprise"))
            .order_by("-visited_on", "-pk")
            .values("pk")[:1]
        )
        return self.annotate(latest_pk=models.Subquery(latest)).filter(pk=models.F("latest_pk"))


class Visit(ChangeLoggedModel):
    """The record of one visit to a firm: who went, whom they met, the survey's answers and
    the flags the answers raise."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    plan = models.ForeignKey(
        VisitPlan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
    )
    visited_on = models.DateField(_("visited on"))
    leader = models.ForeignKey(
        "zone.Leader",
        verbose_name=_("visiting leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("visiting department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    visitors = models.CharField(_("visitors"), max_length=200, blank=True)
    people_met = models.CharField(_("people met"), max_length=200, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    flag_expansion = models.BooleanField(_("expansion (扩产)"), default=False, editable=False)
    flag_risk = models.BooleanField(_("risk (风险)"), default=False, editable=False)
    flag_relocation = models.BooleanField(_("relocation (外迁)"), default=False, editable=False)

    objects = VisitQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["enterprise", "visited_on"], name="visit_firm_day")]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.visited_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("visits:visit_detail", args=[self.pk])

    @property
    def flags(self) -> list[str]:
        """The flags' labels, in the order 扩产, 风险, 外迁."""
        return [str(flag.label) for flag, field in FLAG_FIELDS.items() if getattr(self, field)]

    @property
    def visitor(self) -> str:
        return " · ".join(str(p) for p in (self.department, self.leader) if p is not None) or self.visitors

    def clean(self):
        from django.core.exceptions import ValidationError

        from .survey import answer_errors

        errors = answer_errors(self.answers)
        if errors:
            raise ValidationError(errors)  # not keyed: the answers are many fields of a form
        if self.plan_id and self.enterprise_id and not self.plan.firms.filter(pk=self.enterprise_id).exists():
            raise ValidationError({"plan": _("This firm is not in the plan chosen.")})

    def save(self, *args, **kwargs):
        from .survey import derive_flags

        raised = derive_flags(self.answers or {})
        for flag, field in FLAG_FIELDS.items():
            setattr(self, field, flag in raised)
        super().save(*args, **kwargs)


class VisitRequest(ChangeLoggedModel):
    """A 诉求 raised from an answer of a visit: the request is the portal's, this is the link."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="raised_requests"
    )
    request = models.OneToOneField(
        "portal.FirmRequest", verbose_name=_("request"), on_delete=models.CASCADE, related_name="visit_link"
    )
    question_code = models.CharField(_("question"), max_length=30)

    objects = StaffOnly.as_manager()
    audit_parent = "visit"

    class Meta:
        ordering = ["visit", "pk"]
        verbose_name = _("request from a visit")
        verbose_name_plural = _("requests from visits")
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "question_code"],
                name="visitrequest_once_per_answer",
                violation_error_message=_("A request was already raised from this answer."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.visit} · {self.question_code}"

    def get_absolute_url(self) -> str:
        return self.visit.get_absolute_url()
