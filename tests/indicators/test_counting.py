"""Drafts stay out of the leaders' numbers (issue 10 item 2): totals, readings, the latest
period, goals and forecasts count approved values only (or submitted ones where a data set
says so), and a period becomes the latest only when it is complete."""

from decimal import Decimal

import pytest

from gaoxin.indicators import services, workflow
from gaoxin.indicators.models import Aggregate, DataSet, Indicator, Observation, Submission

D = Decimal


@pytest.fixture
def economy(world):
    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )
    filing = DataSet.objects.create(code="firm-filing", name="企业月度填报", scope="enterprise")
    bureau = DataSet.objects.create(code="bureau", name="主要经济指标", scope="zone")
    # August is complete: the bureau's enterprise table, approved.
    august = Submission.objects.create(data_set=bureau, year=2025, month=8, status="approved")
    for firm, value in ((world.firm_a, "800"), (world.firm_b, "400")):
        enterprise_value(output, firm, 8, value, august)
    services.refresh_aggregates({(2025, 8)})
    return {"output": output, "filing": filing, "bureau": bureau}


def enterprise_value(indicator, firm, month, value, submission):
    return Observation.objects.create(
        indicator=indicator,
        scope="enterprise",
        enterprise=firm,
        year=2025,
        month=month,
        value=D(value),
        source="enterprise",
        submission=submission,
    )


def firm_filing(economy, firm, status="draft", value="4800"):
    submission = Submission.objects.create(
        data_set=economy["filing"], year=2025, month=9, enterprise=firm, status=status
    )
    enterprise_value(economy["output"], firm, 9, value, submission)
    services.refresh_aggregates({(2025, 9)})
    return submission


def zone_total(month):
    row = Aggregate.objects.filter(scope_key="zone", year=2025, month=month).first()
    return row and row.value


def test_one_firms_draft_of_september_moves_nothing(world, economy):
    firm_filing(economy, world.firm_a)
    assert services.latest_period() == (2025, 8)
    assert zone_total(9) is None
    assert not Aggregate.objects.filter(year=2025, month=9).exists()  # no park at 4,800 万元 either
    reading = services.ZoneData([economy["output"]], [2025]).reading(economy["output"], 2025, 9)
    assert reading.value is None


def test_a_submitted_value_counts_only_where_the_data_set_says_so(world, economy):
    submission = firm_filing(economy, world.firm_a, status="submitted")
    assert zone_total(9) is None
    DataSet.objects.filter(pk=economy["filing"].pk).update(counts_submitted=True)
    services.refresh_aggregates({(2025, 9)})
    assert zone_total(9) == D("4800")
    # still not the latest period: firm B, which must report too, has not
    assert services.latest_period() == (2025, 8)
    assert submission.status == "submitted"


def test_september_is_the_latest_period_once_every_required_reporter_is_approved(world, economy):
    first = firm_filing(economy, world.firm_a)
    workflow.submission_submit(submission=first, user=world.firm_user)
    workflow.submission_approve(submission=first, user=world.leader)
    assert zone_total(9) == D("4800")  # approved: it counts in the sum …
    assert services.latest_period() == (2025, 8)  # … but one firm of two is not a complete period
    second = firm_filing(economy, world.firm_b, value="500")
    assert services.latest_period() == (2025, 8)  # its draft changes nothing
    Submission.objects.filter(pk=second.pk).update(status="approved")
    services.refresh_aggregates({(2025, 9)})
    assert zone_total(9) == D("5300")
    assert services.latest_period() == (2025, 9)


def test_the_bureaus_zone_row_makes_a_period_the_latest_once_approved(world, economy):
    table = Submission.objects.create(data_set=economy["bureau"], year=2025, month=9)
    Observation.objects.create(
        indicator=economy["output"], scope="zone", year=2025, month=9, value=D("13000"), submission=table
    )
    assert services.latest_period() == (2025, 8)
    Submission.objects.filter(pk=table.pk).update(status="approved")
    assert services.latest_period() == (2025, 9)
    reading = services.ZoneData([economy["output"]], [2025]).reading(economy["output"], 2025, 9)
    assert (reading.value, reading.value_source) == (D("13000"), "reported")


def test_sending_back_an_approved_sum_takes_it_out_again(world, economy):
    submission = firm_filing(economy, world.firm_a)
    workflow.submission_submit(submission=submission, user=world.firm_user)
    workflow.submission_approve(submission=submission, user=world.leader)
    assert zone_total(9) == D("4800")
    workflow.submission_reopen(submission=submission, user=world.admin, reason="数据有误")
    assert zone_total(9) is None


def test_staff_see_a_draft_marked_as_such(client, world, economy):
    """Drafts and submitted values are visible to the approving staff, marked; only counted
    ones reach the totals."""
    firm_filing(economy, world.firm_a)
    client.force_login(world.clerk)
    page = client.get("/economy/observations/?year=2025&month=9").content.decode()
    assert '<span class="badge bg-yellow-lt">草稿</span>' in page
    august = client.get("/economy/observations/?year=2025&month=8").content.decode()
    assert '<span class="badge bg-green-lt">已审核</span>' in august
    draft = Observation.objects.get(month=9)
    detail = client.get(draft.get_absolute_url()).content.decode()
    assert "审核通过前不计入合计" in detail
    counted = Observation.objects.filter(month=8).first()
    assert "审核通过前不计入合计" not in client.get(counted.get_absolute_url()).content.decode()
