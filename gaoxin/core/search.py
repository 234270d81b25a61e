"""The global search: one box finds records of every kind, each read the way its list reads
them.

Apps register providers in a ``search.py`` module (like ``metrics.py``): a function
``(user, query, limit) -> Found`` under a kind (enterprises, projects, leads, people …), so
this module knows no domain. A provider reads through the user's scope and the list's view
permission (``list_search``) and searches with the list's own ``q`` search, so a hit is a
record the list shows and the count is the list's count for ``?q=``. Several providers may
fill one kind (people: enterprise contacts, zone leaders, staff); the first one registered
under a kind names it. Counting stops at ``COUNT_CAP`` (a registry of millions is not
counted to the end for a dropdown: "1000+").
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Job
from .permissions import perm_name

MIN_LENGTH = 2
MAX_LENGTH = 100
COUNT_CAP = 1000


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    subtitle: str = ""
    url: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Found:
    """What one provider found: the hits shown, how many there are (up to ``COUNT_CAP``,
    ``capped`` beyond) and the list page holding all of them."""

    hits: list[Hit]
    total: int
    more_url: str = ""
    capped: bool = False


@dataclass(frozen=True)
class Provider:
    kind: str
    label: str
    order: int
    icon: str
    find: Callable[[object, str, int], Found]


@dataclass
class Group:
    """One kind in the results: its hits (at most the limit), its count and "more" links."""

    kind: str
    label: str
    icon: str
    hits: list[Hit]
    total: int
    capped: bool
    more: list[str]

    @property
    def count_text(self) -> str:
        return f"{self.total}+" if self.capped else str(self.total)


@dataclass
class Results:
    query: str
    groups: list[Group]
    hint: str = ""

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


_PROVIDERS: list[Provider] = []
_discovered = False


def provider(kind: str, label, order: int = 100, icon: str = "search"):
    """Register ``func(user, query, limit) -> Found`` as a source of ``kind`` hits."""

    def wrap(func):
        _PROVIDERS.append(Provider(kind, label, order, icon, func))
        return func

    return wrap


def providers() -> list[Provider]:
    global _discovered
    if not _discovered:
        autodiscover_modules("search")
        _discovered = True
    return sorted(_PROVIDERS, key=lambda p: p.order)


def kinds() -> list[tuple[str, str]]:
    """(kind, label) in display order, each kind once."""
    seen: dict[str, str] = {}
    for p in providers():
        seen.setdefault(p.kind, str(p.label))
    return list(seen.items())


# --- helpers for providers -------------------------------------------------------------------


def list_search(queryset, filterset_class, user, query: str):
    """What the list page shows for ``?q=query``: the user's scope (``visible_to``), nothing
    without the model's view permission, the list FilterSet's own ``search`` (built without
    its form, whose choices would cost queries a search does not need)."""
    if not user.has_perm(perm_name(queryset.model, "view")):
        return queryset.none()
    scoped = queryset.visible_to(user)
    searcher = filterset_class.__new__(filterset_class)
    return searcher.search(scoped, "q", query)


def count_capped(queryset, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """The count, stopping at ``cap`` (a LIMITed subquery: a common word over millions of rows
    is not counted to the end)."""
    total = queryset[: cap + 1].count()
    return min(total, cap), total > cap


def found(queryset, limit: int, to_hit: Callable, more_url: str = "", cap: int = COUNT_CAP) -> Found:
    """The first ``limit`` records as hits, and the (capped) count of all."""
    hits = [to_hit(record) for record in queryset[:limit]] if limit else []
    total, capped = count_capped(queryset, cap) if len(hits) == limit else (len(hits), False)
    return Found(hits, total, more_url if total > len(hits) else "", capped)


def file_name(stored) -> str:
    """A stored file's own name, without its upload folders."""
    return stored.name.rsplit("/", 1)[-1]


def with_query(url: str, query: str, **params) -> str:
    return f"{url}?{urlencode({'q': query, **params})}"


# --- the search -------------------------------------------------------------------------------


def clean_query(query: str | None) -> str:
    return " ".join((query or "").split())[:MAX_LENGTH]


def search(user, query: str | None, limit: int = 5, kind: str | None = None) -> Results:
    """Every provider's hits for ``query`` grouped by kind (only ``kind`` when given); a
    query shorter than ``MIN_LENGTH`` answers no groups and a hint, not an error."""
    query = clean_query(query)
    if len(query) < MIN_LENGTH:
        return Results(query, [], _("Type at least %(n)d characters.") % {"n": MIN_LENGTH})
    groups: dict[str, Group] = {}
    for p in providers():
        if kind and p.kind != kind:
            continue
        result = p.find(user, query, limit)
        group = groups.setdefault(p.kind, Group(p.kind, str(p.label), p.icon, [], 0, False, []))
        add_found(group, result, limit)
    shown = [group for group in groups.values() if group.total]
    return Results(query, shown, "" if shown else _("Nothing found."))


def add_found(group: Group, result: Found, limit: int) -> None:
    group.hits.extend(result.hits[: max(limit - len(group.hits), 0)])
    group.total += result.total
    group.capped = group.capped or result.capped
    if result.more_url:
        group.more.append(result.more_url)


@provider("documents", gettext_lazy("Documents"), order=69, icon="file-text")
def find_import_files(user, query, limit):
    """The reader's own import files (the import page lists only one's own jobs)."""
    jobs = Job.objects.filter(user=user, kind="import", params__filename__icontains=query)

    def hit(job):
        url = reverse("imports:job", args=[job.pk])
        return Hit("documents", job.params.get("filename", ""), _("Import file"), url)

    return found(jobs.order_by("-created_at"), limit, hit)
