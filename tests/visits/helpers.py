import datetime

from gaoxin.portal.models import RequestCategory
from gaoxin.visits.models import Visit, VisitPlan, VisitQuestion
from gaoxin.zone.models import Department, Leader

D = datetime.date
MARCH_1, MARCH_31, MARCH_12 = D(2025, 3, 1), D(2025, 3, 31), D(2025, 3, 12)


def department(world, name="投资促进局", *members):
    found, _ = Department.objects.get_or_create(zone=world.zone, name=name)
    found.members.add(*members)
    return found


def leader(world, name="王强", user=None):
    return Leader.objects.get_or_create(
        zone=world.zone, name=name, defaults={"title": "管委会副主任", "user": user}
    )[0]


def plan(firms, dept=None, leader_=None, start=MARCH_1, end=MARCH_31, name=None, **fields):
    made = VisitPlan.objects.create(
        name=name or f"2025年大走访 {start:%m}月 {VisitPlan.objects.count() + 1}",
        year=start.year,
        starts_on=start,
        ends_on=end,
        department=dept,
        leader=leader_,
        **fields,
    )
    made.firms.set(firms)
    return made


def visit(enterprise, day=MARCH_12, answers=None, **fields):
    made = Visit(enterprise=enterprise, visited_on=day, answers=answers or {}, **fields)
    made.full_clean()
    made.save()
    return made


def routed_category(world, code="land", dept=None):
    found = RequestCategory.objects.get(code=code)
    found.department = dept or department(world, "建设局", world.clerk)
    found.save()
    return found


def question(code):
    return VisitQuestion.objects.get(code=code)
