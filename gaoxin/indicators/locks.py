"""The lock of approved statistics, in one place below every write path (issue 12.1).

A value is locked when its reporter's period is approved: an approved ``Submission`` with the
value's ``scope_key``, year and month — whatever data set it came through (the firm's 月度填报,
the bureau's enterprise table, the API) — or when the value itself belongs to an approved
submission. ``pre_save`` and ``pre_delete`` of ``Observation`` refuse such a change for every
role and every path that goes through the ORM's save or delete (forms, API, admin, admin bulk
delete, scripts); the imports, which write in bulk, ask ``locked_reporters`` before they plan.
An administrator reopens the period with a reason first (``workflow.submission_reopen``).
The approval itself and the reopening write through ``unlocked()``."""

import contextlib
import contextvars

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _

from .models import Observation, Submission, period_label

_bypass = contextvars.ContextVar("gaoxin_statistics_unlocked", default=False)


@contextlib.contextmanager
def unlocked():
    """The workflow's own writes to approved values (approval stamps, reopening)."""
    token = _bypass.set(True)
    try:
        yield
    finally:
        _bypass.reset(token)


def lock_bypassed() -> bool:
    return _bypass.get()


def locked_reporters(year: int, month: int, scope_keys=None) -> set[str]:
    """The reporters (scope keys) whose own submission for ``year``/``month`` is approved."""
    query = Submission.objects.filter(year=year, month=month, status=Submission.Status.APPROVED)
    if scope_keys is not None:
        query = query.filter(scope_key__in=list(scope_keys))
    return set(query.values_list("scope_key", flat=True))


def locked_values(year: int, month: int, pairs=None) -> set[tuple[int, str]]:
    """Which of ``pairs`` — (indicator id, scope key) of values for ``year``/``month`` — are
    locked (every locked pair of the period when ``pairs`` is None, for an import), in three
    queries:

    a. the reporter's own submission of a data set holding the indicator is approved;
    b. the value itself belongs to an approved submission (whatever its data set);
    c. the reporter's values of that period came in an approved zone table (the bureau's
       enterprise table) of a data set holding the indicator."""
    if pairs is not None:
        pairs = set(pairs)
        if not pairs:
            return set()

    def wanted(pair) -> bool:
        return pairs is None or pair in pairs

    approved = Submission.objects.filter(year=year, month=month, status=Submission.Status.APPROVED)
    holds = {}  # submission id -> indicator ids of its data set
    for sub_id, indicator_id in approved.values_list("id", "data_set__indicators"):
        holds.setdefault(sub_id, set()).add(indicator_id)
    if not holds:
        return set()
    own, values = approved.values_list("id", "scope_key"), Observation.objects.filter(submission__in=approved)
    if pairs is not None:
        keys = {key for _indicator, key in pairs}
        own, values = own.filter(scope_key__in=keys), values.filter(scope_key__in=keys)
    locked = {(i, key) for sub_id, key in own for i in holds.get(sub_id, ()) if wanted((i, key))}
    reported_in = set()
    for indicator_id, key, sub_id in values.values_list(
        "indicator_id", "scope_key", "submission_id"
    ).distinct():
        if wanted((indicator_id, key)):
            locked.add((indicator_id, key))
        reported_in.add((sub_id, key))
    for sub_id, key in reported_in:
        locked |= {(i, key) for i in holds.get(sub_id, ()) if wanted((i, key))}
    return locked


def lock_message(year: int, month: int) -> str:
    return _(
        "The data for %(period)s is approved and locked; an administrator must reopen it (with a reason) first."
    ) % {"period": period_label(year, month)}


def observation_lock(observation: Observation) -> str | None:
    """Why ``observation`` (as it is about to be saved, or deleted) may not change, or None."""
    if _bypass.get():
        return None
    # where the value is going, and (for a stored one) where it is now: each place asked once
    places = {(observation.indicator_id, observation.scope_key, observation.year, observation.month)}
    if observation.pk:
        stored = Observation.objects.filter(pk=observation.pk).values_list(
            "indicator_id", "scope_key", "year", "month"
        )
        places |= set(stored)
    for indicator_id, scope_key, year, month in sorted(places, key=str):
        if scope_key and year and month and locked_values(year, month, {(indicator_id, scope_key)}):
            return lock_message(year, month)
    return None


def refuse_locked_save(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures
        return
    if not instance.scope_key:
        from .models import scope_key

        instance.scope_key = scope_key(
            instance.scope, instance.park_id, instance.enterprise_id, instance.department_id
        )
    if message := observation_lock(instance):
        raise ValidationError(message, code="locked")


def refuse_locked_delete(sender, instance, **kwargs):
    if message := observation_lock(instance):
        raise ValidationError(message, code="locked")


def connect() -> None:
    pre_save.connect(refuse_locked_save, sender=Observation, dispatch_uid="gaoxin_observation_lock_save")
    pre_delete.connect(
        refuse_locked_delete, sender=Observation, dispatch_uid="gaoxin_observation_lock_delete"
    )
