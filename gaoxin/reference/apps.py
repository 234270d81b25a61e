from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "gaoxin.reference"
    label = "reference"
    verbose_name = _("Reference data")

    role_permissions = {
        role: ["reference.view_industry", "reference.view_region"]
        for role in ("leader", "clerk", "auditor", "enterprise")
    }
