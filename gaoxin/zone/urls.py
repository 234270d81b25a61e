from django.urls import path

from . import views

app_name = "zone"
urlpatterns = [
    path("parks/", views.ParkListView.as_view(), name="park_list"),
    path("parks/add/", views.ParkEditView.as_view(), name="park_add"),
    path("parks/<int:pk>/", views.ParkDetailView.as_view(), name="park_detail"),
    path("parks/<int:pk>/edit/", views.ParkEditView.as_view(), name="park_edit"),
    path("parks/<int:pk>/history/", views.ParkHistoryView.as_view(), name="park_history"),
    path("calendar/", views.CalendarOverrideListView.as_view(), name="calendaroverride_list"),
    path("calendar/add/", views.CalendarOverrideEditView.as_view(), name="calendaroverride_add"),
    path("calendar/<int:pk>/", views.CalendarOverrideDetailView.as_view(), name="calendaroverride_detail"),
    path("calendar/<int:pk>/edit/", views.CalendarOverrideEditView.as_view(), name="calendaroverride_edit"),
    path(
        "calendar/<int:pk>/history/",
        views.CalendarOverrideHistoryView.as_view(),
        name="calendaroverride_history",
    ),
    path(
        "calendar/<int:pk>/delete/",
        views.CalendarOverrideDeleteView.as_view(),
        name="calendaroverride_delete",
    ),
]
