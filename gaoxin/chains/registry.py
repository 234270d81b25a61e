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

Memory stays flat: rows are read line by line (csv) or streamed from the sheet XML (xlsx,
openpyxl read-only), and stored in chunks of ``CHUNK`` rows; only the set of credit codes
seen so far grows with the file (≈120 bytes a row).
"""

import csv
import datetime
import decimal
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core import uscc as uscc_rules
from gaoxin.core.audit import change_row
from gaoxin.core.bulk import FastInserter, assign_pks, gc_paused, last_sqlite_id, new_instance
from gaoxin.core.context import acting_as
from gaoxin.core.imports.readers import OLE_MAGIC, XLSX_MAGIC, FileRejected
from gaoxin.core.models import ObjectChange

from .classify import Classifier, automaton_for, chain_versions
from .models import Chain, ChainNode, CompanyMatch, ImportBatch, RegistryCompany

CHUNK = 20_000
MAX_ERRORS = 200
SNIFF_BYTES = 1 << 20

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
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "rejected": self.rejected,
            "empty_scope": self.empty_scope,
            "matches": self.matches,
            "errors": self.errors,
            "file_error": self.file_error,
            "batch_id": self.batch_id,
        }


# --- reading -----------------------------------------------------------------------------------


def _csv_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(SNIFF_BYTES)
    if b"\x00" in sample[:4096]:
        raise FileRejected(_("The file is not a text CSV file (binary content)."))
    cut = sample.rfind(b"\n") if len(sample) == SNIFF_BYTES else len(sample)
    sample = sample[: cut if cut > 0 else len(sample)]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        line = sample[: exc.start].count(b"\n") + 1
        raise FileRejected(
            _("The CSV file is neither UTF-8 nor GB18030 text: line %(line)d cannot be read.")
            % {"line": line}
        ) from exc


def _decoded_lines(path: Path, encoding: str) -> Iterator[str]:
    """The lines of ``path`` decoded strictly; a bad byte names its line (1-based)."""
    label = "UTF-8" if encoding == "utf-8" else "GB18030"
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise FileRejected(
                    _(
                        "Line %(line)d of the file is not valid %(encoding)s text (broken encoding); "
                        "nothing was imported. Save the file again as UTF-8 or GB18030."
                    )
                    % {"line": number, "encoding": label}
                ) from exc
            if number == 1 and line.startswith("\ufeff"):
                line = line[1:]
            if "\x00" in line:
                raise FileRejected(
                    _("Line %(line)d of the file holds binary content; nothing was imported.")
                    % {"line": number}
                )
            yield line


def _csv_rows(path: Path) -> tuple[Iterator[tuple[int, list]], int]:
    encoding = _csv_encoding(path)
    lines = 0
    for _line in _decoded_lines(path, encoding):  # the first pass: encoding end to end
        lines += 1
    with path.open("rb") as handle:
        head = handle.readline().decode(encoding, "replace")
    delimiter = "\t" if head.count("\t") > head.count(",") else ","

    def rows():
        reader = csv.reader(_decoded_lines(path, encoding), delimiter=delimiter)
        for row in reader:
            yield reader.line_num, row

    return rows(), max(lines - 1, 0)


def _xlsx_rows(path: Path) -> tuple[Iterator[tuple[int, list]], int]:
    """Stream the first sheet with openpyxl's read-only reader (the XML is parsed as it is
    inflated: memory stays flat). Zip bombs: a member compressed suspiciously well is refused."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if "xl/workbook.xml" not in {m.filename for m in members}:
                raise FileRejected(_("The zip file is not an Excel workbook (no xl/workbook.xml)."))
            for member in members:
                if (
                    member.compress_size
                    and member.file_size / member.compress_size > settings.XLSX_MAX_RATIO * 10
                ):
                    raise FileRejected(
                        _("The workbook is compressed suspiciously well; it looks like a zip bomb.")
                    )
    except zipfile.BadZipFile as exc:
        raise FileRejected(
            _("The workbook is damaged and cannot be opened (%(error)s).") % {"error": exc}
        ) from exc
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        total = max((sheet.max_row or 1) - 1, 0)
    except Exception as exc:
        raise FileRejected(_("The workbook cannot be read (%(error)s).") % {"error": exc}) from exc

    def rows():
        try:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(row)
        finally:
            workbook.close()

    return rows(), total


def open_rows(path: Path | str, filename: str = "") -> tuple[Iterator[tuple[int, list]], int]:
    """(line or Excel row number, cells) of every row, the header first; and about how many
    data rows follow (for progress)."""
    path = Path(path)
    name = (filename or path.name).lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(XLSX_MAGIC):
        return _xlsx_rows(path)
    if head.startswith(OLE_MAGIC):
        raise FileRejected(_("This is an old .xls workbook. Save it as .xlsx in Excel and upload again."))
    if name.endswith((".xlsx", ".xlsm")):
        raise FileRejected(_("The file is named .xlsx but is not an Excel workbook (not a zip file)."))
    if name.endswith((".csv", ".txt")) or not name:
        return _csv_rows(path)
    raise FileRejected(_("Only .xlsx and .csv files can be imported."))


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


