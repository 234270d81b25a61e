from django.urls import path

from . import views

app_name = "land"
urlpatterns = [
    path("", views.ParcelListView.as_view(), name="parcel_list"),
    path("add/", views.ParcelEditView.as_view(), name="parcel_add"),
    path("map/", views.ParcelMapView.as_view(), name="parcel_map"),
    path("<int:pk>/", views.ParcelDetailView.as_view(), name="parcel_detail"),
    path("<int:pk>/edit/", views.ParcelEditView.as_view(), name="parcel_edit"),
    path("<int:pk>/history/", views.ParcelHistoryView.as_view(), name="parcel_history"),
    path("p/<str:token>/", views.public_parcel, name="public_parcel"),
    path("firm-land/", views.FirmLandListView.as_view(), name="firmland_list"),
    path("firm-land/add/", views.FirmLandEditView.as_view(), name="firmland_add"),
    path("firm-land/<int:pk>/edit/", views.FirmLandEditView.as_view(), name="firmland_edit"),
    path("mu/", views.MuSchemeListView.as_view(), name="muscheme_list"),
    path("mu/add/", views.MuSchemeEditView.as_view(), name="scheme_add"),
    path("mu/<int:pk>/", views.MuSchemeDetailView.as_view(), name="scheme_detail"),
    path("mu/<int:pk>/edit/", views.MuSchemeEditView.as_view(), name="scheme_edit"),
    path("mu/<int:pk>/publish/", views.MuSchemePublishView.as_view(), name="scheme_publish"),
    path("mu/<int:pk>/firms/<int:enterprise_pk>/", views.MuFirmSheetView.as_view(), name="firm_sheet"),
    path("mu/<int:parent_pk>/indicators/add/", views.MuIndicatorEditView.as_view(), name="indicator_add"),
    path("mu/indicators/<int:pk>/edit/", views.MuIndicatorEditView.as_view(), name="indicator_edit"),
    path("mu/<int:parent_pk>/exemptions/add/", views.MuExemptionEditView.as_view(), name="exemption_add"),
    path("mu/exemptions/<int:pk>/edit/", views.MuExemptionEditView.as_view(), name="exemption_edit"),
    path("mu/<int:parent_pk>/measures/add/", views.GradeMeasureEditView.as_view(), name="measure_add"),
    path("mu/measures/<int:pk>/edit/", views.GradeMeasureEditView.as_view(), name="measure_edit"),
]
