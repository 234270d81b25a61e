from django.urls import path

from . import views

app_name = "payouts"
urlpatterns = [
    path("", views.PayoutListView.as_view(), name="payout_list"),
    path("add/", views.PayoutEditView.as_view(), name="payout_add"),
    path("totals/", views.PayoutTotalsView.as_view(), name="payout_totals"),
    path("<int:pk>/", views.PayoutDetailView.as_view(), name="payout_detail"),
    path("<int:pk>/edit/", views.PayoutEditView.as_view(), name="payout_edit"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
]
