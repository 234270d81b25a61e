"""The document layout's pieces with exact values: dates and 亿元 in prose, column widths from
the content within the page, the PDF conversion's refusal without LibreOffice."""

import datetime
from decimal import Decimal

import pytest

from gaoxin.core import documents
from gaoxin.core.documents import chinese_date, chinese_dates_in, chinese_number, column_widths, fit, yi


def test_dates_and_numbers_in_prose():
    assert chinese_date(datetime.date(2025, 9, 30)) == "2025年9月30日"
    assert (
        chinese_dates_in("截至2025-09-30为208家；时限2025-06-01。")
        == "截至2025年9月30日为208家；时限2025年6月1日。"
    )
    assert chinese_dates_in("编号12025-09-301") == "编号12025-09-301"  # not a date inside a longer number
    assert [chinese_number(n) for n in (1, 10, 12, 20, 25)] == ["一", "十", "十二", "二十", "二十五"]


@pytest.mark.parametrize(
    ("wan", "text"),
    [(Decimal("22689999"), "2,269.00"), (Decimal("20000"), "2.00"), (Decimal("0"), "0.00"), (None, "—")],
)
def test_yi(wan, text):
    assert yi(wan) == text


def test_widths_fill_the_page_and_long_texts_share_the_room():
    rows = [
        [
            "1",
            "甲企业新材料项目",
            "红灯",
            "2025年1–5月累计完成投资400万元，序时计划1,000万元，完成序时进度的40.0%。" * 2,
        ]
    ]
    widths = column_widths(["序号", "项目名称", "亮灯", "亮灯原因"], rows, 12755)
    assert sum(widths) == 12755
    assert widths[3] > widths[1] > widths[2] >= widths[0] >= 680  # 1.2 cm at least


def test_a_narrow_table_grows_in_proportion():
    assert fit([2.0, 4.0], 9000) == [3000, 6000]


def test_a_wide_table_shrinks_only_the_wrapping_columns():
    widths = fit([2.0, 10.0, 10.0], 8000, [2.0, 10.0, 30.0])
    assert widths[0] == int(2.0 / 2.54 * 1440)  # a short column keeps its width
    assert sum(widths) == 8000 and widths[2] > widths[1]


def test_no_pdf_without_libreoffice(monkeypatch):
    monkeypatch.setattr(documents, "soffice", lambda: None)
    with pytest.raises(documents.ConversionUnavailable, match="LibreOffice"):
        documents.docx_to_pdf(b"")
