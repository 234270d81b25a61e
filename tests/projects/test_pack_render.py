"""The scheduling pack as it is handed over: the .docx laid out for A4 landscape (grid widths
= cell widths summing to the text width, repeated header rows, rows that do not split), the
PDF that LibreOffice renders from it (page count, every font embedded, no placeholder text),
the .xlsx's print setup, and the pack page's PDF button.

Set ``GAOXIN_RENDER_DIR`` to keep the rendered pages as PNG (60 dpi) and look at them. The
meeting of ``test_pack`` (30 June 2025) plus 40 projects in construction, each with a
plan of 1,200 万元 and 10 万元 done in 1–5月 (序时 500: red by investment), an open start node
due on 1 June (late) and a problem of 经济发展局 due on 1 June: 42 red or yellow projects, 41
overdue problems, 43 rows of investment.
"""

import datetime
import io
import os
import pathlib
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from gaoxin.core import documents
from gaoxin.core.testing import PLACEHOLDERS, read_pdf
from gaoxin.projects.models import Investment, InvestmentPlan, Project, Stage
from gaoxin.projects.pack import pack_docx, pack_pdf, pack_xlsx
from tests.projects.test_pack import MEETING, meeting, node, problem  # noqa: F401 (fixture)

LANDSCAPE_TEXT_TWIPS = 16838 - 2098 - 1984  # 29.7 cm − 3.7 cm − 3.5 cm in the twips Word stores
needs_soffice = pytest.mark.skipif(documents.soffice() is None, reason="LibreOffice (soffice) not installed")


@pytest.fixture
def busy_meeting(meeting):  # noqa: F811
    for i in range(40):
        p = Project.objects.create(
            code=f"XM-2{i:02d}",
            name=f"随州高新区第{i + 1}号智能制造产业园建设项目",
            stage=Stage.CONSTRUCTION,
            total_investment=Decimal("560000"),
            lead_department=meeting.economy,
            leader=meeting.leader,
        )
        InvestmentPlan.objects.create(project=p, year=2025, amount=Decimal("1200"))
        Investment.objects.create(project=p, year=2025, month=5, cumulative=Decimal("10"))
        node(p, "start", "开工", planned=datetime.date(2025, 6, 1))
        problem(p, meeting.economy, datetime.date(2025, 6, 1), "项目用地规划调整尚未批复，影响施工许可办理")
    return meeting


def grid_widths(table) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_docx_is_laid_out_for_a4_landscape(busy_meeting):
    document = Document(io.BytesIO(pack_docx(MEETING)))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (29.7, 21.0)
    assert len(document.tables) == 7
    for table in document.tables:
        widths = grid_widths(table)
        assert sum(widths) == LANDSCAPE_TEXT_TWIPS
        assert min(widths) >= 680  # 1.2 cm
        header, first = table._tbl.tr_lst[0], table._tbl.tr_lst[1]
        assert header.trPr.find(qn("w:tblHeader")) is not None
        assert first.trPr.find(qn("w:tblHeader")) is None
        assert first.trPr.find(qn("w:cantSplit")) is not None
        for tr in (header, first):  # the cells say what the grid says
            assert [int(tc.tcPr.tcW.get(qn("w:w"))) for tc in tr.tc_lst] == widths
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    flagged = document.tables[2]
    widths = dict(zip([c.text for c in flagged.rows[0].cells], grid_widths(flagged), strict=True))
    assert widths["亮灯原因"] == max(widths.values())  # the longest texts get the room
    assert widths["序号"] == min(widths.values())


def test_xlsx_prints_landscape_one_page_wide(busy_meeting):
    workbook = load_workbook(io.BytesIO(pack_xlsx(MEETING)))
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
            "landscape",
            9,
            1,
            0,
        )
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1"


@needs_soffice
def test_pdf_pages_fonts_and_text(busy_meeting, tmp_path):
    pdf = pack_pdf(MEETING)
    assert pdf.startswith(b"%PDF")
    out = pathlib.Path(os.environ.get("GAOXIN_RENDER_DIR") or tmp_path)  # set it to look at the pages
    rendered = read_pdf(pdf, str(out / "pack"))
    assert 8 <= rendered.pages <= 11  # 10 here: 42 red/yellow rows of four lines each
    assert rendered.fonts and all(embedded for _name, embedded in rendered.fonts)
    for text in PLACEHOLDERS:
        assert text not in rendered.text
    assert "总投资2,242.00亿元" in rendered.text  # 20,000 万元 + 40 × 560,000 万元
    assert rendered.text.count("亮灯原因") >= 2  # the header row repeats on the next page
    assert len(list(out.glob("pack-*.png"))) == rendered.pages


@needs_soffice
def test_pack_page_offers_the_pdf(client, world, busy_meeting):
    client.force_login(world.leader)
    url = reverse("projects:pack")
    page = client.get(url)
    assert b'value="pdf"' in page.content
    response = client.get(url, {"meeting_date": "2025-06-30", "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf", response.content.decode()[:500]
    assert response.content.startswith(b"%PDF")


def test_without_libreoffice_the_page_says_so(client, world, meeting, monkeypatch):  # noqa: F811
    monkeypatch.setattr(documents, "soffice", lambda: None)
    client.force_login(world.leader)
    url = reverse("projects:pack")
    page = client.get(url).content.decode()
    assert 'data-testid="pdf-missing"' in page and 'value="pdf"' not in page
    response = client.get(url, {"meeting_date": "2025-06-30", "format": "pdf"})
    assert response.status_code == 200
    assert "LibreOffice" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_docx_is_a_valid_package(busy_meeting):
    with zipfile.ZipFile(io.BytesIO(pack_docx(MEETING))) as package:
        assert package.testzip() is None
