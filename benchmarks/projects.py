"""The speed targets of the key-projects issue (run by ``benchmarks/run.py --only projects``).

Data: 2,000 projects × 24 months of completed investment (2024 and 2025, 1–12月 each) × two
annual plans × 15 schedule nodes × 5 problems, written in bulk (building is not measured),
judged on 30 September 2025 (the zone's evaluation date).

1. Recompute every light (``services.recompute_lights``): median of 5 runs, each starting
   from unrated lights so all 2,000 lights and history rows are written; goal < 1 s.
   Peer: a naive per-project ORM loop computing the same lights (``naive_recompute``: the
   same ``services.evaluate``, but each project's plan, investment, nodes, start and
   problems fetched by its own queries, and each change saved one by one).
   Also reported: a recompute when nothing changed.
2. The ledger list ``/projects/`` and ``/api/projects/`` (25 rows): median server time,
   goal < 150 ms; peer: Django's admin changelist of Project. Query counts at 100 projects
   and at 2,000 must be equal.
3. The scheduling pack (.docx and .xlsx, ``projects.pack``): median of 3, goal < 5 s; no
   peer.

Timings on a shared 2-core machine are noisy: compare ratios within one run.
"""

import datetime
import random
import time
from decimal import Decimal

from benchmarks.common import median_ms, timed, zone_configuration

AS_OF = datetime.date(2025, 9, 30)
YEARS = (2024, 2025)
NODES = 15
PROBLEMS = 5
STAGES = [
    ("construction", 60),
    ("signed", 15),
    ("production", 10),
    ("planning", 5),
    ("reserve", 5),
    ("suspended", 3),
    ("capacity", 2),
]
NODE_NAMES = [
    ("sign", "签约"),
    ("register", "注册"),
    ("approval", "立项/备案"),
    ("assessment", "能评/环评"),
    ("land", "土地摘牌"),
    ("planning", "规划许可"),
    ("permit", "施工许可"),
    ("start", "开工"),
    ("structure", "主体完工"),
    ("equipment", "设备安装"),
    ("acceptance", "竣工验收"),
    ("production", "投产"),
    ("capacity", "达产"),
    ("statistics", "纳统"),
    ("handover", "移交"),
]


def clear_projects() -> None:
    from gaoxin.projects.models import LightChange, Problem, Project, StageChange

    LightChange.objects.all().delete()
    StageChange.objects.all().delete()
    Problem.objects.all().delete()
    Project.objects.all().delete()


def populate(count: int, offset: int = 0, seed: int = 11) -> None:
    """Projects ``offset`` … ``offset + count − 1`` with their plans, investment, nodes and
    problems (bulk inserts; the audit log is not written for benchmark data)."""
    from gaoxin.projects.models import (
        Investment,
        InvestmentPlan,
        Milestone,
        Problem,
        ProblemCategory,
        Project,
        ProjectList,
    )
    from gaoxin.zone.models import Department, Leader, LeadIndustry, Park, Zone

    rng = random.Random(seed + offset)
    Zone.objects.update(reference_date=AS_OF)
    parks = list(Park.objects.all())
    leads = list(LeadIndustry.objects.all())
    departments = list(Department.objects.all())
    leaders = list(Leader.objects.all())
    categories = list(ProblemCategory.objects.all())
    key_list, _ = ProjectList.objects.get_or_create(
        code="bench-sizhong", defaults={"name": "四重项目", "year": 2025}
    )
    stages = [s for s, weight in STAGES for _ in range(weight)]
    projects = []
    for i in range(offset, offset + count):
        start = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 900))
        projects.append(
            Project(
                code=f"BJ-{i:05d}",
                name=f"基准测试重点项目{i:05d}",
                park=rng.choice(parks),
                lead_industry=rng.choice(leads),
                owner_name=f"基准测试项目业主{i:05d}有限公司",
                stage=rng.choice(stages),
                total_investment=Decimal(rng.randint(5_000, 500_000)),
                land_area_mu=Decimal(rng.randint(20, 800)),
                planned_start=start,
                planned_completion=start + datetime.timedelta(days=rng.randint(365, 1100)),
                statistics_date=(start + datetime.timedelta(days=rng.randint(10, 120)))
                if rng.random() < 0.6
                else None,
                leader=rng.choice(leaders) if leaders else None,
                lead_department=rng.choice(departments) if departments else None,
            )
        )
    Project.objects.bulk_create(projects, batch_size=500)
    projects = list(Project.objects.filter(code__in=[p.code for p in projects]).order_by("code"))
    Project.lists.through.objects.bulk_create(
        [Project.lists.through(project_id=p.pk, projectlist_id=key_list.pk) for p in projects[::2]]
    )
    plans, investments, nodes, problems = [], [], [], []
    for p in projects:
        pace = rng.uniform(0.2, 1.3)  # completed ÷ plan at year end
        for year in YEARS:
            plan = (p.total_investment * Decimal(rng.uniform(0.15, 0.45))).quantize(Decimal("1"))
            plans.append(InvestmentPlan(project=p, year=year, amount=plan))
            for month in range(1, 13):
                value = (plan * Decimal(pace * month / 12)).quantize(Decimal("0.01"))
                investments.append(Investment(project=p, year=year, month=month, cumulative=value))
        for index, (code, name) in enumerate(NODE_NAMES[:NODES]):
            due = p.planned_start + datetime.timedelta(days=index * 60 - 120)
            # most nodes are done on time; a few slip (recent ones more often)
            done = due < AS_OF and rng.random() < (0.99 if due < AS_OF - datetime.timedelta(days=90) else 0.7)
            actual = due + datetime.timedelta(days=rng.randint(-10, 40)) if done else None
            if actual and actual > AS_OF:
                actual = AS_OF
            nodes.append(
                Milestone(
                    project=p,
                    code=code,
                    name=name,
                    sequence=index * 10,
                    planned_date=due,
                    baseline_date=due,
                    actual_date=actual,
                )
            )
        for k in range(PROBLEMS):
            deadline = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
            if deadline < AS_OF - datetime.timedelta(days=30) and rng.random() < 0.95:
                status = "closed"  # old problems are mostly closed
            else:
                status = rng.choice(["assigned", "in_progress", "answered", "closed"])
            problems.append(
                Problem(
                    project=p,
                    category=rng.choice(categories),
                    description=f"基准测试问题{k}：{rng.choice(['用地报批', '配套资金', '施工用电', '环评批复'])}待协调",
                    raised_on=deadline - datetime.timedelta(days=30),
                    department=rng.choice(departments),
                    deadline=deadline,
                    status=status,
                    closed_on=deadline if status == "closed" else None,
                )
            )
    InvestmentPlan.objects.bulk_create(plans, batch_size=2000)
    Investment.objects.bulk_create(investments, batch_size=2000)
    Milestone.objects.bulk_create(nodes, batch_size=2000)
    Problem.objects.bulk_create(problems, batch_size=2000)


