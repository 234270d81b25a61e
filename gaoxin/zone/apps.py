from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

VIEW = [
    "zone.view_zone",
    "zone.view_park",
    "zone.view_department",
    "zone.view_leadindustry",
    "zone.view_leader",
]


class ZoneConfig(AppConfig):
    name = "gaoxin.zone"
    label = "zone"
    verbose_name = _("Zone")

    # Parks and lead industries are the zone's configuration: administrators change them.
    role_permissions = {"leader": VIEW, "clerk": VIEW, "auditor": VIEW, "enterprise": VIEW}
