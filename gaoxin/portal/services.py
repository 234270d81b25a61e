"""The portal's rules: firm accounts (invite, accept, rights, remove, the first administrator)
and the request workflow (raise, accept, answer, rate, reopen, reassign) with its deadlines in
working days (``zone.workdays``). Keyword-only functions that raise ``ValidationError`` /
``PermissionDenied``; pages and the API answer them."""

from __future__ import annotations

import datetime
import hashlib
import io
import secrets
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core import roles
from gaoxin.core.audit import log_change, serialize
from gaoxin.core.context import acting_as, change_message
from gaoxin.core.uscc import normalize
from gaoxin.enterprises.models import Enterprise, EnterpriseUser, firm_right
from gaoxin.zone.services import department_ids
from gaoxin.zone.workdays import add_working_days

from .models import FirmRequest, Invitation, RequestAttachment, RequestCategory, RequestEvent, is_firm_admin

RIGHTS = EnterpriseUser.RIGHTS
S = FirmRequest.Status
HANDLE_PERM = "portal.handle_firmrequest"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _within_hourly_limit(queryset, limit: int, what: str) -> None:
    since = timezone.now() - datetime.timedelta(hours=1)
    if queryset.filter(created_at__gte=since).count() >= limit:
        raise ValidationError(
            _("Too many %(what)s in the last hour (at most %(limit)s): try again later.")
            % {"what": what, "limit": limit}
        )


# --- firm accounts ------------------------------------------------------------------------


def _binding(user) -> EnterpriseUser | None:
    binding = getattr(user, "enterprise_binding", None) if getattr(user, "pk", None) else None
    return binding if binding is not None and binding.is_active else None


def require_firm_admin(user, enterprise_id: int) -> None:
    binding = _binding(user)
    if binding is None or binding.enterprise_id != enterprise_id or not binding.is_firm_admin:
        raise PermissionDenied(_("Only the firm's administrator manages the firm's accounts."))


def _clean_contact(phone: str, email: str) -> tuple[str, str]:
    phone, email = (phone or "").strip(), (email or "").strip().lower()
    if not phone and not email:
        raise ValidationError({"phone": _("Give the colleague's mobile phone or e-mail.")})
    if phone and not (phone.isdigit() and len(phone) == 11 and phone.startswith("1")):
        raise ValidationError({"phone": _("A mobile phone number has 11 digits and starts with 1.")})
    return phone, email


@transaction.atomic
def invitation_create(
    *, user, enterprise: Enterprise, name: str, phone: str = "", email: str = "", rights=(), is_admin=False
) -> tuple[Invitation, str]:
    """The firm's administrator invites a colleague; answers the invitation and its token (shown
    or sent once: only its hash is stored)."""
    require_firm_admin(user, enterprise.pk)
    return _invite(
        user=user,
        enterprise=enterprise,
        name=name,
        phone=phone,
        email=email,
        rights=rights,
        is_admin=is_admin,
    )


def _invite(*, user, enterprise, name, phone, email, rights, is_admin) -> tuple[Invitation, str]:
    _within_hourly_limit(
        Invitation.objects.filter(invited_by=user), settings.PORTAL_INVITATIONS_PER_HOUR, _("invitations")
    )
    phone, email = _clean_contact(phone, email)
    if not (name or "").strip():
        raise ValidationError({"name": _("Give the colleague's name.")})
    unknown = set(rights) - set(RIGHTS)
    if unknown:
        raise ValidationError(
            {"rights": _("Unknown right: %(right)s") % {"right": ", ".join(sorted(unknown))}}
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        enterprise=enterprise,
        name=name.strip(),
        phone=phone,
        email=email,
        is_firm_admin=is_admin,
        token_hash=token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=settings.PORTAL_INVITATION_DAYS),
        invited_by=user,
        **{right: right in rights for right in RIGHTS},
    )
    with acting_as(user, "web"), change_message(_("Invitation sent")):
        invitation.save()
    return invitation, token


def first_admin_bind(
    *, user, enterprise: Enterprise, uscc: str, name: str, phone="", email=""
) -> tuple[Invitation, str]:
    """Zone staff invite a firm's first administrator once the credit code typed is the firm's."""
    if not (roles.sees_whole_zone(user) and user.has_perm("portal.add_invitation")):
        raise PermissionDenied(_("Only zone staff bind a firm's first administrator."))
    if normalize(uscc or "").upper() != (enterprise.uscc or "").upper():
        raise ValidationError(
            {"uscc": _("The credit code typed is not this firm's: check it with the firm.")}
        )
    with transaction.atomic():
        return _invite(
            user=user,
            enterprise=enterprise,
            name=name,
            phone=phone,
            email=email,
            rights=RIGHTS,
            is_admin=True,
        )


