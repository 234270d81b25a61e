"""待办 in a real browser (Debian chromium via Playwright): the clerk's home opens with the
block above the panels and the sidebar's count, the firm's home with the notice that 1–9月 is
due on 10-08; both at 1440 px and on a 390 px phone. Screenshots go to the test's temporary
folder, or to docs/screenshots/ with ``GAOXIN_SAVE_SCREENSHOTS=1``."""

import datetime
import os
from pathlib import Path

import pytest

from gaoxin.indicators.models import DataSet
from gaoxin.projects.models import Problem, ProblemCategory
from gaoxin.zone.models import Department, Zone
from tests.browser import chromium, own_live_server, sign_in
from tests.factories import make_project, qualification
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = datetime.date
DOCS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def scene(live_server):
    world = build_world()
    Zone.objects.filter(pk=world.zone.pk).update(reference_date=D(2025, 9, 30))
    economy = Department.objects.create(zone=world.zone, name="经济发展局")
    economy.members.add(world.clerk)
    Problem.objects.create(
        project=make_project(world, world.firm_a),
        category=ProblemCategory.objects.get(code="land"),
        description="施工用水用电未接通",
        raised_by=world.leader,
        raised_on=D(2025, 9, 1),
        department=economy,
        deadline=D(2025, 9, 27),
    )
    DataSet.objects.create(code="enterprise-filing", name="企业月度填报", scope="enterprise", due_day=8)
    qualification(world.firm_a, "high_tech", D(2022, 11, 20), D(2025, 11, 20))
    return world


def out_dir(tmp_path) -> Path:
    return DOCS if os.environ.get("GAOXIN_SAVE_SCREENSHOTS") else tmp_path


def at_width(page, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.reload()
    return page


def shoot(page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)


def test_the_clerks_home_opens_with_my_work(live_server, scene, tmp_path):
    with chromium() as browser:
        for width, name in ((1440, "todo-home-1440.png"), (390, "todo-home-390.png")):
            page = at_width(sign_in(browser, live_server, "clerk"), width)
            block = page.locator("[data-testid=todo-block]")
            assert block.is_visible()
            assert page.inner_text("[data-testid=todo-count-overdue_problems]") == "1"
            assert "逾期3天" in block.inner_text()
            assert "2025-11-20" in block.inner_text()  # A's 高企 expires in 51 days
            if width == 1440:
                assert page.inner_text("[data-testid=nav-todo-count]") == "2"
            shoot(page, out_dir(tmp_path) / name)
            page.context.close()


def test_the_firms_home_says_what_is_due_and_when(live_server, scene, tmp_path):
    with chromium() as browser:
        for width, name in ((1440, "todo-firm-1440.png"), (390, "todo-firm-390.png")):
            page = at_width(sign_in(browser, live_server, "firm_a"), width)
            block = page.locator("[data-testid=todo-block]")
            assert "2025年1–9月数据 应于10月8日前报送" in block.inner_text()
            assert page.locator("[data-testid=my-enterprise-panel]").is_visible()
            page.click("[data-testid=todo-item] >> text=2025年1–9月数据")
            page.wait_for_url(lambda url: "/economy/filing/" in url)
            page.go_back()
            shoot(page, out_dir(tmp_path) / name)
            page.context.close()
