"""The company registry's pages: upload a registry file (a background job with progress),
the company list (filters by node, region, capital, age; matched words per node) and a
company's page.

Speed with a million companies: every filter is index-friendly (node through CompanyMatch's
(node, score) index, region code by prefix on its index, name search as a prefix or
substring only when asked); the page shows 25 rows with their matches prefetched in one
query. The paginator counts the filtered rows (one COUNT, ≈50 ms over a million rows on
SQLite, less on PostgreSQL) — kept, because clerks ask "how many targets on this node".
"""

from pathlib import Path

import django_tables2 as tables
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.core import jobs
from gaoxin.core.imports import FileRejected
from gaoxin.core.imports.service import may_import as may_import_kind
from gaoxin.core.imports.service import store_upload
from gaoxin.core.models import Job
from gaoxin.core.tables import BaseTable, MoneyColumn, name_with_code
from gaoxin.core.views import ObjectDetailView, ObjectListView
from gaoxin.reference.names import region_names

from .filters import RegistryCompanyFilterSet
from .imports import RegistryImport
from .models import CompanyMatch, ImportBatch, RegistryCompany
from .registry import import_registry

REGISTRY_SUFFIXES = {".csv", ".txt", ".xlsx"}


def matches_prefetch():
    return Prefetch(
        "matches",
        queryset=CompanyMatch.objects.select_related("node__chain").order_by("-score"),
        to_attr="match_list",
    )


class MatchesColumn(tables.Column):
    def render(self, record):
        found = getattr(record, "match_list", [])
        return (
            format_html_join(
                "",
                '<div data-testid="company-match" data-node="{}"><span class="badge bg-blue-lt">{} · {}</span> '
                '<small class="text-secondary">{} ({})</small></div>',
                ((m.node_id, m.node.chain.name, m.node.name, m.words, m.score) for m in found),
            )
            or "—"
        )


class CompanyTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=gettext_lazy("name"))
    uscc = tables.Column(verbose_name=gettext_lazy("credit code"), attrs={"td": {"class": "font-monospace"}})
    region_code = tables.Column(verbose_name=gettext_lazy("region"))

    def region_name(self, code: str) -> str:
        """Names read once for the page's rows (one query), not per row."""
        if not hasattr(self, "_regions"):
            rows = self.page.object_list if getattr(self, "page", None) else self.data
            self._regions = region_names(getattr(row, "record", row).region_code for row in rows)
        return self._regions.get(code, code)

    def render_region_code(self, value):
        return name_with_code(self.region_name(value), value)

    def export_region_code(self, record):
        return region_names([record.region_code]).get(record.region_code, record.region_code)

    registered_capital = MoneyColumn(verbose_name=gettext_lazy("registered capital (万元)"))
    established = tables.DateColumn(verbose_name=gettext_lazy("established"))
    matches = MatchesColumn(
        verbose_name=gettext_lazy("Chain nodes (matched words)"),
        accessor="pk",
        orderable=False,
        empty_values=(),
    )

    class Meta(BaseTable.Meta):
        model = RegistryCompany
        fields = ("name", "uscc", "region_code", "registered_capital", "established", "matches")
        row_attrs = {"data-testid": "company-row", "data-company": lambda record: record.pk}


class CompanyListView(ObjectListView):
    queryset = RegistryCompany.objects.all()
    filterset_class = RegistryCompanyFilterSet
    table_class = CompanyTable
    title = gettext_lazy("Company registry")

    def get_queryset(self):
        return RegistryCompany.objects.prefetch_related(matches_prefetch()).defer("scope", "products")


class CompanyDetailView(ObjectDetailView):
    queryset = RegistryCompany.objects.all()
    template_name = "chains/registry/company_detail.html"

    def get_context(self, obj) -> dict:
        return {
            "matches": obj.matches.select_related("node__chain").order_by("-score"),
            "batch": ImportBatch.objects.filter(pk=obj.batch_id).first() if obj.batch_id else None,
        }


def may_import(user) -> bool:
    return may_import_kind(user, RegistryImport.kind)


def upload_dir() -> Path:
    path = settings.VAR_DIR / "uploads" / "registry"
    path.mkdir(parents=True, exist_ok=True)
    return path


@jobs.handler("registry_import")
def run_registry_job(job: Job) -> dict:
    def progress(done: int, total: int) -> None:
        job.set_progress(min(99, 100 * done // max(total, 1)), _("Importing and classifying rows"))

    result = import_registry(
        job.params["path"], filename=job.params["filename"], user=job.user, progress=progress
    )
    Path(job.params["path"]).unlink(missing_ok=True)
    return result.as_dict()


class RegistryImportView(LoginRequiredMixin, View):
    template_name = "chains/registry/import.html"

    def context(self, **extra):
        return {
            "title": _("Import a company registry"),
            "batches": ImportBatch.objects.select_related("user")[:10],
            "limit_mb": settings.MAX_UPLOAD_BYTES // 1024 // 1024,
            **extra,
        }

    def get(self, request):
        if not may_import(request.user):
            raise PermissionDenied(_("You may not import the company registry."))
        return render(request, self.template_name, self.context())

    def post(self, request):
        if not may_import(request.user):
            raise PermissionDenied(_("You may not import the company registry."))
        upload = request.FILES.get("file")
        if upload is None:
            return render(
                request, self.template_name, self.context(error=_("Choose a file to upload.")), status=400
            )
        try:
            job_id, path = store_upload(upload, upload_dir(), allowed=REGISTRY_SUFFIXES)
        except FileRejected as exc:
            return render(request, self.template_name, self.context(error=str(exc)), status=400)
        job = Job.objects.create(
            id=job_id,
            kind="registry_import",
            user=request.user,
            params={
                "path": str(path),
                "filename": Path(upload.name).name[:200],
                "language": request.LANGUAGE_CODE,
            },
        )
        jobs.start(job, background=upload.size > RegistryImport.sync_max_bytes)
        return redirect("chains:registry_job", pk=job.pk)


class RegistryJobView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(Job, pk=pk, kind="registry_import", user=request.user)
        context = {
            "title": _("Import: %(file)s") % {"file": job.params.get("filename")},
            "job": job,
            "result": job.result or {},
        }
        if request.htmx and not request.htmx.boosted:
            return render(request, "chains/registry/includes/job.html", context)
        return render(request, "chains/registry/job.html", context)
