"""Sign-ins, sign-outs, refused and locked sign-ins, password changes and changes of roles or
permissions as ``AuthEvent`` rows, from Django's auth signals, axes' lockout signal, the user's
pre_save (a new password hash) and m2m_changed of groups and permissions (by whom, from where).

The address is the connection's (``REMOTE_ADDR``); behind a reverse proxy the installation
says so (``GAOXIN_TRUST_X_FORWARDED_FOR``) and the first address of ``X-Forwarded-For`` — the
client as the proxy saw it — is recorded instead. Without that setting the header is ignored:
any client can write it.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, pre_save
from django.utils import translation
from django.utils.translation import gettext

from .context import current
from .models import AuthEvent
from .roles import Role


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


def record(kind: str, request, user=None, username: str = "", detail: str = "", actor=None) -> AuthEvent:
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return AuthEvent.objects.create(
        kind=kind,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        ip=client_ip(request),
        user_agent=agent[:300],
        actor=actor,
        detail=detail,
    )


def _in_request():
    """The request and the person acting, from the audit's context (None, None in a script)."""
    ctx = current()
    return ctx.request, ctx.user


def _password_changing(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save of the user: a new password hash is an event (the page, the admin, a script)."""
    if raw or not instance.pk or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        request, actor = _in_request()
        by_self = actor is not None and actor.pk == instance.pk
        with translation.override(settings.LANGUAGE_CODE):
            detail = (
                ""
                if by_self or actor is None
                else gettext("Set by %(name)s") % {"name": actor.get_username()}
            )
        record(AuthEvent.Kind.PASSWORD, request, instance, detail=detail, actor=actor)


def _names(model, pks) -> str:
    if model is Permission:
        rows = Permission.objects.filter(pk__in=pks).select_related("content_type")
        return "、".join(sorted(f"{p.content_type.app_label}.{p.codename}" for p in rows))
    if model is Group:  # the roles by their names (管委会领导 …), other groups as they are called
        labels = dict(Role.choices)
        return "、".join(sorted(str(labels.get(g.name, g.name)) for g in Group.objects.filter(pk__in=pks)))
    return "、".join(sorted(str(obj) for obj in model.objects.filter(pk__in=pks)))


def _memberships_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """m2m_changed of a user's groups and permissions and of a group's permissions: who got or
    lost what, by whom, from where — the permission events of the audit log."""
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if action == "pre_clear":
        field = (
            "groups"
            if model is Group
            else "user_permissions"
            if hasattr(instance, "user_permissions")
            else "permissions"
        )
        pk_set = set(getattr(instance, field).values_list("pk", flat=True)) if not reverse else set()
    request, actor = _in_request()
    if not pk_set or (request is None and actor is None):
        return  # the roles' own sync after migrate (core.roles) is configuration, not an event
    with translation.override(settings.LANGUAGE_CODE):  # the record reads in the zone's language
        _record_memberships(instance, action, reverse, model, pk_set, request, actor)


def _record_memberships(instance, action, reverse, model, pk_set, request, actor) -> None:
    verb = gettext("added") if action == "post_add" else gettext("removed")
    if reverse:  # group.user_set.add(user) or permission.group_set…: the instance is the other side
        label = str(instance)
        for obj in model.objects.filter(pk__in=pk_set):
            target_user = obj if isinstance(obj, get_user_model()) else None
            detail = gettext("%(verb)s: %(names)s") % {
                "verb": verb,
                "names": label + ("" if target_user else f" → {obj}"),
            }
            record(
                AuthEvent.Kind.PERMISSIONS,
                request,
                target_user,
                username=str(obj),
                detail=detail,
                actor=actor,
            )
        return
    names = _names(model, pk_set)
    target_user = instance if isinstance(instance, get_user_model()) else None
    what = gettext("roles") if model is Group else gettext("permissions")
    detail = gettext("%(what)s %(verb)s: %(names)s") % {"what": what, "verb": verb, "names": names}
    record(
        AuthEvent.Kind.PERMISSIONS, request, target_user, username=str(instance), detail=detail, actor=actor
    )


def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record(AuthEvent.Kind.LOCKED, request, username=str(username or ""))


def _logged_in(sender, request, user, **kwargs):
    record(AuthEvent.Kind.LOGIN, request, user)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:  # signing out when not signed in is no event
        record(AuthEvent.Kind.LOGOUT, request, user)


def _login_failed(sender, credentials, request=None, **kwargs):
    record(AuthEvent.Kind.FAILED, request, username=str(credentials.get("username", "")))


def connect_signals() -> None:
    from axes.signals import user_locked_out

    user_model = get_user_model()
    pre_save.connect(_password_changing, sender=user_model, dispatch_uid="gaoxin_auth_password")
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _memberships_changed, sender=through, dispatch_uid=f"gaoxin_auth_m2m_{through.__name__}"
        )
    user_locked_out.connect(_locked_out, dispatch_uid="gaoxin_auth_locked")
    user_logged_in.connect(_logged_in, dispatch_uid="gaoxin_auth_login")
    user_logged_out.connect(_logged_out, dispatch_uid="gaoxin_auth_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="gaoxin_auth_failed")
