"""Jobs and talent (人才服务, issue 15 item 5) and firms' project postings (item 7).

- ``JobPosting`` (招聘岗位): a firm's user posts for its own firm only; zone staff review it
  (审核) before it is published on the job board every signed-in user reads.
- ``RecruitmentDrive`` (招聘活动, e.g. the three “百日千万” drives of 2024): the committee's own
  work record — which firms took part, posts offered, people hired.
- ``ResearchAssistantPost`` (科研助理岗位): one person in a post at a firm from a start date.
- ``TalentIntroduction`` (高层次人才引进): a person of a tier brought to a firm, and the support
  given.
- ``ProjectPosting`` (项目发布): a firm seeks partners or land; staff turn it into a 招商 lead
  in one step (``services.project_posting_to_lead``), the posting keeping the link.

Job postings and project postings share the firm-posts / staff-decides pattern, so they live
in one app. Status changes go through ``services.py`` (audited like every save).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.models import ChangeLoggedModel, ScopedQuerySet
from gaoxin.core.permissions import change_rule
from gaoxin.enterprises.models import MoneyField

POSITIVE = [MinValueValidator(1)]
NON_NEGATIVE = [MinValueValidator(0)]


class Education(models.TextChoices):
    ANY = "any", _("Any education")
    SECONDARY = "secondary", _("Secondary school or vocational")
    ASSOCIATE = "associate", _("Associate degree (大专)")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


class PostingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Returned")
    CLOSED = "closed", _("Closed")


class JobPostingQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"  # a firm sees and changes its own postings only

    def published(self):
        """What the job board shows to every signed-in user: reviewed and open."""
        return self.filter(status=PostingStatus.PUBLISHED)


class JobPosting(ChangeLoggedModel):
    """A post a firm wants filled (招聘岗位); published after the zone's review (审核)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="job_postings",
    )
    title = models.CharField(_("post"), max_length=100)
    education = models.CharField(
        _("education"), max_length=12, choices=Education.choices, default=Education.ANY
    )
    salary_min = models.PositiveIntegerField(_("salary from (yuan/month)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary to (yuan/month)"), null=True, blank=True)
    posts = models.PositiveIntegerField(_("number of posts"), default=1, validators=POSITIVE)
    location = models.CharField(_("work location"), max_length=100)
    contact = models.CharField(_("contact person"), max_length=60)
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    description = models.TextField(_("duties and requirements"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PostingStatus.choices, default=PostingStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)

    objects = JobPostingQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        permissions = [("review_jobposting", "Can review job postings")]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_max__gte=models.F("salary_min")),
                name="jobposting_salary_band",
                violation_error_message=_("The salary's upper end cannot be below its lower end."),
            ),
            models.CheckConstraint(
                condition=Q(posts__gte=1),
                name="jobposting_posts_positive",
                violation_error_message=_("A posting offers at least one post."),
            ),
        ]
        indexes = [models.Index(fields=["status", "enterprise"], name="jobposting_status_firm")]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("talent:jobposting_detail", args=[self.pk])

    @property
    def salary_band(self) -> str:
        """“6000–9000 元/月”, “面议” when none is given."""
        low, high = self.salary_min, self.salary_max
        if low is None and high is None:
            return gettext("Negotiable")
        if low is not None and high is not None:
            return gettext("%(low)s–%(high)s yuan/month") % {"low": low, "high": high}
        if low is not None:
            return gettext("from %(low)s yuan/month") % {"low": low}
        return gettext("up to %(high)s yuan/month") % {"high": high}


def firm_may_change_posting(user, posting) -> bool:
    """Staff change any posting; a firm's user its own until it is published (a published
    posting is changed by closing it and posting again: the board shows what was reviewed)."""
    if roles.sees_whole_zone(user):
        return True
    return posting.status != PostingStatus.PUBLISHED


change_rule(
    JobPosting,
    condition=lambda user: Q() if roles.sees_whole_zone(user) else ~Q(status=PostingStatus.PUBLISHED),
    refusal=lambda posting: gettext(
        "A published posting is not changed by the firm: close it and post a new one."
    ),
)(firm_may_change_posting)


class DriveQuerySet(ScopedQuerySet):
    staff_only = True  # the committee's record of its work with many firms: no firm reads it


