"""The import engine: a table in, a dry-run summary or a committed import out.

Every importable kind is an ``ImportSpec`` subclass in its app's ``imports.py`` (registered
with ``@register``). The engine does the rest the same way for all of them:

1. match the header to the spec's columns (missing required or unknown columns stop it);
2. parse every cell and check every row, collecting all errors as (row, column, reason);
3. find duplicates of the natural key inside the file;
4. load the existing records by natural key (one query per 5,000 keys), scoped to the user;
5. classify each row as new, changed or unchanged (blank cells never erase a stored value);
6. on commit, and only if there is no error: one transaction with ``bulk_create`` /
   ``bulk_update`` and the audit rows, all under one request id.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from ..audit import action_for, change_rows, display_value, json_value, serialize
from ..bulk import FastInserter, assign_pks, gc_paused, last_sqlite_id
from ..bulk import new_instance as bulk_new_instance
from ..context import change_context, current
from ..models import ObjectChange
from .columns import CellError, Column, normalize_header
from .readers import FileRejected, Table

REGISTRY: dict[str, type[ImportSpec]] = {}
DISCOVERED: list[bool] = []
PREVIEW_LIMIT = 200
FORMULA = object()  # what ``CellReader.special`` answers for a formula cell
BATCH = 1000


def register(spec: type[ImportSpec]) -> type[ImportSpec]:
    REGISTRY[spec.kind] = spec
    return spec


def discover() -> None:
    """Import every app's ``imports.py`` once (a module that imports one spec directly must
    not hide the others: the registry kind is imported by the registry's pages)."""
    from django.utils.module_loading import autodiscover_modules

    if not DISCOVERED:
        autodiscover_modules("imports")
        DISCOVERED.append(True)


def get_spec(kind: str) -> type[ImportSpec]:
    discover()
    try:
        return REGISTRY[kind]
    except KeyError:
        raise FileRejected(_("Unknown import kind “%(kind)s”.") % {"kind": kind}) from None


def all_specs() -> list[type[ImportSpec]]:
    """Every kind, in the order of INSTALLED_APPS (whichever module was imported first)."""
    from django.apps import apps

    discover()
    order = {config.label: index for index, config in enumerate(apps.get_app_configs())}
    return sorted(REGISTRY.values(), key=lambda spec: order.get(spec.model._meta.app_label, len(order)))


@dataclass
class RowIssue:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    kind: str
    total: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    file_error: str = ""
    preview: list[dict] = field(default_factory=list)
    committed: bool = False
    request_id: str = ""
    bad_rows: set[int] = field(default_factory=set)
    # How many rows were refused when not every one is in ``bad_rows`` (a streamed spec
    # lists the first few hundred of a million-row file).
    error_rows: int | None = None

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors

    def as_dict(self) -> dict:
        """The job's stored result: at most IMPORT_MAX_ERRORS errors and warnings (the counts
        are whole; the full error list goes to a file, ``errors_file``)."""
        cap = settings.IMPORT_MAX_ERRORS
        return {
            "kind": self.kind,
            "error_count": len(self.errors),
            "errors_truncated": len(self.errors) > cap,
            "warning_count": len(self.warnings),
            "valid": self.ok,
            "committed": self.committed,
            "request_id": self.request_id,
            "total_rows": self.total,
            "summary": {
                "new": self.new,
                "changed": self.changed,
                "unchanged": self.unchanged,
                "error_rows": len(self.bad_rows) if self.error_rows is None else self.error_rows,
                "errors": len(self.errors),
            },
            "file_error": self.file_error,
            "errors": [e.as_dict() for e in self.errors[:cap]],
            "warnings": [w.as_dict() for w in self.warnings[:cap]],
            "preview": self.preview,
        }


class RowContext:
    """What a spec's ``clean_row`` needs to report problems on the current row."""

    def __init__(self, number: int, result: ImportResult, labels: dict[str, str]):
        self.number = number
        self.result = result
        self.labels = labels
        self.failed = False

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self.result.errors.append(RowIssue(self.number, self.labels.get(key, key), str(message)))
        self.result.bad_rows.add(self.number)

    def warn(self, key: str, message: str) -> None:
        self.result.warnings.append(RowIssue(self.number, self.labels.get(key, key), str(message)))


