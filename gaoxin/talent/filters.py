"""One FilterSet per model for the list page, the API and the export."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from gaoxin.core.filters import BaseFilterSet, DateInput

from .models import (
    Education,
    JobPosting,
    PostingStatus,
    ProjectPosting,
    ProjectPostingStatus,
    ProjectSeeks,
    RecruitmentDrive,
    ResearchAssistantPost,
    TalentIntroduction,
    TalentTier,
)


class JobPostingFilterSet(BaseFilterSet):
    """Serves the postings list, the job board and /api/jobs/ (the board is the published
    postings of every firm; the list the reader's scope)."""

    search_fields = ("title", "enterprise__name", "location", "description")
    status = filters.ChoiceFilter(choices=PostingStatus.choices, label=_("Status"))
    education = filters.ChoiceFilter(choices=Education.choices, label=_("Education"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    salary_at_least = filters.NumberFilter(
        field_name="salary_max", lookup_expr="gte", label=_("Salary at least (yuan/month)")
    )

    class Meta:
        model = JobPosting
        fields = ["q", "status", "education", "salary_at_least", "enterprise"]

    def search_placeholder(self) -> str:
        return str(_("Post, enterprise or location"))


class RecruitmentDriveFilterSet(BaseFilterSet):
    search_fields = ("name", "organiser", "note")
    year = filters.NumberFilter(field_name="starts_on__year", label=_("Year"))
    enterprise = filters.NumberFilter(field_name="firms", label=_("Enterprise id"), distinct=True)

    class Meta:
        model = RecruitmentDrive
        fields = ["q", "year", "enterprise"]


class ResearchAssistantPostFilterSet(BaseFilterSet):
    search_fields = ("person", "post", "enterprise__name", "enterprise__uscc")
    year = filters.NumberFilter(field_name="started_on__year", label=_("Year started"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    started_from = filters.DateFilter(
        field_name="started_on", lookup_expr="gte", label=_("Started from"), widget=DateInput
    )

    class Meta:
        model = ResearchAssistantPost
        fields = ["q", "year", "started_from", "enterprise"]

    def search_placeholder(self) -> str:
        return str(_("Person, post or enterprise"))


class TalentIntroductionFilterSet(BaseFilterSet):
    search_fields = ("name", "title", "enterprise__name", "support")
    tier = filters.ChoiceFilter(choices=TalentTier.choices, label=_("Tier"))
    year = filters.NumberFilter(field_name="introduced_on__year", label=_("Year"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = TalentIntroduction
        fields = ["q", "tier", "year", "enterprise"]


class ProjectPostingFilterSet(BaseFilterSet):
    search_fields = ("title", "enterprise__name", "description")
    status = filters.ChoiceFilter(choices=ProjectPostingStatus.choices, label=_("Status"))
    seeks = filters.ChoiceFilter(choices=ProjectSeeks.choices, label=_("Seeks"))
    enterprise = filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = ProjectPosting
        fields = ["q", "status", "seeks", "lead_industry", "enterprise"]
