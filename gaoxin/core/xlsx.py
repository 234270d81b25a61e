""".xlsx writing for exports, import templates and the scheduling pack (openpyxl, write-only
mode for the data sheets).

Numbers and dates are written as native cells. A text cell that starts with = + - @ is
written as a text cell with Excel's quote prefix, never as a formula: an exported name
like ``=cmd|' /C calc'!A0`` stays an inert string (CSV/formula injection).
"""

import datetime
import io
from collections.abc import Iterable
from decimal import Decimal
from itertools import chain, repeat
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .text import CONTROL, strip_control

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="206BC4")
REQUIRED_FILL = PatternFill("solid", fgColor="D63939")
DATE_FORMAT = "yyyy-mm-dd"
A4_PAPER = "9"  # ECMA-376 paper size code of A4


def cell(ws, value):
    """A write-only cell holding ``value`` as its native type, formulas defused; anything
    Excel has no type for is written as its text."""
    if (
        not isinstance(value, str | int | float | Decimal | datetime.date | datetime.time | bool)
        and value is not None
    ):
        value = str(value)
    if isinstance(value, str):
        out = WriteOnlyCell(ws, value=strip_control(value))
        if value.startswith(DANGEROUS_START):
            out.data_type = "s"
            out.quotePrefix = True
        return out
    if isinstance(value, datetime.datetime):
        value = value.replace(tzinfo=None)
    out = WriteOnlyCell(ws, value=value)
    if isinstance(value, datetime.date):
        out.number_format = DATE_FORMAT
    elif isinstance(value, Decimal):
        out.number_format = "#,##0.00##"
    return out


def header_cells(ws, titles: list[str], required: set[int] | None = None) -> list:
    cells = []
    for index, title in enumerate(titles):
        out = WriteOnlyCell(ws, value=str(title))
        out.font = HEADER_FONT
        out.fill = REQUIRED_FILL if required and index in required else HEADER_FILL
        out.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(out)
    return cells


class Sheet(NamedTuple):
    """One sheet of a workbook: its name, header titles, rows of values, column widths
    (16 each when not given) and per-column number formats (None: the value's own)."""

    title: str
    headers: list[str]
    rows: Iterable[list]
    widths: list[int] | None = None
    formats: list[str | None] | None = None


def value_cell(ws, value, number_format: str | None = None):
    """``value`` as it goes into a write-only row. Plain texts, blanks and unformatted
    integers go in raw (a styled cell per value costs about ten times more); formula-like
    texts, dates, decimals and formatted numbers through ``cell``."""
    if isinstance(value, Promise):  # a lazy translation ("表外导入")
        value = str(value)
    if isinstance(value, str) and CONTROL.search(value):
        value = strip_control(value)  # a stored string never breaks an export
    if (
        value is None
        or (isinstance(value, str) and not value.startswith(DANGEROUS_START))
        or (isinstance(value, int) and number_format is None)
    ):
        return value
    out = cell(ws, value)
    if number_format:
        out.number_format = number_format
    return out


def write_sheet(ws, sheet: Sheet) -> None:
    """A frozen, styled header row, the column widths, the print setup, then the rows."""
    for index, width in enumerate(sheet.widths or [16] * len(sheet.headers), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    print_setup(ws)
    ws.append(header_cells(ws, sheet.headers))
    for row in sheet.rows:
        # strict=False: the formats run on as None past the given ones, never cutting a row.
        formats = chain(sheet.formats or (), repeat(None))
        ws.append([value_cell(ws, value, fmt) for value, fmt in zip(row, formats, strict=False)])


def print_setup(ws, title_rows: str = "1:1") -> None:
    """Printed on A4 landscape, all columns on one page wide (as many pages down as the
    rows need), the header row repeated on every page."""
    ws.page_setup.paperSize = A4_PAPER
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True


def workbook_bytes(sheets: Iterable[Sheet | tuple]) -> bytes:
    """A write-only workbook of ``sheets`` (``Sheet``s or plain tuples in its field order)."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        sheet = Sheet(*sheet)
        write_sheet(workbook.create_sheet(sheet.title[:31]), sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_file(sheets: Iterable[Sheet | tuple], path) -> None:
    """``workbook_bytes`` saved to ``path``: write-only, its rows streamed (a million-row
    error list never sits in memory as cells)."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        sheet = Sheet(*sheet)
        write_sheet(workbook.create_sheet(sheet.title[:31]), sheet)
    workbook.save(path)


def template_bytes(spec, example_rows: list[list] | None = None) -> bytes:
    """The import template of ``spec``: the data sheet first (imports read the first
    sheet), then 填写说明 with every column's rule and example. Required headers are red;
    code columns are formatted as text so Excel keeps leading zeros and long digits."""
    workbook = Workbook()
    data = workbook.active
    data.title = str(spec.sheet_name or spec.label)[:31]
    for index, column in enumerate(spec.columns, start=1):
        _template_column(data, index, column)
    for row_index, row in enumerate(example_rows or [], start=2):
        for col_index, value in enumerate(row, start=1):
            target = data.cell(row=row_index, column=col_index, value=value)
            if isinstance(value, datetime.date):
                target.number_format = DATE_FORMAT
    data.freeze_panes = "A2"
    _instructions(workbook.create_sheet(_("Instructions")), spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _template_column(data, index: int, column) -> None:
    """The header (red when required), the width, text format for codes, and a drop-down of
    the allowed values when they fit Excel's 255-character list."""
    letter = get_column_letter(index)
    data.column_dimensions[letter].width = column.width
    head = data.cell(row=1, column=index, value=str(column.label))
    head.font = HEADER_FONT
    head.fill = REQUIRED_FILL if column.required else HEADER_FILL
    head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if column.text_format:
        for row in range(2, 2002):
            data.cell(row=row, column=index).number_format = "@"
    hint = column.choices_hint() if column.choices_hint else None
    if hint and len(",".join(hint)) < 250:
        validation = DataValidation(type="list", formula1='"' + ",".join(hint) + '"', allow_blank=True)
        validation.error = _("Choose one of the listed values.")
        validation.showErrorMessage = True
        data.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}5000")


def _instructions(notes, spec) -> None:
    """填写说明: one line per column (required, rule, example), then the general rules."""
    notes.append([_("Column"), _("Required"), _("Rule"), _("Example")])
    for index, width in enumerate([22, 8, 70, 24], start=1):
        notes.column_dimensions[get_column_letter(index)].width = width
    for col in notes[1]:
        col.font = HEADER_FONT
        col.fill = HEADER_FILL
    for column in spec.columns:
        rule = str(column.help)
        if column.choices_hint:
            rule = (rule + " " if rule else "") + _("Allowed: %(values)s") % {
                "values": "、".join(column.choices_hint()[:40])
            }
        notes.append([str(column.label), _("Yes") if column.required else "", rule, column.example])
        notes.cell(row=notes.max_row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    notes.append([])
    for line in general_rules(spec):
        notes.append([line])


def general_rules(spec) -> list[str]:
    return [
        _("General rules:"),
        _("1. Fill the first sheet only; keep the header row as it is (red headers are required)."),
        _("2. Rows are matched on %(key)s: an existing record is updated, a new one is added.")
        % {"key": spec.key_label()},
        _("3. A blank cell never erases a stored value."),
        _(
            "4. The whole file is checked first; if any row is wrong nothing is stored, and every error is listed as row · column · reason."
        ),
        _("5. Money is in 10,000 yuan (万元); dates as 2024-12-31; no formulas."),
    ]
