""".xlsx writing for exports and import templates (openpyxl, write-only mode).

Numbers and dates are written as native cells. A text cell that starts with = + - @ is
written as a text cell with Excel's quote prefix, never as a formula: an exported name
like ``=cmd|' /C calc'!A0`` stays an inert string (CSV/formula injection).
"""

import datetime
import io
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="206BC4")
REQUIRED_FILL = PatternFill("solid", fgColor="D63939")
DATE_FORMAT = "yyyy-mm-dd"


def cell(ws, value):
    """A write-only cell holding ``value`` as its native type, formulas defused."""
    if isinstance(value, str):
        out = WriteOnlyCell(ws, value=value)
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


def write_sheet(ws, titles: list[str], rows: Iterable[list], widths: list[int] | None = None) -> None:
    for index, width in enumerate(widths or [16] * len(titles), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append(header_cells(ws, titles))
    for row in rows:
        ws.append([cell(ws, value) for value in row])


def workbook_bytes(sheets: list[tuple[str, list[str], Iterable[list], list[int] | None]]) -> bytes:
    workbook = Workbook(write_only=True)
    for title, titles, rows, widths in sheets:
        write_sheet(workbook.create_sheet(title[:31]), titles, rows, widths)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_bytes(spec, example_rows: list[list] | None = None) -> bytes:
    """The import template of ``spec``: the data sheet first (imports read the first
    sheet), then 填写说明 with every column's rule and example. Required headers are red;
    code columns are formatted as text so Excel keeps leading zeros and long digits."""
    from django.utils.translation import gettext as _

    workbook = Workbook()
    data = workbook.active
    data.title = str(spec.sheet_name or spec.label)[:31]
    for index, column in enumerate(spec.columns, start=1):
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
    for row_index, row in enumerate(example_rows or [], start=2):
        for col_index, value in enumerate(row, start=1):
            target = data.cell(row=row_index, column=col_index, value=value)
            if isinstance(value, datetime.date):
                target.number_format = DATE_FORMAT
    data.freeze_panes = "A2"

    notes = workbook.create_sheet(_("Instructions"))
    titles = [_("Column"), _("Required"), _("Rule"), _("Example")]
    notes.append(titles)
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
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def general_rules(spec) -> list[str]:
    from django.utils.translation import gettext as _

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
