"""Two-factor sign-in of administrators (issue 12.4): an authenticator app (TOTP, django-otp)
plus ten one-time backup codes, asked after the password.

Who is asked: administrators — superusers and staff, the people who reach ``/admin/`` — and
only while ``GAOXIN_OTP_ADMINS`` is not "off". "optional": an administrator who enrolled at
``/account/otp/`` gives a code after the password; "required": an administrator without a
device is sent to enrolment before any other page. Clerks, leaders, firms and auditors are
never asked.

The session counts as verified when django-otp's ``OTPMiddleware`` finds the device that
passed the code in it (``request.user.is_verified()``); ``SecondStepMiddleware`` sends an
unverified administrator to the code (or to enrolment) before any view, ``/admin/`` and the
session API included. API tokens are not affected: a token is made only by an administrator
(``gaoxin drf_create_token``, or the admin's 令牌 page, which itself needs the second step) —
no page or API lets a session make one.

Wrong codes wait 1, 2, 4, 8 … seconds per device (django-otp's throttling); every
enrolment, passed or wrong code, removal and reset is an ``AuthEvent`` with address and browser.
"""

from base64 import b32encode
from dataclasses import dataclass

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .auth_events import record
from .context import current
from .models import AuthEvent

MODES = ("required", "optional", "off")
TOTP_NAME = "authenticator"
BACKUP_NAME = "backup"


def mode() -> str:
    """The setting; an unknown value counts as "required" (and ``check`` reports it)."""
    value = settings.OTP_ADMINS
    return value if value in MODES else "required"


_ZONE_NAME: list = []


def zone_name_source(func):
    """Name the function answering "what is the zone called" (the zone app does)."""
    _ZONE_NAME[:] = [func]
    return func


def issuer() -> str:
    """What the authenticator app shows above the code: Gaoxin and the zone's name."""
    zone = _ZONE_NAME[0]() if _ZONE_NAME else None
    return f"Gaoxin {zone}".replace(":", "") if zone else "Gaoxin"


def is_administrator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or user.is_staff))


