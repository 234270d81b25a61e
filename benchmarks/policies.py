"""The policy matching targets of issue 14 (``benchmarks/run.py --only policies``).

Data: 10,000 active firms with annual facts for 2024 and 2025, qualifications (高企 for one in
eight, 规上工业 for one in four, first grants spread over 2019–2025), and 200 published clauses
made from ten kinds of rule (thresholds varied), written in bulk (building is not measured).

Ours: ``matching.match`` — the catalogue's values for all firms in four queries, each rule
compiled once (rule-engine parses and type-checks it; our closures evaluate it over columns),
every criterion's verdict per firm kept (the explanations), amounts for the qualifying firms.
Peer: what a first version does — for each firm fetch its record, facts and qualifications
through the ORM, then rule-engine's ``Rule.matches`` for each clause over that firm's dict.
The peer runs on a sample of firms (all 200 clauses) and its time is scaled to 10,000 firms
(it is linear in firms); the sample is named in the row. The 体检报告 of one firm:
``services.policy_check``, median of repeated calls.
"""

import datetime
import os
import random
import statistics
import time
from decimal import Decimal

from benchmarks.common import zone_configuration

FIRMS, CLAUSES, YEAR = 10_000, 200, 2025
PEER_SAMPLE = 100
KINDS = [
    ("营业收入 >= {t} and 是否规上工业", "20"),
    ("研发费用增长额 > {s} and 研发费用 >= 100", "研发费用增长额 * 0.1 > 50 ? 50 : 研发费用增长额 * 0.1"),
    ("高企首次认定年份 == 年度 and 是否高企", "20"),
    ("规上工业首次认定年份 == 年度", "10"),
    ("税收增长率 >= {p} and 税收 >= 50", "税收增长额 * 0.2"),
    ("从业人员 >= {n} and 科技人员 >= 10", "5"),
    ("所在园区 == '城东园区' and 营业收入增长率 > {p}", "8"),
    ("企业年龄 <= 5 and 研发费用 >= {s}", "研发费用 * 0.05 > 30 ? 30 : 研发费用 * 0.05"),
    ("出口额 >= {s} and 是否高企", "出口额 * 0.01"),
    ("一类知识产权 >= 1 and 研发费用 / 营业收入 >= 0.03", "15"),
]


def populate(seed: int = 14):
    from gaoxin.core.testing import make_uscc
    from gaoxin.enterprises.models import AnnualFacts, Enterprise, Qualification, QualificationType
    from gaoxin.zone.models import Park

    rng = random.Random(seed)
    parks = list(Park.objects.all())
    firms = [
        Enterprise(
            name=f"政策基准企业{i:05d}有限公司",
            uscc=make_uscc(900_000 + i),
            park=rng.choice(parks),
            established_on=datetime.date(rng.randint(2000, 2024), rng.randint(1, 12), 1),
        )
        for i in range(FIRMS)
    ]
    Enterprise.objects.bulk_create(firms, batch_size=2000)
    ids = list(Enterprise.objects.filter(name__startswith="政策基准").values_list("pk", flat=True))
    facts = []
    for eid in ids:
        base = Decimal(rng.randint(200, 50_000))
        for year, factor in ((2024, Decimal("1")), (2025, Decimal(rng.randint(80, 140)) / 100)):
            revenue = (base * factor).quantize(Decimal("0.01"))
            facts.append(
                AnnualFacts(
                    enterprise_id=eid,
                    year=year,
                    operating_revenue=revenue,
                    rd_expense=(revenue * Decimal(rng.randint(1, 8)) / 100).quantize(Decimal("0.01")),
                    tax_paid=(revenue * Decimal(rng.randint(2, 9)) / 100).quantize(Decimal("0.01")),
                    exports=(revenue * Decimal(rng.randint(0, 30)) / 100).quantize(Decimal("0.01")),
                    staff_total=rng.randint(5, 800),
                    staff_sci_tech=rng.randint(0, 120),
                    ip_class1_count=rng.randint(0, 4),
                )
            )
    AnnualFacts.objects.bulk_create(facts, batch_size=5000)
    types = {
        t.code: t for t in QualificationType.objects.filter(code__in=("high_tech", "above_scale_industry"))
    }
    grants = []
    for eid in ids:
        for code, share in (("high_tech", 8), ("above_scale_industry", 4)):
            if rng.randrange(share) == 0:
                granted = datetime.date(rng.randint(2019, 2025), rng.randint(1, 11), 15)
                expires = datetime.date(2026 if code == "high_tech" else 2025, 12, 31)
                grants.append(
                    Qualification(enterprise_id=eid, type=types[code], granted_on=granted, expires_on=expires)
                )
    Qualification.objects.bulk_create(grants, batch_size=5000)
    return ids


