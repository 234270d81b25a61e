"""The request import (诉求台账 .xlsx): staff bring in requests taken down outside the portal;
each is routed by its category and dated by its day; bad rows are refused with row and column,
and nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.core.models import ObjectChange
from gaoxin.core.testing import xlsx_bytes
from gaoxin.portal.models import FirmRequest

from .helpers import D, category

pytestmark = pytest.mark.django_db
HEADER = ["统一社会信用代码", "企业名称", "诉求分类", "主题", "诉求内容", "提出日期", "来源", "紧急程度"]


def upload(client, rows, name="requests.xlsx"):
    """Check the file, then commit it when it is valid; the job as it ends."""
    file = SimpleUploadedFile(name, xlsx_bytes(HEADER, rows))
    response = client.post(reverse("imports:import"), {"kind": "requests", "file": file})
    job = client.get(response["Location"]).context["job"]
    if job.result["valid"]:
        client.post(reverse("imports:commit", args=[job.pk]))
        job.refresh_from_db()
    return job


def test_imported_requests_are_routed_and_dated_like_raised_ones(client, world):
    category(world)  # 政务服务 → 政务服务局, accept within 1 working day
    client.force_login(world.clerk)
    job = upload(
        client,
        [
            [
                world.firm_a.uscc,
                world.firm_a.name,
                "政务服务",
                "环评批复进度",
                "请告知办理进度。",
                "2025-09-30",
                "电话",
                "紧急",
            ],
            [world.firm_b.uscc, "", "govservice", "施工许可材料", "需要哪些材料？", "2025-10-09", "走访", ""],
        ],
    )
    assert job.result["errors"] == [], job.result
    first, second = FirmRequest.objects.order_by("raised_on")
    assert (first.department.name, first.accept_due, first.source, first.urgency) == (
        "政务服务局",
        D(2025, 10, 9),  # across 国庆
        "phone",
        "urgent",
    )
    assert (second.accept_due, second.raised_by, second.status) == (D(2025, 10, 10), world.clerk, "submitted")
    assert list(first.events.values_list("action", "day")) == [("submit", D(2025, 9, 30))]
    assert ObjectChange.objects.filter(content_type__model="firmrequest", action="create").count() == 2
    again = upload(
        client,
        [[world.firm_a.uscc, "", "政务服务", "环评批复进度", "已补充材料。", "2025-09-30", "电话", ""]],
    )
    assert again.result["errors"] == [] and FirmRequest.objects.count() == 2, (
        again.result
    )  # matched, text updated
    assert again.result["summary"]["changed"] == 1, again.result
    assert FirmRequest.objects.get(pk=first.pk).text == "已补充材料。"


def test_bad_rows_are_refused_with_row_and_column_and_nothing_is_stored(client, world):
    category(world)
    client.force_login(world.clerk)
    job = upload(
        client,
        [
            [world.firm_a.uscc, "", "政务服务", "好行", "内容", "2025-09-30", "电话", ""],
            [world.firm_a.uscc, "", "不存在的分类", "主题", "内容", "2025-09-30", "电话", ""],
            [world.firm_a.uscc, "", "政务服务", "主题", "内容", "2025-09-30", "企业自行提交", ""],
            ["91420000MA00000000", "", "政务服务", "主题", "内容", "2025-09-30", "电话", ""],
        ],
    )
    errors = {(e["row"], e["column"]) for e in job.result["errors"]}
    assert {(3, "类别"), (4, "来源")} <= errors
    assert any(e["row"] == 5 for e in job.result["errors"])
    assert FirmRequest.objects.count() == 0


def test_a_firm_user_cannot_import_requests(client, world):
    category(world)
    client.force_login(world.firm_user)
    file = SimpleUploadedFile(
        "r.xlsx",
        xlsx_bytes(HEADER, [[world.firm_a.uscc, "", "政务服务", "主题", "内容", "2025-09-30", "电话", ""]]),
    )
    response = client.post(reverse("imports:import"), {"kind": "requests", "file": file})
    assert response.status_code in (302, 403)
    assert FirmRequest.objects.count() == 0
