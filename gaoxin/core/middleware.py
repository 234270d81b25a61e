"""Request-wide machinery: the change context for the audit log, the upload limit, and the
idle session's renewal."""

import time

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .context import change_context


def source_for_path(path: str) -> str:
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    return "web"


class RequestContextMiddleware:
    """Give each request its own id and let the audit log find the user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with change_context(request=request, source=source_for_path(request.path)) as ctx:
            request.request_id = ctx.request_id
            response = self.get_response(request)
        response["X-Request-ID"] = str(ctx.request_id)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            # a signed-in page or export is nobody else's: no shared or browser cache keeps it
            response["Cache-Control"] = "no-store, private"
        return response


class UploadLimitMiddleware:
    """Refuse a request body above GAOXIN_MAX_UPLOAD_MB from its Content-Length header,
    before a single byte is read: a 200 MB upload never reaches memory or disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_UPLOAD_BYTES
        if length > limit:
            message = _(
                "The upload is %(size)s MB; the limit is %(limit)s MB. Split the file and try again."
            ) % {
                "size": round(length / 1024 / 1024, 1),
                "limit": limit // 1024 // 1024,
            }
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            response = TemplateResponse(
                request, "core/error.html", {"title": _("File too large"), "message": message}, status=413
            )
            return response.render()
        return self.get_response(request)


class SessionRenewalMiddleware:
    """Sessions end after GAOXIN_SESSION_IDLE_MINUTES without a request: a signed-in
    session's expiry (and its cookie) is moved forward at most once per
    ``SESSION_RENEW_SECONDS`` (60), not on every request — saving it each time was an UPDATE
    and a commit per page view. The idle limit holds to within that minute."""

    KEY = "_renewed"

    @classmethod
    def signed_in(cls, sender, request, user, **kwargs) -> None:
        """A sign-in saves the session anyway: it counts as its first renewal."""
        if getattr(request, "session", None) is not None:
            request.session[cls.KEY] = int(time.time())

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty() and session.get("_auth_user_id"):
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                session[self.KEY] = now  # modified: Django's SessionMiddleware saves it
        return response