def invitation_open(token: str, now=None) -> Invitation:
    """The invitation a token opens, if it is still open (not used, withdrawn or expired)."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_related("enterprise").filter(token_hash=token_hash(token or "")).first()
    )
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(_("This invitation is not valid: it was used or withdrawn. Ask for a new one."))
    if invitation.expires_at <= now:
        raise ValidationError(_("This invitation has expired. Ask the firm's administrator for a new one."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str, now=None):
    """The invitee sets a password and gets an account bound to the firm; the token is used up
    (the row is locked, so two accepts of one token make one account)."""
    invitation = invitation_open(token, now)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation is not valid: it was used or withdrawn. Ask for a new one."))
    User = get_user_model()
    username = invitation.phone or invitation.email
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("An account with this phone or e-mail exists already: sign in with it."))
    account = User(username=username, email=invitation.email, first_name=invitation.name)
    try:
        password_validation.validate_password(password, account)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    account.set_password(password)
    account.save()
    account.groups.add(Group.objects.get_or_create(name=roles.Role.ENTERPRISE)[0])
    binding = EnterpriseUser.objects.create(
        user=account,
        enterprise=invitation.enterprise,
        is_firm_admin=invitation.is_firm_admin,
        **{right: getattr(invitation, right) for right in RIGHTS},
    )
    log_change(binding, "create", None, serialize(binding), _("Invitation accepted"))
    invitation.snapshot()
    invitation.accepted_at, invitation.accepted_user = now or timezone.now(), account
    with acting_as(account, "web"), change_message(_("Invitation accepted")):
        invitation.save()
    return account


def invitation_withdraw(*, user, invitation: Invitation) -> Invitation:
    require_firm_admin(user, invitation.enterprise_id)
    if invitation.accepted_at:
        raise ValidationError(_("An accepted invitation cannot be withdrawn: remove the colleague instead."))
    invitation.snapshot()
    invitation.revoked_at = timezone.now()
    with acting_as(user, "web"), change_message(_("Invitation withdrawn")):
        invitation.save()
    return invitation


def _other_admins(binding: EnterpriseUser) -> bool:
    return (
        EnterpriseUser.objects.filter(enterprise_id=binding.enterprise_id, is_active=True, is_firm_admin=True)
        .exclude(pk=binding.pk)
        .exists()
    )


@transaction.atomic
def member_set_rights(*, user, binding: EnterpriseUser, rights, is_admin: bool) -> EnterpriseUser:
    """The firm's administrator sets a colleague's rights; a firm keeps at least one administrator."""
    require_firm_admin(user, binding.enterprise_id)
    if not binding.is_active:
        raise ValidationError(_("This colleague was removed."))
    if binding.is_firm_admin and not is_admin and not _other_admins(binding):
        raise ValidationError(_("The firm keeps at least one administrator."))
    before = serialize(binding)
    binding.is_firm_admin = is_admin
    for right in RIGHTS:
        setattr(binding, right, right in rights)
    binding.save()
    with acting_as(user, "web"):
        log_change(binding, "update", before, serialize(binding), _("Rights changed"))
    return binding


@transaction.atomic
def member_remove(*, user, binding: EnterpriseUser) -> EnterpriseUser:
    """Remove a colleague: the binding is deactivated (kept for the audit) and the account can
    no longer sign in."""
    require_firm_admin(user, binding.enterprise_id)
    if binding.user_id == user.pk:
        raise ValidationError(_("You cannot remove yourself: another administrator removes you."))
    if not binding.is_active:
        raise ValidationError(_("This colleague was removed."))
    before = serialize(binding)
    binding.is_active, binding.removed_at = False, timezone.now()
    binding.save()
    binding.user.is_active = False
    binding.user.save(update_fields=["is_active"])
    with acting_as(user, "web"):
        log_change(binding, "update", before, serialize(binding), _("Colleague removed"))
    return binding


# --- requests -----------------------------------------------------------------------------


def _event(req: FirmRequest, action: str, user, day, from_status: str, reason: str = "") -> None:
    RequestEvent.objects.create(
        request=req,
        action=action,
        day=day,
        user=user,
        from_status=from_status,
        to_status=req.status,
        department_id=req.department_id,
        reason=reason,
    )


def _save(req: FirmRequest, user, message: str) -> None:
    with acting_as(user, "web"), change_message(message[:300]):
        req.save()


def _deadline(day: datetime.date, workdays: int, field: str) -> datetime.date:
    try:
        return add_working_days(day, workdays)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


@transaction.atomic
def request_raise(
    *,
    user,
    enterprise: Enterprise,
    category: RequestCategory,
    title: str,
    text: str,
    urgency: str = FirmRequest.Urgency.NORMAL,
    source: str = FirmRequest.Source.PORTAL,
    day: datetime.date | None = None,
    department=None,
) -> FirmRequest:
    """A firm raises a request (or staff for it, from a visit or a call): routed to the
    category's department (or ``department``, the owner of a record to correct), accepted
    within the category's acceptance time limit in working days."""
    day = day or timezone.localdate()
    if roles.sees_whole_zone(user):
        if not user.has_perm("portal.add_firmrequest"):
            raise PermissionDenied(_("You may not raise requests."))
        if source == FirmRequest.Source.PORTAL:
            raise ValidationError({"source": _("Say where the firm raised it (visit, phone …).")})
    else:
        if roles.bound_enterprise_id(user) != enterprise.pk or not firm_right(user, "may_request"):
            raise PermissionDenied(
                _("Your firm's administrator has not given you the right to raise requests.")
            )
        source = FirmRequest.Source.PORTAL
    _within_hourly_limit(
        FirmRequest.objects.filter(raised_by=user), settings.PORTAL_REQUESTS_PER_HOUR, _("requests")
    )
    department_id = getattr(department, "pk", None) or category.department_id
    if department_id is None:
        raise ValidationError(
            {"category": _("This category routes to no department yet: tell the zone's staff.")}
        )
    req = FirmRequest(
        enterprise=enterprise,
        category=category,
        title=(title or "").strip(),
        text=(text or "").strip(),
        urgency=urgency,
        source=source,
        raised_by=user,
        raised_on=day,
        department_id=department_id,
        routed_on=day,
        accept_due=_deadline(day, category.accept_workdays, "category"),
    )
    req.full_clean()
    _save(req, user, _("Request raised"))
    _event(req, RequestEvent.Action.SUBMIT, user, day, "")
    return req


