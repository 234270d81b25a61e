from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem("land", _("Parcels"), "land:parcel_list", "map-pin", "land.view_parcel", order=10),
    MenuItem(
        "land",
        _("Park map"),
        "land:parcel_map",
        "map-2",
        "land.view_parcel",
        check=roles.sees_whole_zone,
        order=20,
    ),
    MenuItem(
        "land", _("Land used by firms"), "land:firmland_list", "ruler-2", "land.view_firmland", order=30
    ),
    MenuItem(
        "land",
        _("Per-mu evaluation"),
        "land:muscheme_list",
        "chart-bar",
        "land.view_muscheme",
        check=roles.sees_whole_zone,
        order=40,
    ),
    MenuItem(
        "land",
        _("Land requests"),
        "land:landrequest_list",
        "clipboard-list",
        "land.view_landrequest",
        check=roles.sees_whole_zone,
        order=50,
    ),
    MenuItem(
        "land",
        _("Allocations"),
        "land:allocation_list",
        "file-certificate",
        "land.view_allocation",
        check=roles.sees_whole_zone,
        order=60,
    ),
)
