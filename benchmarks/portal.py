"""The speed targets of the portal (issue 15; ``benchmarks/run.py --only portal``).

Data, written in bulk (not measured): 10,000 firms, 100,000 requests raised on working days of
2025 over the seeded categories and eight departments, each taken as far as its age allows
(accepted, answered, rated; some late, some reopened) with its steps (about 330,000).

1. A department's request list page (``/portal/requests/?department=``, 25 rows) as one of its
   clerks, and the same list from the API: median of ``repeat`` requests; goal < 150 ms with
   the same number of queries for the busiest department and for one with three requests
   (constant in the data). Peer: Django's admin changelist of the model, configured plainly.
2. A firm's request list (``/portal/requests/`` as the firm's user): same goals (a firm with
   30 requests against one with one).
3. Department scores for a year (``portal.scores.department_scores`` for the 12 months):
   median of 5 runs; goal < 1 s. Peer: a per-department, per-month ORM loop reading each
   request as a model instance and counting working days with the module-level calendar
   functions (one query for the overrides per call), the way a first version would; the
   results are compared field by field.

Timings on a shared 2-core machine are noisy: compare ratios within one run.
"""

import datetime
import random
import statistics
import time

from benchmarks.common import median_ms, timed, zone_configuration

YEAR = 2025
DEPARTMENTS = (
    "政务服务局",
    "经济发展局",
    "科技创新局",
    "建设局",
    "财政局",
    "人社局",
    "自然资源局",
    "应急管理局",
)
PREFIX = "随州诉求基准企业"


def populate_firms(firms: int, rng) -> list[int]:
    from gaoxin.core import uscc
    from gaoxin.enterprises.models import Enterprise

    codes: set[str] = set(Enterprise.objects.values_list("uscc", flat=True))
    new = []
    while len(new) < firms:
        code = uscc.generate(rng, "421303")
        if code not in codes:
            codes.add(code)
            new.append(Enterprise(name=f"{PREFIX}{len(new):05d}有限公司", uscc=code))
    Enterprise.objects.bulk_create(new, batch_size=2000)
    return list(
        Enterprise.objects.filter(name__startswith=PREFIX).order_by("pk").values_list("pk", flat=True)
    )


def departments(zone) -> list:
    from gaoxin.portal.models import RequestCategory
    from gaoxin.zone.models import Department

    found = [Department.objects.get_or_create(zone=zone, name=name)[0] for name in DEPARTMENTS]
    for n, category in enumerate(RequestCategory.objects.order_by("pk")):
        category.department = found[n % len(found)]
        category.save()
    return found


def one(rng, work, firm_id, category, department, day, events):
    """A request taken as far as its age allows, and its steps (the demo's shape)."""
    from gaoxin.portal.models import FirmRequest, RequestEvent

    S = FirmRequest.Status
    req = FirmRequest(
        enterprise_id=firm_id, category=category, title="用工需求对接", text="请协调解决。", raised_on=day,
        department=department, routed_on=day, accept_due=work.add_working_days(day, category.accept_workdays),
    )  # fmt: skip
    steps = [("submit", day, "", S.SUBMITTED)]
    accept_on = work.add_working_days(day, category.accept_workdays + (2 if rng.random() < 0.15 else 0))
    if accept_on < EVALUATION_DAY:
        req.status, req.accepted_on = S.ACCEPTED, accept_on
        req.handle_due = work.add_working_days(accept_on, category.handle_workdays)
        steps.append(("accept", accept_on, S.SUBMITTED, S.ACCEPTED))
        answer_on = work.add_working_days(
            accept_on, max(0, category.handle_workdays + rng.choice((-2, 0, 0, 1, 3)))
        )
        if answer_on < EVALUATION_DAY:
            req.status, req.answered_on, req.answer = S.ANSWERED, answer_on, "已办理。"
            steps.append(("answer", answer_on, S.ACCEPTED, S.ANSWERED))
            if rng.random() < 0.06:
                req.reopen_count = 1
            rate_on = work.add_working_days(answer_on, 2)
            if rate_on < EVALUATION_DAY:
                req.status, req.closed_on = S.CLOSED, rate_on
                req.rating = rng.choice(("satisfied", "satisfied", "satisfied", "mostly", "unsatisfied"))
                steps.append(("rate", rate_on, S.ANSWERED, S.CLOSED))
    events.append(
        [
            RequestEvent(action=a, day=d, from_status=f, to_status=t, department=department)
            for a, d, f, t in steps
        ]
    )
    return req


