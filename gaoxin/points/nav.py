from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem(
        "innovation",
        _("Innovation points"),
        "points:points_list",
        "chart-bar",
        "points.view_pointscheme",
        order=50,
    ),
    MenuItem(
        "innovation",
        _("Point schemes"),
        "points:pointscheme_list",
        "list-numbers",
        "points.view_pointscheme",
        order=55,
    ),
    MenuItem(
        "innovation",
        _("Points loans"),
        "points:pointloan_list",
        "building-bank",
        "points.view_pointloan",
        order=60,
    ),
    MenuItem(
        "innovation", _("Consents"), "points:consent_list", "signature", "points.view_consent", order=65
    ),
    MenuItem(
        "innovation",
        _("Export for a bank"),
        "points:bank_export",
        "file-export",
        "points.change_consent",
        check=roles.sees_whole_zone,
        order=70,
    ),
)
