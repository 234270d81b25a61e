from django.urls import path

from . import views_audit

app_name = "audit"
urlpatterns = [
    path("", views_audit.ChangeListView.as_view(), name="change_list"),
    path("<int:pk>/", views_audit.ChangeDetailView.as_view(), name="change_detail"),
    path("sign-ins/", views_audit.AuthEventListView.as_view(), name="authevent_list"),
]