def applies_to(user) -> bool:
    return mode() != "off" and is_administrator(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def pending_step(user) -> str | None:
    """ "verify" (the code is due), "enrol" (required and no device yet) or None."""
    if not applies_to(user) or is_verified(user):
        return None
    if confirmed_device(user) is not None:
        return "verify"
    return "enrol" if mode() == "required" else None


# --- enrolment --------------------------------------------------------------------------


def enrolment_device(user) -> TOTPDevice:
    """The device being enrolled: one unconfirmed TOTP device per person, kept across
    reloads of the page so the QR code scanned stays the one that is checked."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it by hand: base32 in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: URI (an <img>, no script)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2, dark="#182433")


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").strip().lower() if ch.isalnum())


def new_backup_codes(user) -> list[str]:
    """Ten fresh one-time codes (the old ones stop working); shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.OTP_BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def confirm_enrolment(request, device: TOTPDevice, code: str) -> list[str] | None:
    """The first code from the app confirms the device; the session counts as verified and
    the backup codes are made. None (and an AuthEvent) for a wrong code."""
    allowed, _info = device.verify_is_allowed()
    with transaction.atomic():
        accepted = allowed and device.verify_token(normalise(code))
    if not accepted:
        record(AuthEvent.Kind.OTP_FAILED, request, device.user, detail=_zone_text(gettext_noop("Enrolment")))
        return None
    device.confirmed = True
    device.name = TOTP_NAME
    device.save()
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    codes = new_backup_codes(device.user)
    django_otp.login(request, device)
    record(AuthEvent.Kind.OTP_ENROLLED, request, device.user)
    return codes


# --- the second step --------------------------------------------------------------------


def throttle_message(device) -> str | None:
    """While the device waits after wrong codes (1, 2, 4 … seconds): until when, in words."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    until = timezone.localtime(info["locked_until"]) if info and info.get("locked_until") else None
    return _("Too many wrong codes. Try again after %(time)s.") % {
        "time": until.strftime("%H:%M:%S") if until else "—"
    }


@dataclass
class Outcome:
    accepted: bool
    message: str = ""


def _zone_text(msgid: str, **values) -> str:
    """A record's detail in the zone's language (like core.auth_events)."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(msgid) % values if values else gettext(msgid)


def check_code(request, user, code: str, sign_in: bool = True) -> Outcome:
    """A code from the app (six digits) or a backup code: accepted once, recorded either way.
    With ``sign_in`` the session is verified by the device that accepted it."""
    code = normalise(code)
    backup = not (code.isdigit() and len(code) == 6)
    model, label = (
        (StaticDevice, gettext_noop("Backup code"))
        if backup
        else (TOTPDevice, gettext_noop("Authenticator app"))
    )
    name = _zone_text(label)
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None or not code:
        record(AuthEvent.Kind.OTP_FAILED, request, user, detail=_zone_text(gettext_noop("No such code")))
        return Outcome(False, _("Wrong code. Enter the six digits the app shows now, or a backup code."))
    wait = throttle_message(device)
    if wait:
        record(
            AuthEvent.Kind.OTP_FAILED,
            request,
            user,
            detail=_zone_text(gettext_noop("%(device)s: refused, too many wrong codes"), device=name),
        )
        return Outcome(False, wait)
    verified = django_otp.verify_token(user, device.persistent_id, code)
    if verified is None:
        device.refresh_from_db()
        record(
            AuthEvent.Kind.OTP_FAILED,
            request,
            user,
            detail=_zone_text(
                gettext_noop("%(device)s: wrong code (%(count)s in a row)"),
                device=name,
                count=device.throttling_failure_count,
            ),
        )
        return Outcome(False, _("Wrong code. Enter the six digits the app shows now, or a backup code."))
    if sign_in:
        # the session is verified by the app even when a backup code let the person in
        django_otp.login(request, confirmed_device(user) or verified)
    left = verified.token_set.count() if backup else None
    detail = (
        _zone_text(gettext_noop("Backup code; %(left)s left"), left=left)
        if backup
        else _zone_text(gettext_noop("Authenticator app"))
    )
    if sign_in:
        record(AuthEvent.Kind.OTP_VERIFIED, request, user, detail=detail)
    return Outcome(True, _("%(left)s backup codes are left.") % {"left": left} if backup else "")


def remove_devices(user) -> int:
    """Every device of ``user`` (app and backup codes); the deletion signal records who did it."""
    count = TOTPDevice.objects.filter(user=user, confirmed=True).count()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return count


def _device_deleted(sender, instance, **kwargs):
    """post_delete of a confirmed TOTP device (the disable page, the admin's action or its
    device list, a script): removed by its owner, or reset by someone else."""
    if not instance.confirmed:
        return
    ctx = current()
    actor = ctx.user
    owner = instance.user
    if actor is not None and actor.pk == instance.user_id:
        record(AuthEvent.Kind.OTP_DISABLED, ctx.request, owner, actor=actor)
        return
    detail = (
        _zone_text(gettext_noop("Reset by %(name)s"), name=actor.get_username())
        if actor is not None
        else _zone_text(gettext_noop("Reset by a script"))
    )
    record(AuthEvent.Kind.OTP_RESET, ctx.request, owner, detail=detail, actor=actor)


def _device_added(sender, instance, created, raw=False, **kwargs):
    """post_save: a device made confirmed at once (the admin's "add TOTP device", a script) is
    an enrolment too; the page's enrolment confirms an existing device and records itself."""
    if raw or not created or not instance.confirmed:
        return
    ctx = current()
    actor = ctx.user
    detail = (
        _zone_text(gettext_noop("Added by %(name)s"), name=actor.get_username())
        if actor is not None and actor.pk != instance.user_id
        else ""
    )
    record(AuthEvent.Kind.OTP_ENROLLED, ctx.request, instance.user, detail=detail, actor=actor)


def connect_signals() -> None:
    post_delete.connect(_device_deleted, sender=TOTPDevice, dispatch_uid="gaoxin_otp_deleted")
    post_save.connect(_device_added, sender=TOTPDevice, dispatch_uid="gaoxin_otp_added")


# --- the gate ---------------------------------------------------------------------------

ALWAYS_OPEN = {"logout", "admin:logout", "set_language", "javascript-catalog", "healthz", "otp_verify"}
OPEN_FOR_ENROLMENT = {"otp_setup", "otp_backup_codes"}


class SecondStepMiddleware:
    """Before any view: an administrator whose session has not passed the code goes to the
    code page; in "required" mode, one without a device goes to enrolment. The session API
    answers 403 instead of a redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not is_administrator(user):
            return None
        step = pending_step(user)
        if step is None:
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in ALWAYS_OPEN or (step == "enrol" and name in OPEN_FOR_ENROLMENT):
            return None
        if request.path.startswith("/api/"):
            message = (
                _("Enter your one-time code first (sign in on the web page).")
                if step == "verify"
                else _("Set up your authenticator app first (/account/otp/).")
            )
            return JsonResponse({"detail": message}, status=403)
        target = "otp_verify" if step == "verify" else "otp_setup"
        url = reverse(target)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
