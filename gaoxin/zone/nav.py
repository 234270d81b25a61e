from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem(
        "system",
        _("Parks"),
        "zone:park_list",
        "map-pins",
        "zone.view_park",
        check=roles.sees_whole_zone,
        order=20,
    ),
    MenuItem(
        "system",
        _("Working-day calendar"),
        "zone:calendaroverride_list",
        "calendar-off",
        "zone.view_calendaroverride",
        check=roles.sees_whole_zone,
        order=25,
    ),
)
