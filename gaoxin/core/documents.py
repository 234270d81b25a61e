"""Official documents (.docx) in the usual government layout: the monthly brief, the scheduling
pack and every later document start from ``government_document`` and write through these
pieces, so a change of margins or fonts is made once.

A4 with the GB/T 9704 margins; the title in 方正小标宋简体 二号 (22 pt), headings in 黑体 三号,
the body in 仿宋_GB2312 三号 with a two-character first-line indent and 28 pt line spacing —
the faces Chinese offices have (elsewhere Word and LibreOffice substitute the Noto CJK faces).
Tables are written row by row from a copied XML row, because python-docx's ``add_row`` on
thousands of rows costs seconds.
"""

import copy
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"
TITLE_SIZE, HEADING_SIZE, BODY_SIZE, TABLE_SIZE = 22, 16, 16, 10.5
A4 = (Cm(29.7), Cm(21))
MARGINS = (Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6))  # top, bottom, left, right (GB/T 9704)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def government_document(title_text: str):
    """A new A4 document with the GB/T 9704 margins and its centred title."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = A4
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = MARGINS
    centred(document, title_text, TITLE_FONT, TITLE_SIZE)
    return document


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
    """A section heading (一、总体情况)."""
    run(document.add_paragraph(), text, HEADING_FONT, HEADING_SIZE)


def subheading(document, text: str) -> None:
    """A sub-section heading (（一）经济发展局), bold body face."""
    run(document.add_paragraph(), text, BODY_FONT, BODY_SIZE).bold = True


def body(document, text: str) -> None:
    """A body paragraph: first line indented by two characters, fixed 28 pt lines."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.line_spacing = Pt(28)
    run(paragraph, text, BODY_FONT, BODY_SIZE)


def figure(document, png: bytes, caption: str, width_cm: float = 15) -> None:
    """A centred picture with its caption (图：…) below."""
    document.add_picture(io.BytesIO(png), width=Cm(width_cm))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    centred(document, f"图：{caption}", BODY_FONT, TABLE_SIZE)


def table(document, headers: list[str], rows: list[list[str]], widths_cm: list[float]):
    """A bordered table: the header row in 黑体, then each body row a deep copy of one
    formatted prototype row with its texts replaced (thousands of rows in well under a
    second, where ``add_row`` would take seconds)."""
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.autofit = False
    _fill_row(grid.rows[0], headers, widths_cm, HEADING_FONT)
    prototype = grid.add_row()
    _fill_row(prototype, ["x"] * len(headers), widths_cm, BODY_FONT)
    template = prototype._tr
    grid._tbl.remove(template)
    for values in rows:
        grid._tbl.append(_copied_row(template, values))
    return grid


def _fill_row(row, texts: list[str], widths_cm: list[float], font: str) -> None:
    for cell, text, width in zip(row.cells, texts, widths_cm, strict=True):
        run(cell.paragraphs[0], text, font, TABLE_SIZE)
        cell.width = Cm(width)


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
