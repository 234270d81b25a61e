"""The demo zone carries the report's figures exactly, every run the same."""

import datetime
import io
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.management import call_command

from gaoxin.core import uscc
from gaoxin.core.models import ObjectChange
from gaoxin.demo.generator import DemoZone
from gaoxin.enterprises import selectors
from gaoxin.enterprises.models import Enterprise
from gaoxin.zone.models import LeadIndustry, Park

YEAR_END = datetime.date(2024, 12, 31)


def test_demo_zone_matches_the_report(db):
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "gaoxin2025" in out.getvalue()
    counts = {
        code: selectors.count_valid(code, YEAR_END)
        for code in ("high_tech", "tech_sme", "little_giant_provincial", "little_giant_national", "gazelle")
    }
    assert counts == {
        "high_tech": 260,
        "tech_sme": 553,
        "little_giant_provincial": 95,
        "little_giant_national": 12,
        "gazelle": 10,
    }
    output = selectors.above_scale_output(2024)
    assert (output["output"], output["high_tech"]) == (Decimal("1910700"), Decimal("1433000"))
    assert output["high_tech"] / output["output"] * 100 > Decimal("74.99")
    assert [p.name for p in Park.objects.all()] == [
        "城东园区",
        "城北园区",
        "青春化工工业园",
        "随州大数据产业园",
    ]
    assert [li.name for li in LeadIndustry.objects.all()] == [
        "精细化工",
        "新能源新材料",
        "高端装备制造",
        "生物医药",
        "电子信息",
    ]
    for name in (
        "齐星集团",
        "齐星车辆",
        "晶星科技",
        "斯诺",
        "晶源现代农业",
        "中盐红色经典",
        "国能长源随州发电",
    ):
        assert Enterprise.objects.filter(name=name).exists(), name
    assert not Enterprise.objects.filter(is_demo=False).exists()
    assert all(uscc.check(code).ok for code in Enterprise.objects.values_list("uscc", flat=True))
    assert not Enterprise.objects.filter(region__isnull=True).exists()
    assert set(User.objects.values_list("username", flat=True)) >= {
        "admin",
        "leader",
        "clerk",
        "firm",
        "auditor",
    }
    assert User.objects.get(username="firm").enterprise_binding.enterprise.name == "齐星车辆"
    assert ObjectChange.objects.filter(source="import", user_name="admin").count() > 5000

    # Running it twice is harmless.
    changes = ObjectChange.objects.count()
    call_command("demo", "--no-serve", stdout=io.StringIO())
    assert Enterprise.objects.count() == 1107
    assert ObjectChange.objects.count() == changes
    assert User.objects.get(username="clerk").check_password("gaoxin2025")


def test_generator_is_deterministic():
    first, second = DemoZone().build(), DemoZone().build()
    assert [f.uscc for f in first.firms] == [f.uscc for f in second.firms]
    assert [f.facts for f in first.firms[:50]] == [f.facts for f in second.firms[:50]]