def may_handle(user, req: FirmRequest) -> bool:
    """The department the request is with handles it (superusers too)."""
    return bool(
        user.has_perm(HANDLE_PERM) and (user.is_superuser or req.department_id in department_ids(user))
    )


def _require_handler(user, req):
    if not may_handle(user, req):
        raise PermissionDenied(_("Only the department the request is with handles it."))


def _require_status(req, *allowed):
    if req.status not in allowed:
        raise ValidationError(
            _("A request that is %(status)s cannot take this step.") % {"status": req.get_status_display()}
        )


@transaction.atomic
def request_accept(*, user, req: FirmRequest, day=None) -> FirmRequest:
    """The department accepts (受理): the handling time limit starts the day after."""
    day = day or timezone.localdate()
    _require_handler(user, req)
    _require_status(req, S.SUBMITTED)
    req.snapshot()
    req.status, req.accepted_on = S.ACCEPTED, day
    req.handle_due = _deadline(day, req.category.handle_workdays, "handle_due")
    _save(req, user, _("Accepted"))
    _event(req, RequestEvent.Action.ACCEPT, user, day, S.SUBMITTED)
    return req


@transaction.atomic
def request_answer(*, user, req: FirmRequest, answer: str, day=None) -> FirmRequest:
    day = day or timezone.localdate()
    _require_handler(user, req)
    _require_status(req, S.ACCEPTED)
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the answer to the firm.")})
    req.snapshot()
    req.status, req.answered_on, req.answer = S.ANSWERED, day, answer.strip()
    _save(req, user, answer.strip())
    _event(req, RequestEvent.Action.ANSWER, user, day, S.ACCEPTED)
    return req


def _require_own_firm(user, req):
    if roles.bound_enterprise_id(user) != req.enterprise_id or not firm_right(user, "may_request"):
        raise PermissionDenied(_("Only the firm that raised the request rates or reopens it."))


