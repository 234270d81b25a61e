"""The monthly brief as it is handed over, both ways it is made: the .docx rendered by
LibreOffice and the PDF WeasyPrint writes. Each is read back with poppler: the page count,
every font embedded, the text without any placeholder, the period said once in the summary,
dates in prose as 2025年12月31日. Set ``GAOXIN_RENDER_DIR`` to keep the pages as PNG (60 dpi).

The economy of ``test_brief``: two growth indicators with targets (one behind) and the firms'
output summed (16.80 亿元), evaluated on 31 December 2025 (a past year, no reference date).
"""

import io
import os
import pathlib

import pytest
from docx import Document
from docx.oxml.ns import qn

from gaoxin.core import documents
from gaoxin.core.testing import PLACEHOLDERS, read_pdf
from gaoxin.reports import brief as briefs
from tests.reports.test_brief import economy  # noqa: F401 (fixture)

PORTRAIT_TEXT_TWIPS = 11906 - 1587 - 1474  # 21 cm − 2.8 cm − 2.6 cm in the twips Word stores
needs_soffice = pytest.mark.skipif(documents.soffice() is None, reason="LibreOffice (soffice) not installed")


def render_dir(tmp_path) -> pathlib.Path:
    return pathlib.Path(os.environ.get("GAOXIN_RENDER_DIR") or tmp_path)


def assert_clean(rendered) -> None:
    assert rendered.fonts and all(embedded for _name, embedded in rendered.fonts)
    for text in PLACEHOLDERS:
        assert text not in rendered.text
    assert "一、总体情况" in rendered.text and "四、下步工作建议" in rendered.text
    assert rendered.text.count("2025年1–9月，") == 1  # said once, at the head of the summary
    assert "截至2025年12月31日" in rendered.text and "2025-12-31" not in rendered.text


def test_docx_table_is_laid_out(economy):  # noqa: F811
    document = Document(io.BytesIO(briefs.docx_bytes(briefs.build(2025, 9))))
    table = document.tables[0]
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(widths) == PORTRAIT_TEXT_TWIPS
    assert widths[0] == max(widths)  # the indicator's name is the longest text
    assert table._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[3].cells] == ["规模以上工业总产值", "16.80亿元", "12.0%", "—", "—"]
    texts = "".join(p.text for p in document.paragraphs)
    assert "请在此" not in texts


@needs_soffice
def test_docx_through_libreoffice(economy, tmp_path):  # noqa: F811
    pdf = documents.docx_to_pdf(briefs.docx_bytes(briefs.build(2025, 9)))
    rendered = read_pdf(pdf, str(render_dir(tmp_path) / "brief-docx"))
    assert 3 <= rendered.pages <= 5
    assert_clean(rendered)


def test_weasyprint_pdf(economy, tmp_path):  # noqa: F811
    rendered = read_pdf(briefs.pdf_bytes(briefs.build(2025, 9)), str(render_dir(tmp_path) / "brief-pdf"))
    assert 3 <= rendered.pages <= 5
    assert_clean(rendered)
    assert "规模以上工业总产值完成16.80亿元" in rendered.text


def test_charts_read_in_yi(economy):  # noqa: F811
    captions = [caption for caption, _png in briefs.build(2025, 9).charts]
    assert "规模以上工业总产值累计" in captions
    values, unit = briefs.in_yi([168000.0, None], "万元")
    assert (values, unit) == ([16.8, None], "亿元")
    assert briefs.in_yi([5.0], "万千瓦时") == ([5.0], "万千瓦时")
