from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem(
        "economy",
        _("Leaders' cockpit"),
        "goals:cockpit",
        "dashboard",
        "goals.view_goal",
        check=roles.sees_whole_zone,
        order=10,
    )
)
