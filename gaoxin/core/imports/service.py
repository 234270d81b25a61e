"""Starting and committing imports: the one path used by the pages and the API.

An upload is stored under ``var/uploads/imports/`` and checked (dry run) as a ``Job``.
The commit runs the whole check again on the same file, because the database may have
changed since, and stores everything or nothing. Files above IMPORT_SYNC_MAX_ROWS run in
the task worker; the page polls the job's progress.

The web request stays small whatever the upload: above IMPORT_SYNC_MAX_BYTES it only stores
the file and queues the job (the worker reads it); a kind that cannot stream refuses more
than IMPORT_MAX_ROWS rows before building them; the stored result keeps the first
IMPORT_MAX_ERRORS row errors and the whole list is written to ``<job id>-errors.xlsx`` next
to the upload. Uploads of imports never committed are deleted after
IMPORT_UPLOAD_RETENTION_DAYS (``uploads_purge``).
"""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import jobs
from ..models import Job
from ..xlsx import Sheet, workbook_file
from .engine import ImportResult, get_spec, run_import
from .readers import FileRejected, read_table

ALLOWED_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".txt"}


def upload_dir() -> Path:
    path = settings.VAR_DIR / "uploads" / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def may_import(user, kind: str) -> bool:
    spec = get_spec(kind)
    meta = spec.model._meta
    return user.has_perm(f"{meta.app_label}.add_{meta.model_name}") or user.has_perm(
        f"{meta.app_label}.change_{meta.model_name}"
    )


def clean_options(kind: str, data, prefix: str | None = None) -> dict:
    """Validate the extra parameters a kind asks for (a period …) into JSON-able values.
    The page prefixes each kind's fields with the kind; the API sends them bare."""
    form_class = get_spec(kind).options_form
    if form_class is None:
        return {}
    form = form_class(data, prefix=prefix)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label if name in form.fields else ''}：{'；'.join(errors)}".lstrip("：")
            for name, errors in form.errors.items()
        ]
        raise FileRejected(" ".join(problems))
    return {key: getattr(value, "code", value) for key, value in form.cleaned_data.items()}


def store_upload(upload, folder: Path, allowed=ALLOWED_SUFFIXES) -> tuple[uuid.UUID, Path]:
    """Write ``upload`` to ``folder`` under a fresh id (its job's id), refusing other types."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in allowed:
        raise FileRejected(_("Only .xlsx and .csv files can be imported."))
    job_id = uuid.uuid4()
    path = folder / f"{job_id}{suffix}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return job_id, path


def import_start(
    *, user, kind: str, upload, commit: bool = False, options=None, prefix: str | None = None
) -> Job:
    """Store ``upload`` and check it (and, with ``commit``, store its rows)."""
    spec = get_spec(kind)
    if not may_import(user, kind):
        raise PermissionDenied(_("You may not import this kind of data."))
    cleaned_options = clean_options(kind, options or {}, prefix)
    job_id, path = store_upload(upload, upload_dir())
    filename = Path(upload.name).name[:200]
    params = {
        "kind": kind,
        "filename": filename,
        "path": str(path),
        "commit": bool(commit),
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "options": {**cleaned_options, "filename": filename},
    }
    job = Job(id=job_id, kind="import", user=user, params=params)
    job.params["background"] = read_upload(job, spec, upload)
    job.save()
    return jobs.start(job, background=job.params["background"])


def read_upload(job: Job, spec, upload) -> bool:
    """Read the stored upload for the check (kept on the job as ``_table``), or note why it
    cannot be read; True when the job should run in the background. A streamed kind is not
    read here: its size decides."""
    job._table = None
    if spec.streamed:
        job.params["rows"] = 0
        return upload.size > spec.sync_max_bytes
    if upload.size > settings.IMPORT_SYNC_MAX_BYTES:
        job.params["rows"] = 0  # counted by the worker
        return True
    try:
        job._table = read_table(job.params["path"], upload.name, max_rows=settings.IMPORT_MAX_ROWS)
        job.params["rows"] = len(job._table.rows)
    except FileRejected as exc:
        job.params["rows"] = 0
        job.params["file_error"] = str(exc)
    return job.params["rows"] > settings.IMPORT_SYNC_MAX_ROWS


def import_commit(*, user, job: Job) -> Job:
    """Commit a checked import; refused unless the check passed and it is the user's."""
    if job.kind != "import" or job.user_id != user.pk:
        raise PermissionDenied
    result = job.result or {}
    if job.status != Job.Status.SUCCEEDED or not result.get("valid"):
        raise FileRejected(_("This import has errors or is not checked yet; it cannot be committed."))
    if result.get("committed"):
        return job
    job.params["commit"] = True
    job.status, job.progress, job.phase = Job.Status.PENDING, 0, ""
    job.save(update_fields=["params", "status", "progress", "phase"])
    background = job.params.get("background", job.params.get("rows", 0) > settings.IMPORT_SYNC_MAX_ROWS)
    return jobs.start(job, background=background)


