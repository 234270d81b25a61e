"""The monthly data walk of the README in a real browser (Debian chromium via Playwright):
the firm files its September values on 月度填报 and submits them; the clerk imports the
bureau's enterprise table, reads its broken row, imports the fixed file and submits; the
leader sends the firm's back with a reason and approves the clerk's (only then the cockpit
moves to 1–9月); the administrator reopens it with a reason."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.core.testing import xlsx_bytes
from tests.browser import chromium, own_live_server, sign_in
from tests.factories import make_enterprise
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = Decimal


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def scene(live_server):
    """Two indicators, the firms' own data set and the bureau's enterprise table; 1–8月 is
    on record (zone and firm A), so September is the period filed and imported next."""
    from gaoxin.indicators.models import DataSet, Indicator, Observation

    world = build_world()
    world.firm_c = make_enterprise("丙企业有限公司", 3, park=world.park)
    output = Indicator.objects.create(
        code="output", name="规模以上工业总产值", unit="万元", kind="level", sums_enterprises=True
    )
    power = Indicator.objects.create(
        code="power", name="工业用电量", unit="万千瓦时", kind="level", sums_enterprises=True
    )
    filing = DataSet.objects.create(code="firm-filing", name="企业月度填报", scope="enterprise", due_day=8)
    filing.indicators.set([output, power])
    DataSet.objects.create(code="monthly", name="规上工业企业月报", scope="zone")
    Observation.objects.create(
        indicator=output, scope="zone", year=2025, month=8, value=D("9000"), source="bureau"
    )
    Observation.objects.create(
        indicator=output,
        scope="enterprise",
        enterprise=world.firm_a,
        year=2025,
        month=8,
        value=D("800"),
        source="enterprise",
    )
    world.output, world.power = output, power
    return world


@pytest.fixture
def browser(scene):
    with chromium() as browser:
        yield browser


def status_of(page) -> str:
    return page.inner_text(".page-title .badge").strip()


def click_and_wait(page, selector):
    with page.expect_navigation():
        page.click(selector)


def open_row(page, text):
    """Open the record a list row links to, by clicking it (the rows are not boosted: a
    boosted click used to swap the detail page's absent #results into an empty list)."""
    link = page.locator(f"#results tbody a:has-text('{text}')")
    assert link.count() == 1
    from playwright.sync_api import expect

    link.click()
    page.wait_for_load_state()
    expect(page.locator("[data-testid=workflow]")).to_be_visible()


def test_firm_and_clerk_submit_leader_returns_and_approves_admin_reopens(
    browser, live_server, scene, tmp_path
):
    from playwright.sync_api import expect

    from gaoxin.core.models import ObjectChange
    from gaoxin.indicators.models import Aggregate, Observation, Submission
    from gaoxin.indicators.services import latest_period

    url = live_server.url
    firm_key = f"ent:{scene.firm_a.pk}"

    # 1. The firm enters its 1–9月 values on 月度填报, saves, reviews and submits them.
    firm = sign_in(browser, live_server, "firm_a")
    firm.goto(url + reverse("indicators:filing"))
    assert "2025年1–9月" in firm.inner_text(".card-title")
    assert "1–8月为800" in firm.inner_text("form:has([data-testid=save])")
    firm.fill(f"#id_ind_{scene.output.pk}", "1000.5")
    firm.fill(f"#id_ind_{scene.power.pk}", "52")
    click_and_wait(firm, "[data-testid=save]")
    expect(firm.locator(".alert-success")).to_contain_text("已保存")
    mine = Submission.objects.get(scope_key=firm_key, year=2025, month=9)
    assert mine.status == "draft"
    assert dict(mine.observations.values_list("indicator__code", "value")) == {
        "output": D("1000.5000"),
        "power": D("52.0000"),
    }
    click_and_wait(firm, "text=核对并报送")
    assert firm.url == url + reverse("indicators:submission_detail", args=[mine.pk])
    assert status_of(firm) == "草稿"
    assert firm.locator("[data-testid=approve]").count() == 0
    click_and_wait(firm, "[data-testid=submit]")
    expect(firm.locator(".alert-success")).to_contain_text("已报送：未触发任何校验规则。")
    assert status_of(firm) == "已报送"
    assert "已报送，等待审核。" in firm.inner_text("[data-testid=workflow]")
    assert firm.locator("[data-testid=submit]").count() == 0
    mine.refresh_from_db()
    assert (mine.status, mine.submitted_by) == ("submitted", scene.firm_user)
    assert latest_period() == (2025, 8)  # submitted is not approved: nothing counts yet

    # 2. The clerk imports the bureau's enterprise table: one broken row, then the fixed file.
    header = ["序号", "统一社会信用代码", "企业名称", "规模以上工业总产值", "工业用电量"]
    b, c = scene.firm_b, scene.firm_c
    broken = tmp_path / "企业月报-有误.xlsx"
    broken.write_bytes(
        xlsx_bytes(header, [[1, b.uscc, b.name, 500, 20], [2, c.uscc, c.name, "一千二百万", 30]])
    )
    fixed = tmp_path / "企业月报.xlsx"
    fixed.write_bytes(xlsx_bytes(header, [[1, b.uscc, b.name, 500, 20], [2, c.uscc, c.name, 1200, 30]]))
    clerk = sign_in(browser, live_server, "clerk")
    for path in (broken, fixed):
        clerk.goto(url + reverse("imports:import") + "?kind=enterprise-monthly")
        clerk.select_option("select[name=enterprise-monthly-data_set]", "monthly")
        assert clerk.input_value("input[name=enterprise-monthly-year]") == "2025"
        assert clerk.input_value("input[name=enterprise-monthly-month]") == "9"
        clerk.set_input_files("#id_file", str(path))
        click_and_wait(clerk, "[data-testid=import-form] button[type=submit]")
        if path == broken:
            error_row = clerk.inner_text("[data-testid=import-errors] tbody tr")
            assert "第3行" in error_row and "规模以上工业总产值" in error_row
            assert "应为数字，实际为“一千二百万”。" in error_row
            assert clerk.locator("[data-testid=commit]").count() == 0  # nothing can be stored
            assert not Observation.objects.filter(year=2025, month=9, enterprise=b).exists()
    assert clerk.inner_text("[data-testid=count-new]") == "4"
    click_and_wait(clerk, "[data-testid=commit]")
    expect(clerk.locator("[data-testid=import-committed]")).to_be_visible()
    theirs = Submission.objects.get(scope_key="zone", year=2025, month=9)
    assert theirs.status == "draft" and theirs.observations.count() == 4
    clerk.goto(url + reverse("indicators:submission_list"))
    open_row(clerk, "规上工业企业月报")
    assert clerk.url == url + reverse("indicators:submission_detail", args=[theirs.pk])
    assert status_of(clerk) == "草稿"
    assert clerk.locator("[data-testid=approve]").count() == 0
    click_and_wait(clerk, "[data-testid=submit]")
    assert status_of(clerk) == "已报送"
    assert "已报送，等待审核。" in clerk.inner_text("[data-testid=workflow]")
    assert clerk.locator("[data-testid=approve], [data-testid=return], [data-testid=submit]").count() == 0
    theirs.refresh_from_db()
    assert (theirs.status, theirs.submitted_by) == ("submitted", scene.clerk)

    # 3. The leader sends the firm's back with a reason and approves the clerk's.
    leader = sign_in(browser, live_server, "leader")
    leader.goto(url + reverse("goals:cockpit"))
    assert "统计数据：2025年1–8月" in leader.inner_text("[data-testid=as-of]")
    leader.goto(url + reverse("indicators:submission_list") + "?status=submitted")
    assert leader.inner_text("[data-testid=result-count]").strip() == "2 条记录"
    open_row(leader, "企业月度填报")
    assert status_of(leader) == "已报送"
    assert leader.locator("[data-testid=submit]").count() == 0
    leader.fill("[data-testid=return-reason]", "用电量与产值不匹配，请核实")
    click_and_wait(leader, "[data-testid=return]")
    expect(leader.locator(".alert-success")).to_contain_text("已退回填报人，恢复为草稿。")
    assert status_of(leader) == "草稿"
    assert leader.locator("[data-testid=approve], [data-testid=return], [data-testid=submit]").count() == 0
    mine.refresh_from_db()
    assert mine.status == "draft"
    assert ObjectChange.objects.filter(
        content_type__model="submission", object_id=str(mine.pk), message="用电量与产值不匹配，请核实"
    ).exists()
    firm.goto(url + reverse("indicators:submission_detail", args=[mine.pk]))
    assert status_of(firm) == "草稿"
    expect(firm.locator("[data-testid=submit]")).to_be_visible()  # the firm may correct and submit again
    expect(firm.locator("[data-testid=return-reason-shown]")).to_contain_text(
        "已退回修改：用电量与产值不匹配，请核实"
    )

    leader.goto(url + reverse("indicators:submission_list") + "?status=submitted")
    open_row(leader, "规上工业企业月报")
    assert status_of(leader) == "已报送"
    assert latest_period() == (2025, 8)
    click_and_wait(leader, "[data-testid=approve]")
    expect(leader.locator(".alert-success")).to_contain_text("已审核并锁定。")
    assert status_of(leader) == "已审核"
    assert "已审核的期间已锁定" in leader.inner_text("[data-testid=workflow]")
    assert leader.locator("[data-testid=approve], [data-testid=reopen]").count() == 0
    theirs.refresh_from_db()
    assert (theirs.status, theirs.approved_by) == ("approved", scene.leader)
    assert latest_period() == (2025, 9)
    zone = Aggregate.objects.get(indicator=scene.output, scope_key="zone", year=2025, month=9)
    assert zone.value == D("1700.0000")  # B and C, approved; the firm's returned draft counts nowhere
    leader.goto(url + reverse("goals:cockpit"))
    assert "统计数据：2025年1–9月" in leader.inner_text("[data-testid=as-of]")

    # 4. The administrator reopens the approved period with a reason.
    admin = sign_in(browser, live_server, "admin")
    admin.goto(url + reverse("indicators:submission_detail", args=[theirs.pk]))
    assert status_of(admin) == "已审核"
    admin.fill("[data-testid=reopen-reason]", "统计局更正丙企业数据")
    click_and_wait(admin, "[data-testid=reopen]")
    expect(admin.locator(".alert-success")).to_contain_text("已重新打开为草稿。")
    assert status_of(admin) == "草稿"
    assert admin.locator("[data-testid=reopen]").count() == 0
    theirs.refresh_from_db()
    assert (theirs.status, theirs.approved_by) == ("draft", None)
    assert ObjectChange.objects.filter(
        content_type__model="submission", object_id=str(theirs.pk), message="统计局更正丙企业数据"
    ).exists()
    assert latest_period() == (2025, 8)  # a draft again: the cockpit falls back to 1–8月
    leader.goto(url + reverse("indicators:submission_detail", args=[theirs.pk]))
    assert status_of(leader) == "草稿"
    assert leader.locator("[data-testid=submit], [data-testid=approve], [data-testid=reopen]").count() == 0
    leader.goto(url + reverse("goals:cockpit"))
    assert "统计数据：2025年1–8月" in leader.inner_text("[data-testid=as-of]")


def test_only_the_firm_and_the_clerk_may_submit_a_firms_draft(client, live_server, scene):
    from gaoxin.indicators.models import DataSet, Submission

    submission = Submission.objects.create(
        data_set=DataSet.objects.get(code="firm-filing"), year=2025, month=9, enterprise=scene.firm_a
    )
    page = reverse("indicators:submission_detail", args=[submission.pk])
    shown = {}
    for user in (scene.firm_user, scene.clerk, scene.leader, scene.auditor):
        client.force_login(user)
        shown[user.username] = 'data-testid="submit"' in client.get(page).content.decode()
    assert shown == {"firm_a": True, "clerk": True, "leader": False, "auditor": False}
