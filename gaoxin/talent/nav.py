from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem("services", _("Job board"), "talent:job_board", "briefcase", "talent.view_jobposting", order=10),
    MenuItem(
        "services",
        _("Job postings"),
        "talent:jobposting_list",
        "clipboard-list",
        "talent.view_jobposting",
        order=11,
    ),
    MenuItem(
        "services",
        _("Recruitment drives"),
        "talent:recruitmentdrive_list",
        "speakerphone",
        "talent.view_recruitmentdrive",
        check=roles.sees_whole_zone,
        order=12,
    ),
    MenuItem(
        "services",
        _("Research assistants"),
        "talent:researchassistantpost_list",
        "microscope",
        "talent.view_researchassistantpost",
        order=13,
    ),
    MenuItem(
        "services",
        _("High-level talents"),
        "talent:talentintroduction_list",
        "user-star",
        "talent.view_talentintroduction",
        order=14,
    ),
    MenuItem(
        "services",
        _("Project postings"),
        "talent:projectposting_list",
        "speakerphone",
        "talent.view_projectposting",
        order=20,
    ),
)
