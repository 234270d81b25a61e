from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

# 大走访 is the committee's own work: the entries are for zone staff only.
register(
    MenuItem(
        "services",
        _("Visits"),
        "visits:visit_list",
        "walk",
        "visits.view_visit",
        check=roles.sees_whole_zone,
        order=40,
    ),
    MenuItem(
        "services",
        _("Visit findings"),
        "visits:finding_list",
        "flag",
        "visits.view_visit",
        check=roles.sees_whole_zone,
        order=41,
    ),
    MenuItem(
        "services",
        _("Visit plans"),
        "visits:visitplan_list",
        "calendar-event",
        "visits.view_visitplan",
        check=roles.sees_whole_zone,
        order=42,
    ),
    MenuItem(
        "services",
        _("Visit survey"),
        "visits:visitquestion_list",
        "list-check",
        "visits.view_visitquestion",
        check=roles.sees_whole_zone,
        order=43,
    ),
)
