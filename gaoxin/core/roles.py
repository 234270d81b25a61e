"""Roles are Django groups; scope is one queryset method per model (``visible_to``).

Each app's AppConfig declares ``role_permissions`` ({role: [perm codenames]}); after every
migrate, ``sync_roles`` makes the groups hold exactly those permissions, so a role's rights
are read in code review, not clicked together in the admin.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    LEADER = "leader", _("Zone leader")
    CLERK = "clerk", _("Department staff")
    ENTERPRISE = "enterprise", _("Enterprise user")
    AUDITOR = "auditor", _("Auditor")


# Roles whose members see every record of the zone (no enterprise scope).
ZONE_WIDE_ROLES = {Role.LEADER, Role.CLERK, Role.AUDITOR}


def roles_of(user) -> set[str]:
    """The role codes of ``user``, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_gaoxin_roles", None)
    if cached is None:
        from .generation import cached as kept  # memberships are watched tables (ADR 0015)

        cached = kept("roles", (user.pk,), lambda: set(user.groups.values_list("name", flat=True)))
        user._gaoxin_roles = cached
    return cached


def role_labels(user) -> list[str]:
    labels = [str(Role(code).label) for code in sorted(roles_of(user)) if code in Role.values]
    if getattr(user, "is_superuser", False):
        labels.insert(0, str(_("Administrator")))
    return labels


def sees_whole_zone(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or roles_of(user) & ZONE_WIDE_ROLES)


def can_read_audit(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or Role.AUDITOR in roles_of(user))


def bound_enterprise_id(user) -> int | None:
    """The enterprise an enterprise user is bound to (``enterprises.EnterpriseUser``)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_gaoxin_enterprise_id"):
        from .generation import cached

        def bound():
            binding = getattr(user, "enterprise_binding", None) if user.pk else None
            # a binding the firm's administrator removed scopes to nothing (gaoxin.portal)
            return binding.enterprise_id if binding and getattr(binding, "is_active", True) else None

        user._gaoxin_enterprise_id = cached("enterprise-binding", (user.pk,), bound)
    return user._gaoxin_enterprise_id


def declared_role_permissions() -> dict[str, set[str]]:
    from django.apps import apps

    wanted: dict[str, set[str]] = {role: set() for role in Role.values}
    for config in apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            wanted.setdefault(role, set()).update(perms)
    return wanted


def sync_roles() -> None:
    for role, perms in declared_role_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        objs = []
        for perm in sorted(perms):
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found:
                objs.append(found)
        group.permissions.set(objs)


def sync_roles_after_migrate(sender, **kwargs) -> None:
    """post_migrate fires once per app; act on the last one, when every app's
    permissions exist."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1]:
        sync_roles()
