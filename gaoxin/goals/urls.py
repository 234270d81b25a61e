from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("", views.CockpitView.as_view(), name="cockpit"),
    path("goals/<int:pk>/", views.GoalDetailView.as_view(), name="goal_detail"),
]
