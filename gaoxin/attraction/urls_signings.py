"""Signings, screening standards and the commitment check."""

from django.urls import path

from . import views_signings as views

urlpatterns = [
    path("signings/", views.SigningListView.as_view(), name="signing_list"),
    path("signings/add/", views.SigningEditView.as_view(), name="signing_add"),
    path("signings/<int:pk>/", views.SigningDetailView.as_view(), name="signing_detail"),
    path("signings/<int:pk>/edit/", views.SigningEditView.as_view(), name="signing_edit"),
    path("signings/<int:pk>/verify/", views.SigningVerifyView.as_view(), name="signing_verify"),
    path("signings/<int:pk>/to-project/", views.SigningToProjectView.as_view(), name="signing_to_project"),
    path("screening-standards/", views.StandardListView.as_view(), name="standard_list"),
    path("screening-standards/add/", views.StandardEditView.as_view(), name="standard_add"),
    path("screening-standards/<int:pk>/edit/", views.StandardEditView.as_view(), name="standard_edit"),
    path("commitments/", views.CommitmentListView.as_view(), name="commitment_list"),
]
