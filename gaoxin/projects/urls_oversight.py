"""Leaders' and departments' pages, the lights at a glance and the scheduling pack."""

from django.urls import path

from . import views_oversight as views

urlpatterns = [
    path("leaders/<int:pk>/", views.LeaderProjectsView.as_view(), name="leader_projects"),
    path("mine/", views.my_projects, name="my_projects"),
    path("departments/mine/", views.my_department, name="my_department"),
    path("departments/<int:pk>/", views.DepartmentPageView.as_view(), name="department_page"),
    path("lights/", views.LightsOverviewView.as_view(), name="lights_overview"),
    path("pack/", views.PackView.as_view(), name="pack"),
]
