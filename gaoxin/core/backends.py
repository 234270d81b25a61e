"""Permissions read from the cache: a user's own and their groups' permission sets are kept
under the data generation (ADR 0015), which grows with every change of a membership or a
group's permissions (watched tables), so a change of rights is seen on the next request."""

from django.contrib.auth.backends import ModelBackend

from .generation import cached


class CachedPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        name = f"_{from_name}_perm_cache"
        if obj is None and user_obj.is_active and not user_obj.is_anonymous and not hasattr(user_obj, name):
            parts = (user_obj.pk, user_obj.is_superuser, from_name)
            perms = cached(
                "permissions",
                parts,
                lambda: super(CachedPermissionsBackend, self)._get_permissions(user_obj, obj, from_name),
            )
            setattr(user_obj, name, perms)
        return super()._get_permissions(user_obj, obj, from_name)
