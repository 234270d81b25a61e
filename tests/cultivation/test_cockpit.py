"""The cockpit's 梯度培育 panel: counts of firms by tier on the evaluation day (a firm with
two 小巨人 titles counted once, an expired title not), the year's batches by stage, platforms
valid on the day, 新物种 of the year and awards paid up to the day — the same few queries for
2 firms as for 12."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gaoxin.cultivation import cockpit
from gaoxin.cultivation.models import Batch, NewSpeciesRecord, NewSpeciesTier, Platform, Recognition
from tests.factories import make_enterprise, qualification
from tests.payouts.helpers import payout

DAY = datetime.date(2024, 12, 31)


def records(world, firms):
    for n, firm in enumerate(firms):
        qualification(firm, "high_tech", datetime.date(2023, 11, 1))
        qualification(firm, "little_giant_provincial", datetime.date(2022, 7, 1))
        if n == 0:
            qualification(firm, "little_giant_national", datetime.date(2024, 7, 1))
            qualification(firm, "gazelle", datetime.date(2021, 1, 1), expires=datetime.date(2023, 12, 31))
        Platform.objects.create(
            name=f"企业技术中心{n}",
            kind="tech_centre",
            level="provincial",
            host=firm,
            recognised_on=datetime.date(2020, 1, 1),
        )
    batch = Batch.objects.create(tier="high_tech", year=2024, name="2024年高企认定")
    for n, firm in enumerate(firms):
        stage = "recognised" if n % 2 else "applied"
        Recognition.objects.create(
            batch=batch, enterprise=firm, stage=stage, stage_since=datetime.date(2024, 6, 1)
        )
    seed = NewSpeciesTier.objects.order_by("pk").first()
    NewSpeciesRecord.objects.create(enterprise=firms[0], tier=seed, year=2024)
    payout(world, firms[0], amount="12.5", day=datetime.date(2024, 6, 30))
    payout(world, firms[-1], amount="7.5", day=datetime.date(2024, 12, 31))
    payout(world, firms[-1], amount="99", day=datetime.date(2025, 1, 2))  # after the day: not counted


def figures(panel, code):
    return next(t["firms"] for t in panel["tiers"] if t["code"] == code)


@pytest.mark.parametrize("size", [2, 12])
def test_the_panel_counts_each_tier_once_per_firm_in_constant_queries(world, size):
    firms = [make_enterprise(f"培育企业{n}", 300 + n) for n in range(size)]
    records(world, firms)
    if NewSpeciesTier.objects.count() == 0:
        pytest.skip("no 新物种 tier seeded")
    with CaptureQueriesContext(connection) as queries:
        panel = cockpit.cultivation_panel(2024, DAY)
    assert len(queries) <= 7
    assert figures(panel, "high_tech") == size
    assert figures(panel, "little_giant") == size  # the firm with both titles once
    assert figures(panel, "gazelle") == 0  # expired before the day
    assert panel["platforms"] == size and panel["species"] == 1
    assert panel["batches"] == [
        {
            "pk": Batch.objects.get().pk,
            "name": "2024年高企认定",
            "tier": "高新技术企业",
            "total": size,
            "pipeline": size // 2,
            "recognised": size // 2,
            "rejected": 0,
        }
    ]
    assert panel["awards_total"] == Decimal("20")
    assert [(a["programme"], a["paid"], a["firms"]) for a in panel["awards"]] == [
        ("科技奖励资金", Decimal("20"), 2)
    ]


def test_nothing_to_show_is_no_panel(world):
    assert cockpit.cultivation_panel(2024, DAY) is None


def test_the_leader_sees_the_panel_on_the_cockpit(client, world):
    from gaoxin.zone.models import Zone

    records(world, [world.firm_a, world.firm_b])
    Zone.objects.update(reference_date=DAY)
    client.force_login(world.leader)
    page = client.get(reverse("goals:cockpit") + "?year=2024").content.decode()
    assert 'data-testid="cultivation-panel"' in page and "2024年高企认定" in page
