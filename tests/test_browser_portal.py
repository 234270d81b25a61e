"""The portal in a real browser (Debian chromium via Playwright) at 390 px (a phone) and 1440 px:
a firm's user raises a request and sees it routed with its deadline; the department accepts;
the pages fit the phone's width (no sideways scroll). Screenshots go to the test's tmp dir
(GAOXIN_SCREENSHOTS names another)."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser import chromium, own_live_server
from tests.browser import sign_in as signed_in
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def scene(live_server):
    from gaoxin.portal import services
    from tests.portal.helpers import category

    world = build_world()
    world.zone.reference_date = datetime.date(2025, 10, 10)
    world.zone.save()
    cat = category(world)
    req = services.request_raise(
        user=world.firm_user,
        enterprise=world.firm_a,
        category=cat,
        title="环评批复办理进度",
        text="项目环评已提交两周，请告知办理进度。",
        day=datetime.date(2025, 9, 30),
    )
    return req


@pytest.fixture
def browser(scene):
    with chromium() as browser:
        yield browser


def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("GAOXIN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_firm_user_raises_a_request_on_a_phone(browser, live_server, scene, tmp_path):
    folder = shots(tmp_path)
    page = signed_in(browser, live_server, "firm_a", viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(live_server.url + reverse("portal:request_add"))
    assert fits(page)
    page.screenshot(path=str(folder / "portal-request-form-390.png"), full_page=True)
    page.select_option("#id_category", label="政务服务")
    page.fill("#id_title", "施工许可办理材料")
    page.fill("#id_text", "请告知施工许可需要的材料清单。")
    page.click("[data-testid=request-form] button[type=submit]")
    page.wait_for_selector("[data-testid=request]")
    assert "政务服务局" in page.inner_text("[data-testid=department]")
    assert fits(page)
    page.screenshot(path=str(folder / "portal-request-390.png"), full_page=True)
    page.goto(live_server.url + reverse("portal:firmuser_list"))
    assert fits(page)
    page.screenshot(path=str(folder / "portal-accounts-390.png"), full_page=True)
    page.goto(live_server.url + reverse("portal:request_list"))
    assert fits(page)
    page.screenshot(path=str(folder / "portal-requests-390.png"), full_page=True)


def test_the_department_sees_the_overdue_request_and_accepts_it_at_1440(
    browser, live_server, scene, tmp_path
):
    folder = shots(tmp_path)
    page = signed_in(browser, live_server, "clerk", viewport=DESK)
    page.goto(live_server.url + scene.get_absolute_url())
    assert page.is_visible("[data-testid=overdue]")  # due 9 October, judged on 10 October
    page.screenshot(path=str(folder / "portal-request-1440.png"), full_page=True)
    page.click("form[action$='/accept/'] button")
    page.wait_for_selector("[data-testid=status]")
    assert "已受理" in page.inner_text("[data-testid=status]")
    page.goto(live_server.url + reverse("portal:department_scores") + "?year=2025&month=9")
    page.screenshot(path=str(folder / "portal-scores-1440.png"), full_page=True)
    phone = signed_in(browser, live_server, "leader", viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(live_server.url + reverse("portal:department_scores") + "?year=2025&month=9")
    phone.screenshot(path=str(folder / "portal-scores-390.png"), full_page=True)


def photo(tmp_path) -> Path:
    from PIL import Image

    path = tmp_path / "现场照片.jpg"
    Image.new("RGB", (320, 240), (180, 120, 60)).save(path, "JPEG")
    return path


def test_invite_raise_with_a_photo_answer_rate_and_the_score_moves(browser, live_server, scene, tmp_path):
    """The issue's walk at 390 px: firm A's administrator invites a colleague, the colleague
    sets a password and raises a request with a photo, the department accepts and answers, the
    colleague rates it 满意, and the leader's score page shows 满意率 move from — to 100%."""
    from django.utils import timezone

    folder = shots(tmp_path)
    today = timezone.localdate()
    scores = f"{live_server.url}{reverse('portal:department_scores')}?year={today.year}&month={today.month}"
    leader = signed_in(browser, live_server, "leader", viewport=PHONE, is_mobile=True, has_touch=True)
    leader.goto(scores)
    assert "—" in leader.inner_text("[data-testid=scores] [data-testid=satisfaction]")
    admin = signed_in(browser, live_server, "firm_a", viewport=PHONE, is_mobile=True, has_touch=True)
    admin.goto(live_server.url + reverse("portal:firmuser_list"))
    admin.fill("[data-testid=invite-form] #id_name", "李经理")
    admin.fill("[data-testid=invite-form] #id_phone", "13800000000")
    admin.check("[data-testid=invite-form] input[name=rights][value=may_request]")
    admin.click("[data-testid=invite-form] button[type=submit]")
    link = admin.input_value("[data-testid=link]")
    colleague = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    colleague.goto(link)
    colleague.fill("#id_password", "Gaoxin2025secure")
    colleague.fill("#id_password2", "Gaoxin2025secure")
    colleague.click("[data-testid=invitation] button[type=submit]")
    colleague.goto(live_server.url + reverse("portal:request_add"))
    colleague.select_option("#id_category", label="政务服务")
    colleague.fill("#id_title", "厂区道路破损")
    colleague.fill("#id_text", "厂区门口道路破损，照片见附件。")
    colleague.set_input_files("#id_files", str(photo(tmp_path)))
    colleague.click("[data-testid=request-form] button[type=submit]")
    colleague.wait_for_selector("[data-testid=request]")
    assert "现场照片.jpg" in colleague.inner_text("[data-testid=request]")
    assert fits(colleague)
    url = colleague.url
    clerk = signed_in(browser, live_server, "clerk", viewport=DESK)
    clerk.goto(url)
    clerk.click("form[action$='/accept/'] button")
    clerk.wait_for_selector("form[action$='/answer/'] textarea")
    clerk.fill("form[action$='/answer/'] textarea", "已安排维修，三日内完成。")
    clerk.click("form[action$='/answer/'] button")
    clerk.wait_for_selector("[data-testid=answer]")
    colleague.goto(url)
    colleague.check("[data-testid=rate] input[name=rating][value=satisfied]")
    colleague.click("[data-testid=rate] form[action$='/rate/'] button")
    colleague.wait_for_selector("[data-testid=rating]")
    assert "满意" in colleague.inner_text("[data-testid=rating]")
    colleague.screenshot(path=str(folder / "portal-rated-390.png"), full_page=True)
    leader.goto(scores)
    assert "100.0%" in leader.inner_text("[data-testid=scores]")
    assert fits(leader)
    leader.screenshot(path=str(folder / "portal-scores-moved-390.png"), full_page=True)