@jobs.handler("import")
def run_import_job(job: Job) -> dict:
    params = job.params
    spec = get_spec(params["kind"])(job.user, options=params.get("options") or {})
    if params.get("file_error"):
        return ImportResult(kind=params["kind"], file_error=params["file_error"]).as_dict()
    phase = _("Checking rows") if not params["commit"] else _("Checking and storing rows")
    result = run_streamed(job, spec, phase) if spec.streamed else run_table(job, spec, phase)
    return result_dict(job, result)


def result_dict(job: Job, result: ImportResult) -> dict:
    """The result to store; beyond the cap the whole error list goes to a file beside the upload."""
    data = result.as_dict()
    if data["errors_truncated"]:
        errors_write(result, errors_path(job))
        data["errors_file"] = True
    return data


def errors_path(job: Job) -> Path:
    return upload_dir() / f"{job.pk}-errors.xlsx"


def errors_write(result: ImportResult, path: Path) -> None:
    rows = ([issue.row, issue.column, issue.message] for issue in result.errors)
    workbook_file([Sheet(str(_("Errors")), [_("Row"), _("Column"), _("Reason")], rows, [10, 24, 80])], path)


def job_table(job: Job):
    """The job's table (read in the request for a small file, else here), or the refusal."""
    table = getattr(job, "_table", None)
    if table is not None:
        return table
    params = job.params
    table = read_table(params["path"], params["filename"], max_rows=settings.IMPORT_MAX_ROWS)
    params["rows"] = len(table.rows)
    Job.objects.filter(pk=job.pk).update(params=params)
    return table


def run_table(job: Job, spec, phase: str) -> ImportResult:
    params = job.params
    try:
        table = job_table(job)
    except FileRejected as exc:
        return ImportResult(kind=params["kind"], file_error=str(exc))
    total = max(len(table.rows), 1)
    job.set_progress(5, phase)

    def progress(done: int) -> None:
        job.set_progress(5 + 80 * done // total, phase)

    result = run_import(
        spec,
        table,
        commit=params["commit"],
        filename=params["filename"],
        request_id=job.request_id,
        progress=progress,
    )
    return result


def run_streamed(job: Job, spec, phase: str) -> ImportResult:
    """A streamed kind reads the file itself; progress comes as (rows done, rows about)."""

    def progress(done: int, total: int) -> None:
        job.set_progress(min(99, 100 * done // max(total, 1)), phase)

    params = job.params
    return spec.run_file(
        params["path"],
        params["filename"],
        commit=params["commit"],
        request_id=job.request_id,
        progress=progress,
    )


def uploads_purge(*, days: int | None = None, now=None) -> list[Path]:
    """Delete the uploads (and error lists) of imports not committed within ``days``
    (IMPORT_UPLOAD_RETENTION_DAYS): refused, abandoned after the check, or with no job left.
    A committed import keeps its file. Returns the paths deleted."""
    days = settings.IMPORT_UPLOAD_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    jobs_committed = Job.objects.filter(kind="import", result__committed=True)
    committed = {str(pk) for pk in jobs_committed.values_list("pk", flat=True)}
    deleted = []
    for path in sorted(upload_dir().iterdir()):
        stamp = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
        if path.is_file() and stamp < cutoff and path.name[:36] not in committed:
            path.unlink()
            deleted.append(path)
    return deleted
