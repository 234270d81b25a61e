"""Background jobs: a ``Job`` row the page polls, run by django-tasks (database backend).

``start`` runs small work at once and queues big work for the worker (``gaoxin
db_worker``, started by ``gaoxin demo``). The queue entry is added on commit, so the
worker never sees a job row that is not stored yet.
"""

import logging
import traceback
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Job

logger = logging.getLogger(__name__)

HANDLERS: dict[str, Callable[[Job], dict]] = {}


def handler(kind: str):
    def wrap(func: Callable[[Job], dict]):
        HANDLERS[kind] = func
        return func

    return wrap


def execute(job: Job) -> Job:
    """Run ``job`` in this process and record the outcome on its row."""
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now())
    job.status = Job.Status.RUNNING
    try:
        with translation.override(job.params.get("language") or "zh-hans"):
            result = HANDLERS[job.kind](job)
            done = str(_("Done"))
    except Exception as exc:
        logger.exception("job %s failed", job.pk)
        job.status, job.error = Job.Status.FAILED, f"{exc}\n{traceback.format_exc()[-2000:]}"
        job.result = None
    else:
        job.status, job.result, job.progress = Job.Status.SUCCEEDED, result, 100
        job.phase = done
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "error", "progress", "phase", "finished_at"])
    return job


@task()
def run_job(job_id: str) -> str:
    job = Job.objects.get(pk=job_id)
    if job.status == Job.Status.PENDING:
        execute(job)
    return job.status


def start(job: Job, *, background: bool) -> Job:
    if not background:
        return execute(job)
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job
