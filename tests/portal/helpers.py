import datetime

from gaoxin.core.testing import make_user
from gaoxin.enterprises.models import EnterpriseUser
from gaoxin.portal import services
from gaoxin.portal.models import RequestCategory
from gaoxin.zone.models import Department, Leader

D = datetime.date
RAISED = D(2025, 9, 30)


def department(world, name="政务服务局", *members):
    found, _ = Department.objects.get_or_create(zone=world.zone, name=name)
    found.members.add(*members)
    return found


def category(world, code="govservice", dept=None, leader=None):
    """A seeded category routed to a department (政务服务: accept 1, handle 5 working days)."""
    found = RequestCategory.objects.get(code=code)
    found.department = dept or department(world, "政务服务局", world.clerk)
    found.leader = leader
    found.save()
    return found


def leader(world, user=None):
    return Leader.objects.create(
        zone=world.zone, name="王强", title="管委会副主任", user=user or world.leader
    )


def firm_colleague(world, username="firm_a_2", enterprise=None, **rights):
    user = make_user(username, "enterprise")
    EnterpriseUser.objects.create(user=user, enterprise=enterprise or world.firm_a, **rights)
    return user


def firm_b_user(world, username="firm_b"):
    return firm_colleague(world, username, world.firm_b, is_firm_admin=True)


def raise_request(world, day=RAISED, cat=None, user=None, enterprise=None, title="营业执照变更咨询"):
    return services.request_raise(
        user=user or world.firm_user,
        enterprise=enterprise or world.firm_a,
        category=cat or category(world),
        title=title,
        text="企业名称变更后，需同步变更哪些证照？",
        day=day,
    )
