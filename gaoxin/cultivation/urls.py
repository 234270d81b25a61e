from django.urls import path

from . import views

app_name = "cultivation"

urlpatterns = [
    path("candidates/", views.CandidateListView.as_view(), name="candidate_list"),
    path("platforms/", views.PlatformListView.as_view(), name="platform_list"),
    path("platforms/add/", views.PlatformEditView.as_view(), name="platform_add"),
    path("platforms/<int:pk>/", views.PlatformDetailView.as_view(), name="platform_detail"),
    path("platforms/<int:pk>/edit/", views.PlatformEditView.as_view(), name="platform_edit"),
    path("new-species/", views.NewSpeciesRecordListView.as_view(), name="newspecies_list"),
    path("new-species/add/", views.NewSpeciesRecordEditView.as_view(), name="newspecies_add"),
    path("new-species/<int:pk>/edit/", views.NewSpeciesRecordEditView.as_view(), name="newspecies_edit"),
    path("expert-scores/", views.ExpertInputListView.as_view(), name="expertinput_list"),
    path("expert-scores/add/", views.ExpertInputEditView.as_view(), name="expertinput_add"),
    path("expert-scores/<int:pk>/edit/", views.ExpertInputEditView.as_view(), name="expertinput_edit"),
    path("batches/", views.BatchListView.as_view(), name="batch_list"),
    path("batches/<int:pk>/", views.BatchDetailView.as_view(), name="batch_detail"),
]
