"""The points' pages and metrics: the list's export, the bank export as .xlsx and refused, an
overlapping scheme version refused, the goals' metrics."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gaoxin.core.metrics import get_metric
from gaoxin.core.testing import read_xlsx
from gaoxin.points.models import Consent, PointLoan, PointScheme

from .helpers import example_scheme
from .test_points import make_firms

pytestmark = pytest.mark.django_db


def test_a_scheme_version_overlapping_another_is_refused(world):
    example_scheme()
    overlapping = PointScheme(name="示例积分方案", version=2, valid_from=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as refused:
        overlapping.full_clean()
    assert refused.value.messages == ["有效期与示例积分方案 v1（自2024-01-01起）重叠。"]


def test_the_bank_export_page_sends_only_consenting_firms(world, client):
    scheme = example_scheme()
    a, b = make_firms(world)
    Consent.objects.create(enterprise=a, bank="工商银行", granted_on=datetime.date(2024, 1, 1))
    client.force_login(world.clerk)
    url = reverse("points:bank_export") + f"?scheme={scheme.pk}"
    sent = client.post(url, {"bank": "工商银行", "year": 2024})
    assert sent.status_code == 200
    rows = read_xlsx(b"".join(sent.streaming_content) if sent.streaming else sent.content)
    assert [r[0] for r in rows[1:]] == ["甲企业有限公司"]
    assert rows[1][4] == 77
    refused = client.post(url, {"bank": "工商银行", "year": 2024, "enterprises": f"{a.uscc}\n{b.uscc}"})
    assert refused.status_code == 400
    assert "以下企业未授权向工商银行提供积分：乙企业有限公司。未导出任何数据。" in refused.content.decode()


def test_the_points_list_exports_every_firm_with_its_points(world, client):
    scheme = example_scheme()
    make_firms(world)
    client.force_login(world.leader)
    response = client.get(
        reverse("points:points_list"), {"year": 2024, "scheme": scheme.pk, "export": "xlsx"}
    )
    rows = read_xlsx(b"".join(response.streaming_content) if response.streaming else response.content)
    assert sorted((r[0], r[3], r[4]) for r in rows[1:]) == [
        ("乙企业有限公司", "初创期", 50),
        ("甲企业有限公司", "成长期", 77),
    ]


def test_the_metrics_count_a_tier_and_sum_the_loans(world):
    example_scheme()
    a, _b = make_firms(world)
    PointLoan.objects.create(
        enterprise=a,
        bank="工商银行",
        amount=Decimal(1500),
        granted_on=datetime.date(2024, 5, 1),
        term_months=12,
    )
    assert get_metric("points_tier_firms").compute({"tier": "B"}, 2024, None).value == Decimal(1)
    assert get_metric("point_loans_total").compute({}, 2024, None).value == Decimal(1500)