EVALUATION_DAY = datetime.date(YEAR, 12, 31)


def populate_requests(ids, requests: int, rng, depts) -> dict:
    """``requests`` requests: firm ``ids[0]`` gets 30, ``ids[1]`` one; the last department three."""
    from gaoxin.portal.models import FirmRequest, RequestCategory
    from gaoxin.zone.workdays import calendar

    work = calendar()
    days = [
        d
        for d in (datetime.date(YEAR, 1, 2) + datetime.timedelta(n) for n in range(350))
        if work.is_workday(d)
    ]
    categories = [c for c in RequestCategory.objects.select_related("department") if c.department_id]
    busy = [c for c in categories if c.department_id != depts[-1].pk]
    quiet = [c for c in categories if c.department_id == depts[-1].pk]
    rows, events = [], []
    for n in range(requests):
        firm = ids[0] if n < 30 else ids[1] if n == 30 else ids[2 + n % (len(ids) - 2)]
        category = quiet[0] if n in (40, 41, 42) else busy[n % len(busy)]
        rows.append(one(rng, work, firm, category, category.department, rng.choice(days), events))
    FirmRequest.objects.bulk_create(rows, batch_size=5000)
    from gaoxin.portal.models import RequestEvent

    flat = []
    for req, steps in zip(rows, events, strict=True):
        for e in steps:
            e.request_id = req.pk
            flat.append(e)
    RequestEvent.objects.bulk_create(flat, batch_size=10000)
    return {"requests": len(rows), "events": len(flat)}


def naive_scores(year: int, months=range(1, 13)) -> dict:
    """The peer: one queryset per department and month, each request a model instance, the
    working days counted by the module-level calendar functions."""
    from gaoxin.portal.models import FirmRequest
    from gaoxin.portal.scores import DepartmentScore
    from gaoxin.zone import workdays
    from gaoxin.zone.models import Department

    out = {}
    for month in months:
        start = datetime.date(year, month, 1)
        end = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
        for d in Department.objects.all():
            s = DepartmentScore(d.pk, d.name)
            for r in FirmRequest.objects.filter(department=d, routed_on__range=(start, end)):
                s.received += 1
                if r.accepted_on:
                    s.accepted += 1
                    s.accepted_on_time += r.accepted_on <= r.accept_due
                    s.acceptance_days.append(workdays.working_days_between(r.routed_on, r.accepted_on))
                if r.answered_on and r.status in ("answered", "closed"):
                    s.answered += 1
                    s.answered_on_time += bool(r.handle_due) and r.answered_on <= r.handle_due
                    s.reopened += r.reopen_count > 0
                if r.closed_on:
                    s.closed += 1
                    s.closure_days.append(workdays.working_days_between(r.raised_on, r.closed_on))
                s.satisfied += r.rating == "satisfied"
                s.mostly += r.rating == "mostly"
                s.unsatisfied += r.rating == "unsatisfied"
            out[(month, d.pk)] = s
    return out


def ours_scores(year: int) -> dict:
    from gaoxin.portal.scores import department_scores

    return {(month, s.department_id): s for month in range(1, 13) for s in department_scores(year, month)}


def figures(s) -> tuple:
    return (
        s.received, s.accepted_on_time, s.answered_on_time, s.satisfied, s.mostly, s.unsatisfied, s.reopened,
        s.acceptance_median, s.acceptance_mean, s.closure_median, s.closure_mean,
    )  # fmt: skip


