"""Import of an outside company registry (.csv / .xlsx, up to millions of rows), streamed,
classified onto chain nodes on the way.

Rules (the platform's "bad input gets a clear Chinese error and loses nothing"):

* **Structural errors reject the whole file, nothing is written**: not a .csv/.xlsx, broken
  encoding (the error names the line), a missing required column (名称, 统一社会信用代码), an
  xlsx that looks like a zip bomb. A .csv is checked end to end (encoding, line count) in a
  first pass, before any row is stored, so a bad byte on line 1,800,000 still changes nothing.
* **Invalid rows are skipped and reported by row number**: a wrong credit code, an empty
  name, a capital or date that cannot be read, and a credit code seen earlier in the same
  file (the first occurrence is kept; later ones are errors naming the first row). The
  counts and the first ``MAX_ERRORS`` messages go to the ``ImportBatch``.
* Empty business scope is allowed, counted and noted (the company is classified on its name
  and products only).
* A credit code already in the registry updates that company; its classifications are
  replaced by the new ones.

Memory stays flat: rows come from the streaming mode of the import reader
(``core.imports.readers.stream_rows``: the same encodings, zip-bomb guard and formula scan as
every import; a cell holding a formula skips its row) and are stored in chunks of ``CHUNK``
rows; only the set of credit codes seen so far grows with the file (≈120 bytes a row).
Known companies a file changes get an audit row each (``core.audit.change_rows`` through
``core.bulk.FastInserter``, one request id for the file); new ones are recorded by the
``ImportBatch``. ``check_registry`` is the dry run of the same reading (nothing written), for
the generic import page (``chains/imports.py``, ADR 0014).
"""

import dataclasses
import datetime
import decimal
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core import uscc as uscc_rules
from gaoxin.core.audit import change_rows
from gaoxin.core.bulk import FastInserter, assign_pks, gc_paused, last_sqlite_id, new_instance
from gaoxin.core.context import acting_as, current
from gaoxin.core.imports.readers import FileRejected, stream_rows
from gaoxin.core.models import ObjectChange

from .classify import automaton_for, chain_versions
from .models import Chain, ChainNode, CompanyMatch, ImportBatch, RegistryCompany

CHUNK = 20_000
MAX_ERRORS = 200

# field → header aliases (compared after NFKC, lower case, spaces and brackets removed)
COLUMNS = {
    "name": ("name", "企业名称", "公司名称", "名称", "企业名", "单位名称"),
    "uscc": ("uscc", "统一社会信用代码", "社会信用代码", "信用代码", "统一代码"),
    "region_code": ("region_code", "region", "行政区划代码", "区划代码", "地区代码", "地区", "所在地区代码"),
    "registered_capital": (
        "registered_capital",
        "capital",
        "注册资本",
        "注册资本万元",
        "注册资金",
        "注册资金万元",
    ),
    "established": ("established", "成立日期", "成立时间", "注册日期", "established_on"),
    "scope": ("scope", "经营范围", "business_scope"),
    "products": ("products", "主营产品", "主要产品", "主营业务", "main_products"),
}
REQUIRED = ("name", "uscc")
_CLEAN = re.compile(r"[\s()（）\[\]【】:：*]+")
_DATE = re.compile(r"^(\d{4})\D?(\d{1,2})\D?(\d{1,2})")


def same(a, b) -> bool:
    """Equal as the registry means it: blank is blank, 5000 万元 is 5000.0000 万元."""
    a = None if a in ("", None) else a
    b = None if b in ("", None) else b
    if isinstance(a, decimal.Decimal) or isinstance(b, decimal.Decimal):
        try:
            return a is not None and b is not None and decimal.Decimal(a) == decimal.Decimal(b)
        except (decimal.InvalidOperation, TypeError):
            return False
    return a == b


def json_value(value):
    """A registry value for the audit log: text, numbers and dates as text."""
    return None if value is None else str(value)


def _key(header: object) -> str:
    return _CLEAN.sub("", unicodedata.normalize("NFKC", str(header or "")).lower())


ALIASES = {_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


@dataclass
class RegistryResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: int = 0
    empty_scope: int = 0
    matches: int = 0
    errors: list[dict] = field(default_factory=list)
    file_error: str = ""
    batch_id: int | None = None

    def error(self, row: int, message: str) -> None:
        self.rejected += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "message": message})

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def map_header(header: list) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        name = ALIASES.get(_key(title))
        if name and name not in found:
            found[name] = index
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        labels = {"name": "企业名称", "uscc": "统一社会信用代码"}
        raise FileRejected(
            _("The file has no column %(columns)s (the header row must name it); nothing was imported.")
            % {"columns": "、".join(labels[m] for m in missing)}
        )
    return found


