from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gaoxin.portal"
    label = "portal"
    verbose_name = _("Enterprise portal")

    # A firm's user raises and reads its own firm's requests and, as the firm's administrator,
    # invites colleagues (scope + the services' rights); the departments handle requests; staff
    # raise requests on a firm's behalf and bind a firm's first administrator.
    role_permissions = {
        "leader": ["portal.view_firmrequest", "portal.view_score"],
        "auditor": ["portal.view_firmrequest", "portal.view_invitation", "portal.view_score"],
        "clerk": [
            "portal.view_firmrequest",
            "portal.add_firmrequest",
            "portal.handle_firmrequest",
            "portal.view_invitation",
            "portal.add_invitation",
            "portal.view_score",
        ],
        "enterprise": [
            "portal.view_firmrequest",
            "portal.add_firmrequest",
            "portal.view_invitation",
            "portal.add_invitation",
        ],
    }

    def ready(self):
        from . import imports, metrics, search, todo  # noqa: F401  (registries)
