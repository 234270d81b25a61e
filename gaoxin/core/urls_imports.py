from django.urls import path

from . import views_imports

app_name = "imports"
urlpatterns = [
    path("", views_imports.ImportView.as_view(), name="import"),
    path("<uuid:pk>/", views_imports.ImportJobView.as_view(), name="job"),
    path("<uuid:pk>/errors/", views_imports.ImportErrorsView.as_view(), name="errors"),
    path("<uuid:pk>/commit/", views_imports.ImportCommitView.as_view(), name="commit"),
    path("template/<slug:kind>/", views_imports.TemplateView.as_view(), name="template"),
    path("export/<slug:kind>/", views_imports.ExportView.as_view(), name="export"),
]
