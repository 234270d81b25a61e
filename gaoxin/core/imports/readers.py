"""Turn an uploaded file into a header and rows, refusing what is not a table.

.xlsx goes through python-calamine (fast, Rust) after a guard pass over the zip: every
member is inflated in a stream with a byte budget (a zip bomb stops at the budget, whatever
its headers claim) and the worksheet XML is scanned for formula cells on the way.
.csv is decoded as UTF-8 (with or without BOM) or else GB18030, which Chinese Excel writes.

``stream_rows`` is the streaming mode of the same reader for files too big to hold (the outside
company registry: millions of rows): the same formats, refusals, zip-bomb guard and formula
scan, the rows yielded one at a time (.xlsx through openpyxl's read-only reader; .csv decoded
line by line, checked end to end in a first pass so a bad byte names its line).
"""

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _

from ..bulk import gc_paused

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")
CELL_REF = re.compile(r"([A-Z]+)(\d+)")
# a document type or entity declaration (XXE, billion laughs); also in UTF-16 XML
DTD_TAG = re.compile(
    rb"<(?:\x00)?!(?:\x00)?(?:D(?:\x00)?O(?:\x00)?C(?:\x00)?T|E(?:\x00)?N(?:\x00)?T(?:\x00)?I)", re.I
)


class FileRejected(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""


def damaged(member: str) -> FileRejected:
    """A parser's refusal of one part of a workbook, in words: never the parser's own English."""
    return FileRejected(
        _(
            "The workbook part %(member)s cannot be read (the file is damaged). Open it in Excel, "
            "save it again as .xlsx and import again."
        )
        % {"member": member or "xl/workbook.xml"}
    )


@dataclass
class Table:
    header: list[str]
    rows: list[list]
    sheet_name: str = ""
    # (excel row number, column index) of cells holding a formula
    formula_cells: set[tuple[int, int]] = field(default_factory=set)
    # (excel row number, column index) of number cells formatted as a percentage
    percent_cells: set[tuple[int, int]] = field(default_factory=set)
    # first Excel row number of ``rows`` (the header is on the row before)
    first_row: int = 2
    # text above the header (a bureau table's title with its period)
    title: str = ""


def column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def read_table(path: Path | str, filename: str = "", max_rows: int | None = None) -> Table:
    """The file as a ``Table``; with ``max_rows`` a file of more data rows is refused before
    its rows are built (counted from the sheet's dimension or the CSV's line ends)."""
    with gc_paused():
        return _read_table(Path(path), filename, max_rows)


def _read_table(path: Path, filename: str, max_rows: int | None = None) -> Table:
    if file_format(path, filename) == "xlsx":
        return _read_xlsx(path, max_rows)
    return _read_csv(path, max_rows)


def too_many_rows(rows: int, limit: int) -> FileRejected:
    return FileRejected(
        _(
            "The file has about %(rows)s data rows; this kind of import takes at most %(limit)s at a "
            "time. Split the file and import the parts one after another."
        )
        % {"rows": f"{rows:,}", "limit": f"{limit:,}"}
    )


def _refuse_many(rows: int, limit: int | None) -> None:
    if limit is not None and rows > limit:
        raise too_many_rows(rows, limit)


DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")


def sheet_dimension_rows(path: Path, member: str) -> int:
    """Data rows by the sheet's ``<dimension ref="A1:K1500001"/>`` (written before the rows, so
    only the first 64 KB are inflated); 0 when the sheet does not say."""
    if not member:
        return 0
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        match = DIMENSION.search(stream.read(1 << 16))
    return max(int(match.group(1)) - 1, 0) if match else 0


def file_format(path: Path, filename: str = "") -> str:
    """ "xlsx" or "csv" from the file's first bytes and its name, or refused with the reason
    (an old .xls, a .xlsx that is no zip, another type): the one decision both modes share."""
    name = (filename or path.name).lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(XLSX_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        if is_encrypted_ole(path):
            raise FileRejected(
                _(
                    "The file is encrypted (it has an open password). Remove the password, save it as .xlsx and import again."
                )
            )
        raise FileRejected(_("This is an old .xls workbook. Save it as .xlsx in Excel and upload again."))
    if name.endswith((".xlsx", ".xlsm")):
        raise FileRejected(_("The file is named .xlsx but is not an Excel workbook (not a zip file)."))
    if name.endswith((".csv", ".txt")) or not name:
        return "csv"
    raise FileRejected(_("Only .xlsx and .csv files can be imported."))


ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def is_encrypted_ole(path: Path) -> bool:
    """True when an OLE2 (CFB) file holds an ``EncryptedPackage`` stream: Excel wraps a
    password-protected .xlsx so, and it starts like an old .xls. The directory stores stream
    names in UTF-16LE; the file is searched for that name in 1 MB windows (uploads are small)."""
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if ENCRYPTED_PACKAGE in tail + chunk:
                return True
            tail = chunk[-len(ENCRYPTED_PACKAGE) :]
    return False


# --- xlsx -----------------------------------------------------------------------------


def _guard_zip(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Inflate every member within a byte budget; return formula cells per worksheet."""
    formulas: dict[str, set[tuple[int, int]]] = {}
    with _open_zip(path) as archive:
        budget = _Budget(settings.XLSX_MAX_UNPACKED_BYTES)
        for member in _workbook_members(archive):
            try:
                found_formula = _inflate(archive, member, budget)
                _check_ratio(member)
                if found_formula:
                    formulas[member.filename] = _formula_cells(archive, member.filename)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ElementTree.ParseError):
                raise damaged(member.filename) from None
    return formulas


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRejected(
            _("The workbook is damaged and cannot be opened (its zip directory is broken).")
        ) from exc


def _workbook_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's members, refused unless it looks like a workbook of normal size."""
    members = archive.infolist()
    if len(members) > 10000:
        raise FileRejected(_("The workbook has too many parts to be a normal Excel file."))
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise FileRejected(_("The zip file is not an Excel workbook (no xl/workbook.xml)."))
    return members


class _Budget:
    """Bytes the whole workbook may inflate to: a zip bomb stops here, whatever its headers claim."""

    def __init__(self, limit: int):
        self.limit, self.spent = limit, 0

    def spend(self, size: int) -> None:
        self.spent += size
        if self.spent > self.limit:
            raise FileRejected(
                _("The workbook unpacks to more than %(mb)d MB; it looks like a zip bomb and was refused.")
                % {"mb": self.limit // 1024 // 1024}
            )


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: _Budget) -> bool:
    """Inflate ``member`` in 1 MB chunks against ``budget``; True when a worksheet holds a
    formula tag (the chunk's last bytes are kept so a tag cut in two is still seen)."""
    is_sheet = member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
    is_xml = member.filename.endswith((".xml", ".rels", ".vml"))
    found_formula, tail = False, b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            budget.spend(len(chunk))
            window = tail + chunk
            if is_xml and DTD_TAG.search(window):
                raise FileRejected(
                    _(
                        "The workbook part %(member)s declares a DOCTYPE or entities (XXE, “billion "
                        "laughs”); Excel never writes these, so the file was refused unread."
                    )
                    % {"member": member.filename}
                )
            if is_sheet and not found_formula:
                found_formula = bool(FORMULA_TAG.search(window))
            tail = chunk[-16:]
    return found_formula


def _check_ratio(member: zipfile.ZipInfo) -> None:
    if member.compress_size and member.file_size / member.compress_size > settings.XLSX_MAX_RATIO * 10:
        raise FileRejected(_("The workbook is compressed suspiciously well; it looks like a zip bomb."))


def _formula_cells(archive: zipfile.ZipFile, member: str) -> set[tuple[int, int]]:
    cells = set()
    with archive.open(member) as stream:
        current = None
        for event, elem in ElementTree.iterparse(stream, events=("start", "end")):
            tag = elem.tag.rsplit("}", 1)[-1]
            if event == "start" and tag == "c":
                current = elem.get("r")
            elif event == "end" and tag == "f" and current:
                match = CELL_REF.match(current)
                if match:
                    cells.add((int(match.group(2)), column_index(match.group(1))))
            elif event == "end" and tag == "c":
                elem.clear()
    return cells


def _first_sheet_member(archive_path: Path) -> str:
    """The worksheet file behind the first sheet tab (calamine reads tabs by index)."""
    with zipfile.ZipFile(archive_path) as archive:
        try:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        except ElementTree.ParseError:
            raise damaged("xl/workbook.xml") from None
        try:
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, ElementTree.ParseError):
            raise damaged("xl/_rels/workbook.xml.rels") from None
    ns_r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    first = next((el for el in workbook.iter() if el.tag.endswith("}sheet")), None)
    if first is None:
        return ""
    rel_id = first.get(ns_r)
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "").lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    return ""


def _percent_styles(archive: zipfile.ZipFile) -> set[str]:
    """Indices (as text) of the cell styles whose number format shows a percentage."""
    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return set()
    percent_formats = {"9", "10"}  # Excel's built-in 0% and 0.00%
    for element in styles.iter():
        if element.tag.endswith("}numFmt") and "%" in element.get("formatCode", "").replace('"%"', ""):
            percent_formats.add(element.get("numFmtId"))
    found = set()
    for element in styles.iter():
        if element.tag.endswith("}cellXfs"):
            for index, xf in enumerate(child for child in element if child.tag.endswith("}xf")):
                if xf.get("numFmtId") in percent_formats:
                    found.add(str(index))
    return found


def _percent_cells(path: Path, member: str) -> set[tuple[int, int]]:
    """(row, column) of the number cells shown as a percentage (0.138 displayed as 13.8%)."""
    with zipfile.ZipFile(path) as archive:
        styles = _percent_styles(archive)
        if not styles or not member:
            return set()
        try:
            return _styled_cells(archive, member, styles)
        except (KeyError, ElementTree.ParseError):
            raise damaged(member) from None


def _styled_cells(archive: zipfile.ZipFile, member: str, styles: set[str]) -> set[tuple[int, int]]:
    cells = set()
    with archive.open(member) as stream:
        for _event, elem in ElementTree.iterparse(stream, events=("end",)):
            if elem.tag.endswith("}c"):
                if elem.get("s") in styles and elem.get("t") in (None, "n"):
                    match = CELL_REF.match(elem.get("r", ""))
                    if match:
                        cells.add((int(match.group(2)), column_index(match.group(1))))
                elem.clear()
    return cells


def _read_xlsx(path: Path, max_rows: int | None = None) -> Table:
    from python_calamine import CalamineWorkbook

    formulas = _guard_zip(path)
    member = _first_sheet_member(path)
    _refuse_many(sheet_dimension_rows(path, member), max_rows)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)  # keep Excel's coordinates
        sheet_name = workbook.sheet_names[0]
    except Exception as exc:  # calamine raises its own error types, in English
        raise damaged(member) from exc
    table = _table_from_rows(rows, sheet_name, formulas.get(member, set()) if formulas else set())
    table.percent_cells = _percent_cells(path, member)
    return table


