"""Import pages: choose a kind, upload, read the dry run, commit; templates and exports
in the import layout. The same service functions serve /api/imports/."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .downloads import file_response
from .imports import FileRejected, all_specs, get_spec
from .imports.engine import export_rows
from .imports.service import errors_path, import_commit, import_start, may_import
from .models import Job
from .xlsx import template_bytes, workbook_bytes


def spec_or_404(kind: str):
    try:
        return get_spec(kind)
    except FileRejected:
        raise Http404 from None


class ImportView(LoginRequiredMixin, View):
    template_name = "core/import.html"

    def kinds(self, user):
        return [spec for spec in all_specs() if may_import(user, spec.kind)]

    def context(self, request, **extra):
        kinds = self.kinds(request.user)
        if not kinds:
            raise PermissionDenied(_("You may not import data."))
        selected = request.POST.get("kind") or request.GET.get("kind") or kinds[0].kind
        recent = Job.objects.filter(user=request.user, kind="import")[:10]
        options = {
            spec.kind: spec.options_form(
                request.POST if request.method == "POST" and spec.kind == selected else None, prefix=spec.kind
            )
            for spec in kinds
            if spec.options_form is not None
        }
        return {
            "title": _("Import"),
            "kinds": kinds,
            "selected": selected,
            "recent": recent,
            "options": options,
            **extra,
        }

    def get(self, request):
        return render(request, self.template_name, self.context(request))

    def post(self, request):
        upload = request.FILES.get("file")
        kind = request.POST.get("kind", "")
        if upload is None:
            return render(
                request,
                self.template_name,
                self.context(request, error=_("Choose a file to upload.")),
                status=400,
            )
        try:
            job = import_start(user=request.user, kind=kind, upload=upload, options=request.POST, prefix=kind)
        except FileRejected as exc:
            return render(request, self.template_name, self.context(request, error=str(exc)), status=400)
        return redirect("imports:job", pk=job.pk)


class ImportJobView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(Job, pk=pk, kind="import", user=request.user)
        spec = spec_or_404(job.params["kind"])
        context = {
            "title": _("Import: %(file)s") % {"file": job.params.get("filename")},
            "job": job,
            "spec": spec,
            "result": job.result or {},
        }
        if request.htmx and not request.htmx.boosted:
            return render(request, "core/includes/import_job.html", context)
        return render(request, "core/import_job.html", context)


class ImportErrorsView(LoginRequiredMixin, View):
    """The whole error list of an import (the job keeps the first IMPORT_MAX_ERRORS) as .xlsx;
    only for the job's own user, like the job page."""

    def get(self, request, pk):
        job = get_object_or_404(Job, pk=pk, kind="import", user=request.user)
        try:
            handle = errors_path(job).open("rb")
        except FileNotFoundError:
            raise Http404 from None
        name = _("Errors of %(file)s") % {"file": Path(job.params.get("filename") or "import").stem}
        return file_response(handle, f"{name}.xlsx", fallback=f"import-errors-{job.pk}.xlsx")


class ImportCommitView(LoginRequiredMixin, View):
    def post(self, request, pk):
        job = get_object_or_404(Job, pk=pk, kind="import", user=request.user)
        try:
            job = import_commit(user=request.user, job=job)
        except FileRejected as exc:
            messages.error(request, str(exc))
            return redirect("imports:job", pk=job.pk)
        result = job.result or {}
        if result.get("committed"):
            summary = result["summary"]
            messages.success(
                request,
                _("Import stored: %(new)d new, %(changed)d changed, %(unchanged)d unchanged.") % summary,
            )
        return redirect("imports:job", pk=job.pk)


class TemplateView(LoginRequiredMixin, View):
    def get(self, request, kind):
        spec_class = spec_or_404(kind)
        spec = spec_class(request.user)
        examples = (
            spec.example_rows() if hasattr(spec, "example_rows") and request.GET.get("examples") else None
        )
        name = _("%(what)s import template") % {"what": spec.label}
        return file_response(template_bytes(spec, examples), f"{name}.xlsx")


class ExportView(LoginRequiredMixin, View):
    """All records the user may see, in the import layout (edit, then import back)."""

    def get(self, request, kind):
        spec = spec_or_404(kind)(request.user)
        if not request.user.has_perm(spec.permission_for("view")) or not spec.exportable:
            raise PermissionDenied
        titles = [str(c.label) for c in spec.columns]
        rows = export_rows(spec, spec.export_queryset())
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        content = workbook_bytes(
            [(str(spec.sheet_name or spec.label), titles, rows, [c.width for c in spec.columns])]
        )
        return file_response(content, f"{spec.label}-{stamp}.xlsx")
