"""Issue 12.1: an approved period is locked on every write path, keyed by the value (its
reporter and period), not by the data set the writer chose; deletion is refused for every role
until an administrator reopens the period with a reason."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from gaoxin.core.models import Job
from gaoxin.core.testing import xlsx_bytes
from gaoxin.indicators import workflow
from gaoxin.indicators.models import DataSet, Indicator, Observation, Submission

D = Decimal
LOCKED = "2025年1–8月的数据已审核锁定，须由管理员说明原因重新开启后才能修改。"


@pytest.fixture
def approved(world):
    """The bureau's enterprise table (a zone data set) for 1–8月, approved: firm A's output is
    in it; the firms' own filing data set exists too."""
    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )
    table = DataSet.objects.create(code="above-scale-monthly", name="规上工业企业月报", scope="zone")
    filing = DataSet.objects.create(code="enterprise-filing", name="企业月度填报", scope="enterprise")
    table.indicators.add(output)
    filing.indicators.add(output)
    submission = Submission.objects.create(
        data_set=table, year=2025, month=8, status=Submission.Status.APPROVED
    )
    value = Observation.objects.create(
        indicator=output,
        scope="enterprise",
        enterprise=world.firm_a,
        year=2025,
        month=8,
        value=D("1000"),
        source="bureau",
        submission=submission,
    )
    return {"output": output, "table": table, "filing": filing, "submission": submission, "value": value}


def state():
    return list(Observation.objects.order_by("pk").values())


def test_a_script_cannot_change_or_delete_it(world, approved):
    value = approved["value"]
    value.value = D("2000")
    with pytest.raises(ValidationError, match="已审核锁定"), transaction.atomic():
        value.save()
    with pytest.raises(ValidationError, match="已审核锁定"), transaction.atomic():
        Observation.objects.filter(pk=value.pk).delete()  # a queryset delete (the admin's bulk action)
    assert Observation.objects.get(pk=value.pk).value == D("1000")


@pytest.mark.parametrize("persona", ["clerk", "admin"])
def test_the_api_refuses_patch_post_and_delete(api, world, approved, persona):
    api.force_authenticate(getattr(world, persona))
    before = state()
    value = approved["value"]
    patched = api.patch(f"/api/observations/{value.pk}/", {"value": "2000"}, format="json")
    assert patched.status_code == 400
    assert patched.json() == {"non_field_errors": [LOCKED]}
    # the clerk may not delete at all; the administrator may, but not an approved value
    assert api.delete(f"/api/observations/{value.pk}/").status_code == (400 if persona == "admin" else 403)
    assert state() == before


def test_the_api_cannot_add_a_value_to_the_approved_table(api, world, approved):
    other = Indicator.objects.create(code="power", name="工业用电量", unit="万千瓦时", kind="level")
    approved["table"].indicators.add(other)
    api.force_authenticate(world.admin)
    body = {
        "indicator": "power",
        "scope": "enterprise",
        "enterprise": world.firm_a.pk,
        "year": 2025,
        "month": 8,
        "value": "5",
        "source": "bureau",
    }
    before = state()
    response = api.post("/api/observations/", body, format="json")
    assert response.status_code == 400
    assert state() == before
    assert api.post("/api/observations/", {**body, "month": 9}, format="json").status_code == 201


def test_the_firms_filing_cannot_rewrite_it(client, world, approved):
    """The firm's 月度填报 goes through its own data set (enterprise-filing): still locked."""
    firm = world.firm_a
    client.force_login(world.clerk)
    before = state()
    content = xlsx_bytes(
        ["统一社会信用代码", "企业名称", "规模以上工业总产值"], [[firm.uscc, firm.name, 2000]]
    )
    response = client.post(
        reverse("imports:import"),
        {
            "kind": "enterprise-monthly",
            "file": SimpleUploadedFile("表.xlsx", content),
            "enterprise-monthly-data_set": "enterprise-filing",
            "enterprise-monthly-year": 2025,
            "enterprise-monthly-month": 8,
        },
    )
    job = Job.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    messages = [e["message"] for e in job.result["errors"]]
    assert messages == ["甲企业有限公司的规模以上工业总产值（2025年1–8月）已审核锁定。"]
    assert state() == before


def test_after_reopening_with_a_reason_it_changes(world, approved):
    workflow.submission_reopen(submission=approved["submission"], user=world.admin, reason="统计局更正")
    value = Observation.objects.get(pk=approved["value"].pk)
    value.value = D("2000")
    value.save()
    assert Observation.objects.get(pk=value.pk).value == D("2000")


def test_approved_investment_cannot_be_deleted_by_the_administrator(api, world):
    from gaoxin.projects.models import Investment
    from tests.factories import make_project

    project = make_project(world, world.firm_a)
    data_set = DataSet.objects.get_or_create(
        code="project_investment", defaults={"name": "项目投资", "scope": "zone"}
    )[0]
    investment = Investment.objects.create(project=project, year=2025, month=8, cumulative=D("500"))
    Submission.objects.create(data_set=data_set, year=2025, month=8, status=Submission.Status.APPROVED)
    api.force_authenticate(world.admin)
    assert api.delete(f"/api/project-investments/{investment.pk}/").status_code == 400
    assert Investment.objects.filter(pk=investment.pk).exists()
    with pytest.raises(ValidationError), transaction.atomic():
        Investment.objects.filter(pk=investment.pk).delete()
