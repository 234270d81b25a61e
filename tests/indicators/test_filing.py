"""An enterprise user files the firm's own monthly values: the same checks, audit,
submission and totals as the bureau's table; nothing for another firm, nothing after
submitting."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.core.models import ObjectChange
from gaoxin.indicators import workflow
from gaoxin.indicators.models import Aggregate, DataSet, Indicator, Observation, Submission

D = Decimal


@pytest.fixture
def filing(world):
    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )
    power = Indicator.objects.create(
        code="power", name="工业用电量", unit="万千瓦时", kind="level", sums_enterprises=True
    )
    data_set = DataSet.objects.create(code="firm-filing", name="企业月度填报", scope="enterprise", due_day=8)
    data_set.indicators.set([output, power])
    DataSet.objects.create(code="bureau", name="主要经济指标", scope="zone")
    # August is on record (zone and firm A), so September is the period filed next.
    Observation.objects.create(
        indicator=output, scope="zone", year=2025, month=8, value=D("9000"), source="bureau"
    )
    Observation.objects.create(
        indicator=output,
        scope="enterprise",
        enterprise=world.firm_a,
        year=2025,
        month=8,
        value=D("800"),
        source="enterprise",
    )
    return {"output": output, "power": power, "set": data_set}


@pytest.fixture
def firm(client, world):
    client.force_login(world.firm_user)
    return client


def post(client, output, power, period="2025-9", data_set="firm-filing"):
    data = {"data_set": data_set, "period": period}
    return client.post(reverse("indicators:filing"), {**data, **output, **power})


def fields(filing, output="", power=""):
    return {f"ind_{filing['output'].pk}": output}, {f"ind_{filing['power'].pk}": power}


def test_the_firm_files_its_own_values_then_submits(firm, world, filing):
    page = firm.get(reverse("indicators:filing")).content.decode()
    assert "2025年1–9月" in page and "1–8月为800" in page
    response = post(firm, *fields(filing, "1000.5", "52"))
    assert response.status_code == 302
    stored = {
        (o.indicator.code, o.scope_key): (o.value, o.source, o.entered_by_id)
        for o in Observation.objects.filter(year=2025, month=9).select_related("indicator")
    }
    assert stored == {
        ("output", f"ent:{world.firm_a.pk}"): (D("1000.5000"), "enterprise", world.firm_user.pk),
        ("power", f"ent:{world.firm_a.pk}"): (D("52.0000"), "enterprise", world.firm_user.pk),
    }
    submission = Submission.objects.get(year=2025, month=9)
    assert (submission.scope_key, submission.enterprise, submission.status) == (
        f"ent:{world.firm_a.pk}",
        world.firm_a,
        "draft",
    )
    # a draft never counts in the zone's totals (issue 10): no 9月 sum yet
    assert not Aggregate.objects.filter(
        indicator=filing["output"], scope_key="zone", year=2025, month=9
    ).exists()
    [row] = ObjectChange.objects.filter(
        content_type__model="submission",
        related_content_type__model="enterprise",
        related_object_id=world.firm_a.pk,
    )
    assert (row.user_name, row.postchange_data) == (
        "firm_a",
        {"规模以上工业总产值": "1000.5", "工业用电量": "52"},
    )

    firm.post(reverse("indicators:submission_action", args=[submission.pk, "submit"]))
    submission.refresh_from_db()
    assert submission.status == "submitted"
    page = firm.get(reverse("indicators:filing")).content.decode()
    assert 'data-testid="locked"' in page
    assert not Aggregate.objects.filter(
        indicator=filing["output"], scope_key="zone", year=2025, month=9
    ).exists()
    workflow.submission_approve(submission=submission, user=world.leader)
    zone = Aggregate.objects.get(indicator=filing["output"], scope_key="zone", year=2025, month=9)
    assert zone.value == D("1000.5000")  # approved: now it counts


def test_a_falling_cumulative_value_is_refused_on_its_field(firm, world, filing):
    response = post(firm, *fields(filing, "700", "52"))
    assert response.status_code == 400
    assert "累计值700低于1–8月的800，累计值不能减少。" in response.content.decode()
    assert not Observation.objects.filter(month=9).exists()
    assert not Submission.objects.exists()


def test_text_in_a_number_field_is_refused(firm, filing):
    response = post(firm, *fields(filing, "一千", ""))
    assert response.status_code == 400
    assert "输入一个数字" in response.content.decode()
    assert not Observation.objects.filter(month=9).exists()


def test_nothing_changes_once_submitted(firm, world, filing):
    post(firm, *fields(filing, "1000", "52"))
    Submission.objects.update(status="submitted")
    before = list(Observation.objects.values())
    response = post(firm, *fields(filing, "1200", "60"))
    assert response.status_code == 400
    assert "状态为“已报送”" in response.content.decode()
    assert list(Observation.objects.values()) == before


def test_a_zone_data_set_or_an_unknown_period_is_not_found(firm, filing):
    assert post(firm, *fields(filing, "1"), data_set="bureau").status_code == 404
    assert post(firm, *fields(filing, "1"), period="2031-9").status_code == 404


def test_staff_without_a_firm_get_403(client, world, filing):
    client.force_login(world.clerk)
    assert client.get(reverse("indicators:filing")).status_code == 403


def test_an_enterprise_user_of_firm_a_gets_404_on_firm_bs_submission(firm, world, filing):
    other = Submission.objects.create(
        data_set=filing["set"],
        year=2025,
        month=9,
        scope_key=f"ent:{world.firm_b.pk}",
        enterprise=world.firm_b,
    )
    assert firm.get(other.get_absolute_url()).status_code == 404
    assert firm.post(reverse("indicators:submission_action", args=[other.pk, "submit"])).status_code == 404