class ImportSpec:
    """Describe one importable kind; see the module docstring for what the engine does."""

    kind: ClassVar[str]
    label: ClassVar[str | Promise]
    model: ClassVar[type[models.Model]]
    key: ClassVar[tuple[str, ...]]
    sheet_name: ClassVar[str | Promise] = ""
    description: ClassVar[str | Promise] = ""
    do_not_call_in_templates = True  # templates list the spec classes themselves

    # Extra parameters asked for at upload (a period …): a Django form class, or None.
    options_form: ClassVar[Any] = None
    # Look for the header below title rows, merging two-row headers (bureau tables).
    locate_header: ClassVar[bool] = False
    # Columns the spec does not know are ignored with a warning instead of refused.
    ignore_unknown_columns: ClassVar[bool] = False
    # Whether "current data in this layout" makes sense (one record per row).
    exportable: ClassVar[bool] = True
    # One audit row per file row instead of per record (a statistics row holds ten values;
    # see docs/adr/0008): the spec builds them in ``audit_rows``.
    audit_by_row: ClassVar[bool] = False
    # New records are written from their values by ``save_new`` without a model instance
    # each (100,000 statistics values); their ``Planned.instance`` is built only when asked
    # for (``planned_instance``: the preview).
    lazy_instances: ClassVar[bool] = False
    # The spec reads the file itself, row by row (``readers.stream_rows``), instead of a
    # ``Table`` held whole: ``run_file`` does the check or the import (an outside registry of
    # a million rows, docs/adr/0014). Uploads above ``sync_max_bytes`` run in the background.
    streamed: ClassVar[bool] = False
    sync_max_bytes: ClassVar[int] = 0

    def __init__(self, user, extra_values: dict | None = None, options: dict | None = None):
        self.user = user
        self.options = options or {}
        # Set on every new record and not read from the file (the demo loader marks its firms).
        self.extra_values = extra_values or {}
        self.for_update = False
        self.columns: list[Column] = self.get_columns()
        for column in self.columns:
            column.bind(self.model)

    # -- to override ---------------------------------------------------------------------
    def get_columns(self) -> list[Column]:
        raise NotImplementedError

    def prepare(self) -> None:
        """Preload lookup tables (parks by name …) before the rows are parsed."""

    def clean_row(self, values: dict, row: RowContext) -> None:
        """Checks on the row's own cells; report with ``row.error(key, message)``."""

    def skip_row(self, raw: list) -> bool:
        """True for rows that are not data (footnotes 注：…, section headings)."""
        return False

    def check_table(self, table: Table, result: ImportResult) -> None:
        """File-level checks before any row (the period in a bureau table's title)."""

    def records(self, values: dict, row: RowContext) -> list[dict]:
        """The records one row stands for (an enterprise row of a monthly table holds one
        value per indicator column)."""
        return [values]

    def clean_merged(self, values: dict, row: RowContext) -> None:
        """Cross-field rules on the record as it would be stored: the stored values with
        the row's non-blank cells over them (for a new record, just the row)."""

    def audit_rows(self, plans: list, message: str, ctx, now) -> list[dict]:
        raise NotImplementedError

    def run_file(
        self, path, filename: str, *, commit: bool, request_id=None, progress: Callable | None = None
    ) -> ImportResult:
        """A ``streamed`` spec's whole run over the file at ``path``; ``progress(done, total)``."""
        raise NotImplementedError

    def missing_permission(self) -> str:
        """A reason the user may not commit beyond add/change of the model (e.g. new tags)."""
        return ""

    def locked(self, queryset):
        """``existing()``'s queryset, row-locked while an import commits (PostgreSQL).
        SQLite needs no lock: an IMMEDIATE transaction already holds the database."""
        if self.for_update and connection.features.has_select_for_update:
            if connection.features.has_select_for_update_of:
                return queryset.select_for_update(of=("self",))
            return queryset.select_for_update()
        return queryset

    def existing(self, keys: list[tuple]) -> dict[tuple, models.Model]:
        """Stored records by natural key, limited to what the user may see."""
        raise NotImplementedError

    def new_instance(self, values: dict) -> models.Model:
        """An unsaved record from a row; blank cells leave the model's defaults."""
        return bulk_new_instance(self.model, values, self.extra_values, skip_blank=True)

    def export_queryset(self):
        return self.model.objects.visible_to(self.user)

    def before_save(self, created: list, updated: list) -> None:
        """Complete the records before they are written (``updated`` are plans: a field
        set here must be added to ``plan.changed_fields``)."""

    def save_new(self, new: list[Planned], updated: list[Planned]) -> list[models.Model]:
        """Complete (``before_save``) and write the new records, in the commit's
        transaction; returns their instances, primary keys set."""
        created = [planned_instance(self, plan) for plan in new]
        self.before_save(created, updated)
        if created:
            after = last_sqlite_id(self.model)
            FastInserter(self.model).insert(created)
            assign_pks(self.model, created, self.key_attnames(), after=after)
        return created

    def after_save(self, created: list, updated: list, rows: dict) -> None:
        """Write what bulk_create cannot (many-to-many links)."""

    def permission_for(self, action: str) -> str:
        meta = self.model._meta
        return f"{meta.app_label}.{action}_{meta.model_name}"

    # -- helpers -------------------------------------------------------------------------
    @property
    def field_names(self) -> set[str]:
        return {f.name for f in self.model._meta.concrete_fields}

    def key_of(self, values: dict) -> tuple:
        key = self.key
        if len(key) == 1:
            return (values.get(key[0]),)
        return tuple([values.get(k) for k in key])

    def key_attnames(self) -> list[str]:
        return [self.model._meta.get_field(name).attname for name in self.key]

    def key_label(self) -> str:
        labels = {c.key: str(c.label) for c in self.columns}
        return " + ".join(labels.get(k, k) for k in self.key)


