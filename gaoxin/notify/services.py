"""The outbox: build the day's messages from the rules, queue a delivery per channel, send
what is due, retry failures at growing intervals, then give up with the reason recorded."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from .channels import CHANNELS, Result
from .models import Attempt, ChannelConfig, Delivery, Message, Mute
from .rules import Reminder, reminder_day, reminders_for


@dataclass
class Outcome:
    day: datetime.date
    built: int
    queued: int


def muted_pairs() -> set[tuple[int, str]]:
    return set(Mute.objects.values_list("user_id", "kind"))


def messages_of(reminder: Reminder, day: datetime.date, muted: set) -> list[Message]:
    key = f"{day:%Y-%m-%d}|{reminder.topic}"[:200]
    return [
        Message(
            user_id=user_id,
            kind=reminder.kind,
            day=day,
            subject=reminder.subject[:200],
            body=reminder.body,
            url=reminder.url,
            topic=reminder.topic[:160],
            dedupe_key=key,
        )
        for user_id in sorted(reminder.user_ids)
        if (user_id, reminder.kind) not in muted
    ]


def messages_build(*, day: datetime.date | None = None) -> Outcome:
    """Store the day's reminders as messages (the same day twice adds nothing: each message's
    key is its day and topic) and queue their deliveries."""
    day = day or reminder_day()
    muted = muted_pairs()
    with translation.override(settings.LANGUAGE_CODE):  # the zone's language, also in the worker
        wanted = [m for reminder in reminders_for(day) for m in messages_of(reminder, day, muted)]
    with transaction.atomic():
        existing = set(
            Message.objects.filter(day=day, user_id__in={m.user_id for m in wanted}).values_list(
                "user_id", "dedupe_key"
            )
        )
        new = [m for m in wanted if (m.user_id, m.dedupe_key) not in existing]
        Message.objects.bulk_create(new, ignore_conflicts=True)
        created = list(Message.objects.filter(day=day, dedupe_key__in={m.dedupe_key for m in new}))
        queued = deliveries_queue([m for m in created if (m.user_id, m.dedupe_key) not in existing])
    return Outcome(day=day, built=len(new), queued=queued)


def delivery_key(channel: ChannelConfig, message: Message) -> str:
    """Group robots get each reminder once; personal channels once per recipient."""
    return message.dedupe_key if channel.is_group else f"{message.dedupe_key}|{message.user_id}"[:200]


def deliveries_queue(messages: list[Message]) -> int:
    channels = list(ChannelConfig.objects.filter(enabled=True))
    rows = {}
    for message in messages:
        for channel in channels:
            if channel.sends(message.kind):
                key = delivery_key(channel, message)
                rows.setdefault((channel.pk, key), Delivery(message=message, channel=channel, dedupe_key=key))
    before = Delivery.objects.count()
    Delivery.objects.bulk_create(rows.values(), ignore_conflicts=True)
    return Delivery.objects.count() - before


def retry_delays() -> list[datetime.timedelta]:
    return [datetime.timedelta(minutes=m) for m in settings.REMINDER_RETRY_MINUTES]


def delivery_send(*, delivery: Delivery, now: datetime.datetime | None = None) -> Delivery:
    """One try: recorded as an ``Attempt``; a failure waits for the next retry interval, and
    after the last one the delivery is failed."""
    now = now or timezone.now()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            result = CHANNELS[delivery.channel.channel].send(delivery)
    except Exception as exc:  # a channel bug must not stop the other deliveries
        result = Result(False, f"{type(exc).__name__}: {exc}")
    Attempt.objects.create(delivery=delivery, ok=result.ok, response=result.response[:4000])
    delivery.attempts += 1
    record_outcome(delivery, result, now)
    delivery.save(update_fields=["attempts", "status", "next_attempt_at", "last_error", "sent_at"])
    return delivery


def record_outcome(delivery: Delivery, result: Result, now: datetime.datetime) -> None:
    if result.ok:
        delivery.status, delivery.sent_at, delivery.next_attempt_at = Delivery.Status.SENT, now, None
        return
    delivery.last_error = result.response[:2000]
    delays = retry_delays()
    if delivery.attempts > len(delays):
        delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
    else:
        delivery.next_attempt_at = now + delays[delivery.attempts - 1]


def due_deliveries(now: datetime.datetime):
    queued = Delivery.objects.filter(status=Delivery.Status.QUEUED, channel__enabled=True)
    due = queued.filter(next_attempt_at__isnull=True) | queued.filter(next_attempt_at__lte=now)
    return due.select_related("channel", "message__user").order_by("id")


def deliveries_send_due(*, now: datetime.datetime | None = None) -> list[Delivery]:
    """Send every queued delivery whose time has come (new ones and retries)."""
    now = now or timezone.now()
    return [delivery_send(delivery=delivery, now=now) for delivery in due_deliveries(now)]


def message_mark_read(*, user, message: Message | None = None) -> int:
    """Mark one message (or all of the user's) read; returns how many changed."""
    unread = Message.objects.visible_to(user).unread()
    if message is not None:
        unread = unread.filter(pk=message.pk)
    return unread.update(read_at=timezone.now())


def mute_set(*, user, kind: str, muted: bool) -> None:
    if muted:
        Mute.objects.get_or_create(user=user, kind=kind)
    else:
        Mute.objects.filter(user=user, kind=kind).delete()
