"""URLs of the project ledger: the list, a project's tabs and the forms posted from them."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("add/", views.ProjectEditView.as_view(), name="project_add"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/stage/", views.ProjectStageView.as_view(), name="project_stage"),
    path("<int:pk>/plan-document/", views.AttachmentFileView.as_view(), name="project_plan_document"),
    path("<int:pk>/attachments/add/", views.AttachmentAddView.as_view(), name="project_attachment_add"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.AttachmentFileView.as_view(),
        name="project_attachment_file",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.AttachmentDeleteView.as_view(),
        name="project_attachment_delete",
    ),
    path("<int:pk>/investment/", views.ProjectInvestmentView.as_view(), name="project_investment"),
    path("<int:parent_pk>/plans/add/", views.InvestmentPlanEditView.as_view(), name="investmentplan_add"),
    path("plans/<int:pk>/edit/", views.InvestmentPlanEditView.as_view(), name="investmentplan_edit"),
    path("<int:pk>/schedule/", views.ProjectScheduleView.as_view(), name="project_schedule"),
    path("<int:pk>/schedule/create/", views.ScheduleCreateView.as_view(), name="project_schedule_create"),
    path("<int:pk>/schedule/baseline/", views.BaselineApproveView.as_view(), name="project_baseline"),
    path(
        "<int:pk>/schedule/nodes/<int:node_pk>/",
        views.MilestoneUpdateView.as_view(),
        name="project_milestone",
    ),
    path("<int:pk>/lights/", views.ProjectLightsView.as_view(), name="project_lights"),
    path("<int:pk>/history/", views.ProjectHistoryView.as_view(), name="project_history"),
]