def make_clauses(rng: random.Random):
    from gaoxin.policies.models import Clause, Policy

    policy = Policy.objects.create(title="基准政策", issuer="管委会", status=Policy.Status.PUBLISHED)
    clauses = []
    for i in range(CLAUSES):
        rule, formula = KINDS[i % len(KINDS)]
        params = {
            "t": rng.randint(500, 20_000),
            "s": rng.randint(10, 400),
            "p": rng.randint(0, 30),
            "n": rng.randint(10, 300),
        }
        clauses.append(
            Clause(
                policy=policy,
                code=f"{i:03d}",
                title=f"条款{i}",
                rule=rule.format(**params),
                formula=formula,
                budget_amount=Decimal("1000"),
                budget_line="2080199",
            )
        )
    Clause.objects.bulk_create(clauses)
    return list(Clause.objects.filter(policy=policy).select_related("policy"))


def peer_row(enterprise_id: int, year: int) -> dict:
    """One firm's catalogue row read through the ORM, the way a per-firm loop does it."""
    from gaoxin.policies.catalogue import load_values

    values = load_values(year, [enterprise_id])
    return values.row(0)


def peer(clauses, ids, year: int) -> tuple[float, int]:
    import rule_engine

    from gaoxin.policies.catalogue import catalogue
    from gaoxin.policies.rules import context, to_symbols

    cat = catalogue()
    ctx = context(cat)
    rules = [rule_engine.Rule(to_symbols(c.rule, cat), context=ctx) for c in clauses]
    started, hits = time.perf_counter(), 0
    for eid in ids:
        row = peer_row(eid, year)
        for rule in rules:
            try:
                hits += rule.matches(row)
            except rule_engine.errors.EvaluationError:
                hits += 0  # an unknown value: not met
    return time.perf_counter() - started, hits


def ours(clauses, year: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of one cold run (the compiled-clause cache emptied first)."""
    from gaoxin.policies.matching import match
    from gaoxin.policies.rules import clear_cache

    clear_cache()
    started, cpu = time.perf_counter(), time.process_time()
    results = match(clauses, year)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return elapsed, cpu, sum(len(r.qualifying) for r in results)


def bench_check(firm_id: int, repeat: int) -> tuple[float, float]:
    """Median ms of the report with the clauses compiled (a running server), and the first,
    cold call (every clause parsed)."""
    from gaoxin.policies.rules import clear_cache
    from gaoxin.policies.services import policy_check

    clear_cache()
    started = time.perf_counter()
    policy_check(enterprise_id=firm_id, year=YEAR)
    cold = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        policy_check(enterprise_id=firm_id, year=YEAR)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), cold


def bench_policies(repeat: int = 10) -> list[dict]:
    zone_configuration()
    started = time.perf_counter()
    ids = populate()
    clauses = make_clauses(random.Random(15))
    print(f"  policies: populated in {time.perf_counter() - started:.1f} s")
    runs = [ours(clauses, YEAR) for _ in range(3)]
    ours_s = statistics.median(t for t, _c, _q in runs)
    cpu_s = statistics.median(c for _t, c, _q in runs)
    sample = ids[:PEER_SAMPLE]
    peer_s, _hits = peer(clauses, sample, YEAR)
    peer_scaled = peer_s * FIRMS / PEER_SAMPLE
    check_ms, cold_ms = bench_check(ids[0], repeat)
    load = os.getloadavg()[0]
    size = f"{FIRMS:,} firms × {CLAUSES} clauses (cpu {cpu_s * 1000:.0f} ms, load average {load:.1f})"
    return [
        {
            "name": "policy matching with explanations (vs per-firm ORM fetch + Rule.matches)",
            "size": f"{size}; peer measured on {PEER_SAMPLE} firms × {CLAUSES} clauses, scaled ×{FIRMS // PEER_SAMPLE}",
            "ours": round(ours_s * 1000),
            "peer": round(peer_scaled * 1000),
            "ratio": round(peer_scaled / ours_s, 1),
            "unit": "ms",
            "goal": "< 2000 ms and ≥ 20×",
            "met": ours_s < 2 and peer_scaled / ours_s >= 20,
        },
        {
            "name": "体检报告 of one firm (every published clause)",
            "size": f"{CLAUSES} clauses compiled (first call, all parsed: {cold_ms:.0f} ms)",
            "ours": round(check_ms, 1),
            "peer": None,
            "ratio": None,
            "unit": "ms (median)",
            "goal": "< 200 ms",
            "met": check_ms < 200,
        },
    ]


if __name__ == "__main__":
    from benchmarks.common import setup_django

    setup_django()
    for row in bench_policies():
        print(row)
