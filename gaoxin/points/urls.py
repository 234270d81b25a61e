from django.urls import path

from . import views

app_name = "points"
urlpatterns = [
    path("", views.PointsListView.as_view(), name="points_list"),
    path("firms/<int:pk>/", views.SheetView.as_view(), name="sheet"),
    path("bank-export/", views.BankExportView.as_view(), name="bank_export"),
    path("schemes/", views.SchemeListView.as_view(), name="pointscheme_list"),
    path("schemes/<int:pk>/", views.SchemeDetailView.as_view(), name="scheme_detail"),
    path("schemes/<int:pk>/weights/", views.SchemeWeightsView.as_view(), name="scheme_weights"),
    path("schemes/<int:pk>/stage-rules/", views.StageRulesView.as_view(), name="stage_rules"),
    path("consents/", views.ConsentListView.as_view(), name="consent_list"),
    path("consents/add/", views.ConsentEditView.as_view(), name="consent_add"),
    path("consents/<int:pk>/edit/", views.ConsentEditView.as_view(), name="consent_edit"),
    path("loans/", views.LoanListView.as_view(), name="pointloan_list"),
    path("loans/add/", views.LoanEditView.as_view(), name="loan_add"),
    path("loans/<int:pk>/edit/", views.LoanEditView.as_view(), name="loan_edit"),
]
