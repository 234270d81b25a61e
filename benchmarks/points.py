"""The speed target of the innovation points (issue 13; ``benchmarks/run.py --only points``).

Data: 10,000 enterprises with annual facts for 2023 and 2024 (every field the example scheme
reads) and one 高企 qualification for a third of them, written in bulk (not measured); the
demo's example scheme (11 indicators, 3 stages, 9 tiers).

1. Every firm's points sheet for 2024 (``points.services.points_compute``: stage, 11 indicator
   lines, total, rank within the stage, tier): median of 5 runs; goal < 1 s.
   Peer: a plain per-firm ORM loop computing the same sheets (``naive_points``: for each firm
   its two years of facts and its qualification count fetched by their own queries, then the
   same ``firm_sheet`` and ranking), measured once in the same run.

Timings on a shared 2-core machine are noisy: compare ratios within one run.
"""

import datetime
import random
import statistics
import time
from decimal import Decimal

from benchmarks.common import timed, zone_configuration

YEAR = 2024


def populate(firms: int, seed: int = 13) -> None:
    from gaoxin.core import uscc
    from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification, QualificationType

    rng = random.Random(seed)
    codes: set[str] = set()
    while len(codes) < firms:
        codes.add(uscc.generate(rng, "421303"))
    Enterprise.objects.bulk_create(
        [
            Enterprise(
                name=f"随州积分基准企业{n:05d}有限公司",
                uscc=code,
                established_on=datetime.date(rng.randint(2005, 2023), rng.randint(1, 12), 1),
            )
            for n, code in enumerate(sorted(codes))
        ],
        batch_size=2000,
    )
    ids = list(Enterprise.objects.values_list("pk", flat=True))
    facts = []
    for pk in ids:
        revenue = Decimal(rng.randint(200, 60000))
        for year in (YEAR - 1, YEAR):
            staff = rng.randint(10, 800)
            facts.append(
                AnnualFacts(
                    enterprise_id=pk,
                    year=year,
                    operating_revenue=revenue,
                    rd_expense=revenue * Decimal(rng.randint(0, 80)) / 1000,
                    net_profit=revenue * Decimal(rng.randint(-5, 12)) / 100,
                    tax_paid=revenue * Decimal(rng.randint(1, 5)) / 100,
                    high_tech_revenue=revenue * Decimal(rng.randint(0, 90)) / 100
                    if rng.random() < 0.5
                    else None,
                    staff_total=staff,
                    staff_rd=staff // rng.randint(5, 20),
                    staff_sci_tech=staff // rng.randint(3, 10),
                    ip_class1_count=rng.randint(0, 6),
                    ip_class2_count=rng.randint(0, 30) if rng.random() < 0.9 else None,
                )
            )
            revenue = revenue * Decimal(rng.randint(90, 130)) / 100
    AnnualFacts.objects.bulk_create(facts, batch_size=2000)
    kind = QualificationType.objects.get(code="high_tech")
    Qualification.objects.bulk_create(
        [
            Qualification(enterprise_id=pk, type=kind, granted_on=datetime.date(2023, 10, 1))
            for pk in ids[::3]
        ],
        batch_size=2000,
    )


def naive_points(scheme) -> list:
    """The same sheets, each firm's data read by its own queries (the plain ORM loop)."""
    from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification
    from gaoxin.points.facts import FIELDS, FirmData
    from gaoxin.points.services import firm_sheet, plans_for, rank_and_tier

    plans = plans_for(list(scheme.indicators.all()))
    rules = list(scheme.stage_rules.all())
    day = datetime.date(YEAR, 12, 31)
    sheets = []
    for firm in Enterprise.objects.all():
        this = AnnualFacts.objects.filter(enterprise=firm, year=YEAR).values(*FIELDS).first()
        before = AnnualFacts.objects.filter(enterprise=firm, year=YEAR - 1).values(*FIELDS).first()
        held = Qualification.objects.valid_on(day).filter(enterprise=firm).count()
        sheets.append(
            firm_sheet(FirmData(firm.pk, YEAR, firm.established_on, this, before, held), plans, rules)
        )
    rank_and_tier(sheets, list(scheme.tiers.all()))
    return sheets


def bench_points(firms: int = 10_000) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gaoxin.demo.points import example_scheme
    from gaoxin.points.models import PointScheme
    from gaoxin.points.services import points_compute

    zone_configuration()
    PointScheme.objects.all().delete()
    scheme = example_scheme()
    populate(firms)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            sheets = points_compute(scheme=scheme, year=YEAR)
        runs.append(time.perf_counter() - started)
    ours = statistics.median(runs)
    peer, naive = timed(naive_points, scheme)
    assert {(s.enterprise_id, s.total, s.rank) for s in sheets} == {
        (s.enterprise_id, s.total, s.rank) for s in naive
    }
    staged = sum(1 for s in sheets if s.stage)
    return [
        {
            "name": "innovation points, every firm's sheet (vs per-firm ORM loop)",
            "size": f"{firms} firms × {scheme.indicators.count()} indicators, {len(queries)} queries",
            "ours": round(ours, 2),
            "peer": round(peer, 2),
            "ratio": round(peer / ours, 1),
            "unit": "s",
            "goal": "ours < 1",
            "met": ours < 1 and staged == firms,
        }
    ]