def _table_from_rows(rows: list[list], sheet_name: str = "", formula_cells=None) -> Table:
    # Skip leading empty rows; the first non-empty row is the header.
    start = 0
    while start < len(rows) and all(v in ("", None) for v in rows[start]):
        start += 1
    if start >= len(rows):
        raise FileRejected(_("The file is empty: no header row was found."))
    header = [str(v).strip() if v is not None else "" for v in rows[start]]
    while header and header[-1] == "":
        header.pop()
    return Table(
        header=header,
        rows=rows[start + 1 :],
        sheet_name=sheet_name,
        formula_cells=formula_cells or set(),
        first_row=start + 2,
    )


# --- csv ------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRejected(_("The CSV file is neither UTF-8 nor GB18030 text."))


def _refuse_binary(sample: bytes) -> None:
    if b"\x00" in sample[:4096]:
        raise FileRejected(_("The file is not a text CSV file (binary content)."))


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def csv_error(exc: csv.Error, line: int) -> FileRejected:
    """The csv module's refusal (a cell beyond its 131,072-character limit) in words."""
    if "field larger than field limit" in str(exc):
        return FileRejected(
            _(
                "Line %(line)d of the CSV file has a cell of more than %(limit)s characters (an "
                "unclosed quote mark, or pasted text); nothing was imported."
            )
            % {"line": line, "limit": f"{csv.field_size_limit():,}"}
        )
    return FileRejected(
        _("Line %(line)d of the CSV file cannot be read (a quote mark or line break out of place).")
        % {"line": line}
    )