# --- the run ------------------------------------------------------------------------------


def column_names(spec: ImportSpec) -> dict[str, Column]:
    by_name: dict[str, Column] = {}
    for column in spec.columns:
        for name in column.header_names():
            by_name[name] = column
    return by_name


def locate_header(spec: ImportSpec, table: Table) -> Table:
    """Find the header among the first rows (bureau tables put a title and notes above it)
    and merge a two-row header whose upper cells span several columns ("本期" over
    "累计值 | 同比"). The rows above the header become ``title`` text."""
    grid = [table.header, *table.rows]
    by_name = column_names(spec)
    best, best_score = (0, table.header), 0
    for index, row in enumerate(grid[:15]):
        candidates = [[str(v).strip() if v is not None else "" for v in row]]
        if index > 0:
            candidates.append(merged_header(grid[index - 1], row, by_name))
        for header in candidates:
            score = sum(1 for title in header if title and normalize_header(title) in by_name)
            if score > best_score:
                best, best_score = (index, header), score
    index, header = best
    title = " ".join(str(v) for row in grid[:index] for v in row if v not in ("", None))
    return Table(
        header=header,
        rows=grid[index + 1 :],
        sheet_name=table.sheet_name,
        formula_cells=table.formula_cells,
        percent_cells=table.percent_cells,
        first_row=table.first_row + index,
        title=(table.title + " " + title).strip(),
    )


def merged_header(upper: list, lower: list, known: dict) -> list[str]:
    """A two-row header read as one: the upper labels are carried right over their merged
    (empty) cells; each cell takes the first of "upper+lower", "lower", "upper" that names
    a known column ("1-9月" over "累计值" is the cumulative value column)."""
    out, carry = [], ""
    for position in range(max(len(upper), len(lower))):
        top = upper[position] if position < len(upper) else ""
        bottom = lower[position] if position < len(lower) else ""
        top = str(top).strip() if top not in ("", None) else ""
        carry = top or carry
        bottom = str(bottom).strip() if bottom not in ("", None) else ""
        options = [f"{carry}{bottom}", bottom, top] if bottom else [top]
        out.append(next((o for o in options if o and normalize_header(o) in known), options[0]))
    return out