def test_the_firm_asks_for_a_correction_from_its_dossier_on_a_phone(browser, live_server, scene, tmp_path):
    """我的档案 at 390 px: the firm's 2024 R&D expense is wrong; it asks for the correction,
    the department applies it, and the dossier shows the corrected value."""
    from decimal import Decimal

    from django.contrib.auth.models import User

    from gaoxin.portal.models import RequestCategory
    from gaoxin.zone.models import Department
    from tests.factories import facts

    facts(scene.enterprise, 2024, rd_expense=Decimal("980"))
    registry = Department.objects.get_or_create(zone=scene.department.zone, name="经济发展局")[0]
    registry.members.add(User.objects.get(username="clerk"))
    RequestCategory.objects.filter(code="correction").update(department=registry)
    folder = shots(tmp_path)
    firm = signed_in(browser, live_server, "firm_a", viewport=PHONE, is_mobile=True, has_touch=True)
    firm.goto(live_server.url + reverse("portal:dossier"))
    assert fits(firm)
    firm.screenshot(path=str(folder / "portal-dossier-390.png"), full_page=True)
    firm.click("[data-testid=dossier-latest-year] a[href*='field=rd_expense']")
    firm.fill("#id_proposed_value", "1250")
    firm.fill("#id_reason", "以2024年度审计报告为准")
    firm.click("[data-testid=correction-form] button[type=submit]")
    firm.wait_for_selector("[data-testid=correction]")
    assert fits(firm)
    url = firm.url
    clerk = signed_in(browser, live_server, "clerk", viewport=DESK)
    clerk.goto(url)
    clerk.fill("[data-testid=correction-decide] #id_value", "1250")
    clerk.click("[data-testid=correction-decide] form[action$='/correct/'] button")
    clerk.wait_for_selector("[data-testid=correction-status]")
    assert "已更正" in clerk.inner_text("[data-testid=correction-status]")
    firm.goto(live_server.url + reverse("portal:dossier"))
    assert "1,250" in firm.inner_text("[data-testid=dossier-facts]")