def _read_csv(path: Path, max_rows: int | None = None) -> Table:
    data = path.read_bytes()
    _refuse_many(data.count(b"\n") - 1 + (not data.endswith(b"\n")), max_rows)
    if data.startswith(UTF16_BOMS):  # Excel's "Unicode text" and some registries' exports
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise FileRejected(_("The file says it is UTF-16 text but cannot be read as such.")) from exc
    _refuse_binary(data)
    text = decode_text(data)
    if "\x00" in text:
        raise FileRejected(_("The file is not a text CSV file (binary content)."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise csv_error(exc, reader.line_num) from exc
    return _table_from_rows(rows)


# --- streaming ------------------------------------------------------------------------


@dataclass
class RowStream:
    """A file read one row at a time, for files too big for a ``Table`` (an outside company
    registry of a million rows): memory stays flat whatever the file's size.

    ``rows`` yields (line or Excel row number, cells) of every row, the header first;
    ``total`` is about how many data rows follow (for progress); ``formula_cells`` are the
    (row number, column index) of the cells holding a formula, as in ``Table``."""

    rows: Iterator[tuple[int, list]]
    total: int
    formula_cells: set[tuple[int, int]] = field(default_factory=set)


def stream_rows(path: Path | str, filename: str = "") -> RowStream:
    """The streaming mode of ``read_table``: the same formats, refusals, zip-bomb guard and
    formula scan. Everything that can reject the file whole (encoding end to end, the zip)
    is checked before the first row is yielded."""
    path = Path(path)
    if file_format(path, filename) == "xlsx":
        return _stream_xlsx(path)
    return _stream_csv(path)


def _stream_xlsx(path: Path) -> RowStream:
    """The first sheet through openpyxl's read-only reader (its XML parsed as it is inflated),
    after the same guard pass as ``read_table``."""
    from openpyxl import load_workbook

    formulas = _guard_zip(path)
    member = _first_sheet_member(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        total = max((sheet.max_row or 1) - 1, 0)
    except Exception as exc:  # openpyxl raises many error types for a broken workbook, in English
        raise damaged(member) from exc
    cells = formulas.get(member, set()) if formulas else set()
    return RowStream(_sheet_rows(workbook, sheet, member), total, cells)


def _sheet_rows(workbook, sheet, member: str = "") -> Iterator[tuple[int, list]]:
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    except (ElementTree.ParseError, zipfile.BadZipFile, zlib.error, KeyError, ValueError) as exc:
        raise damaged(member) from exc
    finally:
        workbook.close()


SNIFF_BYTES = 1 << 20


def _stream_csv(path: Path) -> RowStream:
    """A first pass decodes every line (a bad byte on line 1,800,000 rejects the file before
    any row is used), the second yields the rows. Tab-separated when the header holds more
    tabs than commas."""
    encoding = _csv_encoding(path)
    lines = sum(1 for _line in _decoded_lines(path, encoding))
    with path.open("rb") as handle:
        head = handle.readline().decode(encoding, "replace")
    delimiter = "\t" if head.count("\t") > head.count(",") else ","
    return RowStream(_csv_records(path, encoding, delimiter), max(lines - 1, 0))


def _csv_records(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list]]:
    reader = csv.reader(_decoded_lines(path, encoding), delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise csv_error(exc, reader.line_num) from exc


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) or GB18030, judged on the first megabyte (cut at a line end)."""
    with path.open("rb") as handle:
        sample = handle.read(SNIFF_BYTES)
    if sample.startswith(UTF16_BOMS):
        raise FileRejected(
            _(
                "The CSV file is UTF-16 text; for a file this large save it as UTF-8 (CSV UTF-8) and import again."
            )
        )
    _refuse_binary(sample)
    cut = sample.rfind(b"\n") if len(sample) == SNIFF_BYTES else len(sample)
    sample = sample[: cut if cut > 0 else len(sample)]
    errors = []
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return encoding
        except UnicodeDecodeError as exc:
            errors.append(exc)
    error = max(errors, key=lambda exc: exc.start)  # the encoding that read further names the line
    line = sample[: error.start].count(b"\n") + 1
    raise FileRejected(
        _("The CSV file is neither UTF-8 nor GB18030 text: line %(line)d cannot be read.") % {"line": line}
    ) from error


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
