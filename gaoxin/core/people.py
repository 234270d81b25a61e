"""People as staff know them: display name and department, never the login (issue 11 item 3).

``core`` knows no domain, so the department is read through the ``departments`` relation the
zone app puts on the user (``Department.members``), when it is there. Departments are read once
per user per request (cached on the request's change context) so a list of 25 rows stays at a
handful of queries.
"""

from . import context


def user_name(user) -> str:
    """The display name; the login only when an account has no name."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def user_department(user) -> str:
    """The first department the user belongs to ("" for none), read once per user per request."""
    if user is None or not user.pk or not hasattr(user, "departments"):
        return ""
    cache = context.current().__dict__.setdefault("user_departments", {})  # a fresh one outside a request
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
