"""/api/zone-figures/: the zone's or a park's figures of a period with their provenance, counted
values only (issue 10 item 19)."""

from decimal import Decimal

import pytest

from gaoxin.indicators import services
from gaoxin.indicators.models import DataSet, Indicator, Observation, Submission

D = Decimal


@pytest.fixture
def figures(world):
    output = Indicator.objects.create(
        code="output",
        name="规模以上工业总产值",
        unit="万元",
        kind="level",
        sums_enterprises=True,
        sort_order=1,
    )
    high = Indicator.objects.create(
        code="high", name="高新技术产值", unit="万元", kind="level", sums_enterprises=True, sort_order=2
    )
    Indicator.objects.create(
        code="share",
        name="高新技术产值占比",
        unit="%",
        kind="ratio",
        numerator=high,
        denominator=output,
        sort_order=3,
    )
    Indicator.objects.create(code="iva", name="规模以上工业增加值", unit="%", kind="rate", sort_order=4)
    table = DataSet.objects.create(code="monthly", name="规上工业企业月报", scope="zone")
    approved = Submission.objects.create(data_set=table, year=2024, month=12, status="approved")
    draft = Submission.objects.create(data_set=table, year=2024, month=11)
    for firm, total, tech in ((world.firm_a, "1200", "900"), (world.firm_b, "800", "600")):
        for indicator, value in ((output, total), (high, tech)):
            for submission in (approved, draft):
                Observation.objects.create(
                    indicator=indicator,
                    scope="enterprise",
                    enterprise=firm,
                    year=2024,
                    month=submission.month,
                    value=D(value),
                    submission=submission,
                )
    services.refresh_aggregates({(2024, 11), (2024, 12)})
    return world


def by_code(response):
    return {row["indicator"]: row for row in response.json()}


def test_the_zone_figures_of_a_period_with_their_provenance(api, figures):
    api.force_authenticate(figures.clerk)
    rows = by_code(api.get("/api/zone-figures/?year=2024&month=12"))
    assert (rows["output"]["value"], rows["output"]["value_source"], rows["output"]["reporters"]) == (
        "2000.0000",
        "aggregate",
        2,
    )
    assert rows["high"]["value"] == "1500.0000"
    assert (rows["share"]["value"], rows["share"]["value_source"]) == ("75.0000", "ratio")
    assert (rows["iva"]["value"], rows["iva"]["period"]) == (None, "2024年1–12月")


def test_a_draft_period_has_no_figures(api, figures):
    api.force_authenticate(figures.leader)
    rows = by_code(api.get("/api/zone-figures/?year=2024&month=11"))
    assert rows["output"]["value"] is None


def test_a_parks_figures(api, figures):
    api.force_authenticate(figures.clerk)
    rows = by_code(api.get(f"/api/zone-figures/?year=2024&month=12&park={figures.firm_a.park_id}"))
    assert rows["output"]["value"] == "1200.0000"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("year=2024&month=13", 400),
        ("year=2024", 400),
        ("year=abc&month=1", 400),
        ("year=2024&month=12&park=999", 404),
    ],
)
def test_bad_parameters_are_refused(api, figures, query, status):
    api.force_authenticate(figures.clerk)
    assert api.get(f"/api/zone-figures/?{query}").status_code == status


def test_an_enterprise_user_gets_no_zone_figures(api, figures):
    api.force_authenticate(figures.firm_user)
    assert api.get("/api/zone-figures/?year=2024&month=12").status_code == 403