# --- cell values -------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def parse_capital(value) -> decimal.Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        number = decimal.Decimal(str(value))
    else:
        text = (
            unicodedata.normalize("NFKC", str(value)).replace(",", "").replace("万元", "").replace("万", "")
        )
        text = text.replace("人民币", "").strip()
        if not text:
            return None
        number = decimal.Decimal(text)  # InvalidOperation when not a number
    if number < 0 or number >= 10**14:
        raise decimal.InvalidOperation
    return number.quantize(decimal.Decimal("0.0001"))


def parse_date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.match(unicodedata.normalize("NFKC", str(value)).strip())
    if not match:
        raise ValueError
    return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


# --- importing ---------------------------------------------------------------------------------


def _cell(row: list, index: int | None):
    if index is None or index >= len(row):
        return None
    return row[index]


# --- reading rows ------------------------------------------------------------------------------


class _Skipped(Exception):
    """A row that is not stored; the message says why (第N行 is added by the caller)."""


class _RowReader:
    """A file row → a company's values, or the reason it is skipped (recorded on the result).
    The checks run in the order the module's rules list them; the first that fails names the row."""

    def __init__(self, columns: dict[str, int], formula_cells: set[tuple[int, int]], result: RegistryResult):
        self.i_name, self.i_uscc = columns["name"], columns["uscc"]
        self.i_region, self.i_capital = columns.get("region_code"), columns.get("registered_capital")
        self.i_date, self.i_scope = columns.get("established"), columns.get("scope")
        self.i_products = columns.get("products")
        self.formula_cells = formula_cells
        self.used = sorted(set(columns.values()))
        self.result = result
        self.seen: dict[str, int] = {}

    def read(self, number: int, row: list) -> dict | None:
        """The values of a data row; None for an empty or a skipped row."""
        if not row or all(v in (None, "") for v in row):
            return None
        self.result.rows += 1
        try:
            values = self._values(number, row)
        except _Skipped as skipped:
            self.result.error(number, str(skipped))
            return None
        self.seen[values["uscc"]] = number
        if not values["scope"]:
            self.result.empty_scope += 1
        return values

    def _values(self, number: int, row: list) -> dict:
        if self.formula_cells and any((number, index) in self.formula_cells for index in self.used):
            raise _Skipped(_("The cell holds a formula; paste values only."))
        code_check = uscc_rules.check(_cell(row, self.i_uscc))
        if not code_check.ok:
            raise _Skipped(_("Credit code: %(error)s") % {"error": code_check.error})
        name = _text(_cell(row, self.i_name))
        if not name:
            raise _Skipped(_("The company name is empty."))
        self._refuse_repeat(code_check.code)
        capital, established, region = self._capital(row), self._established(row), self._region(row)
        return {
            "uscc": code_check.code,
            "name": name[:150],
            "region_code": region or code_check.region_code,
            "registered_capital": capital,
            "established": established,
            "scope": _text(_cell(row, self.i_scope)),
            "products": _text(_cell(row, self.i_products)),
        }

    def _refuse_repeat(self, code: str) -> None:
        first = self.seen.get(code)
        if first is not None:
            raise _Skipped(
                _("Credit code %(code)s already appears on row %(first)d of this file; this row was skipped.")
                % {"code": code, "first": first}
            )

    def _capital(self, row: list) -> decimal.Decimal | None:
        value = _cell(row, self.i_capital)
        try:
            return parse_capital(value)
        except (decimal.InvalidOperation, ValueError):
            raise _Skipped(
                _("Registered capital %(value)s is not an amount in 万元.") % {"value": value}
            ) from None

    def _established(self, row: list) -> datetime.date | None:
        value = _cell(row, self.i_date)
        try:
            return parse_date(value)
        except ValueError:
            raise _Skipped(
                _("Established date %(value)s cannot be read (use 2019-05-31).") % {"value": value}
            ) from None

    def _region(self, row: list) -> str:
        region = _text(_cell(row, self.i_region))
        if region and not (len(region) == 6 and region.isdigit()):
            raise _Skipped(_("Region code %(value)s is not a 6-digit GB/T 2260 code.") % {"value": region})
        return region


