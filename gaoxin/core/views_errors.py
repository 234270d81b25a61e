"""The CSRF refusal in the site's layout and in Chinese (Django's own page is English and
bare). The 400/403/404/500 pages are the templates of the same names."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request, reason=""):
    message = _(
        "The page has expired or the form came from another site, so nothing was saved. "
        "Reload the page and send the form again."
    )
    return render(request, "403.html", {"exception": message}, status=403)
