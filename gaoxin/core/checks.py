"""Deployment checks of our own (``gaoxin check --deploy``) and the refusal to serve with
the public development key (``secure_or_refuse``, called by gaoxin.wsgi and gaoxin.asgi)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

KEY_MESSAGE = (
    "GAOXIN_SECRET_KEY (or GAOXIN_SECRET_KEY_FILE) is not set: the development key is public. "
    "Set a long random value (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
)


def insecure_key() -> bool:
    key = settings.SECRET_KEY or ""
    return key == settings.DEV_SECRET_KEY or len(key) < 32


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if insecure_key():
        return [checks.Error(KEY_MESSAGE, id="gaoxin.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_debug(app_configs, **kwargs):
    if settings.DEBUG:
        return [checks.Error("GAOXIN_DEBUG is true: tracebacks would reach users.", id="gaoxin.E002")]
    return []


def secure_or_refuse() -> None:
    """Serving with DEBUG off and the public key would let anyone forge sessions: refuse."""
    if not settings.DEBUG and insecure_key():
        raise ImproperlyConfigured(KEY_MESSAGE)


@checks.register(checks.Tags.security)
def check_otp_mode(app_configs, **kwargs):
    from .two_factor import MODES

    if settings.OTP_ADMINS not in MODES:
        return [
            checks.Error(
                f"GAOXIN_OTP_ADMINS is {settings.OTP_ADMINS!r}; it must be one of {', '.join(MODES)}.",
                id="gaoxin.E003",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_otp_required(app_configs, **kwargs):
    if settings.OTP_ADMINS != "required":
        return [
            checks.Warning(
                f"GAOXIN_OTP_ADMINS is {settings.OTP_ADMINS!r}: administrators may sign in with a "
                "password alone.",
                hint="Set GAOXIN_OTP_ADMINS=required (each administrator enrols an authenticator app "
                "at /account/otp/ on the next sign-in; docs/operations.md).",
                id="gaoxin.W001",
            )
        ]
    return []
