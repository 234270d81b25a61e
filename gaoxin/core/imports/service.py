"""Starting and committing imports: the one path used by the pages and the API.

An upload is stored under ``var/uploads/imports/`` and checked (dry run) as a ``Job``.
The commit runs the whole check again on the same file, because the database may have
changed since, and stores everything or nothing. Files above IMPORT_SYNC_MAX_ROWS run in
the task worker; the page polls the job's progress.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext as _

from .. import jobs
from ..models import Job
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


def import_start(
    *, user, kind: str, upload, commit: bool = False, options=None, prefix: str | None = None
) -> Job:
    """Store ``upload`` and check it (and, with ``commit``, store its rows)."""
    get_spec(kind)
    if not may_import(user, kind):
        raise PermissionDenied(_("You may not import this kind of data."))
    cleaned_options = clean_options(kind, options or {}, prefix)
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise FileRejected(_("Only .xlsx and .csv files can be imported."))
    job_id = uuid.uuid4()
    path = upload_dir() / f"{job_id}{suffix}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    job = Job(
        id=job_id,
        kind="import",
        user=user,
        params={
            "kind": kind,
            "filename": Path(upload.name).name[:200],
            "path": str(path),
            "commit": bool(commit),
            "language": translation.get_language() or settings.LANGUAGE_CODE,
            "options": {**cleaned_options, "filename": Path(upload.name).name[:200]},
        },
    )
    job._table = None
    try:
        job._table = read_table(path, upload.name)
        job.params["rows"] = len(job._table.rows)
    except FileRejected as exc:
        job.params["rows"] = 0
        job.params["file_error"] = str(exc)
    job.save()
    return jobs.start(job, background=job.params["rows"] > settings.IMPORT_SYNC_MAX_ROWS)


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
    return jobs.start(job, background=job.params.get("rows", 0) > settings.IMPORT_SYNC_MAX_ROWS)


@jobs.handler("import")
def run_import_job(job: Job) -> dict:
    params = job.params
    spec = get_spec(params["kind"])(job.user, options=params.get("options") or {})
    if params.get("file_error"):
        return ImportResult(kind=params["kind"], file_error=params["file_error"]).as_dict()
    table = getattr(job, "_table", None)
    if table is None:
        try:
            table = read_table(params["path"], params["filename"])
        except FileRejected as exc:
            return ImportResult(kind=params["kind"], file_error=str(exc)).as_dict()
    total = max(len(table.rows), 1)
    checking = _("Checking rows") if not params["commit"] else _("Checking and storing rows")
    job.set_progress(5, checking)

    def progress(done: int) -> None:
        job.set_progress(5 + 80 * done // total, checking)

    result = run_import(
        spec,
        table,
        commit=params["commit"],
        filename=params["filename"],
        request_id=job.request_id,
        progress=progress,
    )
    return result.as_dict()
