from django.urls import path

from . import views

app_name = "visits"
urlpatterns = [
    path("", views.VisitListView.as_view(), name="visit_list"),
    path("add/", views.VisitEditView.as_view(), name="visit_add"),
    path("findings/", views.FindingListView.as_view(), name="finding_list"),
    path("<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("<int:pk>/edit/", views.VisitEditView.as_view(), name="visit_edit"),
    path("<int:pk>/raise-requests/", views.VisitRaiseRequestsView.as_view(), name="visit_raise_requests"),
    path("plans/", views.VisitPlanListView.as_view(), name="visitplan_list"),
    path("plans/add/", views.VisitPlanEditView.as_view(), name="visitplan_add"),
    path("plans/<int:pk>/", views.VisitPlanDetailView.as_view(), name="visitplan_detail"),
    path("plans/<int:pk>/edit/", views.VisitPlanEditView.as_view(), name="visitplan_edit"),
    path("questions/", views.VisitQuestionListView.as_view(), name="visitquestion_list"),
    path("questions/add/", views.VisitQuestionEditView.as_view(), name="visitquestion_add"),
    path("questions/<int:pk>/", views.VisitQuestionDetailView.as_view(), name="visitquestion_detail"),
    path("questions/<int:pk>/edit/", views.VisitQuestionEditView.as_view(), name="visitquestion_edit"),
]
