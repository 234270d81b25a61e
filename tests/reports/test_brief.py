"""The monthly brief: generated sentences with exact numbers, the table, four charts, .docx
that python-docx reads back, a PDF whose text is Chinese."""

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from gaoxin.indicators.models import Indicator, Observation, Target
from gaoxin.indicators.services import refresh_aggregates
from gaoxin.reports import brief as briefs
from tests.factories import make_enterprise

D = Decimal


@pytest.fixture
def economy(world):
    iva = Indicator.objects.create(
        code="iva", name="规模以上工业增加值", unit="%", kind="rate", comparable_prices=True, sort_order=10
    )
    fai = Indicator.objects.create(code="fai", name="固定资产投资", unit="%", kind="rate", sort_order=20)
    output = Indicator.objects.create(
        code="output",
        name="规模以上工业总产值",
        unit="万元",
        kind="level",
        sums_enterprises=True,
        sort_order=30,
    )
    for indicator, growths in ((iva, ("13.0", "12.1")), (fai, ("15.0", "16.2"))):
        Observation.objects.create(
            indicator=indicator, scope="zone", year=2024, month=9, growth=D(growths[0]), source="bureau"
        )
        Observation.objects.create(
            indicator=indicator, scope="zone", year=2025, month=9, growth=D(growths[1]), source="bureau"
        )
        Target.objects.create(indicator=indicator, year=2025, basis="growth", base_value=15, stretch_value=20)
    c = make_enterprise("丙企业", 3, park=world.park2)
    for year, values in ((2024, (100000, 50000)), (2025, (112000, 56000))):
        for month in range(2, 10):
            for firm, total in ((world.firm_a, values[0]), (c, values[1])):
                Observation.objects.create(
                    indicator=output,
                    scope="enterprise",
                    enterprise=firm,
                    year=year,
                    month=month,
                    value=D(total * month / 9),
                    source="bureau",
                )
        refresh_aggregates({(year, m) for m in range(2, 10)})
    return {"iva": iva, "fai": fai, "output": output}


def test_brief_text_table_and_charts(economy):
    brief = briefs.build(2025, 9)
    assert brief.title == "测试区2025年1–9月经济运行简报"
    assert brief.summary == [  # the period said once; the firms' sum says its basis
        "2025年1–9月，规模以上工业增加值同比增长12.1%，低于年度目标2.9个百分点；"
        "固定资产投资增长16.2%，高于年度目标1.2个百分点。",
        "同期，规模以上工业总产值完成16.80亿元，同比增长12.0%（按两年均有数据的2家企业同口径计算）。",
    ]
    assert [(r.name, r.value, r.growth, r.target, r.status) for r in brief.rows] == [
        ("规模以上工业增加值", "—", "12.1%", "≥15%", "滞后"),
        ("固定资产投资", "—", "16.2%", "≥15%", "正常"),
        ("规模以上工业总产值", "16.80亿元", "12.0%", "—", "—"),
    ]
    assert brief.problems == [
        "截至2025年12月31日，对照年度目标和序时进度，有1项滞后：",  # a past year: as of 31 December
        "（一）规模以上工业增加值：2025年1–9月累计增长12.1%，低于序时目标15.0%，差2.9个百分点。",
    ]
    assert brief.next_steps == [
        "各有关单位牵头推进规模以上工业增加值，逐项明确措施、责任人和完成时限，按月跟踪调度。"
    ]
    assert len(brief.charts) >= 4
    assert all(png.startswith(b"\x89PNG") for _caption, png in brief.charts)


def test_docx_reads_back_with_the_usual_sections(economy):
    document = Document(io.BytesIO(briefs.docx_bytes(briefs.build(2025, 9))))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "测试区2025年1–9月经济运行简报"
    for heading in ("一、总体情况", "二、主要指标完成情况", "三、存在问题", "四、下步工作建议"):
        assert heading in texts
    assert len(document.inline_shapes) >= 4
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["规模以上工业增加值", "—", "12.1%", "≥15%", "滞后"]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_holds_the_chinese_text(economy, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(briefs.pdf_bytes(briefs.build(2025, 9)))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "一、总体情况" in text
    assert "规模以上工业增加值同比增长12.1%" in text.replace("\n", "")


def test_download_for_staff_only(client, world, economy):
    client.force_login(world.leader)
    response = client.get(reverse("reports:brief", args=["docx"]) + "?year=2025&month=9")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert client.get(reverse("reports:brief", args=["pdf"]) + "?year=2025&month=9").content.startswith(
        b"%PDF"
    )
    assert client.get(reverse("reports:brief", args=["exe"])).status_code == 404
    client.force_login(world.firm_user)
    assert client.get(reverse("reports:brief", args=["docx"])).status_code == 403


def test_a_zero_or_negative_base_reads_in_words(world):
    """利润总额 from a loss of 500 to a profit of 300: no percentage, 扭亏为盈 (domain rule)."""
    profit = Indicator.objects.create(
        code="profit", name="利润总额", unit="万元", kind="level", sums_enterprises=True
    )
    for year, value in ((2024, "-500"), (2025, "300")):
        Observation.objects.create(
            indicator=profit,
            scope="enterprise",
            enterprise=world.firm_a,
            year=year,
            month=9,
            value=D(value),
            source="bureau",
        )
        refresh_aggregates({(year, 9)})
    brief = briefs.build(2025, 9)
    assert brief.summary == ["2025年1–9月，利润总额为300.00万元，同比扭亏为盈。"]
    assert brief.rows[0].growth == "—"


def test_nothing_behind_says_so_and_leaves_out_the_next_steps(world):
    """No data, no goals: every section says so in a sentence; no placeholder, no section 四."""
    brief = briefs.build(2025, 9)
    assert brief.summary == [] and brief.rows == []
    assert brief.problems == ["截至2025年12月31日，各项年度目标和主要指标均按序时推进，暂无滞后事项。"]
    assert brief.next_steps == []
    texts = [p.text for p in Document(io.BytesIO(briefs.docx_bytes(brief))).paragraphs]
    assert texts.count("本期暂无统计数据。") == 2  # 一 and 二
    assert "四、下步工作建议" not in texts
    assert not any("请在此" in t or t[:1] == "（" for t in texts[3:])
