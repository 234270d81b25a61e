from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="indicator_list"),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("<int:pk>/history/", views.IndicatorHistoryView.as_view(), name="indicator_history"),
    path("observations/", views.ObservationListView.as_view(), name="observation_list"),
    path("observations/<int:pk>/", views.ObservationDetailView.as_view(), name="observation_detail"),
    path("observations/<int:pk>/edit/", views.ObservationEditView.as_view(), name="observation_edit"),
    path("targets/", views.TargetListView.as_view(), name="target_list"),
    path("targets/add/", views.TargetEditView.as_view(), name="target_add"),
    path("targets/<int:pk>/edit/", views.TargetEditView.as_view(), name="target_edit"),
    path("data-sets/", views.DataSetListView.as_view(), name="dataset_list"),
    path("data-sets/<int:pk>/", views.DataSetDetailView.as_view(), name="dataset_detail"),
    path("submissions/", views.SubmissionListView.as_view(), name="submission_list"),
    path("submissions/<int:pk>/", views.SubmissionDetailView.as_view(), name="submission_detail"),
    path(
        "submissions/<int:pk>/<slug:action>/", views.SubmissionActionView.as_view(), name="submission_action"
    ),
    path("flags/<int:pk>/answer/", views.FlagAnswerView.as_view(), name="flag_answer"),
    path("late/", views.LateView.as_view(), name="late"),
    path("filing/", views.FilingView.as_view(), name="filing"),
]
