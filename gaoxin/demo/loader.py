"""Create the demo zone's configuration, its registry and the demo personas."""

from django.contrib.auth.models import Group, User
from django.db import transaction

from gaoxin.core.context import change_context
from gaoxin.core.models import Job, ObjectChange, Tag, UserPreference
from gaoxin.enterprises.models import Enterprise, EnterpriseUser
from gaoxin.goals.models import Goal
from gaoxin.indicators.models import Aggregate, DataSet, Indicator, Observation, Submission, Target
from gaoxin.zone.models import Department, Leader, LeadIndustry, Park, Zone

from . import attraction as demo_attraction
from . import cultivation as demo_cultivation
from . import economy, generator
from . import land as demo_land
from . import points as demo_points
from . import policies as demo_policies
from . import portal as demo_portal
from . import projects as demo_projects
from . import talent as demo_talent
from . import visits as demo_visits

PASSWORD = "gaoxin2025"
PERSONAS = [
    # username, name, role group, superuser, description
    ("admin", "系统管理员", None, True, "administrator: everything, incl. deletions and settings"),
    ("leader", "管委会领导（演示）", "leader", False, "zone leader: reads everything"),
    ("clerk", "经发局工作人员（演示）", "clerk", False, "department staff: edits the registers, imports"),
    (
        "firm",
        "齐星车辆联络员（演示）",
        "enterprise",
        False,
        "enterprise user bound to 齐星车辆: sees only it",
    ),
    (
        "auditor",
        "审计人员（演示）",
        "auditor",
        False,
        "auditor: reads everything incl. the audit log, changes nothing",
    ),
]
FIRM_OF_DEMO_USER = "齐星车辆"


def demo_loaded() -> bool:
    return Zone.objects.filter(is_demo=True).exists()


def reset() -> None:
    """Remove what the demo created (registry, zone configuration, personas, logs).
    Reference tables and qualification types stay: they are migrations' data."""
    with transaction.atomic():
        demo_visits.reset()
        demo_portal.reset()
        demo_talent.reset()
        demo_land.reset()
        demo_points.reset()
        demo_policies.reset()
        demo_attraction.reset()
        demo_cultivation.reset()
        demo_projects.reset()
        ObjectChange.objects.all().delete()
        Job.objects.all().delete()
        Goal.objects.all().delete()
        Aggregate.objects.all().delete()
        Observation.objects.all().delete()
        Submission.objects.all().delete()
        Target.objects.all().delete()
        DataSet.objects.all().delete()
        Indicator.objects.filter(kind="ratio").delete()
        Indicator.objects.all().delete()
        Enterprise.objects.all().delete()
        Tag.objects.all().delete()
        Leader.objects.all().delete()
        Department.objects.all().delete()
        Park.objects.all().delete()
        LeadIndustry.objects.all().delete()
        Zone.objects.all().delete()
        UserPreference.objects.all().delete()
        User.objects.filter(username__in=[p[0] for p in PERSONAS]).delete()


def ensure_personas() -> dict[str, User]:
    users = {}
    for username, name, role, superuser, _description in PERSONAS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name = name
        user.is_superuser = user.is_staff = superuser
        user.set_password(PASSWORD)
        user.save()
        if role:
            user.groups.set([Group.objects.get(name=role)])
        users[username] = user
    firm = Enterprise.objects.filter(name=FIRM_OF_DEMO_USER).first()
    if firm is not None:
        EnterpriseUser.objects.update_or_create(
            user=users["firm"], defaults={"enterprise": firm, "is_firm_admin": True}
        )
    return users


def load_configuration() -> Zone:
    from gaoxin.reference.models import Region

    spec = generator.ZONE
    zone = Zone.objects.create(
        name=spec["name"],
        short_name=spec["short_name"],
        level=spec["level"],
        is_demo=True,
        region=Region.objects.filter(pk=spec["region"]).first(),
        description="演示区：数据依据随州高新区2024年工作报道构建，报道未给出的企业与数值为合成数据。",
    )
    for order, (name, code, kind, description) in enumerate(generator.PARKS, start=1):
        Park.objects.create(
            zone=zone, name=name, code=code, kind=kind, description=description, sort_order=order
        )
    for order, (code, name) in enumerate(generator.LEAD_INDUSTRIES, start=1):
        LeadIndustry.objects.create(zone=zone, code=code, name=name, sort_order=order)
    for order, (name, short) in enumerate(generator.DEPARTMENTS, start=1):
        Department.objects.create(zone=zone, name=name, short_name=short, sort_order=order)
    return zone


def load(stdout=None) -> dict:
    """Load the whole demo zone (configuration, registry, personas) in one go."""
    admin, _ = User.objects.get_or_create(username="admin", defaults={"is_superuser": True, "is_staff": True})
    with change_context(user=admin, source=ObjectChange.Source.SYSTEM, message="加载演示数据"):
        with transaction.atomic():
            zone = load_configuration()
            results = generator.load_registry(admin)
        users = ensure_personas()
        Leader.objects.get_or_create(
            zone=zone, name="管委会主任（演示）", defaults={"title": "管委会主任", "user": users["leader"]}
        )
        clerk_department = Department.objects.get(name="经济发展局")
        clerk_department.members.add(users["clerk"])
        with transaction.atomic():
            results["economy"] = economy.load(admin)
            results["projects"] = demo_projects.load(admin)
            results["attraction"] = demo_attraction.load(admin)
            results["cultivation"] = demo_cultivation.load(users["clerk"])
            results["points"] = demo_points.load(admin)
            results["policies"] = demo_policies.load(admin)
            results["talent"] = demo_talent.load(admin)
            results["portal"] = demo_portal.load(admin)
            results["land"] = demo_land.load(admin)
            results["visits"] = demo_visits.load(admin)
            demo_land.load_goal(clerk_department, Leader.objects.filter(zone=zone).first())
    return results
