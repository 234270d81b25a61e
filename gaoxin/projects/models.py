"""重点项目: the project ledger, its lists (四重项目, 省重点 … as data, not an enum), 包保
responsibility, annual investment plans and monthly completed investment, backward schedules
with a frozen baseline, the problem list, and red/yellow/green lights with their history.

Money is Decimal in 万元 (``MoneyField``). Rules live in ``services.py``; thresholds of the
lights are rows of ``LightRule`` so a zone changes them without code.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet, StageChangeBase
from gaoxin.enterprises.models import NON_NEGATIVE, MoneyField

MONTHS = [MinValueValidator(1), MaxValueValidator(12)]
YEARS = [MinValueValidator(1990), MaxValueValidator(2100)]


class Stage(models.TextChoices):
    """Project stages in their usual order; 停缓建 and 终止 stand outside the order."""

    PLANNING = "planning", _("Planning (谋划)")
    RESERVE = "reserve", _("Reserve (储备)")
    SIGNED = "signed", _("Signed (签约)")
    CONSTRUCTION = "construction", _("Under construction (在建)")
    PRODUCTION = "production", _("Completed, in production (竣工投产)")
    CAPACITY = "capacity", _("Full capacity (达产)")
    SUSPENDED = "suspended", _("Suspended (停缓建)")
    TERMINATED = "terminated", _("Terminated (终止)")


STAGE_ORDER = [
    Stage.PLANNING,
    Stage.RESERVE,
    Stage.SIGNED,
    Stage.CONSTRUCTION,
    Stage.PRODUCTION,
    Stage.CAPACITY,
]


def stage_rank(stage: str) -> int | None:
    """Position in the usual order; None for 停缓建 and 终止."""
    try:
        return STAGE_ORDER.index(stage)
    except ValueError:
        return None


class Light(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")
    NONE = "none", _("Not rated")


LIGHT_RANK = {Light.NONE: 0, Light.GREEN: 1, Light.YELLOW: 2, Light.RED: 3}


# --- configuration --------------------------------------------------------------------------


class ProjectList(ChangeLoggedModel):
    """A list or category a project belongs to (四重项目, 五大工程, 省重点, 市重点 …).

    The meaning of such lists differs by province and year (domain-rules §9 found no
    definition of "四重"), so they are data: a code, a name, optionally a year.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEARS)
    description = models.CharField(_("description"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("project list")
        verbose_name_plural = _("project lists")

    def __str__(self) -> str:
        return self.name


class ProblemCategory(ChangeLoggedModel):
    """A kind of problem (土地, 资金, 审批, 水电气, 用工, 拆迁, 其他); configurable, with the
    交办 time limit in working days where the zone has one for the kind."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=30, unique=True)
    time_limit_workdays = models.PositiveSmallIntegerField(
        _("time limit (working days)"),
        null=True,
        blank=True,
        help_text=_(
            "A problem raised without a deadline is due this many working days after the day it was "
            "raised; blank: whoever raises a problem of this category sets its deadline."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")

    def __str__(self) -> str:
        return self.name


class ScheduleTemplate(ChangeLoggedModel):
    """A node template for a kind of project (e.g. 新建工业项目): its nodes, default
    durations and dependencies, from which a project's schedule is computed backwards."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("schedule template")
        verbose_name_plural = _("schedule templates")

    def __str__(self) -> str:
        return self.name


class TemplateNode(ChangeLoggedModel):
    """One node of a template. ``duration_days`` is the time the node needs after all its
    predecessors are done. The anchor node falls on the project's target completion date;
    nodes before it are scheduled backwards from it, nodes after it forwards.
    ``gate_stage``: the project cannot enter that stage (or a later one) before this node
    is done, unless a reason is given."""

    template = models.ForeignKey(
        ScheduleTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="nodes"
    )
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=30)
    sequence = models.PositiveSmallIntegerField(_("order"), default=100)
    duration_days = models.PositiveSmallIntegerField(_("duration (days)"), default=30)
    predecessors = models.ManyToManyField(
        "self", verbose_name=_("after"), symmetrical=False, blank=True, related_name="successors"
    )
    is_anchor = models.BooleanField(_("falls on the target completion date"), default=False)
    gate_stage = models.CharField(
        _("required before stage"), max_length=12, choices=Stage.choices, blank=True
    )

    objects = ScopedQuerySet.as_manager()
    audit_parent = "template"

    class Meta:
        ordering = ["template_id", "sequence", "code"]
        verbose_name = _("template node")
        verbose_name_plural = _("template nodes")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"],
                name="templatenode_unique_code",
                violation_error_message=_("The template already has a node with this code."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class LightRule(ChangeLoggedModel):
    """One rule of the warning lights with its thresholds. The four rules are fixed in code
    (``services.RULES``); whether each runs and where its bands lie are data."""

    class Code(models.TextChoices):
        INVESTMENT = "investment", _("Investment against the time-proportional plan")
        NODES = "nodes", _("Schedule nodes overdue")
        STATISTICS = "statistics", _("Not yet in investment statistics (纳统)")
        PROBLEMS = "problems", _("Open overdue problems")

    code = models.CharField(_("rule"), max_length=12, choices=Code.choices, unique=True)
    is_active = models.BooleanField(_("in use"), default=True)
    yellow_value = models.DecimalField(_("yellow threshold"), max_digits=8, decimal_places=2)
    red_value = models.DecimalField(_("red threshold"), max_digits=8, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)
    stages = models.CharField(
        _("stages rated"),
        max_length=120,
        blank=True,
        help_text=_("Comma-separated stage codes this rule judges; empty: every rated stage."),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("light rule")
        verbose_name_plural = _("light rules")

    def __str__(self) -> str:
        return self.get_code_display()

    def applies_to(self, stage: str) -> bool:
        """Whether the rule judges a project in ``stage`` (a completed project has no 序时 plan to meet)."""
        codes = {code.strip() for code in self.stages.split(",") if code.strip()}
        return not codes or stage in codes


# --- the ledger -----------------------------------------------------------------------------


class ProjectChildQuerySet(ScopedQuerySet):
    """Investment, nodes, problems, attachments: an enterprise user sees its own firm's."""

    scope_field = "project__enterprise_id"


class ProjectQuerySet(ScopedQuerySet):
    scope_field = None  # zone data: every signed-in staff member reads the ledger

    def visible_to(self, user):
        from gaoxin.core import roles

        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.sees_whole_zone(user):
            return self
        enterprise_id = roles.bound_enterprise_id(user)
        if enterprise_id is None:
            return self.none()
        return self.filter(enterprise_id=enterprise_id)


COMPLETION_BEFORE_START = _("The planned completion cannot be before the planned start.")


def planned_dates_error(
    start: datetime.date | None, completion: datetime.date | None, *, with_dates: bool = True
) -> str | None:
    """The rule "no completion before the start" for the page, the import and the API, and
    its wording: with the two dates where a person reads a form or a file row, without them
    for the API (whose client sent the dates) and the database's check constraint."""
    if not (start and completion and completion < start):
        return None
    if not with_dates:
        return str(COMPLETION_BEFORE_START)
    return gettext("The planned completion %(end)s is before the planned start %(start)s.") % {
        "end": completion,
        "start": start,
    }


class Project(ChangeLoggedModel):
    """A key project (重点项目) with its 包保 responsibility (leader, lead department, team,
    plan, scheduling frequency) and its current light."""

    class Nature(models.TextChoices):
        NEW = "new", _("New (新建)")
        CONTINUED = "continued", _("Continued (续建)")
        EXPANSION = "expansion", _("Expansion (扩建)")
        RENOVATION = "renovation", _("Technical renovation (技改)")

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        BIWEEKLY = "biweekly", _("Every two weeks")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    park = models.ForeignKey(
        "zone.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_industry = models.ForeignKey(
        "zone.LeadIndustry",
        verbose_name=_("lead industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    chain_node = models.CharField(
        _("chain node"),
        max_length=60,
        blank=True,
        help_text=_("Until the industry-chain map exists: its name."),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("owner enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    owner_name = models.CharField(
        _("owner (not yet registered)"),
        max_length=100,
        blank=True,
        help_text=_("When the firm is not in the registry yet."),
    )
    nature = models.CharField(
        _("construction nature"), max_length=12, choices=Nature.choices, default=Nature.NEW
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.PLANNING)
    stage_since = models.DateField(_("in this stage since"), null=True, blank=True)
    production_date = models.DateField(
        _("put into production on"),
        null=True,
        blank=True,
        help_text=_("Set when the stage becomes 竣工投产."),
    )
    lists = models.ManyToManyField(ProjectList, verbose_name=_("lists"), blank=True, related_name="projects")
    total_investment = MoneyField(_("total investment (万元)"), null=False, blank=False)
    land_area_mu = models.DecimalField(
        _("land (mu)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    statistics_date = models.DateField(_("in investment statistics since (纳统)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    # 包保 ("四个一"): one leader, one lead unit, one special team, one plan, a scheduling rhythm.
    leader = models.ForeignKey(
        "zone.Leader",
        verbose_name=_("responsible leader (包保领导)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    lead_department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("lead department (牵头单位)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("special team (专班)"),
        blank=True,
        related_name="project_teams",
    )
    team_note = models.CharField(_("team members without an account"), max_length=200, blank=True)
    plan_document = models.FileField(_("plan (方案)"), upload_to="projects/plans/", blank=True)
    frequency = models.CharField(
        _("scheduling frequency"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    template = models.ForeignKey(
        ScheduleTemplate,
        verbose_name=_("schedule template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    baseline_at = models.DateTimeField(_("baseline approved at"), null=True, blank=True)
    baseline_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("baseline approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The current light; ``services.recompute_lights`` keeps it and its history.
    light = models.CharField(_("light"), max_length=6, choices=Light.choices, default=Light.NONE)
    light_reasons = models.JSONField(_("why"), default=list, blank=True)
    light_since = models.DateField(_("light since"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()
    audit_m2m = ("lists", "team")
    audit_exclude = ("light", "light_reasons", "light_since")

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_completion__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_completion__gte=F("planned_start")),
                name="project_completion_after_start",
                violation_error_message=COMPLETION_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=Q(total_investment__gte=0),
                name="project_investment_not_negative",
                violation_error_message=_("The total investment cannot be negative."),
            ),
        ]
        indexes = [models.Index(fields=["light", "stage"], name="project_light_stage")]
        permissions = [("manage_all_projects", "Can change every project, whatever its lead department")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        message = planned_dates_error(self.planned_start, self.planned_completion)
        if message:
            raise ValidationError({"planned_completion": message})

    @property
    def owner(self) -> str:
        return self.enterprise.name if self.enterprise_id else self.owner_name

    @property
    def intensity(self):
        """Investment intensity in 万元 per mu (total investment ÷ land), 2 decimals."""
        from decimal import ROUND_HALF_UP, Decimal

        if not self.land_area_mu or self.total_investment is None:
            return None
        return (self.total_investment / self.land_area_mu).quantize(Decimal("0.01"), ROUND_HALF_UP)


class StageChange(StageChangeBase):
    """A stage change with its date and reason (also in the audit log), and the schedule nodes
    it skipped."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=12, choices=Stage.choices)
    skipped_nodes = models.CharField(_("nodes not done"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["project_id", "-date", "-id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_stage} → {self.to_stage} ({self.date})"


class Attachment(ChangeLoggedModel):
    class Kind(models.TextChoices):
        CONTRACT = "contract", _("Contract")
        PHOTO = "photo", _("Photo")
        APPROVAL = "approval", _("Approval document")
        OTHER = "other", _("Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=100)
    file = models.FileField(_("file"), upload_to="projects/files/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL
    )

    objects = ProjectChildQuerySet.as_manager()
    audit_parent = "project"

    class Meta:
        ordering = ["project_id", "-created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


# --- investment -----------------------------------------------------------------------------


class InvestmentPlan(ChangeLoggedModel):
    """The investment a project plans to complete in a year (年度计划投资, 万元)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    amount = MoneyField(_("planned investment (万元)"), null=False, blank=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ProjectChildQuerySet.as_manager()
    audit_parent = "project"

    class Meta:
        ordering = ["project_id", "-year"]
        verbose_name = _("annual investment plan")
        verbose_name_plural = _("annual investment plans")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"],
                name="investmentplan_unique_year",
                violation_error_message=_("This project already has a plan for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.year}"


class Investment(ChangeLoggedModel):
    """Completed investment of a project, cumulative for months 1–N of a year (万元).

    Filed by the owner or the lead department through the monthly data calendar
    (``indicators.Submission`` of the data set ``project_investment``): drafted, submitted,
    approved, then locked."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="investments")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    month = models.PositiveSmallIntegerField(_("month (cumulative to)"), validators=MONTHS)
    cumulative = MoneyField(_("completed 1–N (万元)"), null=False, blank=False)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Required when the total investment is exceeded.")
    )
    submission = models.ForeignKey(
        "indicators.Submission",
        verbose_name=_("submission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_investments",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    objects = ProjectChildQuerySet.as_manager()
    audit_parent = "project"

    class Meta:
        ordering = ["project_id", "-year", "-month"]
        verbose_name = _("completed investment")
        verbose_name_plural = _("completed investment")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "month"],
                name="investment_unique_period",
                violation_error_message=_("This project already has a value for this period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.year}-{self.month:02d}"


# --- schedule -------------------------------------------------------------------------------


class Milestone(ChangeLoggedModel):
    """A node of a project's backward schedule: the planned date, the baseline frozen when the
    plan was approved, and the actual date."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    template_node = models.ForeignKey(
        TemplateNode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("node"), max_length=30)
    sequence = models.PositiveSmallIntegerField(_("order"), default=100)
    duration_days = models.PositiveSmallIntegerField(_("duration (days)"), default=30)
    predecessors = models.ManyToManyField(
        "self", verbose_name=_("after"), symmetrical=False, blank=True, related_name="successors"
    )
    gate_stage = models.CharField(
        _("required before stage"), max_length=12, choices=Stage.choices, blank=True
    )
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ProjectChildQuerySet.as_manager()
    audit_parent = "project"

    class Meta:
        ordering = ["project_id", "sequence", "id"]
        verbose_name = _("schedule node")
        verbose_name_plural = _("schedule nodes")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"],
                name="milestone_unique_code",
                violation_error_message=_("The project already has a node with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_schedule", args=[self.project_id])

    @property
    def due_date(self) -> datetime.date | None:
        """The date the node is judged against: the baseline once frozen, else the plan."""
        return self.baseline_date or self.planned_date

    def lag_days(self, today: datetime.date) -> int | None:
        """Days behind (+) or ahead (−) of the baseline; open nodes count up to today."""
        if self.baseline_date is None:
            return None
        if self.actual_date:
            return (self.actual_date - self.baseline_date).days
        if today > self.baseline_date:
            return (today - self.baseline_date).days
        return None


# --- problems -------------------------------------------------------------------------------


class ProblemQuerySet(ProjectChildQuerySet):
    def open(self):
        return self.exclude(status=Problem.Status.CLOSED)

    def awaiting_answer(self):
        """Assigned or in progress: the department still owes an answer (已反馈 and 已销号 do not)."""
        return self.filter(status__in=Problem.WAITING)

    def overdue(self, today: datetime.date):
        """Past the deadline and not yet answered: overdue runs from the deadline to the answer;
        the raiser's closing afterwards is a separate step that makes nothing overdue."""
        return self.awaiting_answer().filter(deadline__lt=today)

    def not_overdue(self, today: datetime.date):
        return self.exclude(pk__in=self.overdue(today).values("pk"))


class Problem(ChangeLoggedModel):
    """A problem blocking a project (问题清单): assigned (交办) → in progress (办理中) →
    answered (已反馈) → closed (已销号, only by whoever raised it)."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned (交办)")
        IN_PROGRESS = "in_progress", _("In progress (办理中)")
        ANSWERED = "answered", _("Answered (已反馈)")
        CLOSED = "closed", _("Closed (已销号)")

    WAITING = (Status.ASSIGNED, Status.IN_PROGRESS)  # the department still owes an answer

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="problems"
    )
    category = models.ForeignKey(ProblemCategory, verbose_name=_("category"), on_delete=models.PROTECT)
    description = models.TextField(_("description"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="raised_problems",
    )
    raised_on = models.DateField(_("raised on"))
    department = models.ForeignKey(
        "zone.Department",
        verbose_name=_("assigned department"),
        on_delete=models.PROTECT,
        related_name="problems",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_problems",
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ASSIGNED)
    feedback = models.TextField(_("feedback"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = ProblemQuerySet.as_manager()
    audit_parent = "project"

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("raised_on")),
                name="problem_deadline_after_raised",
                violation_error_message=_("The deadline cannot be before the day the problem was raised."),
            )
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="problem_open_deadline")]

    def __str__(self) -> str:
        return f"{self.project} · {self.description[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("projects:problem_detail", args=[self.pk])

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status in self.WAITING and self.deadline < today


# --- lights ---------------------------------------------------------------------------------


class LightChange(models.Model):
    """The history of a project's light: one row each time it changes (and the first time)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="light_history")
    date = models.DateField(_("date"))
    light = models.CharField(_("light"), max_length=6, choices=Light.choices)
    previous = models.CharField(_("before"), max_length=6, choices=Light.choices, blank=True)
    reasons = models.JSONField(_("why"), default=list)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["project_id", "-recorded_at", "-id"]
        verbose_name = _("light change")
        verbose_name_plural = _("light changes")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.previous} → {self.light} ({self.date})"
