from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem(
        "economy",
        _("Indicators"),
        "indicators:indicator_list",
        "chart-bar",
        "indicators.view_indicator",
        check=roles.sees_whole_zone,
        order=20,
    ),
    MenuItem(
        "economy",
        _("Data"),
        "indicators:observation_list",
        "table",
        "indicators.view_observation",
        check=roles.sees_whole_zone,
        order=30,
    ),
    MenuItem(
        "economy",
        _("Submissions"),
        "indicators:submission_list",
        "calendar-check",
        "indicators.view_submission",
        check=roles.sees_whole_zone,
        order=40,
    ),
    MenuItem(
        "economy",
        _("Targets"),
        "indicators:target_list",
        "target",
        "indicators.view_target",
        check=roles.sees_whole_zone,
        order=50,
    ),
    MenuItem(
        "economy",
        _("Monthly filing"),
        "indicators:filing",
        "pencil",
        "indicators.file_submission",
        check=lambda user: roles.bound_enterprise_id(user) is not None,
        order=35,
    ),
    MenuItem(
        "economy",
        _("Data sets"),
        "indicators:dataset_list",
        "database",
        "indicators.view_dataset",
        check=roles.sees_whole_zone,
        order=60,
    ),
)
