"""My work (待办): what waits for the reader, collected from every app.

Apps register providers in a ``todo.py`` module (like ``search.py``): a function
``(user, as_of, limit) -> TodoGroup | None`` under a kind (overdue problems, submissions to
approve, data due, leads past their deadline, signings to verify, expiring qualifications,
failed imports), so this module knows no domain. A provider reads through the models'
``visible_to`` / ``editable_by`` and the app's own rules, answers None when the kind is not
the reader's work at all, and gives at most ``limit`` items (``limit=0``: the count only, what
the sidebar needs). Providers are pure functions of (user, as_of): reminders may call them.

The day is the zone's evaluation day (ADR 0017), never the wall clock by accident: the zone
app names its day source (``zone/todo.py``, ``day_source``) and ``for_user`` asks it when no
``as_of`` is given.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

SHOWN = 5  # items per group on the home page
SEVERITIES = ("danger", "warning", "info")


@dataclass(frozen=True)
class TodoItem:
    """One thing to do: what (title), about whom (names, not codes), by when and where."""

    title: str
    secondary: str = ""
    due: datetime.date | None = None
    days_late: int = 0
    url: str = ""

    @property
    def late(self) -> bool:
        return self.days_late > 0


@dataclass
class TodoGroup:
    """One kind of work: how many there are, the first items and the page that holds all of
    them. ``nav`` names the sidebar entry (URL name) that carries the count as a badge."""

    kind: str
    title: str
    count: int
    items: list[TodoItem] = field(default_factory=list)
    url_all: str = ""
    severity: str = "warning"
    nav: str = ""
    order: int = 100


@dataclass(frozen=True)
class Provider:
    kind: str
    order: int
    collect: Callable[[object, datetime.date, int], TodoGroup | None]


_PROVIDERS: list[Provider] = []
_DAY: list[Callable[[], datetime.date]] = []
_discovered = False


def todo_provider(kind: str, order: int = 100):
    """Register ``func(user, as_of, limit) -> TodoGroup | None`` as a source of ``kind`` work."""

    def wrap(func):
        _PROVIDERS.append(Provider(kind, order, func))
        return func

    return wrap


def day_source(func: Callable[[], datetime.date]) -> Callable[[], datetime.date]:
    """Name the function answering "which day is it for the zone" (the zone app does)."""
    _DAY[:] = [func]
    return func


def providers() -> list[Provider]:
    global _discovered
    if not _discovered:
        autodiscover_modules("todo")
        _discovered = True
    return sorted(_PROVIDERS, key=lambda p: p.order)


def evaluation_day() -> datetime.date:
    providers()  # the zone's todo.py registers the day source
    if not _DAY:
        raise ImproperlyConfigured("No day source registered for the to-do list (zone/todo.py).")
    return _DAY[0]()


def for_user(
    user, as_of: datetime.date | None = None, limit: int = SHOWN, kind: str | None = None
) -> list[TodoGroup]:
    """The reader's work on ``as_of`` (the zone's evaluation day by default): every group
    with something in it, in the providers' order."""
    if not getattr(user, "is_authenticated", False):
        return []
    as_of = as_of or evaluation_day()
    groups = []
    for p in providers():
        if kind and p.kind != kind:
            continue
        group = p.collect(user, as_of, limit)
        if group is not None and group.count:
            group.order = p.order
            groups.append(group)
    return groups


def total(groups: list[TodoGroup]) -> int:
    return sum(group.count for group in groups)


def cached_for_user(user, limit: int = SHOWN) -> list[TodoGroup]:
    """``for_user`` on the evaluation day, kept in the cache under the data generation (ADR
    0015): every page's sidebar counts the reader's work, which changes only with the data."""
    from django.utils import timezone

    from .generation import cached

    if not getattr(user, "is_authenticated", False):
        return []
    as_of = evaluation_day()
    parts = (user.pk, limit, as_of, timezone.localdate())
    return cached("todo", parts, lambda: for_user(user, as_of, limit), timeout=600)


def groups_for_request(request) -> list[TodoGroup]:
    """The reader's groups, counts only, computed once per request (the sidebar's badges and
    the cockpit's strip read the same)."""
    groups = getattr(request, "_gaoxin_todo_groups", None)
    if groups is None:
        groups = cached_for_user(request.user, limit=0)
        request._gaoxin_todo_groups = groups
    return groups


def counts_for_request(request) -> dict[str, int]:
    """{sidebar URL name: count} for the request's user; the key "" holds the total."""
    groups = groups_for_request(request)
    counts = {"": total(groups)}
    for group in groups:
        if group.nav:
            counts[group.nav] = counts.get(group.nav, 0) + group.count
    return counts


def days_late(due: datetime.date | None, as_of: datetime.date) -> int:
    """Days past ``due`` on ``as_of``: due today is not late, due yesterday is one day late."""
    if due is None or due >= as_of:
        return 0
    return (as_of - due).days


def items_of(queryset, limit: int, to_item: Callable) -> list[TodoItem]:
    """The first ``limit`` records as items (none when only the count is wanted)."""
    return [to_item(record) for record in queryset[:limit]] if limit else []


# --- core's own provider ------------------------------------------------------------------------


def failed_imports(user):
    """The reader's failed imports not yet redone: a failed import leaves the list once the
    reader has run an import of the same kind successfully after it."""
    from django.db.models import Exists, OuterRef

    from .models import Job

    mine = Job.objects.filter(user=user, kind="import")
    redone = mine.filter(
        status=Job.Status.SUCCEEDED,
        params__kind=OuterRef("params__kind"),
        created_at__gt=OuterRef("created_at"),
    )
    return mine.filter(status=Job.Status.FAILED).exclude(Exists(redone)).order_by("-created_at")


@todo_provider("failed_imports", order=90)
def todo_failed_imports(user, as_of, limit):
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    jobs = failed_imports(user)

    def item(job):
        when = timezone.localtime(job.created_at).strftime("%Y-%m-%d %H:%M")
        why = (job.error or "").strip().splitlines()[0][:120] if job.error else ""
        return TodoItem(
            job.params.get("filename", "") or _("Import file"),
            "；".join(part for part in (_("Failed import of %(when)s") % {"when": when}, why) if part),
            url=reverse("imports:job", args=[job.pk]),
        )

    return TodoGroup(
        "failed_imports",
        _("Imports that failed"),
        jobs.count(),
        items_of(jobs, limit, item),
        url_all=reverse("imports:import"),
        severity="danger",
        nav="imports:import",
    )
