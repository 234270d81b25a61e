"""Official documents (.docx) in the usual government layout: the monthly brief, the scheduling
pack and every later document start from ``government_document`` and write through these
pieces, so a change of margins or fonts is made once.

A4 with the GB/T 9704 margins; the title in 方正小标宋简体 二号 (22 pt), headings in 黑体 三号,
the body in 仿宋_GB2312 三号 with a two-character first-line indent and 28 pt line spacing —
the faces Chinese offices have (elsewhere Word and LibreOffice substitute the Noto CJK faces).
A document of wide tables (the pack) is A4 landscape, its margins turned with the page.

Tables are laid out for the page: fixed layout, a ``w:tblGrid`` whose ``gridCol`` widths are
the cell widths (Word and LibreOffice read the grid, python-docx writes equal columns there),
each column as wide as its longest text asks within a minimum and a maximum, all summing to
the text width; the header row repeats on every page and no row splits across pages. Body
rows are written from a copied XML row, because python-docx's ``add_row`` on thousands of rows
costs seconds.

``docx_to_pdf`` renders a document with LibreOffice (``soffice``) where it is installed.
"""

import copy
import datetime
import io
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"
TITLE_SIZE, HEADING_SIZE, BODY_SIZE, TABLE_SIZE = 22, 16, 16, 10.5
A4 = (Cm(29.7), Cm(21))
MARGINS = (Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6))  # top, bottom, left, right (GB/T 9704)
LANDSCAPE_MARGINS = (Cm(2.8), Cm(2.6), Cm(3.7), Cm(3.5))  # the same margins, turned with the page
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CELL_PADDING_CM = 0.6  # Word's default left + right cell margins (0.19 cm each) and some air
MIN_COLUMN_CM, MAX_COLUMN_CM, WRAP_CM = 1.2, 12.0, 3.0
EMU_PER_TWIP = 635
NUMERIC = re.compile(r"^[-+−]?[\d,]+(\.\d+)?%?$|^—$")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
SOFFICE_TIMEOUT = 180


class ConversionUnavailable(RuntimeError):
    """LibreOffice is not installed here (or failed): no PDF of a .docx."""


# --- words ----------------------------------------------------------------------------------


def chinese_date(day: datetime.date) -> str:
    """2025年9月30日, as a government document writes a date in its prose."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (sub-section numbers up to 99)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def chinese_dates_in(text: str) -> str:
    """A sentence with its ISO dates (2025-09-30) written as 2025年9月30日."""
    return ISO_DATE.sub(lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", text)


def yi(value: Decimal | None) -> str:
    """A 万元 amount in 亿元 with two decimals and thousands separators: 22,689,999 → 2,269.00."""
    if value is None:
        return "—"
    return f"{(Decimal(value) / 10000).quantize(Decimal('0.01')):,}"


# --- the page -------------------------------------------------------------------------------


def government_document(title_text: str, *, landscape: bool = False):
    """A new A4 document with the GB/T 9704 margins (turned for ``landscape``) and its
    centred title."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = A4
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = MARGINS
    if landscape:
        turn_landscape(section)
    page_numbers(section)
    centred(document, title_text, TITLE_FONT, TITLE_SIZE)
    return document


def turn_landscape(section) -> None:
    """``section`` as A4 landscape, the margins turned with the page."""
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = LANDSCAPE_MARGINS


def text_width(document) -> int:
    """The width between the margins of the last section, in EMU."""
    section = document.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def run(paragraph, text: str, font: str, size: float):
    """A run in ``font``, named for East Asian text too (Word picks the Chinese face from
    ``w:eastAsia``, not from the Latin font name)."""
    added = paragraph.add_run(text)
    added.font.name = font
    added.font.size = Pt(size)
    added._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return added


def centred(document, text: str, font: str = BODY_FONT, size: float = BODY_SIZE):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(paragraph, text, font, size)
    return paragraph


def heading(document, text: str) -> None:
    """A section heading (一、总体情况), kept on the page of what follows it."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    run(paragraph, text, HEADING_FONT, HEADING_SIZE)


def subheading(document, text: str) -> None:
    """A sub-section heading (（一）经济发展局), bold body face."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    run(paragraph, text, BODY_FONT, BODY_SIZE).bold = True


