"""The generic contract for the service catalogue, and its rules: the promise within the
statute, the import's row errors, the reported count shown as reported."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from gaoxin.govservices.models import ReportedCount, ServiceItem
from tests.contract import ApiWrite, CrudContract, DetailPage, SharedFilterSet


def item(code="SZGX-001", **fields):
    values = {
        "name": "企业投资项目备案",
        "department": "随州高新区经济发展局",
        "kind": "registration",
        "time_limit_workdays": 1,
        "statutory_limit_workdays": 5,
        "materials": "项目备案信息表",
        "integrated": True,
        "smart": True,
    }
    return ServiceItem.objects.create(code=code, **{**values, **fields})


class TestServiceItemContract(CrudContract, DetailPage, ApiWrite, SharedFilterSet):
    model = ServiceItem
    owned_by_firm = False
    list_url = "govservices:serviceitem_list"
    api_name = "service-item"
    import_kind = "service-items"

    def make(self, world, enterprise):
        return item(code=f"SZGX-{ServiceItem.objects.count() + 1:03d}")

    def detail_url(self, obj):
        return reverse("govservices:serviceitem_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("govservices:serviceitem_add")

    def create_data(self, world):
        return {
            "code": "SZGX-100",
            "name": "建筑工程施工许可",
            "department": "随州高新区建设局",
            "kind": "licence",
            "time_limit_workdays": "3",
            "statutory_limit_workdays": "7",
            "channel": "both",
            "promised": "on",
        }

    def edit_url(self, obj):
        return reverse("govservices:serviceitem_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {
            "code": obj.code,
            "name": obj.name,
            "department": obj.department,
            "kind": obj.kind,
            "time_limit_workdays": "2",
            "channel": "online",
        }

    def api_create_data(self, world):
        return {
            "code": "SZGX-200",
            "name": "高新技术企业认定推荐",
            "department": "随州高新区科技局",
            "kind": "confirmation",
            "time_limit_workdays": 10,
            "no_application": True,
        }

    def api_edit_data(self, obj):
        return {"fee": "不收费"}


def test_a_firm_reads_the_catalogue_but_does_not_change_it(client, world):
    made = item()
    client.force_login(world.firm_user)
    assert client.get(reverse("govservices:serviceitem_detail", args=[made.pk])).status_code == 200
    api = APIClient()
    api.force_authenticate(world.firm_user)
    assert api.patch(reverse("service-item-detail", args=[made.pk]), {"fee": "100元"}).status_code == 403
    assert ServiceItem.objects.get(pk=made.pk).fee == ""


def test_the_promise_cannot_exceed_the_statute(world):
    api = APIClient()
    api.force_authenticate(world.clerk)
    data = {
        "code": "X1",
        "name": "某事项",
        "department": "某局",
        "time_limit_workdays": 9,
        "statutory_limit_workdays": 5,
    }
    response = api.post(reverse("service-item-list"), data, format="json")
    assert response.status_code == 400
    assert ServiceItem.objects.count() == 0


def test_the_list_filters_on_a_flag_and_the_days(client, world):
    item("A", name="甲事项", smart=True, time_limit_workdays=1)
    item("B", name="乙事项", smart=False, time_limit_workdays=5)
    client.force_login(world.firm_user)
    page = client.get(reverse("govservices:serviceitem_list"), {"smart": "true", "within_days": 3})
    assert "甲事项" in page.content.decode() and "乙事项" not in page.content.decode()
    api = APIClient()
    api.force_authenticate(world.firm_user)
    names = [i["name"] for i in api.get(reverse("service-item-list"), {"q": "乙"}).json()["results"]]
    assert names == ["乙事项"]


def test_the_reported_count_is_shown_as_reported_not_the_rows(client, world):
    item("A", is_example=True)
    ReportedCount.objects.create(year=2024, count=674, source="随州高新区2024年工作报道")
    client.force_login(world.leader)
    page = client.get(reverse("govservices:serviceitem_list")).content.decode()
    assert "674" in page and "示例" in page
    api = APIClient()
    api.force_authenticate(world.firm_user)
    assert api.get(reverse("service-item-reported")).json() == [
        {"year": 2024, "count": 674, "source": "随州高新区2024年工作报道"}
    ]


def upload(client, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["事项编码", "事项名称", "实施部门", "承诺时限", "法定时限", "免申办"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = client.post(
        reverse("imports:import"),
        {"kind": "service-items", "file": SimpleUploadedFile("catalogue.xlsx", out.getvalue())},
    )
    assert response.status_code == 302
    return client.get(response["Location"]).context["job"]


def test_the_import_reports_each_bad_row_and_saves_nothing(client, world):
    client.force_login(world.clerk)
    job = upload(
        client,
        [
            ["Q1", "甲事项", "某局", 3, 5, "是"],
            ["Q2", "乙事项", "某局", 9, 5, "否"],
            ["Q3", "", "某局", "三天", None, ""],
        ],
    )
    rows = sorted({e["row"] for e in job.result["errors"]})
    assert rows == [3, 4]
    assert client.post(reverse("imports:commit", args=[job.pk])).status_code in (302, 400)
    assert ServiceItem.objects.count() == 0


def test_the_import_creates_the_items(client, world):
    client.force_login(world.clerk)
    job = upload(client, [["Q1", "甲事项", "某局", 3, 5, "是"]])
    assert job.result["errors"] == []
    client.post(reverse("imports:commit", args=[job.pk]))
    made = ServiceItem.objects.get()
    assert (made.code, made.time_limit_workdays, made.no_application) == ("Q1", 3, True)