def match_header(spec: ImportSpec, header: list[str], result: ImportResult) -> dict[int, Column] | None:
    by_name = column_names(spec)
    mapping: dict[int, Column] = {}
    unknown, seen = [], set()
    for index, title in enumerate(header):
        if not str(title).strip():
            continue
        column = by_name.get(normalize_header(title))
        if column is None:
            unknown.append(str(title))
        elif column.key in seen:
            result.file_error = _("The column “%(title)s” appears twice.") % {"title": title}
            return None
        else:
            seen.add(column.key)
            mapping[index] = column
    problems = header_problems(spec, seen, unknown, result)
    if problems:
        result.file_error = " ".join(problems)
        return None
    return mapping


def header_problems(spec: ImportSpec, seen: set, unknown: list[str], result: ImportResult) -> list[str]:
    """Missing required columns, and unknown ones unless the spec ignores them (a warning)."""
    missing = [str(c.label) for c in spec.columns if c.required and c.key not in seen]
    problems = []
    if missing:
        problems.append(_("Required column(s) missing: %(cols)s.") % {"cols": "、".join(missing)})
    if unknown and spec.ignore_unknown_columns:
        result.warnings.append(
            RowIssue(0, "", _("Ignored column(s): %(cols)s.") % {"cols": "、".join(unknown)})
        )
    elif unknown:
        problems.append(
            _(
                "Unrecognised column(s): %(cols)s (renamed? download the template to see the expected headers)."
            )
            % {"cols": "、".join(unknown)}
        )
    return problems


def parse_rows(
    spec, table: Table, mapping, result: ImportResult, progress: Callable | None
) -> list[tuple[int, dict]]:
    """Parse every row; returns (row number, record) pairs — one or more per good row."""
    cells = CellReader(spec, table, mapping, result)
    parsed: list[tuple[int, dict]] = []
    skipping = type(spec).skip_row is not ImportSpec.skip_row
    first_row = table.first_row
    for offset, raw in enumerate(table.rows):
        for cell in raw:
            if cell != "" and cell is not None:
                break
        else:
            continue  # an empty row
        if skipping and spec.skip_row(raw):
            continue
        number = first_row + offset
        result.total += 1
        values, failed = cells.parse(number, raw)
        keep_row(spec, number, values, failed, cells.labels, result, parsed)
        if progress and result.total % 2000 == 0:
            progress(result.total)
    cells.unseen_formulas()
    return parsed


class CellReader:
    """The cells of a row → its values by column key, each bad cell an error of the result.
    Most files have neither formulas nor percent-formatted cells: a plainer loop per cell."""

    def __init__(self, spec, table: Table, mapping: dict, result: ImportResult):
        self.table, self.mapping, self.result, self.errors = table, mapping, result, result.errors
        self.labels = {c.key: str(c.label) for c in spec.columns}
        self.required = [c.key for c in mapping.values() if c.required]
        self.items = [
            (index, column.key, column.parse, column.percent_aware) for index, column in mapping.items()
        ]
        self.formula_cells = table.formula_cells
        percent_aware = any(c.percent_aware for c in mapping.values())
        self.percent_cells = table.percent_cells if percent_aware else set()
        self.plain = not self.formula_cells and not self.percent_cells

    def parse(self, number: int, raw: list) -> tuple[dict[str, Any], bool]:
        values: dict[str, Any] = {}
        failed = False
        width, plain, errors = len(raw), self.plain, self.errors
        for index, key, parse, percent_aware in self.items:
            value = raw[index] if index < width else ""
            if not plain:
                value = self.special(number, index, percent_aware, value)
                if value is FORMULA:
                    errors.append(
                        RowIssue(number, self.labels[key], _("The cell holds a formula; paste values only."))
                    )
                    failed = True
                    continue
            try:
                values[key] = parse(value)
            except CellError as exc:
                errors.append(RowIssue(number, self.labels[key], str(exc)))
                failed = True
        for key in self.required:
            if key in values and values[key] in ("", None):
                errors.append(RowIssue(number, self.labels[key], _("This column is required.")))
                failed = True
        return values, failed

    def special(self, number: int, index: int, percent_aware: bool, value):
        """``FORMULA`` for a formula cell; a percentage cell's number ×100 (Excel keeps 13.8% as 0.138)."""
        if (number, index) in self.formula_cells:
            return FORMULA
        percent = percent_aware and (number, index) in self.percent_cells
        if percent and isinstance(value, int | float) and not isinstance(value, bool):
            return Decimal(repr(value)) * 100
        return value

    def unseen_formulas(self) -> None:
        """Formula cells on rows calamine saw as empty (a formula without a cached value)."""
        table = self.table
        for number, index in sorted(self.formula_cells):
            if number - table.first_row >= len(table.rows) and index in self.mapping:
                label = self.labels[self.mapping[index].key]
                self.errors.append(RowIssue(number, label, _("The cell holds a formula; paste values only.")))
                self.result.bad_rows.add(number)


