"""Sidebar entries of investment attraction (招商). Entries whose page is not installed yet
(another part of the work) are left out instead of breaking the sidebar."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register


def _installed(url_name: str) -> bool:
    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


def _staff_page(url_name: str):
    def check(user) -> bool:
        return roles.sees_whole_zone(user) and _installed(url_name)

    return check


ENTRIES = [
    (_("Investment leads"), "attraction:lead_board", "layout-kanban", "attraction.view_lead", 10),
    (_("Promotion activities"), "attraction:activity_list", "calendar-event", "attraction.view_activity", 20),
    (_("My leads"), "attraction:my_leads", "user-star", "attraction.change_lead", 30),
    (_("Signed projects"), "attraction:signing_list", "writing-sign", "attraction.view_signing", 40),
    (
        _("Funds in place"),
        "attraction:signingfunding_list",
        "coins",
        "attraction.view_signingfunding",
        45,
    ),
    (
        _("345 bottom-line standard"),
        "attraction:standard_list",
        "filter-check",
        "attraction.view_screeningstandard",
        50,
    ),
    (_("Commitment check"), "attraction:commitment_list", "scale", "attraction.view_signing", 60),
]

register(
    *(
        MenuItem("attraction", label, url_name, icon, perm, check=_staff_page(url_name), order=order)
        for label, url_name, icon, perm, order in ENTRIES
    )
)
