from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

from .models import is_firm_admin

register(
    MenuItem(
        "services",
        _("Our dossier"),
        "portal:dossier",
        "id",
        "enterprises.view_enterprise",
        check=lambda user: roles.bound_enterprise_id(user) is not None and not roles.sees_whole_zone(user),
        order=4,
    ),
    MenuItem(
        "services", _("Requests"), "portal:request_list", "message-circle", "portal.view_firmrequest", order=5
    ),
    MenuItem(
        "services",
        _("Firm accounts"),
        "portal:firmuser_list",
        "users",
        "portal.view_invitation",
        check=lambda user: is_firm_admin(user) or roles.sees_whole_zone(user),
        order=6,
    ),
    MenuItem(
        "services",
        _("Department scores"),
        "portal:department_scores",
        "chart-bar",
        "portal.view_score",
        order=7,
    ),
)
