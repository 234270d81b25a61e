from django.urls import path

from . import views_audit

app_name = "audit"
urlpatterns = [
    path("", views_audit.ChangeListView.as_view(), name="change_list"),
    path("<int:pk>/", views_audit.ChangeDetailView.as_view(), name="change_detail"),
]
