"""The chain-map page at the issue's size: one chain of 200 nodes, 10,000 confirmed or
suggested local links, 100,000 targets and 1,000 leads on the nodes.

Measured: the median server time of ``/chains/<id>/`` (the ECharts tree and the table of
nodes, coverage computed on every request) and of ``/chains/`` (every chain's summary), and
their query counts with an empty map against the full one (they must be equal: coverage is
three aggregate queries, not one per node). Goal: the map < 200 ms.
"""

import datetime
import random
import time
from decimal import Decimal

from benchmarks.common import median_ms, zone_configuration

NODES = 200
LINKS = 10_000
TARGETS = 100_000
LISTS = 10
LEADS = 1_000
FIRMS = 2_000  # each linked to five nodes: 10,000 links


def clear() -> None:
    """Remove the benchmark's rows with plain DELETEs: deleting 100,000 targets through the
    ORM would fetch each and write its audit row."""
    from gaoxin.attraction.models import Lead
    from gaoxin.chains.models import Chain, ChainNode, NodeEnterprise, RegistryCompany, Target, TargetList
    from gaoxin.enterprises.models import Enterprise

    chains = Chain.objects.filter(code="bench-map")
    nodes = ChainNode.objects.filter(chain__in=chains)
    for queryset in (
        Lead.objects.filter(code__startswith="BM-"),
        Target.objects.filter(target_list__name__startswith="基准清单"),
        NodeEnterprise.objects.filter(node__in=nodes),
        TargetList.objects.filter(name__startswith="基准清单"),
        RegistryCompany.objects.filter(uscc__startswith="BM"),
        ChainNode.objects.filter(chain__in=chains, parent__isnull=False),
        nodes,
        chains,
        Enterprise.objects.filter(uscc__startswith="BM"),
    ):
        queryset._raw_delete(queryset.db)


def make_chain():
    from gaoxin.chains.models import Chain, ChainNode

    chain = Chain.objects.create(code="bench-map", name="基准产业链", sort_order=999)
    segments = ["upstream", "midstream", "downstream"]
    parents = []
    nodes = []
    for i in range(NODES):
        parent = parents[i % len(parents)] if i >= 20 and parents else None
        node = ChainNode(
            chain=chain,
            parent=parent,
            code=f"n{i:03d}",
            name=f"环节{i:03d}",
            segment=segments[i % 3],
            keywords=f"关键词{i}",
            sort_order=i,
        )
        node.save() if i < 20 else nodes.append(node)
        if i < 20:
            parents.append(node)
    ChainNode.objects.bulk_create(nodes, batch_size=500)
    return chain, list(ChainNode.objects.filter(chain=chain).order_by("pk").values_list("pk", flat=True))


def populate(node_ids: list[int], seed: int = 7) -> None:
    from gaoxin.attraction.models import LEAD_ORDER, Lead
    from gaoxin.chains.models import NodeEnterprise, RegistryCompany, Target, TargetList
    from gaoxin.enterprises.models import Enterprise

    rng = random.Random(seed)
    firms = [Enterprise(name=f"基准本地企业{i:05d}", uscc=f"BM{i:016d}") for i in range(FIRMS)]
    Enterprise.objects.bulk_create(firms, batch_size=2000)
    firm_ids = list(Enterprise.objects.filter(uscc__startswith="BM").values_list("pk", flat=True))
    links = []
    for index, firm in enumerate(firm_ids):
        for k in range(LINKS // FIRMS):
            node = node_ids[(index * 7 + k * 41) % len(node_ids)]
            links.append(NodeEnterprise(node_id=node, enterprise_id=firm, confirmed=rng.random() < 0.7))
    # a few nodes left without any local firm (缺 / 无目标)
    empty = set(node_ids[-15:])
    NodeEnterprise.objects.bulk_create(
        [x for x in links if x.node_id not in empty], batch_size=5000, ignore_conflicts=True
    )
    per_list = TARGETS // LISTS
    companies = [
        RegistryCompany(uscc=f"BM{i:016d}", name=f"基准外地企业{i:06d}", registered_capital=Decimal(1000))
        for i in range(per_list)
    ]
    RegistryCompany.objects.bulk_create(companies, batch_size=5000)
    company_ids = list(RegistryCompany.objects.filter(uscc__startswith="BM").values_list("pk", flat=True))
    for n in range(LISTS):
        target_list = TargetList.objects.create(name=f"基准清单{n}")
        Target.objects.bulk_create(
            [
                Target(target_list=target_list, company_id=c, node_id=node_ids[(i + n) % (len(node_ids) - 5)])
                for i, c in enumerate(company_ids)
            ],
            batch_size=5000,
        )
    today = datetime.date(2025, 9, 30)
    Lead.objects.bulk_create(
        [
            Lead(
                code=f"BM-{i:05d}",
                company_name=f"基准线索企业{i}",
                node_id=node_ids[rng.randrange(len(node_ids) - 5)],
                stage=LEAD_ORDER[i % len(LEAD_ORDER)],
                stage_since=today,
            )
            for i in range(LEADS)
        ],
        batch_size=2000,
    )


def analyze() -> None:
    """After a bulk load, what autovacuum does within a minute on PostgreSQL: statistics
    and the visibility map (the coverage counts are index-only scans)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("chains_target", "chains_nodeenterprise", "attraction_lead"):
                cursor.execute(f"VACUUM ANALYZE {table}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def page_times(client, url: str, repeat: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    count = len(queries)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - started)
    return median_ms(samples), count


def bench_map(repeat: int = 30) -> list[dict]:
    from django.contrib.auth.models import User
    from django.test import Client

    zone_configuration()
    clear()
    chain, node_ids = make_chain()
    clerk = Client()
    clerk.force_login(User.objects.get(username="clerk"))
    map_url = f"/chains/{chain.pk}/"
    _empty_ms, empty_map_q = page_times(clerk, map_url, 1)
    _empty_ms, empty_list_q = page_times(clerk, "/chains/", 1)
    started = time.perf_counter()
    populate(node_ids)
    print(f"  chain map: populated in {time.perf_counter() - started:.1f} s")
    analyze()
    map_ms, map_q = page_times(clerk, map_url, repeat)
    list_ms, list_q = page_times(clerk, "/chains/", repeat)
    size = f"{NODES} nodes, {LINKS:,} local links, {TARGETS:,} targets, {LEADS:,} leads"
    rows = [
        {
            "name": "chain map page /chains/<id>/ (200 nodes)",
            "size": f"{size}, {map_q} queries",
            "ours": map_ms,
            "peer": None,
            "ratio": None,
            "unit": "ms (median)",
            "goal": "ours < 200",
            "met": map_ms < 200,
        },
        {
            "name": "chain list page /chains/ (coverage summary)",
            "size": f"{size}, {list_q} queries",
            "ours": list_ms,
            "peer": None,
            "ratio": None,
            "unit": "ms (median)",
            "goal": "ours < 200",
            "met": list_ms < 200,
        },
        {
            "name": "chain map queries: empty → full",
            "size": size,
            "ours": map_q,
            "peer": empty_map_q,
            "ratio": round(empty_map_q / map_q, 2),
            "unit": "queries",
            "goal": "ours = peer",
            "met": map_q == empty_map_q and list_q == empty_list_q,
        },
    ]
    clear()
    return rows
