"""Leads, their board and moves, activities, a company's timeline, people's pages."""

from django.urls import path

from . import views_leads as views

urlpatterns = [
    path("leads/", views.LeadListView.as_view(), name="lead_list"),
    path("leads/board/", views.LeadBoardView.as_view(), name="lead_board"),
    path("leads/add/", views.LeadEditView.as_view(), name="lead_add"),
    path("leads/mine/", views.MyLeadsView.as_view(), name="my_leads"),
    path("leads/<int:pk>/", views.LeadDetailView.as_view(), name="lead_detail"),
    path("leads/<int:pk>/edit/", views.LeadEditView.as_view(), name="lead_edit"),
    path("leads/<int:pk>/move/", views.LeadMoveView.as_view(), name="lead_move"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/add/", views.ActivityEditView.as_view(), name="activity_add"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("companies/<int:pk>/timeline/", views.CompanyTimelineView.as_view(), name="company_timeline"),
    path("departments/<int:pk>/", views.DepartmentLeadsView.as_view(), name="department_leads"),
]
