from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

VIEW = [
    "zone.view_zone",
    "zone.view_park",
    "zone.view_department",
    "zone.view_leadindustry",
    "zone.view_leader",
    "zone.view_calendaroverride",
]


class ZoneConfig(AppConfig):
    name = "gaoxin.zone"
    label = "zone"
    verbose_name = _("Zone")

    # Parks, lead industries and the calendar's exceptions are the zone's configuration:
    # administrators change them.
    role_permissions = {"leader": VIEW, "clerk": VIEW, "auditor": VIEW, "enterprise": VIEW}

    def ready(self) -> None:
        from . import two_factor  # noqa: F401 - names the zone for the authenticator app
