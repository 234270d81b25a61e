"""一企一档 and the lead page in a real browser (Debian chromium via Playwright): firm A's user
walks its own tabs (monthly values as a table with units) and finds firm B's page missing; the
clerk opens a lead whose move form offers the next stage, under a white-on-red 逾期 badge."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.attraction import services_leads
from gaoxin.indicators.models import Indicator, Observation
from gaoxin.zone.models import Department, Zone
from tests.browser import chromium, own_live_server, sign_in
from tests.factories import make_project
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def scene(live_server):
    world = build_world()
    Zone.objects.filter(pk=world.zone.pk).update(reference_date=datetime.date(2025, 9, 30))
    output = Indicator.objects.create(code="output", name="规模以上工业总产值", unit="万元", kind="level")
    for month, value in ((7, "1000"), (8, "1234.5")):
        Observation.objects.create(
            indicator=output,
            scope="enterprise",
            enterprise=world.firm_a,
            year=2025,
            month=month,
            value=Decimal(value),
        )
    make_project(world, world.firm_a)
    invest = Department.objects.create(zone=world.zone, name="招商局")
    invest.members.add(world.clerk)
    world.lead = services_leads.lead_create(
        user=world.clerk,
        company_name="常州成禾新材料有限公司",
        stage_since=datetime.date(2025, 9, 1),
        department=invest,
    )
    return world


def test_the_firm_walks_its_tabs_and_the_clerk_reads_a_lead(live_server, scene):
    url = live_server.url
    with chromium() as browser:
        firm = sign_in(browser, live_server, "firm_a")
        firm.goto(url + reverse("enterprises:enterprise_detail", args=[scene.firm_a.pk]))
        tabs = [" ".join(t.split()) for t in firm.locator(".nav-tabs .nav-link").all_inner_texts()]
        assert tabs == [
            "基本信息",
            "资质 0",
            "年度经营数据 0",
            "知识产权 0",
            "股权融资 0",
            "月度数据 2",
            "重点项目 1",
            "培育 0",
            "创新积分 0",
            "资金拨付 0",
            "土地 0",
            "惠企政策 0",
        ]
        firm.click(".nav-tabs >> text=月度数据")
        table = firm.inner_text("[data-testid=monthly]")
        assert "规模以上工业总产值" in table and "万元" in table and "1,234.5" in table
        response = firm.goto(url + reverse("enterprises:enterprise_detail", args=[scene.firm_b.pk]))
        assert response.status == 404

        clerk = sign_in(browser, live_server, "clerk")
        clerk.goto(url + reverse("attraction:lead_detail", args=[scene.lead.pk]))
        assert clerk.locator("#id_to_stage").input_value() == "contact"  # 线索 → 接洽, forward
        badge = clerk.locator("[data-testid=overdue-badge]")
        text, background = badge.evaluate(
            "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
        )
        # near white (L 0.985) on Tabler's red (L 0.583, #d63939): 4.6:1, not red on red
        assert (lightness(text), lightness(background)) == (0.9851, 0.5829)


def lightness(colour: str) -> float:
    """The L of a CSS ``oklch(L C H)`` or ``oklab(L a b)`` colour, as Chromium reports Tabler's."""
    return float(colour.split("(")[1].split()[0])
