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
