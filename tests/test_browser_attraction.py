"""The attraction walk of the issue in a real browser (Debian chromium via Playwright):
``clerk`` (招商局) uploads a registry file, finds the copper-foil node without a local firm
but with 40 classified companies and the words that matched, puts three on a target list,
starts a lead, records a visit, moves the lead to 签约 and reports the signing; ``leader``
verifies it; ``clerk`` turns it into a key project; the 2025 signing goal counts one more."""

import datetime
import re

import pytest
from django.urls import reverse

from gaoxin.core.testing import make_uscc
from tests.browser import chromium, own_live_server, sign_in
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = datetime.date


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def scene(live_server, tmp_path):
    """招商局 with the clerk, the 锂电 chain with its 铜箔 node, a registry file of 40
    copper-foil makers and one tape maker, the 2025 goal of 亿元 signings."""
    from gaoxin.chains.models import Chain, ChainNode
    from gaoxin.goals.models import Goal
    from gaoxin.zone.models import Department

    world = build_world()
    world.zone.reference_date = D(2025, 9, 30)
    world.zone.save()
    invest = Department.objects.create(zone=world.zone, name="招商局")
    invest.members.add(world.clerk)
    chain = Chain.objects.create(code="lithium", name="锂电", lead_industry=world.lead)
    foil = ChainNode.objects.create(
        chain=chain,
        code="copper_foil",
        name="铜箔",
        segment="upstream",
        keywords="铜箔、锂电铜箔、电解铜箔",
        excluded_keywords="铜箔胶带",
    )
    lines = ["企业名称,统一社会信用代码,所在地区代码,注册资本（万元）,成立日期,经营范围,主要产品"]
    for i in range(40):
        lines.append(
            f"铜陵示例铜业{i:02d}有限公司,{make_uscc(5000 + i, '340700')},340700,{5000 + i},2015-03-01,"
            f"电解铜箔的研发、生产和销售；锂电铜箔；货物进出口,锂电铜箔"
        )
    lines.append(
        f"示例胶带有限公司,{make_uscc(6000, '320500')},320500,800,2018-01-01,铜箔胶带、绝缘胶带的生产,铜箔胶带"
    )
    path = tmp_path / "registry.csv"
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    goal = Goal.objects.create(
        year=2025,
        code="signings_1yi",
        title="签约亿元以上项目",
        metric="signings_count",
        params={"min_amount": 10000},
        target=50,
        unit="个",
    )
    return {"foil": foil, "path": path, "goal": goal}


@pytest.fixture
def browser(scene):
    with chromium() as browser:
        yield browser


def goal_value(page, url):
    page.goto(url + reverse("goals:cockpit"))
    return page.inner_text("[data-testid=goal-signings_1yi] [data-testid=goal-value]").strip()


