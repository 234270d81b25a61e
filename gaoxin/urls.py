from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from gaoxin.core import views_home, views_otp, views_search, views_todo

urlpatterns = [
    path("", views_home.HomeView.as_view(), name="home"),
    path("healthz", views_home.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("search/", views_search.SearchView.as_view(), name="search"),
    path("search/suggest/", views_search.SuggestView.as_view(), name="search_suggest"),
    path("todo/", views_todo.TodoView.as_view(), name="todo"),
    path("account/", views_home.AccountView.as_view(), name="account"),
    path("account/password/", views_home.PasswordChangeView.as_view(), name="password_change"),
    path("account/otp/", views_otp.SetupView.as_view(), name="otp_setup"),
    path("account/otp/backup-codes/", views_otp.BackupCodesView.as_view(), name="otp_backup_codes"),
    path("account/otp/remove/", views_otp.DisableView.as_view(), name="otp_disable"),
    path("login/code/", views_otp.VerifyView.as_view(), name="otp_verify"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("audit/", include("gaoxin.core.urls_audit")),
    path("imports/", include("gaoxin.core.urls_imports")),
    path("zone/", include("gaoxin.zone.urls")),
    path("enterprises/", include("gaoxin.enterprises.urls")),
    path("reference/", include("gaoxin.reference.urls")),
    path("economy/", include("gaoxin.indicators.urls")),
    path("cockpit/", include("gaoxin.goals.urls")),
    path("projects/", include("gaoxin.projects.urls")),
    path("chains/", include("gaoxin.chains.urls")),
    path("attraction/", include("gaoxin.attraction.urls")),
    path("land/", include("gaoxin.land.urls")),
    path("payouts/", include("gaoxin.payouts.urls")),
    path("points/", include("gaoxin.points.urls")),
    path("cultivation/", include("gaoxin.cultivation.urls")),
    path("reports/", include("gaoxin.reports.urls")),
    path("policies/", include("gaoxin.policies.urls")),
    path("talent/", include("gaoxin.talent.urls")),
    path("portal/", include("gaoxin.portal.urls")),
    path("visits/", include("gaoxin.visits.urls")),
    path("services/", include("gaoxin.govservices.urls")),
    path("messages/", include("gaoxin.notify.urls")),
    path("api/", include("gaoxin.api_urls")),
    path("admin/", admin.site.urls),
]

handler404 = "gaoxin.core.views_errors.page_not_found"
handler500 = "gaoxin.core.views_errors.server_error"
