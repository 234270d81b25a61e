"""Signings, their funds in place, screening standards and the commitment check."""

from django.urls import path

from . import views_signings as views

urlpatterns = [
    path("signings/", views.SigningListView.as_view(), name="signing_list"),
    path("signings/add/", views.SigningEditView.as_view(), name="signing_add"),
    path("signings/<int:pk>/", views.SigningDetailView.as_view(), name="signing_detail"),
    path("signings/<int:pk>/edit/", views.SigningEditView.as_view(), name="signing_edit"),
    path("signings/<int:pk>/verify/", views.SigningVerifyView.as_view(), name="signing_verify"),
    path("signings/<int:pk>/to-project/", views.SigningToProjectView.as_view(), name="signing_to_project"),
    path("signings/<int:pk>/funds/", views.SigningFundsView.as_view(), name="signing_funds"),
    path(
        "signings/<int:parent_pk>/funds/add/",
        views.SigningFundingEditView.as_view(),
        name="signingfunding_add",
    ),
    path("signing-funds/", views.SigningFundingListView.as_view(), name="signingfunding_list"),
    path("signing-funds/<int:pk>/edit/", views.SigningFundingEditView.as_view(), name="signingfunding_edit"),
    path("screening-standards/", views.StandardListView.as_view(), name="standard_list"),
    path("screening-standards/add/", views.StandardEditView.as_view(), name="standard_add"),
    path("screening-standards/<int:pk>/edit/", views.StandardEditView.as_view(), name="standard_edit"),
    path("commitments/", views.CommitmentListView.as_view(), name="commitment_list"),
]
