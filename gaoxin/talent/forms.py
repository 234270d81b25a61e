from django.utils.translation import gettext_lazy as _

from gaoxin.core.forms import DateInput, ScopedModelForm

from .models import JobPosting, ProjectPosting, RecruitmentDrive, ResearchAssistantPost, TalentIntroduction


class JobPostingForm(ScopedModelForm):
    """A firm's user can only name its own firm (the enterprise choices are its scope)."""

    class Meta:
        model = JobPosting
        fields = [
            "enterprise",
            "title",
            "education",
            "salary_min",
            "salary_max",
            "posts",
            "location",
            "contact",
            "contact_phone",
            "description",
        ]


class RecruitmentDriveForm(ScopedModelForm):
    class Meta:
        model = RecruitmentDrive
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "organiser",
            "firms",
            "posts_offered",
            "people_hired",
            "note",
        ]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}


class ResearchAssistantPostForm(ScopedModelForm):
    class Meta:
        model = ResearchAssistantPost
        fields = ["enterprise", "post", "person", "started_on", "ended_on", "note"]
        widgets = {"started_on": DateInput, "ended_on": DateInput}


class TalentIntroductionForm(ScopedModelForm):
    class Meta:
        model = TalentIntroduction
        fields = ["name", "tier", "title", "enterprise", "introduced_on", "support", "support_amount", "note"]
        widgets = {"introduced_on": DateInput}
        help_texts = {"support": _("What the zone gave: housing, start-up funds, a lab …")}


class ProjectPostingForm(ScopedModelForm):
    class Meta:
        model = ProjectPosting
        fields = [
            "enterprise",
            "title",
            "seeks",
            "lead_industry",
            "investment",
            "land_mu",
            "description",
            "contact",
            "contact_phone",
        ]