def keep_row(
    spec, number: int, values: dict, failed: bool, labels: dict, result: ImportResult, parsed: list
) -> None:
    """Run the spec's row checks and keep the row's record(s) in ``parsed``, or mark it bad."""
    row = RowContext(number, result, labels)
    if not failed:
        spec.clean_row(values, row)
    if failed or row.failed:
        result.bad_rows.add(number)
    elif type(spec).records is ImportSpec.records:
        parsed.append((number, values))
    else:
        records = spec.records(values, row)
        if row.failed:
            result.bad_rows.add(number)
        else:
            parsed.extend([(number, record) for record in records])


def find_duplicates(
    spec, parsed: list[tuple[int, dict]], result: ImportResult
) -> list[tuple[int, dict, tuple]]:
    """Refuse rows whose natural key an earlier row already has; returns (row number,
    record, key) of the rows kept (the key is computed once per record)."""
    first_seen: dict[tuple, int] = {}
    key_column = str(next((c.label for c in spec.columns if c.key == spec.key[0]), spec.key[0]))
    kept = []
    bad = result.bad_rows
    key_of = spec.key_of
    for number, values in parsed:
        key = key_of(values)
        seen = first_seen.get(key)
        if seen is None:
            first_seen[key] = number
            kept.append((number, values, key))
        elif seen != number:
            message = _("Same %(key)s as row %(row)d.") % {"key": spec.key_label(), "row": seen}
            result.errors.append(RowIssue(number, key_column, message))
            bad.add(number)
    return [item for item in kept if item[0] not in bad] if bad else kept


@dataclass(slots=True)
class Planned:
    number: int
    instance: models.Model
    values: dict
    created: bool
    before: dict | None
    changed_fields: list[str]


def plan_rows(spec, parsed: list[tuple[int, dict, tuple]], result: ImportResult) -> list[Planned]:
    """Classify each row as new, changed or unchanged against the stored records, and run
    the cross-column rules on what the record *would become* (stored values overlaid by
    the file's non-blank cells), so the dry run and the commit always agree."""
    existing = spec.existing([key for _number, _values, key in parsed])
    fields = {f.name: f for f in spec.model._meta.concrete_fields}
    labels = {c.key: str(c.label) for c in spec.columns}
    check_merged = type(spec).clean_merged is not ImportSpec.clean_merged
    new_instance = None if spec.lazy_instances else spec.new_instance
    plans = []
    append = plans.append
    new = 0
    for number, values, key in parsed:
        instance = existing.get(key) if existing else None
        if instance is None:
            if check_merged and not spec_accepts(spec, values, number, result, labels):
                continue
            append(Planned(number, new_instance and new_instance(values), values, True, None, []))
            new += 1
            continue
        if check_merged and not spec_accepts(
            spec, merged_values(instance, values, fields), number, result, labels
        ):
            continue
        plan = plan_change(spec, number, instance, values, fields)
        if plan is None:
            result.unchanged += 1
        else:
            append(plan)
            result.changed += 1
    result.new += new
    return plans


