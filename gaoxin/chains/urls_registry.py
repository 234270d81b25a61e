"""The company registry's pages (views_registry)."""

from django.urls import path

from . import views_registry as views

urlpatterns: list = [
    path("registry/", views.CompanyListView.as_view(), name="company_list"),
    path("registry/<int:pk>/", views.CompanyDetailView.as_view(), name="company_detail"),
    path("registry/import/", views.RegistryImportView.as_view(), name="registry_import"),
    path("registry/import/<uuid:pk>/", views.RegistryJobView.as_view(), name="registry_job"),
]
