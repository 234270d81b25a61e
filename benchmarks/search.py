"""The global search target of issue 11 (``benchmarks/run.py --only search``): /api/search/
answers in < 300 ms on the benchmark data.

Data: the registry benchmark's 10,000 enterprises (through our import, with their audit
rows) and 30,000 qualifications, 1,000 of the firms renamed (their former names in the
audit log), one contact each; 2,000 key projects; 1,000 leads (one in ten confidential);
``--companies`` registry companies (1,000,000 by default: the size the chains benchmark
imports); written in bulk (building is not measured).

Measured in-process with Django's test client as the clerk: /api/search/?q= for a word in
nearly every name (有限公司: every kind has more hits than shown, counts stop at their cap)
and for a word in no name (量子纠缠: every query scans to the end), p50 and p95 of
``repeat`` requests. Peer: the naive search — ``icontains`` over every text field of every
model searched, without limits, every match loaded (what a first version would do).
"""

import datetime
import random
import statistics
import time
from decimal import Decimal

from benchmarks.common import zone_configuration

AS_OF = datetime.date(2025, 9, 30)
FIRMS = 10_000
PROJECTS = 2_000
LEADS = 1_000
RENAMED = 1_000
COMMON, RARE = "有限公司", "量子纠缠"
HEADS = ["锂电", "新能源", "智能", "精密", "生物", "电子", "新材料", "汽车零部件", "光伏", "储能"]
TRADES = ["科技", "制造", "材料", "装备", "医药", "贸易", "电气", "化工"]
CITIES = ["随州", "武汉", "襄阳", "宜昌", "深圳", "宁波", "苏州", "长沙"]


def company_name(rng: random.Random, i: int) -> str:
    return f"{rng.choice(CITIES)}{rng.choice(HEADS)}{rng.choice(TRADES)}{i:07d}有限公司"


def populate_companies(count: int, seed: int = 3) -> None:
    from gaoxin.chains.models import RegistryCompany

    rng = random.Random(seed)
    batch = []
    for i in range(count):
        batch.append(RegistryCompany(uscc=f"SR{i:016d}", name=company_name(rng, i), region_code="420100"))
        if len(batch) == 20_000:
            RegistryCompany.objects.bulk_create(batch)
            batch = []
    RegistryCompany.objects.bulk_create(batch)


def populate_zone(seed: int = 4) -> None:
    """Contacts, renames, projects and leads around the registry benchmark's firms."""
    from gaoxin.attraction.models import LEAD_ORDER, Lead
    from gaoxin.enterprises.models import Contact, Enterprise
    from gaoxin.projects.models import Project
    from gaoxin.zone.models import Department

    rng = random.Random(seed)
    firms = list(Enterprise.objects.order_by("pk").values_list("pk", "name"))
    Contact.objects.bulk_create(
        [Contact(enterprise_id=pk, name=f"联系人{pk}", phone=f"138{pk:08d}") for pk, _ in firms],
        batch_size=5000,
    )
    rename_firms(firms[:RENAMED])
    departments = list(Department.objects.all())
    Project.objects.bulk_create(
        [
            Project(
                code=f"SP-{i:05d}",
                name=f"{rng.choice(HEADS)}产业园项目{i:05d}",
                owner_name=company_name(rng, i),
                enterprise_id=firms[i % len(firms)][0],
                total_investment=Decimal(10_000),
                lead_department=rng.choice(departments),
            )
            for i in range(PROJECTS)
        ],
        batch_size=1000,
    )
    Lead.objects.bulk_create(
        [
            Lead(
                code=f"SL-{i:05d}",
                company_name=company_name(rng, i),
                confidential=i % 10 == 0,
                code_name=f"项目{i}" if i % 10 == 0 else "",
                stage=LEAD_ORDER[i % 4],
                stage_since=AS_OF,
                department=departments[i % len(departments)],
            )
            for i in range(LEADS)
        ],
        batch_size=1000,
    )


def rename_firms(firms) -> None:
    """Rename ``firms`` with one audit row each (the before name becomes a former name)."""
    from django.utils import timezone

    from gaoxin.core.audit import change_rows
    from gaoxin.core.context import current
    from gaoxin.core.models import ObjectChange
    from gaoxin.enterprises.models import Enterprise

    renamed = []
    items = []
    for pk, name in firms:
        firm = Enterprise(pk=pk, name=name.replace("基准测试企业", "基准更名企业"))
        renamed.append(firm)
        items.append((firm, "update", {"name": name}, {"name": firm.name}))
    Enterprise.objects.bulk_update(renamed, ["name"], batch_size=2000)
    rows = change_rows(Enterprise, items, "更名", current(), timezone.now())
    ObjectChange.objects.bulk_create([ObjectChange(**row) for row in rows], batch_size=2000)


def naive_search(query: str) -> int:
    """The peer: every text field of every model searched, no scope, no limit, all loaded."""
    from django.contrib.auth.models import User
    from django.db import models
    from django.db.models import Q

    from gaoxin.attraction.models import Activity, Lead, Signing
    from gaoxin.chains.models import RegistryCompany
    from gaoxin.enterprises.models import Contact, Enterprise
    from gaoxin.projects.models import Attachment, Project
    from gaoxin.zone.models import Leader

    found = 0
    for model in (
        Enterprise,
        Project,
        Lead,
        RegistryCompany,
        Contact,
        User,
        Leader,
        Attachment,
        Signing,
        Activity,
    ):
        condition = Q()
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.FileField):
                condition |= Q(**{f"{field.name}__icontains": query})
        found += len(list(model.objects.filter(condition)))
    return found


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return round(statistics.median(ordered) * 1000, 1), round(p95 * 1000, 1)


def timings(call, repeat: int) -> tuple[float, float]:
    call()  # warm: discovery, permissions, templates
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def bench_search(companies: int = 1_000_000, repeat: int = 30) -> list[dict]:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from benchmarks.run import clear_registry, populate_registry

    zone_configuration()
    clear_registry()
    started = time.perf_counter()
    populate_registry(FIRMS)
    populate_zone()
    populate_companies(companies)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  search: populated in {time.perf_counter() - started:.1f} s")
    clerk = Client()
    clerk.force_login(User.objects.get(username="clerk"))

    def ours(query):
        def call():
            response = clerk.get("/api/search/", {"q": query})
            assert response.status_code == 200, response.status_code

        return call

    size = f"{FIRMS} firms, {PROJECTS} projects, {LEADS} leads, {companies:,} registry companies"
    rows = []
    for label, query in (("a word in nearly every name", COMMON), ("a word in no name", RARE)):
        p50, p95 = timings(ours(query), repeat)
        peer50, peer95 = timings(lambda q=query: naive_search(q), max(3, repeat // 10))
        for stat, value, peer in (("p50", p50, peer50), ("p95", p95, peer95)):
            rows.append(
                {
                    "name": f"/api/search/?q={query} ({label}), {stat} (vs naive icontains)",
                    "size": size,
                    "ours": value,
                    "peer": peer,
                    "ratio": round(peer / value, 1),
                    "unit": f"ms ({stat})",
                    "goal": "< 300 ms",
                    "met": value < 300,
                }
            )
    return rows
