"""The visits' lists, 走访发现, the enterprise tab and the API read in a number of queries that
does not grow with the rows."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import make_enterprise

from .helpers import department, leader, plan, visit


def some_visits(world, count, start):
    dept, lead = department(world, "投资促进局"), leader(world, "王强")
    firms = [make_enterprise(f"走访企业{start + n}", 500 + start + n) for n in range(count)]
    made = plan(firms, dept=dept, leader_=lead, name=f"计划{start}")
    for n, firm in enumerate(firms):
        visit(
            firm,
            day=datetime.date(2025, 3, 2 + n % 20),
            plan=made,
            department=dept,
            leader=lead,
            answers={"expansion": "yes", "risk": "yes" if n % 2 else "no"},
        )


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_pages_and_the_api_read_in_fixed_queries(client, world):
    client.force_login(world.clerk)
    api = APIClient()
    api.force_authenticate(world.clerk)
    calls = {
        "visits": lambda: client.get(reverse("visits:visit_list")),
        "findings": lambda: client.get(reverse("visits:finding_list")),
        "plans": lambda: client.get(reverse("visits:visitplan_list")),
        "api visits": lambda: api.get("/api/visits/"),
        "api plans": lambda: api.get("/api/visit-plans/"),
    }
    some_visits(world, 2, 0)
    for call in calls.values():
        call()  # warm: permissions, discovery
    few = {name: queries_of(call) for name, call in calls.items()}
    some_visits(world, 12, 100)
    many = {name: queries_of(call) for name, call in calls.items()}
    assert many == few
