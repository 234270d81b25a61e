"""Sign-ins, sign-outs and refused sign-ins as ``AuthEvent`` rows, from Django's auth signals.

The address is the connection's (``REMOTE_ADDR``); behind a reverse proxy the installation
says so (``GAOXIN_TRUST_X_FORWARDED_FOR``) and the first address of ``X-Forwarded-For`` — the
client as the proxy saw it — is recorded instead. Without that setting the header is ignored:
any client can write it.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from .models import AuthEvent


def client_ip(request) -> str | None:
    """The client's IP address, or None when the request gives no valid one."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        address = forwarded or address
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def record(kind: str, request, user=None, username: str = "") -> AuthEvent:
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return AuthEvent.objects.create(
        kind=kind,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        ip=client_ip(request),
        user_agent=agent[:300],
    )


def _logged_in(sender, request, user, **kwargs):
    record(AuthEvent.Kind.LOGIN, request, user)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:  # signing out when not signed in is no event
        record(AuthEvent.Kind.LOGOUT, request, user)


def _login_failed(sender, credentials, request=None, **kwargs):
    record(AuthEvent.Kind.FAILED, request, username=str(credentials.get("username", "")))


def connect_signals() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="gaoxin_auth_login")
    user_logged_out.connect(_logged_out, dispatch_uid="gaoxin_auth_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="gaoxin_auth_failed")
