from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovservicesConfig(AppConfig):
    name = "gaoxin.govservices"
    label = "govservices"
    verbose_name = _("Government services")

    # Every role reads the catalogue (firms included); department staff keep it up to date.
    # The reported counts are configuration, set in the admin.
    role_permissions = {
        "leader": ["govservices.view_serviceitem"],
        "auditor": ["govservices.view_serviceitem"],
        "enterprise": ["govservices.view_serviceitem"],
        "clerk": [
            "govservices.view_serviceitem",
            "govservices.add_serviceitem",
            "govservices.change_serviceitem",
        ],
    }
