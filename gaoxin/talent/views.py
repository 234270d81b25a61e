"""Pages of jobs and talent: thin classes on core's generic views, the job board (published
postings of every firm) and the two step views that call the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.core.permissions import may_change, require_perm
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedMixin

from . import services
from .filters import (
    JobPostingFilterSet,
    ProjectPostingFilterSet,
    RecruitmentDriveFilterSet,
    ResearchAssistantPostFilterSet,
    TalentIntroductionFilterSet,
)
from .forms import (
    JobPostingForm,
    ProjectPostingForm,
    RecruitmentDriveForm,
    ResearchAssistantPostForm,
    TalentIntroductionForm,
)
from .models import JobPosting, ProjectPosting, RecruitmentDrive, ResearchAssistantPost, TalentIntroduction
from .tables import (
    JobBoardTable,
    JobPostingTable,
    ProjectPostingTable,
    RecruitmentDriveTable,
    ResearchAssistantPostTable,
    TalentIntroductionTable,
)

POSTINGS = JobPosting.objects.select_related("enterprise", "reviewed_by")
DRIVES = RecruitmentDrive.objects.all()
ASSISTANTS = ResearchAssistantPost.objects.select_related("enterprise")
TALENTS = TalentIntroduction.objects.select_related("enterprise")
PROJECTS = ProjectPosting.objects.select_related("enterprise", "lead_industry", "lead")


def with_firm_count(queryset):
    from django.db.models import Count

    # a GROUP BY drops Meta.ordering: order again, so pages and the API's pagination are stable
    return queryset.annotate(firm_count=Count("firms", distinct=True)).order_by("-starts_on", "name", "pk")


# --- job postings -----------------------------------------------------------------------------


class JobPostingListView(ObjectListView):
    queryset = POSTINGS
    filterset_class = JobPostingFilterSet
    table_class = JobPostingTable
    add_url_name = "talent:jobposting_add"


class JobPostingDetailView(ObjectDetailView):
    queryset = POSTINGS
    template_name = "talent/jobposting_detail.html"

    def get_context(self, obj):
        user = self.request.user
        return {
            "can_change": may_change(user, obj),
            "can_review": user.has_perm(services.REVIEW_PERM) and obj.status == "pending",
            "can_close": obj.status != "closed" and user.has_perm("talent.change_jobposting"),
        }


class JobPostingEditView(ObjectEditView):
    queryset = POSTINGS
    form_class = JobPostingForm

    def check_permission(self, obj) -> None:
        super().check_permission(obj)
        services.require_jobs_right(self.request.user)


class JobBoardView(ObjectListView):
    """The job board (招聘信息): every firm's published postings, for every signed-in user
    with a role (firm users included), not only the reader's own firm's."""

    queryset = POSTINGS
    filterset_class = JobPostingFilterSet
    table_class = JobBoardTable
    title = gettext_lazy("Job board")

    def get_queryset(self):
        return self.queryset.published()


class JobBoardDetailView(ObjectDetailView):
    queryset = POSTINGS
    template_name = "talent/job_board_detail.html"

    def get_queryset(self):
        return self.queryset.published()


JOB_STEPS = {
    "approve": lambda r, p: services.job_posting_review(
        user=r.user, posting=p, approve=True, note=r.POST.get("note", "")
    ),
    "return": lambda r, p: services.job_posting_review(
        user=r.user, posting=p, approve=False, note=r.POST.get("note", "")
    ),
    "resubmit": lambda r, p: services.job_posting_resubmit(user=r.user, posting=p),
    "close": lambda r, p: services.job_posting_close(user=r.user, posting=p),
}


class StepView(ScopedMixin, View):
    """POST one named step of a record: looked up in scope first (404), the model's change
    permission (403), then the service decides; its ValidationError is shown as a message."""

    steps: dict = {}
    http_method_names = ["post"]

    def post(self, request, pk, step):
        obj = self.get_object()
        require_perm(request.user, self.model, "change")
        if step not in self.steps:
            raise PermissionDenied
        try:
            self.steps[step](request, obj)  # a refusal (PermissionDenied) is the 403 page
            messages.success(request, _("Saved."))
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        return redirect(obj.get_absolute_url())


class JobPostingStepView(StepView):
    queryset = POSTINGS
    steps = JOB_STEPS


# --- drives, research assistants, talents -------------------------------------------------------


class RecruitmentDriveListView(ObjectListView):
    queryset = with_firm_count(DRIVES)
    filterset_class = RecruitmentDriveFilterSet
    table_class = RecruitmentDriveTable
    add_url_name = "talent:recruitmentdrive_add"


class RecruitmentDriveDetailView(ObjectDetailView):
    queryset = DRIVES.prefetch_related("firms")
    template_name = "talent/recruitmentdrive_detail.html"


class RecruitmentDriveEditView(ObjectEditView):
    queryset = DRIVES
    form_class = RecruitmentDriveForm


class ResearchAssistantPostListView(ObjectListView):
    queryset = ASSISTANTS
    filterset_class = ResearchAssistantPostFilterSet
    table_class = ResearchAssistantPostTable
    add_url_name = "talent:researchassistantpost_add"
    import_kind = "research-assistants"


class ResearchAssistantPostDetailView(ObjectDetailView):
    queryset = ASSISTANTS
    template_name = "talent/researchassistantpost_detail.html"


class ResearchAssistantPostEditView(ObjectEditView):
    queryset = ASSISTANTS
    form_class = ResearchAssistantPostForm


class TalentIntroductionListView(ObjectListView):
    queryset = TALENTS
    filterset_class = TalentIntroductionFilterSet
    table_class = TalentIntroductionTable
    add_url_name = "talent:talentintroduction_add"


class TalentIntroductionDetailView(ObjectDetailView):
    queryset = TALENTS
    template_name = "talent/talentintroduction_detail.html"


class TalentIntroductionEditView(ObjectEditView):
    queryset = TALENTS
    form_class = TalentIntroductionForm


# --- project postings -----------------------------------------------------------------------------


class ProjectPostingListView(ObjectListView):
    queryset = PROJECTS
    filterset_class = ProjectPostingFilterSet
    table_class = ProjectPostingTable
    add_url_name = "talent:projectposting_add"


class ProjectPostingDetailView(ObjectDetailView):
    queryset = PROJECTS
    template_name = "talent/projectposting_detail.html"

    def get_context(self, obj):
        user = self.request.user
        return {
            "can_change": may_change(user, obj),
            "can_take_up": obj.status == "open" and user.has_perm("attraction.add_lead"),
            "sees_lead": obj.lead_id is not None and user.has_perm("attraction.view_lead"),
        }


class ProjectPostingEditView(ObjectEditView):
    queryset = PROJECTS
    form_class = ProjectPostingForm


class ProjectPostingStepView(StepView):
    queryset = PROJECTS
    steps = {
        "lead": lambda r, p: services.project_posting_to_lead(user=r.user, posting=p),
        "close": lambda r, p: services.project_posting_close(user=r.user, posting=p),
    }
