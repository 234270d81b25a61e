"""The daily run on django-tasks (ADR 0002; the worker is ``gaoxin db_worker``).

``daily_reminders`` builds the day's messages, sends what is due, queues each failed
delivery's retry for its ``next_attempt_at`` and queues itself for the next day at
``GAOXIN_REMINDERS_AT`` (07:30 in ``TIME_ZONE`` by default), never twice. A backend that
cannot defer (the tests' immediate one) sends retries when the next run or
``gaoxin reminders --send`` finds them due.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from gaoxin.core.imports.service import uploads_purge

from . import services
from .models import Delivery

logger = logging.getLogger(__name__)


@task()
def daily_reminders(day: str | None = None) -> dict:
    outcome = services.messages_build(day=datetime.date.fromisoformat(day) if day else None)
    sent = services.deliveries_send_due()
    for delivery in sent:
        retry_later(delivery)
    schedule_next()
    # the day's housekeeping rides on the same daily run: uploads of imports never committed
    # within IMPORT_UPLOAD_RETENTION_DAYS are deleted (core.imports.service.uploads_purge)
    purged = len(uploads_purge())
    return {
        "day": f"{outcome.day}",
        "built": outcome.built,
        "queued": outcome.queued,
        "tried": len(sent),
        "purged": purged,
    }


@task()
def send_delivery(delivery_id: int) -> str:
    delivery = Delivery.objects.select_related("channel", "message__user").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.Status.QUEUED:
        return "skipped"
    if delivery.next_attempt_at and delivery.next_attempt_at > timezone.now():
        retry_later(delivery)  # woken early (a worker's clock): wait again
        return "waiting"
    services.delivery_send(delivery=delivery)
    retry_later(delivery)
    return delivery.status


def can_defer() -> bool:
    return daily_reminders.get_backend().supports_defer


def retry_later(delivery: Delivery) -> None:
    if delivery.status == Delivery.Status.QUEUED and delivery.next_attempt_at and can_defer():
        send_delivery.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)


def next_run(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next ``REMINDERS_AT`` in the zone's time zone after ``now``."""
    now = timezone.localtime(now or timezone.now())
    hour, minute = (int(part) for part in settings.REMINDERS_AT.split(":"))
    run = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


def pending_daily_run():
    """The daily run already queued in the database backend, if any."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=daily_reminders.module_path, status="READY").first()


def schedule_next(now: datetime.datetime | None = None):
    """Queue the next daily run unless one is queued already; None on a backend that cannot
    defer (then cron runs ``gaoxin reminders --send``)."""
    if not can_defer():
        return None
    if "django_tasks_db" in daily_reminders.get_backend().__class__.__module__:
        pending = pending_daily_run()
        if pending is not None:
            return timezone.localtime(pending.run_after)
    run = next_run(now)
    daily_reminders.using(run_after=run).enqueue()
    logger.info("reminders scheduled for %s", run)
    return run