def body(document, text: str, *, keep_with_next: bool = False) -> None:
    """A body paragraph: first line indented by two characters, fixed 28 pt lines; a lead-in
    ("有8项滞后：") kept on the page of what it introduces."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.line_spacing = Pt(28)
    paragraph.paragraph_format.keep_with_next = keep_with_next
    run(paragraph, text, BODY_FONT, BODY_SIZE)


def page_numbers(section) -> None:
    """— 1 — centred in the footer of every page (a PAGE field Word and LibreOffice fill)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(paragraph, "— ", BODY_FONT, 14)
    number = run(paragraph, "1", BODY_FONT, 14)._r
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number.addprevious(field)
    field.append(number)  # moved into the field: its text is the field's last result
    run(paragraph, " —", BODY_FONT, 14)


def figure(document, png: bytes, caption: str, width_cm: float = 15) -> None:
    """A centred picture with its caption (图：…) below."""
    document.add_picture(io.BytesIO(png), width=Cm(width_cm))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    centred(document, f"图：{caption}", BODY_FONT, TABLE_SIZE)


# --- tables ---------------------------------------------------------------------------------


def display_width(text: str) -> float:
    """The width of ``text`` in em of the table face: a Chinese character is one em, a
    Latin letter or digit about half."""
    return sum(1.0 if ord(ch) > 0x2000 else 0.6 for ch in text)


def column_widths(headers: list[str], rows: list[list[str]], total: int) -> list[int]:
    """Column widths in twips summing to ``total``: each column asks for its longest text
    (a long header may wrap onto two lines), between a minimum and a maximum; then the page
    decides (``fit``)."""
    em_cm = TABLE_SIZE / 72 * 2.54 * 1.05  # the substitute faces run a little wide
    natural = []
    for index, header in enumerate(headers):
        longest = max([display_width(r[index]) for r in rows] or [0])
        head = display_width(header)
        text = max(longest, head if head <= 6 else max(head / 2, 4))  # a long header wraps
        natural.append(max(text * em_cm + CELL_PADDING_CM, MIN_COLUMN_CM))
    return fit([min(n, MAX_COLUMN_CM) for n in natural], total, natural)


def fit(asked_cm: list[float], total: int, natural_cm: list[float] | None = None) -> list[int]:
    """``asked_cm`` in twips summing to ``total``. Too wide: the columns that must wrap
    anyway (asking more than ``WRAP_CM``) share what the others leave in proportion to their
    longest text (``natural_cm``), so their rows wrap onto about as many lines each and no
    column takes more than it needs; too narrow: every column grows in proportion."""
    twips = [cm / 2.54 * 1440 for cm in asked_cm]
    natural = [cm / 2.54 * 1440 for cm in natural_cm or asked_cm]
    wrap = WRAP_CM / 2.54 * 1440
    if sum(twips) > total:
        twips = _share(twips, natural, total, wrap)
    twips = [t * total / sum(twips) for t in twips]
    widths = [int(t) for t in twips]
    widths[widths.index(max(widths))] += total - sum(widths)
    return widths


def _share(twips: list[float], natural: list[float], total: int, wrap: float) -> list[float]:
    """The room the narrow columns leave, shared by the wrapping ones by their text's length;
    a column given more than it asks keeps what it asks and the rest is shared again."""
    sharing = {i for i, t in enumerate(twips) if t > wrap}
    out = list(twips)
    for _round in range(len(twips)):
        room = total - sum(out[i] for i in range(len(out)) if i not in sharing)
        whole = sum(natural[i] for i in sharing)
        if not sharing or room <= 0 or not whole:
            return out
        share = {i: max(room * natural[i] / whole, wrap) for i in sharing}
        over = {i for i in sharing if share[i] > twips[i]}
        for i in sharing:
            out[i] = min(share[i], twips[i])
        if not over:
            return out
        sharing -= over
    return out


