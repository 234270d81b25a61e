"""Problems, leaders' and departments' pages, lights and the scheduling pack."""

from django.urls import path

from . import views_work as views

urlpatterns = [
    path("problems/", views.ProblemListView.as_view(), name="problem_list"),
    path("problems/add/", views.ProblemEditView.as_view(), name="problem_add"),
    path("problems/<int:pk>/", views.ProblemDetailView.as_view(), name="problem_detail"),
    path("problems/<int:pk>/edit/", views.ProblemEditView.as_view(), name="problem_edit"),
    path("problems/<int:pk>/transition/", views.ProblemTransitionView.as_view(), name="problem_transition"),
    path("leaders/<int:pk>/", views.LeaderProjectsView.as_view(), name="leader_projects"),
    path("mine/", views.my_projects, name="my_projects"),
    path("departments/<int:pk>/", views.DepartmentPageView.as_view(), name="department_page"),
    path("lights/", views.LightsOverviewView.as_view(), name="lights_overview"),
    path("pack/", views.PackView.as_view(), name="pack"),
]
