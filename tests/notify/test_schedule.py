"""The daily run on django-tasks: builds and sends; queues itself for the next 07:30 in the
zone's time zone once, however often it is asked; a failed delivery's retry is queued for
its time."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from gaoxin.notify import tasks
from gaoxin.notify.models import ChannelConfig, Delivery
from gaoxin.projects.models import Problem, ProblemCategory
from gaoxin.zone.models import Zone
from tests.factories import clerk_department, make_project

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (
            datetime.datetime(2025, 9, 30, 7, 29, tzinfo=SHANGHAI),
            datetime.datetime(2025, 9, 30, 7, 30, tzinfo=SHANGHAI),
        ),
        (
            datetime.datetime(2025, 9, 30, 7, 30, tzinfo=SHANGHAI),
            datetime.datetime(2025, 10, 1, 7, 30, tzinfo=SHANGHAI),
        ),
        (
            datetime.datetime(2025, 9, 30, 0, 0, tzinfo=datetime.UTC),
            datetime.datetime(2025, 10, 1, 7, 30, tzinfo=SHANGHAI),
        ),
    ],
)
def test_the_next_run_is_the_next_0730_in_shanghai(now, expected):
    assert tasks.next_run(now) == expected


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_the_daily_run_is_queued_once(world, database_backend):
    from django_tasks_db.models import DBTaskResult

    now = datetime.datetime(2025, 9, 30, 8, 0, tzinfo=SHANGHAI)
    assert tasks.schedule_next(now) == datetime.datetime(2025, 10, 1, 7, 30, tzinfo=SHANGHAI)
    assert tasks.schedule_next(now) == datetime.datetime(2025, 10, 1, 7, 30, tzinfo=SHANGHAI)
    [row] = DBTaskResult.objects.filter(task_path="gaoxin.notify.tasks.daily_reminders")
    assert (row.status, row.run_after) == ("READY", datetime.datetime(2025, 10, 1, 7, 30, tzinfo=SHANGHAI))


def test_the_daily_run_builds_sends_queues_the_retry_and_the_next_day(world, database_backend):
    from django_tasks_db.models import DBTaskResult

    Zone.objects.filter(pk=world.zone.pk).update(reference_date=datetime.date(2025, 9, 30))
    ChannelConfig.objects.create(name="经发局群", channel="wecom", webhook_url="http://127.0.0.1:9/send")
    Problem.objects.create(
        project=make_project(world, world.firm_a),
        category=ProblemCategory.objects.get(code="land"),
        description="用地指标未落实",
        raised_by=world.leader,
        raised_on=datetime.date(2025, 9, 1),
        department=clerk_department(world),
        deadline=datetime.date(2025, 9, 15),
    )
    before = timezone.now()
    assert tasks.daily_reminders.call() == {
        "day": "2025-09-30",
        "built": 2,
        "queued": 1,
        "tried": 1,
        "purged": 0,
    }
    rows = {row.task_path: row for row in DBTaskResult.objects.all()}
    assert sorted(rows) == ["gaoxin.notify.tasks.daily_reminders", "gaoxin.notify.tasks.send_delivery"]
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("queued", 1)
    retry = rows["gaoxin.notify.tasks.send_delivery"]
    assert (retry.args_kwargs["args"], retry.run_after) == ([delivery.pk], delivery.next_attempt_at)
    assert datetime.timedelta(minutes=5) <= delivery.next_attempt_at - before < datetime.timedelta(minutes=6)
    assert tasks.daily_reminders.call()["built"] == 0  # the same day again: nothing new
    assert DBTaskResult.objects.filter(task_path="gaoxin.notify.tasks.daily_reminders").count() == 1
