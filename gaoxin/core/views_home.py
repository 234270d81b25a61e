"""The home page (an overview built from panels the apps provide), the account page and
the health check."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_safe

from . import roles, todo, two_factor

PANELS: list = []


def panel(order: int = 100):
    """Register ``func(request) -> {"template": …, **context}`` as a home-page panel."""

    def wrap(func):
        PANELS.append((order, func))
        PANELS.sort(key=lambda item: item[0])
        return func

    return wrap


class HomeView(LoginRequiredMixin, View):
    """My work (待办) above the panels, for every role: staff get the panels the apps give
    them, a firm's user the panels about its own firm (its enterprise page is one click
    away). Leaders keep the cockpit as their home; it carries a compact 待办 strip."""

    def get(self, request):
        if roles.Role.LEADER in roles.roles_of(request.user) and request.user.has_perm("goals.view_goal"):
            return redirect("goals:cockpit")  # the leaders' home page is the cockpit
        if not PANELS:
            autodiscover_modules("panels")
        panels = [p for p in (func(request) for _order, func in PANELS) if p]
        groups = todo.cached_for_user(request.user)
        context = {
            "title": _("Overview"),
            "panels": panels,
            "todo_groups": groups,
            "todo_total": todo.total(groups),
        }
        return render(request, "core/home.html", context)


def locked_out(request, response=None, credentials=None, *args, **kwargs):
    """django-axes' answer to a locked user name + address: 429, in Chinese, with the wait."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every user changes their own password (not only staff through the admin); the session
    stays signed in, the change is audited (core.audit's auth events)."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed."))
        return response


class AccountView(LoginRequiredMixin, View):
    def get(self, request):
        offered = two_factor.applies_to(request.user)
        context = {
            "title": _("My account"),
            "two_factor_offered": offered,
            "two_factor_on": offered and two_factor.confirmed_device(request.user) is not None,
        }
        return render(request, "core/account.html", context)


@require_safe
def healthz(request):
    """200 when the database answers; 503 otherwise (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return HttpResponse("ok", content_type="text/plain")
