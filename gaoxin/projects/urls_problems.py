"""The problem list (问题清单) and its workflow."""

from django.urls import path

from . import views_problems as views

urlpatterns = [
    path("problems/", views.ProblemListView.as_view(), name="problem_list"),
    path("problems/add/", views.ProblemEditView.as_view(), name="problem_add"),
    path("problems/<int:pk>/", views.ProblemDetailView.as_view(), name="problem_detail"),
    path("problems/<int:pk>/edit/", views.ProblemEditView.as_view(), name="problem_edit"),
    path("problems/<int:pk>/transition/", views.ProblemTransitionView.as_view(), name="problem_transition"),
]
