from django.urls import path

from . import views, views_dossier

app_name = "portal"
urlpatterns = [
    path("requests/", views.RequestListView.as_view(), name="request_list"),
    path("requests/add/", views.RequestCreateView.as_view(), name="request_add"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/<slug:step>/", views.RequestStepView.as_view(), name="request_step"),
    path("attachments/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("accounts/", views.FirmUserListView.as_view(), name="firmuser_list"),
    path("accounts/<int:pk>/<slug:step>/", views.FirmUserStepView.as_view(), name="firmuser_step"),
    path(
        "invitations/<int:pk>/withdraw/", views.InvitationWithdrawView.as_view(), name="invitation_withdraw"
    ),
    path("invite/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("dossier/", views_dossier.DossierView.as_view(), name="dossier"),
    path("corrections/add/", views_dossier.CorrectionCreateView.as_view(), name="correction_add"),
    path("department-scores/", views.DepartmentScoresView.as_view(), name="department_scores"),
]