def test_clerk_goes_from_an_empty_node_to_a_key_project_and_the_goal_moves(browser, live_server, scene):
    url = live_server.url
    foil = scene["foil"]
    clerk = sign_in(browser, live_server, "clerk")
    before = goal_value(clerk, url)

    # The registry file: 41 rows, all added, the tape maker classified nowhere.
    clerk.goto(url + reverse("chains:registry_import"))
    clerk.set_input_files("[data-testid=registry-import-form] input[type=file]", str(scene["path"]))
    clerk.click("[data-testid=registry-import-form] button[type=submit]")
    summary = clerk.inner_text("[data-testid=registry-summary]")
    assert "41" in summary

    # The node: no confirmed local firm, 40 classified companies and why they matched.
    clerk.goto(url + reverse("chains:node_detail", args=[foil.pk]))
    assert clerk.inner_text("[data-testid=confirmed]").strip() == "0"
    rows = clerk.locator("[data-testid=matches] tbody tr")
    assert rows.count() == 40
    matches = clerk.inner_text("[data-testid=matches]")
    assert "锂电铜箔" in matches and "铜陵示例铜业00有限公司" in matches
    assert "示例胶带有限公司" not in matches

    # A target list of 招商局, then three companies on it from the node page.
    clerk.goto(url + reverse("chains:targetlist_add"))
    clerk.fill("#id_name", "铜箔招商目标")
    clerk.select_option("#id_department", label="招商局")
    with clerk.expect_navigation():
        clerk.click("form.card button[type=submit]")
    assert "铜箔招商目标" in clerk.inner_text("body")
    clerk.goto(url + reverse("chains:node_detail", args=[foil.pk]))
    names = [rows.nth(i).locator("td").first.inner_text() for i in range(3)]
    for i in range(3):
        row = clerk.locator("[data-testid=matches] tbody tr").nth(i)
        row.locator("select[name=target_list]").select_option(label="铜箔招商目标")
        with clerk.expect_navigation():
            row.locator("[data-testid=add-target]").click()
    assert clerk.inner_text("[data-testid=targets]").strip() == "3"
    targets = clerk.inner_text("[data-testid=targets-card]")
    assert all(name.split()[0] in targets for name in names)

    # A lead from the first of them: its page opens.
    clerk.locator("[data-testid=matches] tbody tr").first.locator("[data-testid=start-lead]").click()
    clerk.wait_for_selector("[data-testid=move-form]")
    lead_page = clerk.url

    # A visit touching the lead, recorded from the lead page.
    clerk.click("a[href*='activities/add/?lead=']")
    clerk.wait_for_selector("#id_title")
    clerk.fill("#id_date", "2025-09-05")
    clerk.select_option("#id_kind", index=1)
    clerk.fill("#id_title", "赴铜陵考察铜箔企业")
    clerk.select_option("#id_department", label="招商局")
    with clerk.expect_navigation():
        clerk.click("form.card button[type=submit]")
    assert "/activities/add/" not in clerk.url
    clerk.goto(lead_page)
    assert "赴铜陵考察铜箔企业" in clerk.inner_text("body")

    # Forward to 签约: no reason needed. The form offers the evaluation date (2025-09-30),
    # which is before the day the lead was started (today): the move is dated that day.
    since = re.search(r"\d{4}-\d{2}-\d{2}", clerk.inner_text(".card-title >> nth=0")).group()
    clerk.select_option("#id_to_stage", "signed")
    clerk.fill("#id_date", since)
    with clerk.expect_navigation():
        clerk.click("[data-testid=move-form] button[type=submit]")
    assert "签约" in clerk.inner_text("[data-testid=history]")

    # The signing, reported from the lead (the form knows the lead).
    lead_id = lead_page.rstrip("/").rsplit("/", 1)[-1]
    clerk.goto(url + reverse("attraction:signing_add") + f"?lead={lead_id}")
    clerk.fill("#id_contract_date", "2025-09-20")
    clerk.fill("#id_project_name", "锂电铜箔项目")
    clerk.fill("#id_investor", names[0].split()[0])
    clerk.fill("#id_amount", "120000")
    clerk.select_option("#id_department", label="招商局")
    clerk.click("form.card button[type=submit]")
    clerk.wait_for_selector("[data-testid=status]")
    signing_page = clerk.url
    assert "已上报" in clerk.inner_text("[data-testid=status]")
    assert "120,000" in clerk.inner_text("body")

    # A colleague verifies it.
    leader = sign_in(browser, live_server, "leader")
    leader.goto(signing_page)
    leader.select_option("#id_verdict", "verify")
    leader.fill("#id_opinion", "合同已核对，属实")
    with leader.expect_navigation():
        leader.click("form[action$='/verify/'] button[type=submit]")
    assert "合同已核对，属实" in leader.inner_text("body")
    assert leader.inner_text("[data-testid=status]") == "已核实"

    # The clerk turns it into a key project: the project page opens.
    clerk.goto(signing_page)
    assert clerk.inner_text("[data-testid=status]") == "已核实"
    clerk.click("form[action$='/to-project/'] button[type=submit]")
    clerk.wait_for_url("**/projects/**")
    assert "锂电铜箔项目" in clerk.inner_text("body")

    # The goal moved by one.
    after = goal_value(clerk, url)
    assert (before, after) == ("0", "1")
