from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem(
        "innovation",
        _("Cultivation candidates"),
        "cultivation:candidate_list",
        "stairs-up",
        "cultivation.view_ruleset",
        check=roles.sees_whole_zone,
        order=10,
    ),
    MenuItem(
        "innovation",
        _("Recognition batches"),
        "cultivation:batch_list",
        "list-check",
        "cultivation.view_batch",
        check=roles.sees_whole_zone,
        order=20,
    ),
    MenuItem(
        "innovation",
        _("Innovation platforms"),
        "cultivation:platform_list",
        "flask",
        "cultivation.view_platform",
        check=roles.sees_whole_zone,
        order=30,
    ),
    MenuItem(
        "innovation",
        _("Science and technology 新物种"),
        "cultivation:newspecies_list",
        "seeding",
        "cultivation.view_newspeciesrecord",
        check=roles.sees_whole_zone,
        order=35,
    ),
    MenuItem(
        "innovation",
        _("Expert scores"),
        "cultivation:expertinput_list",
        "user-star",
        "cultivation.view_expertinput",
        check=roles.sees_whole_zone,
        order=36,
    ),
)
