from django.urls import path

from . import views

app_name = "zone"
urlpatterns = [
    path("parks/", views.ParkListView.as_view(), name="park_list"),
    path("parks/add/", views.ParkEditView.as_view(), name="park_add"),
    path("parks/<int:pk>/", views.ParkDetailView.as_view(), name="park_detail"),
    path("parks/<int:pk>/edit/", views.ParkEditView.as_view(), name="park_edit"),
    path("parks/<int:pk>/history/", views.ParkHistoryView.as_view(), name="park_history"),
]
