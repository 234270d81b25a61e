"""The outside company registry as an import kind: the generic import page, /api/imports/
and their jobs run it like any other kind, and ``/chains/registry/import/`` and
``gaoxin import_registry`` keep their own pages and output.

It keeps the registry's own rules (``chains.registry``), not the all-or-nothing engine: a
registry is a bulk outside dataset, so a bad row is skipped and listed while the good rows
are stored (docs/adr/0014). In the engine's terms the skipped rows are warnings (they do
not stop the commit) counted as rows with errors; a file refused whole is the file error.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from gaoxin.core.context import change_context
from gaoxin.core.imports import Column, ImportResult, ImportSpec, register
from gaoxin.core.imports.engine import RowIssue
from gaoxin.core.models import ObjectChange

from .models import RegistryCompany
from .registry import REQUIRED, RegistryResult, check_registry, import_registry, notes

# The headers a template carries: the registry's own (Chinese in every language), each
# also matched by the aliases of ``registry.COLUMNS``.
HEADERS = {
    "name": "企业名称",
    "uscc": "统一社会信用代码",
    "region_code": "行政区划代码",
    "registered_capital": "注册资本（万元）",
    "established": "成立日期",
    "scope": "经营范围",
    "products": "主营产品",
}


@register
class RegistryImport(ImportSpec):
    """A registry file (.csv UTF-8/GB18030 or .xlsx), streamed and classified onto chain nodes."""

    kind = "registry-companies"
    label = _("Company registry")
    model = RegistryCompany
    key = ("uscc",)
    exportable = False  # a million rows are no spreadsheet to edit and send back
    streamed = True
    sync_max_bytes = 2 * 1024 * 1024  # smaller files are imported during the request

    def get_columns(self) -> list[Column]:
        text = {"uscc", "region_code"}
        return [
            Column(key, header, required=key in REQUIRED, text_format=key in text, width=20)
            for key, header in HEADERS.items()
        ]

    def run_file(self, path, filename, *, commit, request_id=None, progress=None) -> ImportResult:
        if not commit:
            return as_import_result(self.kind, check_registry(path, filename=filename, progress=progress))
        message = _("Registry import: %(file)s") % {"file": filename or Path(path).name}
        with change_context(
            user=self.user, request_id=request_id, source=ObjectChange.Source.IMPORT, message=message
        ) as ctx:
            found = import_registry(path, filename=filename, user=self.user, progress=progress)
        result = as_import_result(self.kind, found)
        result.committed = not found.file_error
        result.request_id = str(ctx.request_id) if result.committed else ""
        return result


def as_import_result(kind: str, found: RegistryResult) -> ImportResult:
    """The registry's counts in the engine's terms: added → new, known → changed, every
    skipped row a warning (the first ``MAX_ERRORS`` listed, all counted)."""
    result = ImportResult(kind=kind, total=found.rows, new=found.created, changed=found.updated)
    result.file_error = found.file_error
    result.error_rows = found.rejected
    rows = [error for error in found.errors if error["row"]]
    result.warnings = [RowIssue(error["row"], "", error["message"]) for error in [*rows, *notes(found)]]
    return result