MATCH_COLUMNS = ("company_id", "node_id", "score", "words", "chain_version")


def insert_matches(rows: list[tuple]) -> None:
    """INSERT CompanyMatch rows (tuples in ``MATCH_COLUMNS`` order): COPY on PostgreSQL, one
    ``json_each`` statement per 20,000 rows on SQLite (no instance per row)."""
    quote = connection.ops.quote_name
    table = quote(CompanyMatch._meta.db_table)
    columns = ", ".join(quote(c) for c in MATCH_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        if connection.vendor == "sqlite":
            spread = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(MATCH_COLUMNS)))
            sql = f"INSERT INTO {table} ({columns}) SELECT {spread} FROM json_each(%s)"
            for start in range(0, len(rows), 20_000):
                cursor.execute(sql, [json.dumps(rows[start : start + 20_000], ensure_ascii=False)])
            return
        marks = ", ".join(["%s"] * len(MATCH_COLUMNS))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


class _Writer:
    """Stores one chunk: new companies inserted, known ones updated, their matches replaced."""

    def __init__(self, classifier: Classifier, node_versions: dict[int, int], batch: ImportBatch):
        self.classifier = classifier
        self.node_versions = node_versions
        self.batch = batch
        self.companies = FastInserter(RegistryCompany)

    def write(self, chunk: list[dict], result: RegistryResult) -> None:
        if not chunk:
            return
        codes = [values["uscc"] for values in chunk]
        existing: dict[str, int] = {}
        for start in range(0, len(codes), 5000):
            existing.update(
                RegistryCompany.objects.filter(uscc__in=codes[start : start + 5000]).values_list("uscc", "pk")
            )
        new, changed = [], []
        for values in chunk:
            pk = existing.get(values["uscc"])
            if pk is None:
                new.append(new_instance(RegistryCompany, values, {"batch": None}))
            else:
                changed.append((pk, values))
        with transaction.atomic():
            if new:
                for obj in new:
                    obj.batch_id = self.batch.pk
                after = last_sqlite_id(RegistryCompany)
                self.companies.insert(new)
                assign_pks(RegistryCompany, new, ["uscc"], after=after)
            if changed:
                self._update(changed)
            match_rows = []
            versions = self.node_versions
            stored = [(obj.pk, obj.__dict__) for obj in new] + changed
            found = self.classifier.classify_many(
                [(values["name"], values["scope"], values["products"]) for _pk, values in stored]
            )
            for (pk, _values), matches in zip(stored, found, strict=True):
                for match in matches:
                    match_rows.append(
                        (pk, match.node_id, match.score, match.words_text[:300], versions[match.node_id])
                    )
            if match_rows:
                insert_matches(match_rows)
        result.created += len(new)
        result.updated += len(changed)
        result.matches += len(match_rows)

    def _audit_rows(self, changed: list[tuple[int, dict]], names: list[str]) -> list[dict]:
        """An audit row (before/after of the fields that differ) for each known company the
        file changes; new companies are recorded by their ImportBatch (ADR 0010)."""
        stored: dict[int, dict] = {}
        ids = [pk for pk, _values in changed]
        for start in range(0, len(ids), 5000):
            for row in RegistryCompany.objects.filter(pk__in=ids[start : start + 5000]).values("pk", *names):
                stored[row.pop("pk")] = row
        rows, now = [], timezone.now()
        message = _("Registry import: %(file)s") % {"file": self.batch.file_name}
        with acting_as(self.batch.user, "import") as ctx:
            for pk, values in changed:
                old = stored.get(pk, {})
                keys = [n for n in names if not same(old.get(n), values.get(n))]
                if not keys:
                    continue
                before = {k: json_value(old.get(k)) for k in keys}
                after = {k: json_value(values.get(k)) for k in keys}
                company = RegistryCompany(pk=pk, name=values["name"])
                rows.append(change_row(company, ObjectChange.Action.UPDATE, before, after, message, ctx, now))
        return rows

    def _update(self, changed: list[tuple[int, dict]]) -> None:
        quote = connection.ops.quote_name
        names = ["name", "region_code", "registered_capital", "established", "scope", "products", "batch_id"]
        table = quote(RegistryCompany._meta.db_table)
        sets = ", ".join(f"{quote(n)} = %s" for n in names)
        sql = f"UPDATE {table} SET {sets} WHERE {quote('id')} = %s"
        adapt = connection.ops.adapt_datefield_value
        params = [
            [
                values["name"],
                values["region_code"],
                values["registered_capital"],
                adapt(values["established"]),
                values["scope"],
                values["products"],
                self.batch.pk,
                pk,
            ]
            for pk, values in changed
        ]
        ids = [pk for pk, _values in changed]
        audit = self._audit_rows(changed, names[:-1])
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
        if audit:
            ObjectChange.objects.bulk_create([ObjectChange(**row) for row in audit], batch_size=2000)
        for start in range(0, len(ids), 5000):
            CompanyMatch.objects.filter(company_id__in=ids[start : start + 5000]).delete()


