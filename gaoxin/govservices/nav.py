from django.utils.translation import gettext_lazy as _

from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem(
        "services",
        _("Service catalogue"),
        "govservices:serviceitem_list",
        "list-details",
        "govservices.view_serviceitem",
        order=30,
    ),
)
