"""People as staff know them: display name and department, never the login (issue 11 item 3).

``core`` knows no domain, so the department is read through the ``departments`` relation the
zone app puts on the user (``Department.members``), when it is there. Departments are read once
per user per request (cached on the request's change context) so a list of 25 rows stays at a
handful of queries.
"""

from .context import _current


def user_name(user) -> str:
    """The display name; the login only when an account has no name."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def user_department(user) -> str:
    """The first department the user belongs to ("" for none or outside a request)."""
    if user is None or not user.pk or not hasattr(user, "departments"):
        return ""
    ctx = _current.get()
    cache = getattr(ctx, "user_departments", None) if ctx is not None else None
    if cache is None:
        cache = {}
        if ctx is not None:
            ctx.user_departments = cache
    if user.pk not in cache:
        first = user.departments.values_list("name", flat=True).first()
        cache[user.pk] = first or ""
    return cache[user.pk]


def user_label(user) -> str:
    """``经发局工作人员（演示） · 经济发展局``: the name, then the department when there is one."""
    if user is None:
        return "—"
    department = user_department(user)
    return f"{user_name(user)} · {department}" if department else user_name(user)
