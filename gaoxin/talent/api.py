"""REST resources: /api/jobs/ (a firm's own postings; staff all), /api/job-board/ (published
postings of every firm), /api/recruitment-drives/, /api/research-assistants/, /api/talent/
(high-level talents), /api/project-postings/ — same filters and scope as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoxin.core.api import ReadOnlyScopedViewSet, ScopedModelSerializer, ScopedModelViewSet

from . import services
from .filters import (
    JobPostingFilterSet,
    ProjectPostingFilterSet,
    RecruitmentDriveFilterSet,
    ResearchAssistantPostFilterSet,
    TalentIntroductionFilterSet,
)
from .models import JobPosting, ProjectPosting, RecruitmentDrive, ResearchAssistantPost, TalentIntroduction
from .views import ASSISTANTS, DRIVES, POSTINGS, PROJECTS, TALENTS, with_firm_count

WRITE = ["get", "post", "patch", "put", "head", "options"]


class JobPostingSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    salary_band = serializers.CharField(read_only=True)

    class Meta:
        model = JobPosting
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "title",
            "education",
            "salary_min",
            "salary_max",
            "salary_band",
            "posts",
            "location",
            "contact",
            "contact_phone",
            "description",
            "status",
            "reviewed_on",
            "review_note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "reviewed_on", "review_note"]


class ReviewSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class JobPostingViewSet(ScopedModelViewSet):
    """A firm's user posts for its own firm (another firm's id: 404); zone staff review."""

    queryset = POSTINGS
    serializer_class = JobPostingSerializer
    filterset_class = JobPostingFilterSet
    ordering_fields = ["created_at", "salary_max", "id"]
    http_method_names = WRITE

    def answer(self, posting):
        return Response(self.get_serializer(posting).data)

    def perform_create(self, serializer):
        services.require_jobs_right(self.request.user)
        super().perform_create(serializer)

    def perform_update(self, serializer):
        services.require_jobs_right(self.request.user)
        super().perform_update(serializer)

    @extend_schema(request=ReviewSerializer, responses=JobPostingSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Publish (``approve: true``) or return with a ``note`` a posting awaiting review."""
        data = ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        posting = services.job_posting_review(
            user=request.user, posting=self.get_object(), **data.validated_data
        )
        return self.answer(posting)

    @extend_schema(request=None, responses=JobPostingSerializer)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        return self.answer(services.job_posting_resubmit(user=request.user, posting=self.get_object()))

    @extend_schema(request=None, responses=JobPostingSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.answer(services.job_posting_close(user=request.user, posting=self.get_object()))


class JobBoardViewSet(ReadOnlyScopedViewSet):
    """The job board: published postings of every firm, for every signed-in user with a role."""

    queryset = POSTINGS
    serializer_class = JobPostingSerializer
    filterset_class = JobPostingFilterSet

    def get_queryset(self):
        return self.queryset.published()


class RecruitmentDriveSerializer(ScopedModelSerializer):
    class Meta:
        model = RecruitmentDrive
        fields = [
            "id",
            "name",
            "starts_on",
            "ends_on",
            "firms",
            "posts_offered",
            "people_hired",
            "organiser",
            "note",
            "created_at",
            "updated_at",
        ]


class RecruitmentDriveViewSet(ScopedModelViewSet):
    queryset = with_firm_count(DRIVES).prefetch_related("firms")
    serializer_class = RecruitmentDriveSerializer
    filterset_class = RecruitmentDriveFilterSet
    http_method_names = WRITE


class ResearchAssistantPostSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = ResearchAssistantPost
        fields = ["id", "enterprise", "enterprise_name", "post", "person", "started_on", "ended_on", "note"]


class ResearchAssistantPostViewSet(ScopedModelViewSet):
    queryset = ASSISTANTS
    serializer_class = ResearchAssistantPostSerializer
    filterset_class = ResearchAssistantPostFilterSet
    http_method_names = WRITE


class TalentIntroductionSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = TalentIntroduction
        fields = [
            "id",
            "name",
            "tier",
            "title",
            "enterprise",
            "enterprise_name",
            "introduced_on",
            "support",
            "support_amount",
            "note",
        ]


class TalentIntroductionViewSet(ScopedModelViewSet):
    queryset = TALENTS
    serializer_class = TalentIntroductionSerializer
    filterset_class = TalentIntroductionFilterSet
    http_method_names = WRITE


class ProjectPostingSerializer(ScopedModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = ProjectPosting
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "title",
            "seeks",
            "lead_industry",
            "investment",
            "land_mu",
            "description",
            "contact",
            "contact_phone",
            "status",
            "lead",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "lead"]


class ProjectPostingViewSet(ScopedModelViewSet):
    queryset = PROJECTS
    serializer_class = ProjectPostingSerializer
    filterset_class = ProjectPostingFilterSet
    http_method_names = WRITE

    @extend_schema(request=None, responses=ProjectPostingSerializer)
    @action(detail=True, methods=["post"], url_path="to-lead")
    def to_lead(self, request, pk=None):
        """Take the posting up as a 招商 lead in one step (zone staff who record leads)."""
        posting = self.get_object()
        services.project_posting_to_lead(user=request.user, posting=posting)
        return Response(self.get_serializer(self.get_queryset().get(pk=posting.pk)).data)

    @extend_schema(request=None, responses=ProjectPostingSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        posting = services.project_posting_close(user=request.user, posting=self.get_object())
        return Response(self.get_serializer(posting).data)


def register(router) -> None:
    router.register("jobs", JobPostingViewSet, basename="job")
    router.register("job-board", JobBoardViewSet, basename="job-board")
    router.register("recruitment-drives", RecruitmentDriveViewSet, basename="recruitment-drive")
    router.register("research-assistants", ResearchAssistantPostViewSet, basename="research-assistant")
    router.register("talent", TalentIntroductionViewSet, basename="talent")
    router.register("project-postings", ProjectPostingViewSet, basename="project-posting")
