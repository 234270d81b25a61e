from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import roles, todo
from .navigation import menu_for


def platform(request):
    user = getattr(request, "user", None)
    return {
        "platform_name": settings.PLATFORM_NAME,
        "nav_menu": menu_for(request) if user is not None and user.is_authenticated else [],
        "user_roles": roles.role_labels(user) if user is not None and user.is_authenticated else [],
        "can_read_audit": roles.can_read_audit(user) if user is not None else False,
        # {sidebar URL name: count, "": total}: counted only when a template reads it (the
        # sidebar), once per request (``todo.counts_for_request``)
        "todo_counts": SimpleLazyObject(lambda: todo.counts_for_request(request)),
    }
