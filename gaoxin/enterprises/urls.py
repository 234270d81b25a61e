from django.urls import path

from . import views

app_name = "enterprises"
urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("add/", views.EnterpriseEditView.as_view(), name="enterprise_add"),
    path("mine/", views.my_enterprise, name="my_enterprise"),
    path("options/", views.enterprise_options, name="enterprise_options"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise_detail"),
    path("<int:pk>/edit/", views.EnterpriseEditView.as_view(), name="enterprise_edit"),
    path("<int:pk>/status/", views.EnterpriseStatusView.as_view(), name="enterprise_status"),
    path("<int:pk>/delete/", views.EnterpriseDeleteView.as_view(), name="enterprise_delete"),
    path(
        "<int:pk>/qualifications/",
        views.EnterpriseQualificationsView.as_view(),
        name="enterprise_qualifications",
    ),
    path("<int:pk>/facts/", views.EnterpriseFactsView.as_view(), name="enterprise_facts"),
    path("<int:pk>/ip/", views.EnterpriseIPView.as_view(), name="enterprise_ip"),
    path("<int:pk>/equity/", views.EnterpriseEquityView.as_view(), name="enterprise_equity"),
    path("<int:parent_pk>/ip/add/", views.IPAssetEditView.as_view(), name="ipasset_add"),
    path("<int:parent_pk>/equity/add/", views.EquityFinancingEditView.as_view(), name="equityfinancing_add"),
    path("ip/", views.IPAssetListView.as_view(), name="ipasset_list"),
    path("ip/<int:pk>/edit/", views.IPAssetEditView.as_view(), name="ipasset_edit"),
    path("ip/<int:pk>/delete/", views.IPAssetDeleteView.as_view(), name="ipasset_delete"),
    path("equity/", views.EquityFinancingListView.as_view(), name="equityfinancing_list"),
    path("equity/<int:pk>/edit/", views.EquityFinancingEditView.as_view(), name="equityfinancing_edit"),
    path("equity/<int:pk>/delete/", views.EquityFinancingDeleteView.as_view(), name="equityfinancing_delete"),
    path("<int:pk>/tabs/<slug:code>/", views.EnterpriseTabView.as_view(), name="enterprise_tab"),
    path("<int:pk>/history/", views.EnterpriseHistoryView.as_view(), name="enterprise_history"),
    path(
        "<int:parent_pk>/qualifications/add/", views.QualificationEditView.as_view(), name="qualification_add"
    ),
    path("<int:parent_pk>/facts/add/", views.AnnualFactsEditView.as_view(), name="annualfacts_add"),
    path("<int:parent_pk>/contacts/add/", views.ContactEditView.as_view(), name="contact_add"),
    path("qualifications/", views.QualificationListView.as_view(), name="qualification_list"),
    path("qualifications/<int:pk>/edit/", views.QualificationEditView.as_view(), name="qualification_edit"),
    path(
        "qualifications/<int:pk>/delete/",
        views.QualificationDeleteView.as_view(),
        name="qualification_delete",
    ),
    path("facts/", views.AnnualFactsListView.as_view(), name="annualfacts_list"),
    path("facts/<int:pk>/edit/", views.AnnualFactsEditView.as_view(), name="annualfacts_edit"),
    path("facts/<int:pk>/delete/", views.AnnualFactsDeleteView.as_view(), name="annualfacts_delete"),
    path("contacts/<int:pk>/edit/", views.ContactEditView.as_view(), name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.ContactDeleteView.as_view(), name="contact_delete"),
]
