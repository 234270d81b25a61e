"""The CSRF refusal in the site's layout and in Chinese (Django's own page is English and
bare). The 400/403/404/500 pages are the templates of the same names."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults


def wants_json(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    """404: JSON for the API (a route that does not exist, an id that is not a UUID), the
    site's page otherwise."""
    if wants_json(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if wants_json(request):
        return JsonResponse({"detail": _("A server error occurred.")}, status=500)
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    message = _(
        "The page has expired or the form came from another site, so nothing was saved. "
        "Reload the page and send the form again."
    )
    return render(request, "403.html", {"exception": message}, status=403)
