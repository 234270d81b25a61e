"""The people and places most tests need (Healthchecks-style personas): a zone with two
parks, firm A and firm B, and one user per role. Lives under tests/ because it needs the
domain models, which ``core`` does not know."""

from dataclasses import dataclass

from django.contrib.auth.models import User

from gaoxin.core.testing import make_user
from gaoxin.enterprises.models import EnterpriseUser
from gaoxin.zone.models import LeadIndustry, Park, Zone

from .factories import make_enterprise


@dataclass
class World:
    """The personas; ``firm_user`` is the enterprise user bound to firm A."""

    zone: object
    park: object
    park2: object
    lead: object
    firm_a: object
    firm_b: object
    leader: User
    clerk: User
    firm_user: User  # enterprise user bound to firm A
    auditor: User
    admin: User
    outsider: User  # signed in, no role


def build_world() -> World:
    zone = Zone.objects.create(name="测试高新区", short_name="测试区")
    park = Park.objects.create(zone=zone, name="城东园区", code="east", sort_order=1)
    park2 = Park.objects.create(zone=zone, name="城北园区", code="north", sort_order=2)
    lead = LeadIndustry.objects.create(zone=zone, code="new_energy_materials", name="新能源新材料")
    firm_a = make_enterprise("甲企业有限公司", 1, park=park, lead_industry=lead)
    firm_b = make_enterprise("乙企业有限公司", 2, park=park2)
    firm_user = make_user("firm_a", "enterprise")
    EnterpriseUser.objects.create(user=firm_user, enterprise=firm_a, is_firm_admin=True)  # its administrator
    return World(
        zone=zone,
        park=park,
        park2=park2,
        lead=lead,
        firm_a=firm_a,
        firm_b=firm_b,
        leader=make_user("leader", "leader"),
        clerk=make_user("clerk", "clerk"),
        firm_user=firm_user,
        auditor=make_user("auditor", "auditor"),
        admin=make_user("admin", superuser=True),
        outsider=make_user("outsider"),
    )
