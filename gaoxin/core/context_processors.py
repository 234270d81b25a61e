from django.conf import settings

from . import roles
from .navigation import menu_for


def platform(request):
    user = getattr(request, "user", None)
    return {
        "platform_name": settings.PLATFORM_NAME,
        "nav_menu": menu_for(request) if user is not None and user.is_authenticated else [],
        "user_roles": roles.role_labels(user) if user is not None and user.is_authenticated else [],
        "can_read_audit": roles.can_read_audit(user) if user is not None else False,
    }
