from django.urls import path

from . import views

app_name = "cultivation"

urlpatterns = [
    path("candidates/", views.CandidateListView.as_view(), name="candidate_list"),
    path("platforms/", views.PlatformListView.as_view(), name="platform_list"),
    path("batches/", views.BatchListView.as_view(), name="batch_list"),
    path("batches/<int:pk>/", views.BatchDetailView.as_view(), name="batch_detail"),
]
