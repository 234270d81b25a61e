"""The demo's investment attraction carries the report's figures exactly (seed-facts §2, §7)
and chain coverage of every kind; the 铜箔 node has no local firm and ≥40 classified
registry companies (the demo walk).

Loaded on the demo zone's configuration, registry and personas (no economy, no projects),
which keeps this fast."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db.models import Q, Sum

from gaoxin.attraction.models import Activity, Lead, ScreeningStandard, Signing
from gaoxin.chains.models import ChainNode, CompanyMatch, NodeEnterprise, RegistryCompany, Target
from gaoxin.chains.services import coverage
from gaoxin.core import uscc
from gaoxin.core.context import change_context
from gaoxin.core.models import ObjectChange
from gaoxin.demo import attraction as demo_attraction
from gaoxin.demo import generator, loader
from gaoxin.goals.models import Goal
from gaoxin.reference.models import Industry, Region
from gaoxin.zone.models import Department

FLAGS = Q(fortune_global_500=True) | Q(fortune_china_500=True) | Q(listed=True)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            admin = User.objects.create_superuser("admin")
            with change_context(user=admin, source=ObjectChange.Source.SYSTEM, message="加载演示数据"):
                loader.load_configuration()
                generator.load_registry(admin)
                loader.ensure_personas()
                counts = demo_attraction.load(admin)
            yield counts
            transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def test_signings_2024_match_the_report(loaded):
    signed = Signing.objects.investments().filter(contract_date__year=2024)
    verified = signed.filter(status=Signing.Status.VERIFIED)
    assert signed.count() == verified.count() == 56
    assert verified.aggregate(s=Sum("amount"))["s"] == Decimal("4870000")
    assert verified.filter(FLAGS).count() == 5
    assert Activity.objects.filter(date__year=2024).exclude(region__code="overseas").count() >= 60
    # 晶源现代农业's 1.4 亿美元 order: an export order in dollars, no promotion activity.
    order = Signing.objects.get(kind=Signing.Kind.TRADE_ORDER)
    assert (order.amount, order.currency, order.enterprise.name) == (Decimal(14000), "USD", "晶源现代农业")
    assert not Activity.objects.filter(title__contains="晶源").exists()
    assert Activity.objects.filter(region__isnull=True, date__year=2024).count() == 0


def test_signings_2025_partly_meet_the_goals(loaded):
    verified = Signing.objects.filter(
        contract_date__range=(datetime.date(2025, 1, 1), datetime.date(2025, 9, 30)),
        status=Signing.Status.VERIFIED,
    )

    def tier(minimum):
        return verified.filter(amount__gte=minimum)

    assert tier(10000).count() == 30
    assert tier(10000).aggregate(s=Sum("amount"))["s"] == Decimal("2600000")
    assert (tier(100000).count(), tier(300000).count(), tier(500000).count()) == (6, 2, 1)
    assert Signing.objects.filter(contract_date__year=2025, status=Signing.Status.REPORTED).exists()
    assert all(s.verified_by_id != s.reported_by_id for s in verified)
    goals = {g.code: (g.metric, g.params, g.target, g.unit) for g in Goal.objects.filter(year=2025)}
    assert goals == {
        "signings_1yi_count": ("signings_count", {"min_amount": 10000}, Decimal(50), "个"),
        "signings_1yi_amount": ("signings_amount", {"min_amount": 10000}, Decimal(400), "亿元"),
        "signings_10yi_count": ("signings_count", {"min_amount": 100000}, Decimal(10), "个"),
        "signings_30yi_count": ("signings_count", {"min_amount": 300000}, Decimal(3), "个"),
        "signings_50yi_count": ("signings_count", {"min_amount": 500000}, Decimal(2), "个"),
    }


def test_pipeline_covers_every_stage_and_has_overdue_leads(loaded):
    from gaoxin.attraction import services_leads

    stages = set(Lead.objects.values_list("stage", flat=True))
    assert stages == {
        "clue", "contact", "inspection", "negotiation", "signed", "registered",
        "started", "production", "shelved", "terminated",
    }  # fmt: skip
    overdue = services_leads.overdue_leads(Lead.objects.all(), datetime.date(2025, 9, 30))
    assert 0 < overdue.count() < Lead.objects.count()
    standards = ScreeningStandard.objects.filter(valid_from=2025)
    assert standards.count() == 5
    assert all(s.is_example and s.note == "示例数值，文中未给出345标准的具体数值" for s in standards)


def test_chain_nodes_and_coverage(loaded):
    nodes = list(ChainNode.objects.select_related("chain"))
    assert 60 <= len(nodes) <= 80
    classes = {c for n in nodes for c in n.industry_codes.split(",")}
    assert classes <= set(Industry.objects.filter(level="class").values_list("code", flat=True))
    statuses = {item.status for item in coverage([n.pk for n in nodes]).values()}
    assert statuses == {"strong", "weak", "gap", "no_target"}
    copper = ChainNode.objects.get(chain__code="lithium", name="铜箔")
    assert not NodeEnterprise.objects.filter(node=copper, confirmed=True).exists()
    assert not Target.objects.filter(node=copper).exists()
    assert coverage([copper.pk])[copper.pk].status == "gap"
    matched = CompanyMatch.objects.filter(node=copper)
    assert matched.count() >= 40
    assert all("铜箔" in m.words for m in matched)
    # The excluded keywords keep the look-alikes (铜箔胶带) off the node.
    assert not matched.filter(company__products__contains="铜箔胶带").exists()
    for name in ("晶星科技", "斯诺", "齐星车辆"):
        assert NodeEnterprise.objects.filter(enterprise__name=name, confirmed=True).exists(), name


def test_registry_and_clerk(loaded):
    assert RegistryCompany.objects.count() == demo_attraction.REGISTRY_SIZE
    sample = RegistryCompany.objects.order_by("pk")[:200]
    assert all(uscc.check(c.uscc).ok for c in sample)
    assert all(100 <= len(c.scope) <= 300 for c in sample)
    regions = set(RegistryCompany.objects.values_list("region_code", flat=True))
    assert regions <= set(Region.objects.values_list("code", flat=True))
    assert Department.objects.get(name="投资促进局").members.filter(username="clerk").exists()
    assert ObjectChange.objects.filter(content_type__model="signing").count() == Signing.objects.count()


def test_demo_fixed_assets_and_funds_are_synthetic_and_sensible(loaded):
    from gaoxin.attraction import services_signings
    from gaoxin.attraction.models import SigningFunding

    signings = list(Signing.objects.investments())  # an export order brings no fixed assets
    assert all(s.fixed_asset_investment == (s.amount * Decimal("0.8")).quantize(Decimal(1)) for s in signings)
    results = {
        services_signings.screen_signing(s).criteria[0].result
        for s in signings
        if s.contract_date.year == 2025 and s.status == Signing.Status.VERIFIED
    }
    assert results == {"pass", "fail"}  # 80 % of the contract per 亩: some pass, some fail
    rows = SigningFunding.objects.all()
    assert rows.filter(signing__contract_date__year=2024).exists()
    assert rows.filter(signing__contract_date__year=2025).exists()
    foreign = rows.filter(foreign_usd__gt=0)
    assert set(foreign.filter(year=2024).values_list("usd_rate", flat=True)) == {Decimal("7.1884")}
    assert all(r.foreign_cny == (r.foreign_usd * r.usd_rate).quantize(Decimal("0.0001")) for r in foreign)
    assert not rows.exclude(signing__status=Signing.Status.VERIFIED).exists()
    assert not rows.filter(year=2025, month__gt=9).exists()
