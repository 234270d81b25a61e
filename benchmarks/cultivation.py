"""梯度培育 speed targets of issue 13 (``benchmarks/run.py --only cultivation``).

- every tier evaluated, explanations kept (each criterion's words), for 10,000 firms × 3
  years: < 2 s, and ≥ 20× a plain per-firm ORM loop (each firm's facts, qualifications, IP,
  equity, platforms and expert inputs read by its own queries, then the same rules). The loop
  is measured on ``PEER_SAMPLE`` firms in the same run and scaled to 10,000 (it is linear:
  the same queries per firm);
- the candidate-list page (/cultivation/candidates/) at 10,000 firms: median < 150 ms, with
  the same number of queries at 1,000 and 10,000 firms.

Data: 10,000 firms with four years of facts (2021–2024, every field the rules read, a spread
around each band edge), 3,000 高企 certificates, 500 platforms; written in bulk.
"""

import datetime
import random
import statistics
import time
from decimal import Decimal

from benchmarks.common import zone_configuration

FIRMS = 10_000
YEARS = [2022, 2023, 2024]
PEER_SAMPLE = 300


def populate(start: int, stop: int) -> list[int]:
    from gaoxin.cultivation.models import Platform
    from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification, QualificationType

    rng = random.Random(start)
    before = set(Enterprise.objects.values_list("pk", flat=True))
    firms = [
        Enterprise(
            name=f"培育测试企业{i:05d}有限公司",
            uscc=f"914213{i:012d}",
            established_on=datetime.date(rng.randint(2005, 2022), 3, 1),
            tech_field="electronics",
            tax_collection_mode="audit",
            niche_market_since=rng.randint(2010, 2023),
            strategic_emerging=rng.random() < 0.5,
        )
        for i in range(start, stop)
    ]
    Enterprise.objects.bulk_create(firms, batch_size=2000)
    ids = sorted(set(Enterprise.objects.values_list("pk", flat=True)) - before)
    facts = []
    for eid in ids:
        revenue = Decimal(rng.randint(500, 60000))
        for year in (2021, *YEARS):
            revenue = (revenue * Decimal(str(rng.uniform(0.9, 1.4)))).quantize(Decimal("0.01"))
            staff = rng.randint(20, 800)
            facts.append(
                AnnualFacts(
                    enterprise_id=eid,
                    year=year,
                    operating_revenue=revenue,
                    main_business_revenue=revenue * Decimal("0.8"),
                    total_revenue=revenue,
                    rd_expense=(revenue * Decimal(str(rng.uniform(0.01, 0.08)))).quantize(Decimal("0.01")),
                    rd_expense_domestic=(revenue * Decimal("0.01")).quantize(Decimal("0.01")),
                    high_tech_revenue=revenue * Decimal("0.7"),
                    total_assets=revenue * Decimal("1.5"),
                    total_liabilities=revenue * Decimal(str(rng.uniform(0.3, 1.2))),
                    net_profit=revenue * Decimal("0.05"),
                    cost_expense_total=revenue * Decimal("0.9"),
                    staff_total=staff,
                    staff_sci_tech=rng.randint(0, staff // 3),
                    staff_rd=rng.randint(0, staff // 4),
                    niche_market_share=Decimal(rng.randint(1, 30)),
                    digital_maturity_level=rng.randint(1, 4),
                    compliance_incidents=0,
                    ip_class1_count=rng.randint(0, 3),
                    ip_class2_count=rng.randint(0, 8),
                )
            )
    AnnualFacts.objects.bulk_create(facts, batch_size=5000)
    high_tech = QualificationType.objects.get(code="high_tech")
    Qualification.objects.bulk_create(
        [
            Qualification(
                enterprise_id=eid,
                type=high_tech,
                granted_on=datetime.date(rng.choice([2022, 2023, 2024]), 11, 1),
                expires_on=datetime.date(2027, 10, 31),
            )
            for eid in rng.sample(ids, len(ids) * 3 // 10)
        ],
        batch_size=2000,
    )
    Platform.objects.bulk_create(
        [
            Platform(
                name=f"平台{start + i}",
                kind="tech_centre",
                level=rng.choice(["national", "provincial", "municipal"]),
                host_id=eid,
                recognised_on=datetime.date(2020, 1, 1),
            )
            for i, eid in enumerate(rng.sample(ids, len(ids) // 20))
        ]
    )
    return ids


def evaluate_all(ids) -> int:
    from gaoxin.cultivation import engine
    from gaoxin.cultivation.rules import Tier

    data = engine.load(ids, YEARS)
    results = [
        engine.evaluate(data, tier, eid, year) for year in YEARS for eid in ids for tier in Tier.values
    ]
    return sum(len(r.criteria) for r in results)


def per_firm_loop(ids) -> int:
    """The plain version: each firm's data by its own queries, then the same rules."""
    from gaoxin.cultivation import engine
    from gaoxin.cultivation.rules import Tier

    criteria = 0
    for eid in ids:
        data = engine.load([eid], YEARS)
        for year in YEARS:
            for tier in Tier.values:
                criteria += len(engine.evaluate(data, tier, eid, year).criteria)
    return criteria


def page_timing(client, repeat: int) -> tuple[float, int, float]:
    """Median of ``repeat`` requests, the queries of the last (warm) one, the first (cold) time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/cultivation/candidates/", {"tier": "high_tech", "year": 2024})
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(queries), times[0]


def bench_cultivation(repeat: int = 5) -> list[dict]:
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.utils import translation

    translation.activate("zh-hans")
    zone_configuration()
    started = time.perf_counter()
    ids = populate(0, 1_000)
    leader, _ = User.objects.get_or_create(username="bench_leader")
    leader.groups.set([Group.objects.get(name="leader")])
    client = Client()
    client.force_login(leader)
    _small_ms, small_queries, _cold = page_timing(client, 2)
    ids += populate(1_000, FIRMS)
    print(f"  cultivation: populated in {time.perf_counter() - started:.1f} s")
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        criteria = evaluate_all(ids)
        runs.append(time.perf_counter() - t0)
    ours = statistics.median(runs)
    t0 = time.perf_counter()
    per_firm_loop(ids[:PEER_SAMPLE])
    peer = (time.perf_counter() - t0) * len(ids) / PEER_SAMPLE
    page_ms, big_queries, cold_ms = page_timing(client, repeat)
    size = f"{len(ids)} firms × {len(YEARS)} years × 7 tiers ({criteria:,} criteria with words)"
    return [
        {
            "name": "梯度培育: every tier evaluated with explanations (vs per-firm ORM loop, scaled from "
            f"{PEER_SAMPLE} firms)",
            "size": size,
            "ours": round(ours, 2),
            "peer": round(peer, 1),
            "ratio": round(peer / ours, 1),
            "unit": "s",
            "goal": "< 2 s and ≥ 20×",
            "met": ours < 2 and peer / ours >= 20,
        },
        {
            "name": f"/cultivation/candidates/ (高企, 2024) median; queries {small_queries} at 1,000 firms, {big_queries} at 10,000",
            "size": f"{len(ids)} firms",
            "note": f"rows cached until the rules' data changes; the first (cold) request took {cold_ms:.0f} ms",
            "ours": round(page_ms, 1),
            "peer": None,
            "ratio": None,
            "unit": "ms (p50)",
            "goal": "< 150 ms, constant queries",
            "met": page_ms < 150 and small_queries == big_queries,
        },
    ]
