"""The data generation (ADR 0015): one number in the database that grows after every
committed write to a table of a domain app, the key part that keeps cached figures (the
cockpit) from ever being served stale.

Every statement passes through one execute wrapper on each database connection (installed
by ``CoreConfig.ready`` on ``connection_created``): an INSERT, UPDATE or DELETE on a domain
table marks the data changed, whatever wrote it — a model save, ``QuerySet.update``,
``bulk_create``, raw SQL in the aggregate refresh or the lights. PostgreSQL's ``COPY``
bypasses the wrapper, so ``core.bulk.FastInserter`` marks its model itself.

A mark in autocommit bumps at once; inside a transaction it bumps once, on commit (an
UPDATE of one row, outside the writer's transaction: a long import never holds the row
locked). Until then the writing connection's own reads skip the cache (``pending``), so a
view that writes and reads in one transaction — and every test — reads fresh figures."""

import re
import threading
import time

from django.apps import apps
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import F

# The apps whose tables the cached figures and to-do counts read: every Gaoxin app but
# these (sessions, users' sign-in times, the audit log and messages are not among them: a
# request's session write never empties the cache). A new domain app is in without being
# named — the cockpit's panels read the land, policy and talent apps' tables too.
NOT_FIGURE_APPS = frozenset({"core", "notify", "reports", "demo"})
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)', re.IGNORECASE)
# Besides: roles and permissions (who sees which work) and jobs (failed imports are work).
OTHER_TABLES = frozenset(
    {"auth_user_groups", "auth_group_permissions", "auth_user_user_permissions", "core_job"}
)
_tables: frozenset[str] | None = None
_seen = threading.local()  # alias → the generation read in this request


def figure_tables() -> frozenset[str]:
    global _tables
    if _tables is None:
        _tables = (
            frozenset(
                model._meta.db_table
                for model in apps.get_models(include_auto_created=True)
                if is_figure_app(model._meta.app_label)
            )
            | OTHER_TABLES
        )
    return _tables


def current(using: str = "default") -> int:
    """The generation now (0 before the first write); read once per web request (the memo
    lives from request_started to request_finished and is dropped by every bump), on each
    call elsewhere (a worker or a command never keeps it)."""
    from .models import DataGeneration

    seen = getattr(_seen, "values", None)
    if seen is not None and using in seen:
        return seen[using]
    value = DataGeneration.objects.using(using).filter(pk=1).values_list("value", flat=True).first() or 0
    if seen is not None:
        seen[using] = value
    return value


def request_started(**kwargs) -> None:
    _seen.values = {}


def request_finished(**kwargs) -> None:
    _seen.values = None


def forget() -> None:
    if getattr(_seen, "values", None):
        _seen.values = {}


def bump(using: str = "default") -> None:
    from .models import DataGeneration

    forget()
    try:
        rows = DataGeneration.objects.using(using).filter(pk=1).update(value=F("value") + 1)
    except DatabaseError:  # the migrations have not made the table yet (data migrations write)
        if connections[using].in_atomic_block:
            raise
        return
    if not rows:  # a flushed database: start from the clock, above any number cached before
        try:
            with transaction.atomic(using=using):
                DataGeneration.objects.using(using).create(pk=1, value=time.time_ns() // 1000)
        except IntegrityError:  # another process created it meanwhile
            bump(using)


def mark_changed(using: str = "default") -> None:
    """The figures' data changed on ``using``: bump now, or once when the transaction commits."""
    connection = connections[using]
    if not connection.in_atomic_block:
        bump(using)
        return
    if pending(using):
        return

    def committed():
        connection._gaoxin_generation_token = None
        bump(using)

    connection._gaoxin_generation_token = committed
    transaction.on_commit(committed, using=using, robust=True)


def pending(using: str = "default") -> bool:
    """This connection's transaction wrote figure data not yet committed (its bump is due)."""
    connection = connections[using]
    token = getattr(connection, "_gaoxin_generation_token", None)
    return token is not None and any(entry[1] is token for entry in connection.run_on_commit)


def is_figure_app(label: str) -> bool:
    """A Gaoxin domain app (its module under ``gaoxin.``), not core machinery."""
    if label in NOT_FIGURE_APPS:
        return False
    try:
        return apps.get_app_config(label).name.startswith("gaoxin.")
    except LookupError:
        return False


def mark_model(model) -> None:
    if is_figure_app(model._meta.app_label):
        mark_changed()


def watch(connection) -> None:
    """Install the write watcher on a new connection (``connection_created``)."""

    def watcher(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = isinstance(sql, str) and sql[:1] in "IUDRiudr " and WRITE.match(sql)
        if match and match.group(1) in figure_tables():
            mark_changed(context["connection"].alias)
        return result

    if not any(getattr(w, "gaoxin_generation", False) for w in connection.execute_wrappers):
        watcher.gaoxin_generation = True
        connection.execute_wrappers.append(watcher)


def on_connection_created(sender, connection, **kwargs) -> None:
    watch(connection)


def cached(name: str, parts: tuple, compute, timeout: int = 3600):
    """``compute()`` kept in Django's cache under the generation, the language and ``parts``
    (e.g. the evaluation day and the year): a write to the figures' data changes the key,
    so a stale value is never read again. ``GAOXIN_FIGURES_CACHE=false`` computes every time
    (the load benchmark's peer); so does a connection with an uncommitted write."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils.translation import get_language

    if not getattr(settings, "FIGURES_CACHE", True) or pending():
        return compute()
    key = ":".join(["figures", name, str(current()), get_language() or "", *(str(p) for p in parts)])
    kept = cache.get(key)  # a 1-tuple: None is a value too
    if kept is None:
        kept = (compute(),)
        cache.set(key, kept, timeout)
    return kept[0]
