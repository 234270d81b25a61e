from django.urls import path

from . import views
from . import views_allocation as alloc

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
    path("requests/", alloc.LandRequestListView.as_view(), name="landrequest_list"),
    path("requests/add/", alloc.LandRequestEditView.as_view(), name="landrequest_add"),
    path("requests/<int:pk>/", alloc.LandRequestDetailView.as_view(), name="landrequest_detail"),
    path("requests/<int:pk>/edit/", alloc.LandRequestEditView.as_view(), name="landrequest_edit"),
    path("requests/<int:pk>/history/", alloc.LandRequestHistoryView.as_view(), name="landrequest_history"),
    path("requests/<int:pk>/matching/", alloc.LandRequestMatchView.as_view(), name="landrequest_match"),
    path("requests/<int:pk>/reserve/", alloc.ReserveView.as_view(), name="landrequest_reserve"),
    path("requests/<int:pk>/withdraw/", alloc.WithdrawView.as_view(), name="landrequest_withdraw"),
    path("allocations/", alloc.AllocationListView.as_view(), name="allocation_list"),
    path("allocations/unkept/", alloc.UnkeptListView.as_view(), name="allocation_unkept"),
    path("allocations/<int:pk>/", alloc.AllocationDetailView.as_view(), name="allocation_detail"),
    path("allocations/<int:pk>/history/", alloc.AllocationHistoryView.as_view(), name="allocation_history"),
    path("allocations/<int:pk>/supply/", alloc.SupplyView.as_view(), name="allocation_supply"),
    path("allocations/<int:pk>/release/", alloc.ReleaseView.as_view(), name="allocation_release"),
]
