from django.utils.translation import gettext_lazy as _

from gaoxin.core import roles
from gaoxin.core.navigation import MenuItem, register

register(
    MenuItem(
        "policies",
        _("Policies"),
        "policies:policy_list",
        "file-certificate",
        "policies.view_policy",
        order=10,
    ),
    MenuItem(
        "policies",
        _("Policy clauses"),
        "policies:clause_list",
        "list-check",
        "policies.view_clause",
        check=roles.sees_whole_zone,
        order=20,
    ),
    MenuItem(
        "policies",
        _("Disbursements"),
        "policies:disbursement_list",
        "coin-yuan",
        "policies.view_disbursement",
        check=roles.sees_whole_zone,
        order=30,
    ),
    MenuItem(
        "policies",
        _("Public notices"),
        "policies:notice_list",
        "speakerphone",
        "policies.view_disbursement",
        order=40,
    ),
    MenuItem(
        "policies",
        _("Policy effect"),
        "policies:effect",
        "chart-arrows",
        "policies.view_disbursement",
        check=roles.sees_whole_zone,
        order=50,
    ),
)
