from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem(
        "enterprise",
        _("Enterprises"),
        "enterprises:enterprise_list",
        "building-factory-2",
        "enterprises.view_enterprise",
        check=roles.sees_whole_zone,
        order=10,
    ),
    MenuItem(
        "enterprise",
        _("Qualifications"),
        "enterprises:qualification_list",
        "certificate",
        "enterprises.view_qualification",
        check=roles.sees_whole_zone,
        order=20,
    ),
    MenuItem(
        "enterprise",
        _("Annual facts"),
        "enterprises:annualfacts_list",
        "report-money",
        "enterprises.view_annualfacts",
        check=roles.sees_whole_zone,
        order=30,
    ),
    MenuItem(
        "enterprise",
        _("IP assets"),
        "enterprises:ipasset_list",
        "bulb",
        "enterprises.view_ipasset",
        check=roles.sees_whole_zone,
        order=32,
    ),
    MenuItem(
        "enterprise",
        _("Equity financing"),
        "enterprises:equityfinancing_list",
        "coins",
        "enterprises.view_equityfinancing",
        check=roles.sees_whole_zone,
        order=34,
    ),
    MenuItem(
        "enterprise", _("Import"), "imports:import", "file-import", "enterprises.add_enterprise", order=40
    ),
)


def _is_enterprise_user(user) -> bool:
    return roles.bound_enterprise_id(user) is not None and not roles.sees_whole_zone(user)


register(
    MenuItem(
        "enterprise",
        _("My enterprise"),
        "enterprises:my_enterprise",
        "building",
        check=_is_enterprise_user,
        order=5,
    )
)
