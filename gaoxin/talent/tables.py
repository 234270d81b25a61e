"""Tables of the talent app (list pages, column choice, exports); the record's link comes
first so a phone's card is titled by it."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, ChoiceBadgeColumn, MoneyColumn

from .models import JobPosting, ProjectPosting, RecruitmentDrive, ResearchAssistantPost, TalentIntroduction

STATUS_COLORS = {"pending": "yellow", "published": "green", "rejected": "red", "closed": "secondary"}


class JobPostingTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name=_("post"))
    enterprise = tables.Column(verbose_name=_("enterprise"), order_by=("enterprise__name",))
    salary = tables.Column(
        accessor="salary_band", verbose_name=_("salary"), order_by=("salary_min", "salary_max")
    )
    status = ChoiceBadgeColumn(colors=STATUS_COLORS, verbose_name=_("status"))

    class Meta(BaseTable.Meta):
        model = JobPosting
        fields = (
            "title",
            "enterprise",
            "education",
            "salary",
            "posts",
            "location",
            "contact",
            "contact_phone",
            "status",
        )
        default_columns = ("title", "enterprise", "education", "salary", "posts", "location", "status")
        always_visible = ("title",)
        empty_text = _("No job posting matches. Clear the filters or post a job.")

    def render_enterprise(self, record):
        return record.enterprise.name

    def export_enterprise(self, record):
        return record.enterprise.name

    def export_salary(self, record):
        return record.salary_band


class JobBoardTable(JobPostingTable):
    """The job board: published postings, with whom to call (linked to the board's page of
    the posting, which every reader may open, not to the firm's own record)."""

    title = tables.Column(
        linkify=lambda record: reverse("talent:job_board_detail", args=[record.pk]), verbose_name=_("post")
    )

    class Meta(JobPostingTable.Meta):
        fields = (
            "title",
            "enterprise",
            "education",
            "salary",
            "posts",
            "location",
            "contact",
            "contact_phone",
        )
        default_columns = fields
        exclude = ("status",)
        empty_text = _("No published job posting matches. Clear the filters.")


class RecruitmentDriveTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    firm_count = tables.Column(verbose_name=_("firms taking part"), orderable=False)

    class Meta(BaseTable.Meta):
        model = RecruitmentDrive
        fields = ("name", "starts_on", "ends_on", "firm_count", "posts_offered", "people_hired", "organiser")
        default_columns = fields
        always_visible = ("name",)
        empty_text = _("No recruitment drive recorded. Record one.")


class ResearchAssistantPostTable(BaseTable):
    person = tables.Column(linkify=True, verbose_name=_("person"))
    enterprise = tables.Column(verbose_name=_("enterprise"), order_by=("enterprise__name",))

    class Meta(BaseTable.Meta):
        model = ResearchAssistantPost
        fields = ("person", "post", "enterprise", "started_on", "ended_on", "note")
        default_columns = ("person", "post", "enterprise", "started_on", "ended_on")
        always_visible = ("person",)
        empty_text = _("No research assistant post matches. Clear the filters, record one, or import a file.")

    def render_enterprise(self, record):
        return record.enterprise.name

    def export_enterprise(self, record):
        return record.enterprise.name


class TalentIntroductionTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    enterprise = tables.Column(verbose_name=_("enterprise"), order_by=("enterprise__name",))
    support_amount = MoneyColumn(verbose_name=_("support"))

    class Meta(BaseTable.Meta):
        model = TalentIntroduction
        fields = ("name", "tier", "title", "enterprise", "introduced_on", "support", "support_amount")
        default_columns = ("name", "tier", "title", "enterprise", "introduced_on", "support")
        always_visible = ("name",)
        empty_text = _("No high-level talent matches. Clear the filters or record one.")

    def render_enterprise(self, record):
        return record.enterprise.name

    def export_enterprise(self, record):
        return record.enterprise.name


class ProjectPostingTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name=_("project"))
    enterprise = tables.Column(verbose_name=_("enterprise"), order_by=("enterprise__name",))
    investment = MoneyColumn(verbose_name=_("planned investment"))
    status = ChoiceBadgeColumn(
        colors={"open": "blue", "lead": "green", "closed": "secondary"}, verbose_name=_("status")
    )

    class Meta(BaseTable.Meta):
        model = ProjectPosting
        fields = (
            "title",
            "enterprise",
            "seeks",
            "lead_industry",
            "investment",
            "land_mu",
            "status",
            "created_at",
        )
        default_columns = ("title", "enterprise", "seeks", "investment", "land_mu", "status")
        always_visible = ("title",)
        empty_text = _("No project posting matches. Clear the filters or publish a project.")

    def render_enterprise(self, record):
        return record.enterprise.name

    def export_enterprise(self, record):
        return record.enterprise.name
