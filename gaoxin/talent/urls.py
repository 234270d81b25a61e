from django.urls import path

from . import views

app_name = "talent"
urlpatterns = [
    path("jobs/", views.JobPostingListView.as_view(), name="jobposting_list"),
    path("jobs/add/", views.JobPostingEditView.as_view(), name="jobposting_add"),
    path("jobs/<int:pk>/", views.JobPostingDetailView.as_view(), name="jobposting_detail"),
    path("jobs/<int:pk>/edit/", views.JobPostingEditView.as_view(), name="jobposting_edit"),
    path("jobs/<int:pk>/<slug:step>/", views.JobPostingStepView.as_view(), name="jobposting_step"),
    path("board/", views.JobBoardView.as_view(), name="job_board"),
    path("board/<int:pk>/", views.JobBoardDetailView.as_view(), name="job_board_detail"),
    path("drives/", views.RecruitmentDriveListView.as_view(), name="recruitmentdrive_list"),
    path("drives/add/", views.RecruitmentDriveEditView.as_view(), name="recruitmentdrive_add"),
    path("drives/<int:pk>/", views.RecruitmentDriveDetailView.as_view(), name="recruitmentdrive_detail"),
    path("drives/<int:pk>/edit/", views.RecruitmentDriveEditView.as_view(), name="recruitmentdrive_edit"),
    path(
        "research-assistants/",
        views.ResearchAssistantPostListView.as_view(),
        name="researchassistantpost_list",
    ),
    path(
        "research-assistants/add/",
        views.ResearchAssistantPostEditView.as_view(),
        name="researchassistantpost_add",
    ),
    path(
        "research-assistants/<int:pk>/",
        views.ResearchAssistantPostDetailView.as_view(),
        name="researchassistantpost_detail",
    ),
    path(
        "research-assistants/<int:pk>/edit/",
        views.ResearchAssistantPostEditView.as_view(),
        name="researchassistantpost_edit",
    ),
    path("people/", views.TalentIntroductionListView.as_view(), name="talentintroduction_list"),
    path("people/add/", views.TalentIntroductionEditView.as_view(), name="talentintroduction_add"),
    path("people/<int:pk>/", views.TalentIntroductionDetailView.as_view(), name="talentintroduction_detail"),
    path("people/<int:pk>/edit/", views.TalentIntroductionEditView.as_view(), name="talentintroduction_edit"),
    path("projects/", views.ProjectPostingListView.as_view(), name="projectposting_list"),
    path("projects/add/", views.ProjectPostingEditView.as_view(), name="projectposting_add"),
    path("projects/<int:pk>/", views.ProjectPostingDetailView.as_view(), name="projectposting_detail"),
    path("projects/<int:pk>/edit/", views.ProjectPostingEditView.as_view(), name="projectposting_edit"),
    path(
        "projects/<int:pk>/<slug:step>/", views.ProjectPostingStepView.as_view(), name="projectposting_step"
    ),
]