# --- lights ---------------------------------------------------------------------------------


def reset_lights() -> None:
    from gaoxin.projects.models import LightChange, Project

    LightChange.objects.all().delete()
    Project.objects.update(light="none", light_reasons=[], light_since=None)


def naive_recompute(as_of: datetime.date) -> int:
    """THE PEER (not our code): the same lights computed the obvious ORM way — for each
    project its plan, latest cumulative investment, open nodes, start node and overdue
    problems read by their own queries, ``services.evaluate`` on them, and each change saved
    with ``save()`` and its ``LightChange`` created one by one."""
    from gaoxin.projects import services
    from gaoxin.projects.models import LightChange, Problem, Project

    active = {code: r for code, r in services.rules().items() if r.is_active}
    period = services.reported_period(as_of)  # the investment period due on the day
    months = period.months
    changed = 0
    for project in Project.objects.all():
        plan = project.plans.filter(year=as_of.year).first()
        latest = project.investments.filter(year=as_of.year, month__lte=months).order_by("-month").first()
        start = project.milestones.filter(code="start", actual_date__isnull=False).first()
        facts = services.Facts(
            project.stage,
            plan=plan.amount if plan else None,
            completed=latest.cumulative if latest else None,
            open_nodes=[
                (m.name, m.baseline_date or m.planned_date)
                for m in project.milestones.filter(actual_date__isnull=True)
            ],
            start=start.actual_date if start else None,
            statistics_date=project.statistics_date,
            overdue_problems=[
                (p.description, p.deadline) for p in Problem.objects.overdue(as_of).filter(project=project)
            ],
            period=period,
        )
        light, findings = services.evaluate(facts, active, as_of)
        reasons = [f.as_dict() for f in findings]
        if light != project.light or reasons != project.light_reasons:
            if light != project.light or project.light_since is None:
                LightChange.objects.create(
                    project=project, date=as_of, light=light, previous=project.light, reasons=reasons
                )
                project.light_since = as_of
                changed += 1
            project.light, project.light_reasons = light, reasons
            project.save(update_fields=["light", "light_reasons", "light_since"])
    return changed