@transaction.atomic
def request_rate(*, user, req: FirmRequest, rating: str, note: str = "", day=None) -> FirmRequest:
    """The firm rates the answer (满意 / 基本满意 / 不满意); the request is closed."""
    day = day or timezone.localdate()
    _require_own_firm(user, req)
    _require_status(req, S.ANSWERED)
    if rating not in FirmRequest.Rating.values:
        raise ValidationError({"rating": _("Choose satisfied, mostly satisfied or unsatisfied.")})
    req.snapshot()
    req.status, req.rating, req.rating_note, req.closed_on = S.CLOSED, rating, (note or "").strip()[:300], day
    _save(req, user, str(FirmRequest.Rating(rating).label))
    _event(req, RequestEvent.Action.RATE, user, day, S.ANSWERED, req.rating_note)
    return req


@transaction.atomic
def request_reopen(*, user, req: FirmRequest, reason: str, day=None) -> FirmRequest:
    """The firm sends the answer back: with the department again, a new handling period."""
    day = day or timezone.localdate()
    _require_own_firm(user, req)
    _require_status(req, S.ANSWERED)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what is still missing.")})
    req.snapshot()
    req.status, req.reopen_count, req.answered_on = S.ACCEPTED, req.reopen_count + 1, None
    req.handle_due = _deadline(day, req.category.handle_workdays, "handle_due")
    _save(req, user, reason.strip())
    _event(req, RequestEvent.Action.REOPEN, user, day, S.ANSWERED, reason.strip()[:300])
    return req


@transaction.atomic
def request_reassign(*, user, req: FirmRequest, department, reason: str, day=None) -> FirmRequest:
    """Staff pass a request to another department with a reason; that department's acceptance
    period starts again the day after."""
    day = day or timezone.localdate()
    if not (user.has_perm(HANDLE_PERM) and roles.sees_whole_zone(user)):
        raise PermissionDenied(_("Only zone staff reassign requests."))
    _require_status(req, S.SUBMITTED, S.ACCEPTED)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the request goes to another department.")})
    if department.pk == req.department_id:
        raise ValidationError({"department": _("The request is with this department already.")})
    req.snapshot()
    was = req.status
    req.department, req.routed_on, req.status = department, day, S.SUBMITTED
    req.accept_due = _deadline(day, req.category.accept_workdays, "department")
    req.accepted_on = req.handle_due = None
    _save(req, user, reason.strip())
    _event(req, RequestEvent.Action.REASSIGN, user, day, was, reason.strip()[:300])
    return req


# --- attachments --------------------------------------------------------------------------

IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("png", "image/png"),
    "GIF": ("png", "image/png"),
}
MAX_ATTACHMENTS = 5


def sniff(data: bytes) -> tuple[bytes, str, str]:
    """(content, extension, content type) of an upload read from its bytes, never its name: a
    PDF as sent, an image re-encoded by Pillow (metadata and anything hidden after it gone)."""
    if data.startswith(b"%PDF-"):
        return data, "pdf", "application/pdf"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(_("Attach an image (JPEG, PNG) or a PDF."))
            image.load()
            ext, content_type = IMAGE_FORMATS[image_format]
            out = io.BytesIO()
            if ext == "jpg":
                image.convert("RGB").save(out, "JPEG", quality=85)
            else:
                image.convert("RGBA").save(out, "PNG")
            return out.getvalue(), ext, content_type
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("Attach an image (JPEG, PNG) or a PDF.")) from error


def require_attacher(user, req: FirmRequest) -> None:
    if not (roles.bound_enterprise_id(user) == req.enterprise_id or may_handle(user, req)):
        raise PermissionDenied(_("Only the firm or the department handling the request adds files."))


def attachment_add(*, user, req: FirmRequest, upload) -> RequestAttachment:
    """A file sent with the request by its firm or by the department handling it."""
    require_attacher(user, req)
    limit = settings.PORTAL_ATTACHMENT_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(_("A file may be at most %(mb)s MB.") % {"mb": settings.PORTAL_ATTACHMENT_MB})
    if req.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(_("A request has at most %(n)s files.") % {"n": MAX_ATTACHMENTS})
    content, ext, content_type = sniff(upload.read(limit + 1))
    stem = (upload.name or "file").rsplit(".", 1)[0][:150] or "file"
    attachment = RequestAttachment(
        request=req, name=f"{stem}.{ext}", content_type=content_type, size=len(content), uploaded_by=user
    )
    attachment.file.save(f"{uuid.uuid4().hex}.{ext}", ContentFile(content), save=False)
    attachment.save()
    return attachment


def is_admin_of(user, enterprise_id) -> bool:
    return is_firm_admin(user) and roles.bound_enterprise_id(user) == enterprise_id