def _header(rows: Iterator[tuple[int, list]]) -> list:
    """The first non-empty row (the rows before it are consumed)."""
    for _number, row in rows:
        if any(v not in (None, "") for v in row):
            return row
    raise FileRejected(_("The file is empty: no header row was found."))


# --- storing -----------------------------------------------------------------------------------

MATCH_COLUMNS = ("company_id", "node_id", "score", "words", "chain_version")
UPDATED_FIELDS = ("name", "region_code", "registered_capital", "established", "scope", "products")


def known_ids(codes: list[str]) -> dict[str, int]:
    """{credit code: id} of the codes already in the registry (5,000 codes a query)."""
    known: dict[str, int] = {}
    for start in range(0, len(codes), 5000):
        known.update(
            RegistryCompany.objects.filter(uscc__in=codes[start : start + 5000]).values_list("uscc", "pk")
        )
    return known


class _Counter:
    """The dry run's sink: counts the companies a file would add and update, writes nothing."""

    def write(self, chunk: list[dict], result: RegistryResult) -> None:
        known = known_ids([values["uscc"] for values in chunk])
        result.updated += len(known)
        result.created += len(chunk) - len(known)


class _Writer:
    """Stores one chunk: new companies inserted, known ones updated (and audited), the
    matches of both replaced. Matches go in through ``FastInserter.insert_rows`` (COPY on
    PostgreSQL, one ``json_each`` statement per 20,000 rows on SQLite; no instance per row)."""

    def __init__(self, chains: list[Chain], batch: ImportBatch):
        self.classifier = automaton_for(chains)
        self.node_versions = dict(
            ChainNode.objects.filter(chain__in=[c.pk for c in chains]).values_list("pk", "chain__version")
        )
        self.batch = batch
        self.companies = FastInserter(RegistryCompany)
        self.matches = FastInserter(CompanyMatch)
        self.changes = FastInserter(ObjectChange)

    def write(self, chunk: list[dict], result: RegistryResult) -> None:
        if not chunk:
            return
        known = known_ids([values["uscc"] for values in chunk])
        new = [
            new_instance(RegistryCompany, v, {"batch": self.batch}) for v in chunk if v["uscc"] not in known
        ]
        changed = [(known[v["uscc"]], v) for v in chunk if v["uscc"] in known]
        with transaction.atomic():
            self._insert(new)
            if changed:
                self._update(changed)
            match_rows = self._match_rows([(obj.pk, obj.__dict__) for obj in new] + changed)
            if match_rows:
                self.matches.insert_rows({}, MATCH_COLUMNS, match_rows)
        result.created += len(new)
        result.updated += len(changed)
        result.matches += len(match_rows)

    def _insert(self, new: list[RegistryCompany]) -> None:
        if new:
            after = last_sqlite_id(RegistryCompany)
            self.companies.insert(new)
            assign_pks(RegistryCompany, new, ["uscc"], after=after)

    def _match_rows(self, stored: list[tuple[int, dict]]) -> list[tuple]:
        """CompanyMatch rows (``MATCH_COLUMNS`` order) of the stored companies, classified together."""
        found = self.classifier.classify_many([(v["name"], v["scope"], v["products"]) for _pk, v in stored])
        versions = self.node_versions
        return [
            (pk, match.node_id, match.score, match.words_text[:300], versions[match.node_id])
            for (pk, _values), matches in zip(stored, found, strict=True)
            for match in matches
        ]

    def _update(self, changed: list[tuple[int, dict]]) -> None:
        audit = self._audit_rows(changed)  # before the UPDATE: it reads the stored values
        quote = connection.ops.quote_name
        names = [*UPDATED_FIELDS, "batch_id"]
        sets = ", ".join(f"{quote(n)} = %s" for n in names)
        sql = f"UPDATE {quote(RegistryCompany._meta.db_table)} SET {sets} WHERE {quote('id')} = %s"
        with connection.cursor() as cursor:
            cursor.executemany(sql, [self._update_params(pk, values) for pk, values in changed])
        self.changes.insert_values(audit)
        ids = [pk for pk, _values in changed]
        for start in range(0, len(ids), 5000):
            CompanyMatch.objects.filter(company_id__in=ids[start : start + 5000]).delete()

    def _update_params(self, pk: int, values: dict) -> list:
        params = [values[name] for name in UPDATED_FIELDS]
        params[3] = connection.ops.adapt_datefield_value(params[3])  # established
        return [*params, self.batch.pk, pk]

    def _audit_rows(self, changed: list[tuple[int, dict]]) -> list[dict]:
        """An audit row (before/after of the fields that differ) for each known company the
        file changes; new companies are recorded by their ImportBatch (ADR 0010)."""
        stored = _stored_values([pk for pk, _values in changed])
        items = []
        for pk, values in changed:
            old = stored.get(pk, {})
            keys = [n for n in UPDATED_FIELDS if not same(old.get(n), values.get(n))]
            if keys:
                before = {k: json_value(old.get(k)) for k in keys}
                after = {k: json_value(values.get(k)) for k in keys}
                items.append(
                    (RegistryCompany(pk=pk, name=values["name"]), ObjectChange.Action.UPDATE, before, after)
                )
        if not items:
            return []
        message = _("Registry import: %(file)s") % {"file": self.batch.file_name}
        return change_rows(RegistryCompany, items, message, current(), timezone.now())


