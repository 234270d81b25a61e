from django.utils.translation import gettext_lazy as _

from . import roles
from .navigation import MenuItem, register

register(
    MenuItem("system", _("Audit log"), "audit:change_list", "history", check=roles.can_read_audit, order=10),
    MenuItem("system", _("Sign-ins"), "audit:authevent_list", "login", check=roles.can_read_audit, order=11),
    MenuItem("system", _("API documentation"), "api-docs", "api", order=90),
)