def changed_fields(instance, values: dict, fields: dict) -> list[str]:
    """The fields whose non-blank cell differs from the stored value (blank never erases)."""
    changed = []
    for name, value in values.items():
        model_field = fields.get(name)
        if model_field is None or value in ("", None):
            continue
        current = getattr(instance, model_field.attname if model_field.is_relation else name)
        new_value = value.pk if model_field.is_relation else value
        if json_value(model_field, current) != json_value(model_field, new_value):
            changed.append(name)
    return changed


def merged_values(instance, values: dict, fields: dict) -> dict:
    merged = {name: getattr(instance, name) for name in fields}
    merged.update({k: v for k, v in values.items() if v not in ("", None)})
    return merged


def plan_change(spec, number: int, instance, values: dict, fields: dict) -> Planned | None:
    """The plan of a stored record the row changes (its fields set), or None when unchanged."""
    changed = changed_fields(instance, values, fields)
    extra = spec_extra_changes(spec, instance, values)
    if not changed and not extra:
        return None
    before = serialize(instance)
    for name in changed:
        setattr(instance, name, values[name])
    return Planned(number, instance, values, False, before, changed + extra)


def spec_accepts(spec, merged: dict, number: int, result: ImportResult, labels: dict) -> bool:
    row = RowContext(number, result, labels)
    spec.clean_merged(merged, row)
    return not row.failed


def spec_extra_changes(spec, instance, values) -> list[str]:
    hook = getattr(spec, "extra_changes", None)
    return hook(instance, values) if hook else []


def planned_instance(spec, plan: Planned) -> models.Model:
    """The record a plan stands for (a new record of a ``lazy_instances`` spec is built
    on first use)."""
    if plan.instance is None:
        plan.instance = spec.new_instance(plan.values)
    return plan.instance


def build_preview(spec, plans: list[Planned], result: ImportResult) -> None:
    labels = {c.key: str(c.label) for c in spec.columns}
    fields = {f.name: f for f in spec.model._meta.get_fields() if hasattr(f, "attname") or f.many_to_many}
    for plan in plans[:PREVIEW_LIMIT]:
        item = {
            "row": plan.number,
            "object": str(planned_instance(spec, plan))[:100],
            "action": "new" if plan.created else "changed",
        }
        if not plan.created:
            after = serialize(plan.instance)
            item["fields"] = [
                {
                    "label": labels.get(k, k),
                    "before": display_value(fields.get(k), (plan.before or {}).get(k))[:60],
                    "after": display_value(fields.get(k), after.get(k))[:60],
                }
                for k in plan.changed_fields
            ]
        result.preview.append(item)


