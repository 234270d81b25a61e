"""IP assets and equity financings: who sees and changes what (as sentences), and their
imports — every bad row named with row, column and a Chinese reason, nothing stored."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from gaoxin.core.models import ObjectChange
from gaoxin.core.testing import xlsx_bytes
from gaoxin.enterprises.models import AnnualFacts, EquityFinancing, IPAsset
from tests.enterprises.test_imports import errors_of, upload

D = datetime.date


def asset(firm, number="ZL202310000001.1", **fields):
    fields.setdefault("kind", "invention")
    fields.setdefault("applied_on", D(2021, 3, 1))
    fields.setdefault("granted_on", D(2023, 5, 9))
    return IPAsset.objects.create(enterprise=firm, title="一种隔膜", number=number, **fields)


def financing(firm, **fields):
    fields.setdefault("amount", Decimal("3000"))
    return EquityFinancing.objects.create(
        enterprise=firm, received_on=D(2024, 6, 30), investor="长江创投", qualified_investor=True, **fields
    )


@pytest.fixture
def clerk(client, world):
    client.force_login(world.clerk)
    return client


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- scope and rights -----------------------------------------------------------------------


def test_the_firm_user_of_a_sees_a_s_ip_and_gets_404_on_b_s(client, world):
    mine, theirs = asset(world.firm_a), asset(world.firm_b, number="ZL-B")
    client.force_login(world.firm_user)
    assert client.get(reverse("enterprises:enterprise_ip", args=[world.firm_a.pk])).status_code == 200
    assert client.get(reverse("enterprises:enterprise_ip", args=[world.firm_b.pk])).status_code == 404
    assert client.get(reverse("enterprises:ipasset_edit", args=[theirs.pk])).status_code == 404
    api = api_as(world.firm_user)
    assert api.get(f"/api/ip-assets/{theirs.pk}/").status_code == 404
    assert api.patch(f"/api/ip-assets/{theirs.pk}/", {"title": "x"}, format="json").status_code == 404
    assert [row["number"] for row in api.get("/api/ip-assets/").json()["results"]] == [mine.number]


def test_the_firm_user_of_a_gets_404_on_b_s_equity_financing(client, world):
    theirs = financing(world.firm_b)
    client.force_login(world.firm_user)
    assert client.get(reverse("enterprises:equityfinancing_edit", args=[theirs.pk])).status_code == 404
    assert api_as(world.firm_user).get(f"/api/equity-financings/{theirs.pk}/").status_code == 404
    assert api_as(world.firm_user).get("/api/equity-financings/").json()["results"] == []


def test_the_auditor_reads_ip_and_equity_but_writes_neither(client, world):
    item, money = asset(world.firm_b), financing(world.firm_b)
    client.force_login(world.auditor)
    assert item.number in client.get(reverse("enterprises:ipasset_list")).content.decode()
    assert "长江创投" in client.get(reverse("enterprises:equityfinancing_list")).content.decode()
    assert client.get(reverse("enterprises:ipasset_edit", args=[item.pk])).status_code == 403
    api = api_as(world.auditor)
    assert api.get(f"/api/ip-assets/{item.pk}/").json()["ip_class"] == 1
    assert api.get(f"/api/equity-financings/{money.pk}/").json()["amount"] == "3000.0000"
    assert api.patch(f"/api/ip-assets/{item.pk}/", {"title": "x"}, format="json").status_code == 403
    created = api.post(
        "/api/equity-financings/",
        {"enterprise": world.firm_b.pk, "received_on": "2024-01-01", "amount": "1", "investor": "x"},
        format="json",
    )
    assert created.status_code == 403
    assert IPAsset.objects.get(pk=item.pk).title == "一种隔膜" and EquityFinancing.objects.count() == 1


def test_the_enterprise_page_offers_the_two_tabs_with_their_counts(clerk, world):
    asset(world.firm_a), asset(world.firm_a, number="ZL2"), financing(world.firm_a)
    page = clerk.get(reverse("enterprises:enterprise_ip", args=[world.firm_a.pk])).content.decode()
    assert "知识产权" in page and "股权融资" in page
    tabs = clerk.get(reverse("enterprises:enterprise_detail", args=[world.firm_a.pk])).context["tabs"]
    counts = {t["code"]: t["count"] for t in tabs}
    assert (counts["ip"], counts["equity"]) == (2, 1)


def test_the_form_refuses_a_grant_before_the_application(clerk, world):
    url = reverse("enterprises:ipasset_add", args=[world.firm_a.pk])
    data = {
        "kind": "invention",
        "title": "一种方法",
        "number": "ZL1",
        "status": "granted",
        "acquisition": "own",
        "applied_on": "2024-05-02",
        "granted_on": "2024-05-01",
    }
    response = clerk.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["granted_on"] == ["授权日期2024-05-01早于申请日期2024-05-02。"]
    assert IPAsset.objects.count() == 0


def test_the_api_refuses_a_grant_before_the_application_and_a_duplicate_number(world):
    api = api_as(world.clerk)
    asset(world.firm_a, number="ZL1")
    base = {"enterprise": world.firm_a.pk, "kind": "invention", "title": "一种方法"}
    bad = api.post(
        "/api/ip-assets/",
        {**base, "number": "ZL2", "applied_on": "2024-05-02", "granted_on": "2024-05-01"},
        format="json",
    )
    assert (bad.status_code, bad.json()["granted_on"]) == (
        400,
        ["授权日期2024-05-01早于申请日期2024-05-02。"],
    )
    twice = api.post("/api/ip-assets/", {**base, "number": "ZL1", "granted_on": "2024-05-01"}, format="json")
    assert (twice.status_code, twice.json()) == (400, {"number": ["该企业已有同类型、同编号的知识产权。"]})
    assert IPAsset.objects.count() == 1


# --- imports --------------------------------------------------------------------------------

IP_HEADER = [
    "统一社会信用代码",
    "知识产权类型",
    "名称",
    "编号",
    "法律状态",
    "申请日",
    "授权日",
    "获得方式",
    "高价值",
]


def test_ip_import_reads_kinds_by_chinese_label_and_stores_the_class(clerk, world):
    a = world.firm_a.uscc
    rows = [
        [
            a,
            "发明专利",
            "一种隔膜",
            "ZL202310000001.1",
            "已授权",
            D(2021, 3, 1),
            D(2023, 5, 9),
            "自主研发",
            "是",
        ],
        [
            a,
            "软件著作权",
            "管理系统V1.0",
            "2023SR0000001",
            "已授权",
            D(2023, 1, 5),
            D(2023, 3, 1),
            "受让",
            "否",
        ],
        [a, "商标", "某商标", "第00000001号", "已授权", D(2020, 1, 5), D(2021, 3, 1), "自主研发", ""],
    ]
    job = upload(clerk, "ip-assets", xlsx_bytes(IP_HEADER, rows))
    assert errors_of(job) == []
    clerk.post(reverse("imports:commit", args=[job.pk]))
    stored = {(i.kind, i.ip_class, i.acquisition, i.high_value) for i in IPAsset.objects.all()}
    assert stored == {
        ("invention", 1, "own", True),
        ("software", 2, "transfer", False),
        ("trademark", None, "own", False),
    }
    assert ObjectChange.objects.filter(source="import", content_type__model="ipasset").count() == 3


def test_ip_import_names_every_bad_row_and_stores_nothing(clerk, world):
    a = world.firm_a.uscc
    rows = [
        [a, "发明专利", "一种隔膜", "ZL1", "已授权", D(2024, 5, 2), D(2024, 5, 1), "自主研发", "否"],
        [a, "发明专利", "一种电极", "ZL2", "已授权", D(2022, 1, 1), D(2023, 1, 1), "自主研发", "否"],
        [a, "发明专利", "一种电极", "ZL2", "已授权", D(2022, 1, 1), D(2023, 1, 1), "自主研发", "否"],
        [a, "专利", "一种电解液", "ZL3", "已授权", D(2022, 1, 1), D(2023, 1, 1), "自主研发", "否"],
        [a, "实用新型", "一种支架", "ZL4", "已授权", "2023-13-01", D(2023, 1, 1), "自主研发", "否"],
    ]
    job = upload(clerk, "ip-assets", xlsx_bytes(IP_HEADER, rows))
    errors = errors_of(job)
    assert errors[0] == (2, "授权日", "授权日期2024-05-01早于申请日期2024-05-02。")
    assert (4, "统一社会信用代码", "与第3行的统一社会信用代码 + 知识产权类型 + 编号重复。") in errors
    assert [e[:2] for e in errors if e[0] == 5] == [(5, "知识产权类型")]
    assert "发明专利" in next(e[2] for e in errors if e[0] == 5)
    assert [e[:2] for e in errors if e[0] == 6] == [(6, "申请日")]
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert IPAsset.objects.count() == 0


FACTS_HEADER = [
    "统一社会信用代码",
    "年度",
    "营业收入",
    "总收入",
    "不征税收入",
    "主导产品国内细分市场占有率",
    "数字化水平等级",
    "全年平均职工人数",
]


def test_facts_import_takes_the_new_columns_and_refuses_a_share_over_100(clerk, world):
    a = world.firm_a.uscc
    job = upload(clerk, "annual-facts", xlsx_bytes(FACTS_HEADER, [[a, 2024, 1000, 1040.5, 12, 120, 2, 80]]))
    assert [e[:2] for e in errors_of(job)] == [(2, "主导产品国内细分市场占有率")]
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert AnnualFacts.objects.count() == 0
    job = upload(clerk, "annual-facts", xlsx_bytes(FACTS_HEADER, [[a, 2024, 1000, 1040.5, 12, 35.5, 2, 80]]))
    clerk.post(reverse("imports:commit", args=[job.pk]))
    facts = AnnualFacts.objects.get()
    assert (
        facts.total_revenue,
        facts.niche_market_share,
        facts.digital_maturity_level,
        facts.staff_average,
    ) == (Decimal("1040.5000"), Decimal("35.50"), 2, 80)
    assert facts.cost_expense_total is None  # a column not in the file: unknown, not zero


def test_equity_import_refuses_a_zero_amount(clerk, world):
    a = world.firm_a.uscc
    header = ["统一社会信用代码", "到账日期", "投资方", "金额（万元）", "合格机构投资者", "轮次"]
    rows = [
        [a, D(2024, 6, 30), "长江创投", 0, "是", "A轮"],
        [a, D(2024, 7, 30), "湖北高新投", 500, "是", "A轮"],
    ]
    job = upload(clerk, "equity-financings", xlsx_bytes(header, rows))
    assert [e[:2] for e in errors_of(job)] == [(2, "金额（万元）")]
    clerk.post(reverse("imports:commit", args=[job.pk]))
    assert EquityFinancing.objects.count() == 0


def test_the_profile_shows_the_cultivation_fields_and_unknown_as_a_dash(clerk, world):
    firm = world.firm_a
    firm.tech_field, firm.tax_collection_mode, firm.main_product = "new_materials", "audit", "锂电池隔膜"
    firm.niche_market_since, firm.strategic_emerging = 2016, True
    firm.save()
    page = clerk.get(reverse("enterprises:enterprise_detail", args=[firm.pk])).content.decode()
    for text in ("新材料", "查账征收", "锂电池隔膜", "2016年进入细分市场", "战略性新兴产业"):
        assert text in page, text
    other = clerk.get(reverse("enterprises:enterprise_detail", args=[world.firm_b.pk])).content.decode()
    assert "查账征收" not in other and "2016年进入细分市场" not in other


@pytest.mark.parametrize("kind", ["ip-assets", "equity-financings"])
def test_the_template_has_chinese_headers_and_instructions(clerk, world, kind):
    import io

    import openpyxl

    response = clerk.get(reverse("imports:template", args=[kind]) + "?examples=1")
    assert response.status_code == 200
    book = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    assert "填写说明" in book.sheetnames
    headers = [c.value for c in next(book.worksheets[0].iter_rows(max_row=1))]
    assert headers[:2] == ["统一社会信用代码", "企业名称"]