def bench_lights(count: int, runs: int = 5) -> list[dict]:
    from django.db import transaction

    from gaoxin.projects import services
    from gaoxin.projects.models import LightChange, Project

    services.rules()
    samples = []
    for _ in range(runs):
        reset_lights()
        seconds, changed = timed(services.recompute_lights, as_of=AS_OF)
        assert changed == count, changed
        samples.append(seconds)
    ours = sorted(samples)[len(samples) // 2]
    ours_lights = dict(Project.objects.values_list("pk", "light"))
    quiet = []
    for _ in range(runs):
        seconds, changed = timed(services.recompute_lights, as_of=AS_OF)
        assert changed == 0
        quiet.append(seconds)
    reset_lights()
    with transaction.atomic():
        peer, changed = timed(naive_recompute, AS_OF)
    assert dict(Project.objects.values_list("pk", "light")) == ours_lights, "the peer disagrees"
    assert LightChange.objects.count() == count
    reset_lights()
    services.recompute_lights(as_of=AS_OF)
    counts = dict.fromkeys(("red", "yellow", "green", "none"), 0)
    for light in ours_lights.values():
        counts[light] += 1
    print("  lights: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    named = count == 2000
    size = f"{count} projects × 24 mo × {NODES} nodes × {PROBLEMS} problems"
    quiet_s = sorted(quiet)[len(quiet) // 2]
    return [
        {
            "name": "recompute every light (vs per-project ORM loop)",
            "size": size,
            "ours": round(ours, 3),
            "peer": round(peer, 2),
            "ratio": round(peer / ours, 1),
            "unit": "s (median)",
            "goal": "ours < 1",
            "met": named and ours < 1,
        },
        {
            "name": "recompute every light, nothing changed",
            "size": size,
            "ours": round(quiet_s, 3),
            "peer": None,
            "ratio": None,
            "unit": "s (median)",
            "goal": "(reported)",
            "met": True,
        },
    ]


# --- the ledger pages ---------------------------------------------------------------------------


LIST_URL, API_URL, ADMIN_URL = (
    "/projects/?per_page=25",
    "/api/projects/?page_size=25",
    "/admin/projects/project/",
)


def page_counts(client) -> dict[str, int]:
    from benchmarks.economy import page_times

    return {url: page_times(client, url, 1)[1] for url in (LIST_URL, API_URL)}


def bench_pages(count: int, small: int, repeat: int, counts_small: dict[str, int]) -> list[dict]:
    from django.contrib.auth.models import User
    from django.test import Client

    from benchmarks.economy import page_times

    leader, admin_user = Client(), Client()
    leader.force_login(User.objects.get(username="leader"))
    admin_user.force_login(User.objects.get(username="admin"))
    page, page_q = page_times(leader, LIST_URL, repeat)
    api, api_q = page_times(leader, API_URL, repeat)
    peer, _peer_q = page_times(admin_user, ADMIN_URL, repeat)
    named = count == 2000
    size = f"{count} projects"
    rows = []
    for name, ours in (("project ledger page /projects/ (25 rows)", page), ("/api/projects/ (25 rows)", api)):
        rows.append(
            {
                "name": name + " (vs admin changelist)",
                "size": size,
                "ours": ours,
                "peer": peer,
                "ratio": round(peer / ours, 2),
                "unit": "ms (median)",
                "goal": "ours < 150",
                "met": named and ours < 150,
            }
        )
    for name, url, full in (("/projects/", LIST_URL, page_q), ("/api/projects/", API_URL, api_q)):
        rows.append(
            {
                "name": f"{name} queries: {small} projects → full",
                "size": size,
                "ours": full,
                "peer": counts_small[url],
                "ratio": round(counts_small[url] / full, 2),
                "unit": "queries",
                "goal": "ours = peer",
                "met": named and full == counts_small[url],
            }
        )
    return rows


# --- the scheduling pack ----------------------------------------------------------------------


def bench_pack(count: int, runs: int = 3) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gaoxin.projects import pack

    built = pack.build(AS_OF)
    print(
        f"  pack: {len(built.flagged)} red/yellow projects, {built.overdue_count} overdue problems, "
        f"{len(built.investment)} progress rows, {len(built.next_nodes)} next-month nodes"
    )
    rows = []
    for name, func in (("scheduling pack .docx", pack.pack_docx), ("scheduling pack .xlsx", pack.pack_xlsx)):
        samples, size_bytes = [], 0
        with CaptureQueriesContext(connection) as queries:
            func(AS_OF)
        for _ in range(runs):
            started = time.perf_counter()
            size_bytes = len(func(AS_OF))
            samples.append(time.perf_counter() - started)
        seconds = median_ms(samples) / 1000
        rows.append(
            {
                "name": name,
                "size": f"{count} projects, {len(queries)} queries, {size_bytes // 1024} KB",
                "ours": round(seconds, 2),
                "peer": None,
                "ratio": None,
                "unit": "s (median)",
                "goal": "ours < 5",
                "met": count == 2000 and seconds < 5,
            }
        )
    return rows


def bench_projects(count: int = 2000, repeat: int = 30, small: int = 100) -> list[dict]:
    zone_configuration()
    clear_projects()
    from gaoxin.projects import services

    services.rules()
    small = min(small, count)
    populate(small)
    services.recompute_lights(as_of=AS_OF)
    counts_small = None
    try:
        from django.contrib.auth.models import User
        from django.test import Client

        leader = Client()
        leader.force_login(User.objects.get(username="leader"))
        counts_small = page_counts(leader)
    except Exception as error:  # the pages are not there yet: report the rest
        print(f"  pages unavailable ({error!r}): skipped")
    started = time.perf_counter()
    populate(count - small, offset=small)
    print(f"  data: {count} projects and their rows written in {time.perf_counter() - started:.1f} s")
    results = bench_lights(count)
    if counts_small is not None:
        results += bench_pages(count, small, repeat, counts_small)
    results += bench_pack(count)
    return results