def _stored_values(ids: list[int]) -> dict[int, dict]:
    stored: dict[int, dict] = {}
    for start in range(0, len(ids), 5000):
        for row in RegistryCompany.objects.filter(pk__in=ids[start : start + 5000]).values(
            "pk", *UPDATED_FIELDS
        ):
            stored[row.pop("pk")] = row
    return stored


# --- the import --------------------------------------------------------------------------------


def import_registry(
    path: Path | str,
    *,
    filename: str = "",
    user=None,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = CHUNK,
) -> RegistryResult:
    """Import the registry file at ``path``; see the module's rules. Never raises for bad input:
    a structural problem comes back as ``file_error`` (and an ImportBatch saying so). The
    audit rows of the whole file share one request id (the caller's, when it set one)."""
    path = Path(path)
    filename = (filename or path.name)[:200]
    chains = list(Chain.objects.all())
    batch = ImportBatch.objects.create(file_name=filename, user=user, chain_versions=chain_versions(chains))
    result = RegistryResult(batch_id=batch.pk)
    with acting_as(user, ObjectChange.Source.IMPORT):
        _guarded(
            result, lambda: _run(path, filename, result, lambda: _Writer(chains, batch), progress, chunk_size)
        )
    _finish_batch(batch, result)
    return result


def check_registry(
    path: Path | str, *, filename: str = "", progress: Callable[[int, int], None] | None = None
) -> RegistryResult:
    """The dry run of ``import_registry``: the same reading and row checks, nothing written;
    ``created``/``updated`` count the companies the file would add and update."""
    result = RegistryResult()
    _guarded(result, lambda: _run(Path(path), filename, result, _Counter, progress, CHUNK))
    return result


def _guarded(result: RegistryResult, run: Callable[[], None]) -> None:
    """Run the import; a file refused whole becomes ``file_error`` (and the first error)."""
    try:
        with gc_paused():
            run()
    except FileRejected as exc:
        result.file_error = str(exc)
        result.errors.insert(0, {"row": 0, "message": result.file_error})


def _run(path, filename, result, make_sink, progress, chunk_size) -> None:
    """Read, check and store the file ``chunk_size`` rows at a time, reporting progress."""
    stream = stream_rows(path, filename)
    reader = _RowReader(map_header(_header(stream.rows)), stream.formula_cells, result)
    sink = make_sink()
    chunk: list[dict] = []
    for number, row in stream.rows:
        values = reader.read(number, row)
        if values is None:
            continue
        chunk.append(values)
        if len(chunk) >= chunk_size:
            sink.write(chunk, result)
            chunk = []
            if progress:
                progress(result.rows, stream.total)
    sink.write(chunk, result)
    if progress:
        progress(result.rows, stream.total)


def _finish_batch(batch: ImportBatch, result: RegistryResult) -> None:
    batch.rows, batch.created, batch.updated = result.rows, result.created, result.updated
    batch.rejected = result.rejected
    batch.errors = result.errors[:MAX_ERRORS] + notes(result)
    batch.finished_at = timezone.now()
    batch.save()


def notes(result: RegistryResult) -> list[dict]:
    """What the batch says beyond errors: how many companies had no business scope."""
    if not result.empty_scope:
        return []
    message = _("%(count)d companies have no business scope; they were classified by name and products only.")
    return [{"row": 0, "message": message % {"count": result.empty_scope}, "note": True}]