def page(client, url: str, repeat: int) -> tuple[float, int]:
    """(median ms, queries of one request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, HTTP_HOST="127.0.0.1")  # warm: templates, permissions
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url, HTTP_HOST="127.0.0.1")
        samples.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_HOST="127.0.0.1")
    return median_ms(samples), len(queries)


def clients(depts, ids):
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from gaoxin.enterprises.models import EnterpriseUser

    made = {}
    for name, dept in (("busy", depts[0]), ("quiet", depts[-1])):
        user, _ = User.objects.get_or_create(
            username=f"bench-clerk-{name}", defaults={"first_name": f"{dept.name}职员"}
        )
        user.groups.add(Group.objects.get(name="clerk"))
        dept.members.add(user)
        made[f"clerk-{name}"] = user
    for name, firm in (("busy", ids[0]), ("quiet", ids[1])):
        user, _ = User.objects.get_or_create(username=f"bench-firm-{name}")
        user.groups.add(Group.objects.get(name="enterprise"))
        EnterpriseUser.objects.get_or_create(
            user=user, defaults={"enterprise_id": firm, "is_firm_admin": True}
        )
        made[f"firm-{name}"] = user
    made["admin"] = User.objects.get(username="admin")
    out = {}
    for key, user in made.items():
        out[key] = Client()
        out[key].force_login(user)
    return out


def row(name, size, ours, peer, queries, goal_ms, named):
    constant = queries[0] == queries[1]
    return {
        "name": name,
        "size": size,
        "ours": round(ours, 1),
        "peer": None if peer is None else round(peer, 1),
        "ratio": None if peer is None else round(peer / ours, 2),
        "unit": f"ms ({queries[0]}/{queries[1]} q)",
        "goal": f"< {goal_ms}, same q",
        "met": named and ours < goal_ms and constant,
    }


def bench_portal(firms: int = 10_000, requests: int = 100_000, repeat: int = 20) -> list[dict]:
    from django.contrib import admin

    from gaoxin.portal.models import FirmRequest
    from gaoxin.zone.models import Zone

    zone_configuration()
    rng = random.Random(15)
    ids = populate_firms(firms, rng)
    depts = departments(Zone.objects.first())
    made = populate_requests(ids, requests, rng, depts)
    size = f"{len(ids)} firms, {made['requests']} requests"
    c = clients(depts, ids)

    class PlainRequestAdmin(admin.ModelAdmin):
        list_display = ("title", "enterprise", "category", "department", "status", "raised_on")
        list_filter = ("status", "department")

    if not admin.site.is_registered(FirmRequest):
        admin.site.register(FirmRequest, PlainRequestAdmin)
    busy, quiet = depts[0].pk, depts[-1].pk
    peer, _ = page(c["admin"], f"/admin/portal/firmrequest/?department__id__exact={busy}", repeat)
    dept_page = page(c["clerk-busy"], f"/portal/requests/?department={busy}", repeat)
    dept_quiet = page(c["clerk-quiet"], f"/portal/requests/?department={quiet}", 3)
    dept_api = page(c["clerk-busy"], f"/api/requests/?department={busy}&page_size=25", repeat)
    dept_api_quiet = page(c["clerk-quiet"], f"/api/requests/?department={quiet}&page_size=25", 3)
    firm_page = page(c["firm-busy"], "/portal/requests/", repeat)
    firm_quiet = page(c["firm-quiet"], "/portal/requests/", 3)
    firm_api = page(c["firm-busy"], "/api/requests/?page_size=25", repeat)
    firm_api_quiet = page(c["firm-quiet"], "/api/requests/?page_size=25", 3)
    named = (firms, requests) == (10_000, 100_000)  # the goals are judged at the named sizes only
    out = [
        row(
            "department's request list page (25 rows)",
            size,
            dept_page[0],
            peer,
            (dept_page[1], dept_quiet[1]),
            150,
            named,
        ),
        row(
            "department's /api/requests/ (25 rows)",
            size,
            dept_api[0],
            peer,
            (dept_api[1], dept_api_quiet[1]),
            150,
            named,
        ),
        row("firm's request list page", size, firm_page[0], peer, (firm_page[1], firm_quiet[1]), 150, named),
        row("firm's /api/requests/", size, firm_api[0], peer, (firm_api[1], firm_api_quiet[1]), 150, named),
    ]
    runs = []
    for _ in range(5):
        seconds, ours = timed(ours_scores, YEAR)
        runs.append(seconds)
    peer_s, naive = timed(naive_scores, YEAR)
    assert {k: figures(v) for k, v in ours.items()} == {k: figures(v) for k, v in naive.items()}
    best = statistics.median(runs)
    out.append(
        {
            "name": "department scores for a year (12 months, vs ORM loop)",
            "size": f"{made['requests']} requests, {len(depts)} departments",
            "ours": round(best, 3),
            "peer": round(peer_s, 2),
            "ratio": round(peer_s / best, 1),
            "unit": "s",
            "goal": "ours < 1",
            "met": named and best < 1,
        }
    )
    return out