def commit_plans(spec, plans: list[Planned], message: str) -> None:
    new = [p for p in plans if p.created]
    updated = [p for p in plans if not p.created]
    now = timezone.now()
    with transaction.atomic():
        created = spec.save_new(new, updated)
        # Rows are grouped by the columns they change: a bulk update writes exactly
        # those columns, never another column's value as loaded earlier.
        groups: dict[tuple, list] = {}
        field_names = spec.field_names
        for plan in updated:
            plan.instance.updated_at = now
            changed = tuple(sorted(k for k in plan.changed_fields if k in field_names))
            groups.setdefault(changed, []).append(plan.instance)
        for changed, instances in groups.items():
            spec.model.objects.bulk_update(instances, [*changed, "updated_at"], batch_size=BATCH // 2)
        spec.after_save(created, [p.instance for p in updated], {p.number: p for p in plans})
        if spec.audit_by_row:
            FastInserter(ObjectChange).insert_values(spec.audit_rows(plans, message, current(), now))
            return
        reprs: dict = {}
        items = []
        for plan in plans:
            after = serialize(planned_instance(spec, plan), reprs)
            if plan.created:  # a new record: its empty fields say nothing
                after = {key: value for key, value in after.items() if value is not None}
            items.append((plan.instance, action_for(plan.created, plan.before, after), plan.before, after))
        FastInserter(ObjectChange).insert_values(change_rows(spec.model, items, message, current(), now))


def run_import(
    spec: ImportSpec,
    table: Table,
    *,
    commit: bool,
    filename: str = "",
    request_id=None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Check ``table`` against ``spec``; when ``commit`` and nothing is wrong, store it."""
    with gc_paused():
        return _run_import(
            spec, table, commit=commit, filename=filename, request_id=request_id, progress=progress
        )


def _run_import(spec, table, *, commit, filename, request_id, progress) -> ImportResult:
    result = ImportResult(kind=spec.kind)
    if spec.locate_header:
        table = locate_header(spec, table)
    mapping = match_header(spec, table.header, result)
    if mapping is None:
        return result
    spec.present_keys = {column.key for column in mapping.values()}
    spec.mapping = mapping
    spec.prepare()
    spec.check_table(table, result)
    if result.file_error:
        return result
    parsed = parse_rows(spec, table, mapping, result, progress)
    parsed = find_duplicates(spec, parsed, result)
    if result.total == 0:
        result.file_error = _("The file has a header but no data rows.")
        return result
    if not commit:
        finish_check(spec, plan_rows(spec, parsed, result), result)
        return result
    commit_import(spec, parsed, result, filename, request_id)
    return result


def finish_check(spec, plans: list[Planned], result: ImportResult) -> None:
    result.errors.sort(key=lambda e: e.row)
    build_preview(spec, plans, result)


class _Refused(Exception):
    """Leave the commit's transaction without writing (rows or permissions are wrong)."""


def commit_import(spec, parsed: list, result: ImportResult, filename: str, request_id) -> None:
    """Plan and write in one transaction: what was compared is what gets written, with no
    window for another user's change to be undone (rows are locked on PostgreSQL)."""
    message = _("Import of %(file)s") % {"file": filename or spec.kind}
    spec.for_update = True
    try:
        with (
            change_context(
                user=spec.user, request_id=request_id, source=ObjectChange.Source.IMPORT, message=message
            ) as ctx,
            transaction.atomic(),
        ):
            if plan_and_write(spec, parsed, result, message):
                result.request_id = str(ctx.request_id)
            result.committed = True
    except _Refused:
        result.committed = False
    except IntegrityError as exc:
        # A database constraint the checks did not foresee: the transaction rolled back.
        result.committed = False
        result.file_error = _("The database refused the data (%(error)s); nothing was stored.") % {
            "error": str(exc)[:200]
        }
    finally:
        spec.for_update = False


def plan_and_write(spec, parsed: list, result: ImportResult, message: str) -> bool:
    """Inside the commit's transaction: plan, refuse (``_Refused``) on any error or missing
    permission, write; True when anything was written."""
    plans = plan_rows(spec, parsed, result)
    finish_check(spec, plans, result)
    if not result.ok:
        raise _Refused
    denied = missing_permissions(spec, result)
    if denied:
        result.file_error = denied
        raise _Refused
    if plans:
        commit_plans(spec, plans, message)
    return bool(plans)


def missing_permissions(spec: ImportSpec, result: ImportResult) -> str:
    user = spec.user
    extra = spec.missing_permission()
    if extra:
        return extra
    if result.new and not user.has_perm(spec.permission_for("add")):
        return _("You may not add %(what)s; %(n)d row(s) would be new.") % {
            "what": spec.label,
            "n": result.new,
        }
    if result.changed and not user.has_perm(spec.permission_for("change")):
        return _("You may not change %(what)s; %(n)d row(s) would change.") % {
            "what": spec.label,
            "n": result.changed,
        }
    return ""


def export_rows(spec: ImportSpec, queryset: Iterable) -> Iterable[list]:
    """Rows in the import layout, so an export can be edited and imported back."""
    for obj in queryset:
        yield [export_cell(column.export(obj)) for column in spec.columns]


def export_cell(value):
    """Related objects by their natural text (a park's name, an industry's code and name)."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.Manager):
        return ",".join(str(item) for item in value.all())
    return value


def today() -> datetime.date:
    return timezone.localdate()