def table(document, headers: list[str], rows: list[list[str]], widths_cm: list[float] | None = None):
    """A bordered table across the text width, laid out fixed: column widths from the content
    (or ``widths_cm`` fitted to the page), the same widths in the grid and in every cell; the
    header row in 黑体 repeats on each page and no row splits; numbers are right-aligned. Body
    rows are deep copies of one formatted prototype row with its texts replaced (thousands of
    rows in well under a second, where ``add_row`` would take seconds)."""
    total = text_width(document) // EMU_PER_TWIP
    widths = fit(list(widths_cm), total) if widths_cm else column_widths(headers, rows, total)
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.autofit = False
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_layout(grid, widths)
    _fill_row(grid.rows[0], headers, widths, HEADING_FONT, [WD_ALIGN_PARAGRAPH.CENTER] * len(headers))
    _row_properties(grid.rows[0]._tr, header=True)
    prototype = grid.add_row()
    _fill_row(prototype, ["x"] * len(headers), widths, BODY_FONT, _alignments(rows, len(headers)))
    _row_properties(prototype._tr, header=False)
    template = prototype._tr
    grid._tbl.remove(template)
    for values in rows:
        grid._tbl.append(_copied_row(template, values))
    spacer = document.add_paragraph()  # two tables in a row would merge into one
    spacer.paragraph_format.space_after = Pt(0)
    return grid


def _alignments(rows: list[list[str]], count: int) -> list:
    """Right for a column of numbers (amounts, counts, percentages), else left."""
    aligned = []
    for index in range(count):
        values = [r[index] for r in rows if r[index]]
        numeric = bool(values) and all(NUMERIC.match(v) for v in values)
        aligned.append(WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT)
    return aligned


def _fix_layout(grid, widths: list[int]) -> None:
    """The table as wide as its columns and the grid's columns as wide as the cells (the
    fixed layout itself is ``autofit = False``)."""
    tbl_w = grid._tbl.tblPr.find(qn("w:tblW"))  # python-docx writes one (auto, 0)
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    for col, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width))


def _row_properties(tr, *, header: bool) -> None:
    """No row split across pages; the header row repeated on each page."""
    tr_pr = tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _fill_row(row, texts: list[str], widths: list[int], font: str, alignments: list) -> None:
    for cell, text, width, align in zip(row.cells, texts, widths, alignments, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = align
        run(paragraph, text, font, TABLE_SIZE)
        cell.width = Twips(width)


def _copied_row(template, values: list[str]):
    tr = copy.deepcopy(template)
    for node, value in zip(tr.iter(qn("w:t")), values, strict=True):
        node.text = value
        if value[:1].isspace() or value[-1:].isspace():
            node.set(XML_SPACE, "preserve")
    return tr


def document_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------


def soffice() -> str | None:
    """The LibreOffice program, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(content: bytes, timeout: int = SOFFICE_TIMEOUT) -> bytes:
    """The PDF of a .docx as LibreOffice renders it, in a private profile (parallel
    conversions do not share one) that is removed afterwards."""
    program = soffice()
    if program is None:
        raise ConversionUnavailable("未安装 LibreOffice（soffice），无法生成 PDF。")
    with tempfile.TemporaryDirectory(prefix="gaoxin-pdf-") as work:
        source = f"{work}/document.docx"
        with open(source, "wb") as handle:
            handle.write(content)
        command = [
            program,
            f"-env:UserInstallation=file://{work}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            work,
            source,
        ]
        for attempt in (1, 2):  # a fresh profile's first start now and then writes no PDF: once more
            try:
                subprocess.run(command, capture_output=True, timeout=timeout, check=True)
                with open(f"{work}/document.pdf", "rb") as handle:
                    return handle.read()
            except subprocess.TimeoutExpired as error:
                raise ConversionUnavailable(f"LibreOffice 未能生成 PDF：{error}") from error
            except (subprocess.SubprocessError, OSError) as error:
                if attempt == 2:
                    raise ConversionUnavailable(f"LibreOffice 未能生成 PDF：{error}") from error
        raise AssertionError("unreachable")
