"""The demo's 大走访 (gaoxin/demo/visits.py) on a small zone: four monthly plans of 12 firms,
visits with flags, plan lines left for the 待办, three requests from visits — the same on
every load."""

import datetime

from gaoxin.demo import visits as demo_visits
from gaoxin.portal.models import FirmRequest, RequestCategory
from gaoxin.visits.models import Visit, VisitPlan, VisitRequest
from gaoxin.visits.todo import todo_overdue_visits
from gaoxin.zone.models import Department
from tests.factories import make_enterprise


def small_zone(world):
    for n in range(50):
        make_enterprise(f"示例企业{n:02d}有限公司", 100 + n, park=world.park)
    for _month, name, _note in demo_visits.PLANS:
        dept = Department.objects.create(zone=world.zone, name=name)
        dept.members.add(world.clerk)
    for category in RequestCategory.objects.all():
        category.department = Department.objects.get(name="经济发展局")
        category.save()


def snapshot():
    return sorted(
        (v.enterprise.name, v.visited_on, v.flag_expansion, v.flag_risk, v.flag_relocation)
        for v in Visit.objects.select_related("enterprise")
    )


def test_the_demo_plans_visits_flags_and_requests(world):
    small_zone(world)
    result = demo_visits.load(world.admin)
    assert result == {"plans": 4, "visits": 40, "requests_from_visits": 3}
    assert VisitPlan.objects.filter(starts_on__month__in=[3, 4, 5, 6], year=2025).count() == 4
    assert sum(p.firms.count() for p in VisitPlan.objects.all()) == 48
    assert Visit.objects.filter(flag_expansion=True).exists()
    assert Visit.objects.filter(flag_risk=True).exists()
    assert Visit.objects.filter(flag_relocation=True).exists()
    assert FirmRequest.objects.filter(source="visit").count() == VisitRequest.objects.count() == 3
    assert todo_overdue_visits(world.clerk, datetime.date(2025, 7, 1), 5).count == 8
    first = snapshot()
    demo_visits.reset()
    FirmRequest.objects.all().delete()
    demo_visits.load(world.admin)
    assert snapshot() == first