class RecruitmentDrive(ChangeLoggedModel):
    """A recruitment drive the zone ran (招聘活动: the “百日千万” drives): the firms taking
    part, the posts they offered and the people hired. The committee's own record."""

    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    firms = models.ManyToManyField(
        "enterprises.Enterprise",
        verbose_name=_("firms taking part"),
        blank=True,
        related_name="recruitment_drives",
    )
    posts_offered = models.PositiveIntegerField(_("posts offered"), default=0)
    people_hired = models.PositiveIntegerField(_("people hired"), default=0)
    organiser = models.CharField(_("organiser"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = DriveQuerySet.as_manager()
    audit_m2m = ("firms",)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("recruitment drive")
        verbose_name_plural = _("recruitment drives")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="drive_dates_in_order",
                violation_error_message=_("A drive cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["name", "starts_on"],
                name="drive_unique_name_start",
                violation_error_message=_("A drive of this name already starts on this day."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("talent:recruitmentdrive_detail", args=[self.pk])


class FirmQuerySet(ScopedQuerySet):
    scope_field = "enterprise_id"


class ResearchAssistantPost(ChangeLoggedModel):
    """A 科研助理 post: a person employed at a firm in a research-assistant post from a day."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="research_assistant_posts",
    )
    post = models.CharField(_("post"), max_length=100)
    person = models.CharField(_("person"), max_length=60)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = FirmQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-started_on", "enterprise__name", "person", "pk"]
        verbose_name = _("research assistant post")
        verbose_name_plural = _("research assistant posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="raspost_dates_in_order",
                violation_error_message=_("A post cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["enterprise", "person", "post", "started_on"],
                name="raspost_unique",
                violation_error_message=_("This person already holds this post from this day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.post}"

    def get_absolute_url(self) -> str:
        return reverse("talent:researchassistantpost_detail", args=[self.pk])


class TalentTier(models.TextChoices):
    NATIONAL = "national", _("National-level talent")
    PROVINCIAL = "provincial", _("Provincial-level talent")
    CITY = "city", _("City-level talent")
    DOCTORATE = "doctorate", _("Doctorate holder")
    OTHER = "other", _("Other high-level talent")


class TalentIntroduction(ChangeLoggedModel):
    """A high-level talent (高层次人才) brought to a firm on a day, with the support received
    (the article: 10 people for 7 firms in 2024)."""

    name = models.CharField(_("name"), max_length=60)
    tier = models.CharField(_("tier"), max_length=12, choices=TalentTier.choices, default=TalentTier.OTHER)
    title = models.CharField(_("title or programme"), max_length=120, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="talents",
    )
    introduced_on = models.DateField(_("introduced on"))
    support = models.CharField(_("support received"), max_length=300, blank=True)
    support_amount = MoneyField(_("support (10k yuan)"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = FirmQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-introduced_on", "name", "pk"]
        verbose_name = _("high-level talent")
        verbose_name_plural = _("high-level talents")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "enterprise", "introduced_on"],
                name="talent_unique",
                violation_error_message=_("This person is already recorded for this firm on this day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.enterprise.name}"

    def get_absolute_url(self) -> str:
        return reverse("talent:talentintroduction_detail", args=[self.pk])


class ProjectSeeks(models.TextChoices):
    PARTNER = "partner", _("Partners")
    LAND = "land", _("Land")
    BOTH = "both", _("Partners and land")


class ProjectPostingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    LEAD = "lead", _("Taken up as a lead")
    CLOSED = "closed", _("Closed")


class ProjectPosting(ChangeLoggedModel):
    """A project a firm publishes seeking partners or land (项目发布); zone staff take it up
    as a 招商 lead (``lead``) in one step."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="project_postings",
    )
    title = models.CharField(_("project"), max_length=150)
    seeks = models.CharField(
        _("seeks"), max_length=10, choices=ProjectSeeks.choices, default=ProjectSeeks.PARTNER
    )
    lead_industry = models.ForeignKey(
        "zone.LeadIndustry", verbose_name=_("lead industry"), null=True, blank=True, on_delete=models.SET_NULL
    )
    investment = MoneyField(_("planned investment (10k yuan)"))
    land_mu = models.DecimalField(
        _("land sought (mu)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    description = models.TextField(_("description"))
    contact = models.CharField(_("contact person"), max_length=60)
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    status = models.CharField(
        _("status"), max_length=8, choices=ProjectPostingStatus.choices, default=ProjectPostingStatus.OPEN
    )
    lead = models.OneToOneField(
        "attraction.Lead",
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_posting",
    )

    objects = FirmQuerySet.as_manager()
    audit_parent = "enterprise"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("project posting")
        verbose_name_plural = _("project postings")

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("talent:projectposting_detail", args=[self.pk])


change_rule(
    ProjectPosting,
    condition=lambda user: Q() if roles.sees_whole_zone(user) else Q(status=ProjectPostingStatus.OPEN),
    refusal=lambda posting: gettext("The project was taken up or closed: the firm no longer changes it."),
)(lambda user, posting: roles.sees_whole_zone(user) or posting.status == ProjectPostingStatus.OPEN)
