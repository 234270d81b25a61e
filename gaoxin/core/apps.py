from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gaoxin.core"
    label = "core"
    verbose_name = _("Platform")

    # Role -> permissions this app grants (see core.roles.sync_roles).
    role_permissions = {
        "auditor": ["core.view_objectchange", "core.view_authevent"],
    }

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import audit, auth_events, checks, roles, two_factor  # noqa: F401 - checks registers the deploy checks
        from .imports import service  # noqa: F401 - registers the import job handler

        audit.connect_signals()
        auth_events.connect_signals()
        two_factor.connect_signals()
        from django.apps import apps

        from .text import guard_text_fields

        guard_text_fields(apps.get_app_configs())
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="gaoxin_sync_roles")
        from django.db.backends.signals import connection_created

        from . import generation

        connection_created.connect(generation.on_connection_created, dispatch_uid="gaoxin_generation")
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import request_finished, request_started

        from .middleware import SessionRenewalMiddleware

        user_logged_in.connect(SessionRenewalMiddleware.signed_in, dispatch_uid="gaoxin_session_renewed")

        request_started.connect(generation.request_started, dispatch_uid="gaoxin_generation_started")
        request_finished.connect(generation.request_finished, dispatch_uid="gaoxin_generation_finished")
