from django.urls import path

from . import views

app_name = "policies"
urlpatterns = [
    path("", views.PolicyListView.as_view(), name="policy_list"),
    path("add/", views.PolicyEditView.as_view(), name="policy_add"),
    path("<int:pk>/", views.PolicyDetailView.as_view(), name="policy_detail"),
    path("<int:pk>/edit/", views.PolicyEditView.as_view(), name="policy_edit"),
    path("<int:pk>/status/", views.PolicyStatusView.as_view(), name="policy_status"),
    path("<int:pk>/full-text/", views.policy_full_text, name="policy_full_text"),
    path("catalogue/", views.catalogue_page, name="catalogue"),
    path("clauses/", views.ClauseListView.as_view(), name="clause_list"),
    path("clauses/add/", views.ClauseEditView.as_view(), name="clause_add"),
    path("clauses/<int:pk>/", views.ClauseDetailView.as_view(), name="clause_detail"),
    path("clauses/<int:pk>/edit/", views.ClauseEditView.as_view(), name="clause_edit"),
    path("clauses/<int:pk>/trial/", views.clause_trial, name="clause_trial"),
    path("clauses/<int:pk>/matches/", views.clause_matches, name="clause_matches"),
    path("clauses/<int:pk>/propose/", views.disbursement_propose, name="disbursement_propose"),
    path("check/<int:enterprise_pk>/", views.policy_check_page, name="policy_check"),
    path("disbursements/", views.DisbursementListView.as_view(), name="disbursement_list"),
    path("disbursements/<int:pk>/", views.DisbursementDetailView.as_view(), name="disbursement_detail"),
    path("disbursements/<int:pk>/<slug:step>/", views.disbursement_step, name="disbursement_step"),
    path("notices/", views.notice_list, name="notice_list"),
    path("effect/", views.policy_effect_page, name="effect"),
]
