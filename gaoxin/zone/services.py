"""Department membership: the fact every object rule of the committee's work starts from
(a project is its lead department's, a lead, activity or signing its department's)."""

from __future__ import annotations


def department_ids(user) -> set[int]:
    """The ids of the departments ``user`` belongs to, read once per request user."""
    cached = getattr(user, "_gaoxin_department_ids", None)
    if cached is None:
        from gaoxin.core.generation import cached as kept  # under the data generation (ADR 0015)

        cached = (
            kept("departments", (user.pk,), lambda: set(user.departments.values_list("pk", flat=True)))
            if user.pk
            else set()
        )
        user._gaoxin_department_ids = cached
    return cached


def in_department(user, department_id: int | None) -> bool:
    """Whether ``user`` belongs to the department (no department: nobody's)."""
    return department_id is not None and department_id in department_ids(user)