def import_registry(
    path: Path | str,
    *,
    filename: str = "",
    user=None,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = CHUNK,
) -> RegistryResult:
    """Import the registry file at ``path``; see the module's rules. Never raises for bad input:
    a structural problem comes back as ``file_error`` (and an ImportBatch saying so)."""
    path = Path(path)
    filename = (filename or path.name)[:200]
    result = RegistryResult()
    chains = list(Chain.objects.all())
    batch = ImportBatch.objects.create(file_name=filename, user=user, chain_versions=chain_versions(chains))
    result.batch_id = batch.pk
    try:
        with gc_paused():
            _run(path, filename, result, batch, chains, progress, chunk_size)
    except FileRejected as exc:
        result.file_error = str(exc)
        result.errors.insert(0, {"row": 0, "message": result.file_error})
    batch.rows, batch.created, batch.updated = result.rows, result.created, result.updated
    batch.rejected = result.rejected
    batch.errors = result.errors[:MAX_ERRORS]
    if result.empty_scope:
        batch.errors = [
            *batch.errors,
            {
                "row": 0,
                "message": _(
                    "%(count)d companies have no business scope; they were classified by name and products only."
                )
                % {"count": result.empty_scope},
                "note": True,
            },
        ]
    batch.finished_at = timezone.now()
    batch.save()
    return result


def _run(path, filename, result, batch, chains, progress, chunk_size) -> None:
    rows, total = open_rows(path, filename)
    header = None
    for number, row in rows:
        if any(v not in (None, "") for v in row):
            header = (number, row)
            break
    if header is None:
        raise FileRejected(_("The file is empty: no header row was found."))
    columns = map_header(header[1])
    classifier = automaton_for(chains)
    node_versions = dict(
        ChainNode.objects.filter(chain__in=[c.pk for c in chains]).values_list("pk", "chain__version")
    )
    writer = _Writer(classifier, node_versions, batch)
    i_name, i_uscc = columns["name"], columns["uscc"]
    i_region, i_capital = columns.get("region_code"), columns.get("registered_capital")
    i_date, i_scope, i_products = columns.get("established"), columns.get("scope"), columns.get("products")
    seen: dict[str, int] = {}
    chunk: list[dict] = []
    check = uscc_rules.check
    for number, row in rows:
        if not row or all(v in (None, "") for v in row):
            continue
        result.rows += 1
        name = _text(_cell(row, i_name))
        code_check = check(_cell(row, i_uscc))
        if not code_check.ok:
            result.error(number, _("Credit code: %(error)s") % {"error": code_check.error})
            continue
        code = code_check.code
        if not name:
            result.error(number, _("The company name is empty."))
            continue
        first = seen.get(code)
        if first is not None:
            result.error(
                number,
                _("Credit code %(code)s already appears on row %(first)d of this file; this row was skipped.")
                % {"code": code, "first": first},
            )
            continue
        try:
            capital = parse_capital(_cell(row, i_capital))
        except (decimal.InvalidOperation, ValueError):
            result.error(
                number,
                _("Registered capital %(value)s is not an amount in 万元.")
                % {"value": _cell(row, i_capital)},
            )
            continue
        try:
            established = parse_date(_cell(row, i_date))
        except ValueError:
            result.error(
                number,
                _("Established date %(value)s cannot be read (use 2019-05-31).")
                % {"value": _cell(row, i_date)},
            )
            continue
        region = _text(_cell(row, i_region))
        if region and not (len(region) == 6 and region.isdigit()):
            result.error(
                number, _("Region code %(value)s is not a 6-digit GB/T 2260 code.") % {"value": region}
            )
            continue
        seen[code] = number
        scope = _text(_cell(row, i_scope))
        if not scope:
            result.empty_scope += 1
        chunk.append(
            {
                "uscc": code,
                "name": name[:150],
                "region_code": region or code_check.region_code,
                "registered_capital": capital,
                "established": established,
                "scope": scope,
                "products": _text(_cell(row, i_products)),
            }
        )
        if len(chunk) >= chunk_size:
            writer.write(chunk, result)
            chunk = []
            if progress:
                progress(result.rows, total)
    writer.write(chunk, result)
    if progress:
        progress(result.rows, total)
