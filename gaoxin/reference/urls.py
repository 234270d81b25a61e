from django.urls import path

from . import views

app_name = "reference"
urlpatterns = [path("industries/options/", views.industry_options, name="industry_options")]
