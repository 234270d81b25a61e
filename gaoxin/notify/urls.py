from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/", views.MessageDetailView.as_view(), name="message_detail"),
    path("<int:pk>/read/", views.MarkReadView.as_view(), name="message_read"),
    path("read/", views.MarkReadView.as_view(), name="message_read_all"),
    path("mute/", views.MuteView.as_view(), name="mute"),
]
