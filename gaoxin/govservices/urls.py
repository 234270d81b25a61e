from django.urls import path

from . import views

app_name = "govservices"
urlpatterns = [
    path("", views.ServiceItemListView.as_view(), name="serviceitem_list"),
    path("add/", views.ServiceItemEditView.as_view(), name="serviceitem_add"),
    path("<int:pk>/", views.ServiceItemDetailView.as_view(), name="serviceitem_detail"),
    path("<int:pk>/edit/", views.ServiceItemEditView.as_view(), name="serviceitem_edit"),
]
