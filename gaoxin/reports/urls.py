from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [path("brief.<slug:fmt>", views.BriefView.as_view(), name="brief")]
