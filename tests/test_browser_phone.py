"""Phone layouts (390 × 844) in a real browser (Debian chromium via Playwright), issue 11
item 11: the ledger, leads and problems are cards; the lead board scrolls one column per
screen; the Gantt's month labels do not overlap; the cockpit shows the goals first and fits
in three screens; the navigation's and the lists' tap targets are at least 44 px tall. The
same pages at 1440 px keep their tables and their open sections."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.projects import services
from tests.browser import chromium, own_live_server
from tests.browser import sign_in as signed_in
from tests.factories import clerk_department, make_project
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = datetime.date
PHONE = {"width": 390, "height": 844}
THREE_SCREENS = 3 * 844

# Fifteen goals, as many as the demo zone's 2025 cockpit carries.
GOAL_SIZES = (1, 2, 3, 5, 8, 10, 20, 30, 50, 80, 100, 150, 200, 300, 500)


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def scene(live_server):
    """Twelve projects (one with a backward schedule from 2024 to 2026), a problem, a lead in
    each of three stages and fifteen signing goals, on 30 September 2025."""
    from gaoxin.attraction.models import Lead
    from gaoxin.goals.models import Goal
    from gaoxin.projects.models import Problem, ProblemCategory, ScheduleTemplate

    world = build_world()
    world.zone.reference_date = D(2025, 9, 30)
    world.zone.save()
    department = clerk_department(world)
    projects = [make_project(world, world.firm_a, stage="construction") for _ in range(12)]
    services.schedule_create(
        project=projects[0],
        template=ScheduleTemplate.objects.get(code="industrial"),
        target=D(2026, 6, 30),
        user=world.clerk,
    )
    Problem.objects.create(
        project=projects[0],
        category=ProblemCategory.objects.get(code="utilities"),
        description="10kV专线未接入",
        raised_by=world.leader,
        raised_on=D(2025, 9, 1),
        department=department,
        deadline=D(2025, 9, 20),
    )
    for i, stage in enumerate(("clue", "contact", "negotiation")):
        Lead.objects.create(
            code=f"XS-{i}", company_name=f"示例{i}科技有限公司", stage=stage, stage_since=D(2025, 9, 1)
        )
    for size in GOAL_SIZES:
        Goal.objects.create(
            year=2025,
            code=f"signings_{size}",
            title=f"签约{size}亿元以上项目",
            metric="signings_count",
            params={"min_amount": size * 10000},
            target=Decimal(10),
            unit="个",
        )
    return projects[0]


@pytest.fixture
def browser(scene):
    with chromium() as browser:
        yield browser


def phone(browser, live_server):
    return signed_in(browser, live_server, "leader", viewport=PHONE, is_mobile=True, has_touch=True)


def displays(page, selector) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display)")


def test_lists_are_cards_on_a_phone_and_tables_on_a_desk(browser, live_server):
    page = phone(browser, live_server)
    for url in ("projects:project_list", "attraction:lead_list", "projects:problem_list"):
        page.goto(live_server.url + reverse(url))
        rows = displays(page, "#results tbody tr")
        assert rows and set(rows) == {"flex"}, url
        assert page.eval_on_selector("#results thead", "e => e.getBoundingClientRect().height") <= 1
        labels = page.eval_on_selector_all(
            "#results tbody tr:first-child td", "els => els.map(e => e.dataset.label)"
        )
        assert all(labels), url
        # a card is no wider than the screen: nothing scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
    page.goto(live_server.url + reverse("projects:project_list"))
    title = page.locator("#results tbody tr:first-child td:has(a)").first
    assert title.evaluate("e => getComputedStyle(e, '::before').content") == "none"
    label = page.locator("#results tbody tr:first-child td[data-label=代码]")
    assert label.evaluate("e => getComputedStyle(e, '::before').content") == '"代码"'

    desk = signed_in(browser, live_server, "leader", viewport={"width": 1440, "height": 900})
    desk.goto(live_server.url + reverse("projects:project_list"))
    assert set(displays(desk, "#results tbody tr")) == {"table-row"}


def test_the_board_scrolls_one_column_per_screen(browser, live_server):
    page = phone(browser, live_server)
    page.goto(live_server.url + reverse("attraction:lead_board"))
    board = page.locator("[data-testid=board]")
    assert board.evaluate("e => getComputedStyle(e).scrollSnapType") == "x mandatory"
    width = board.evaluate("e => e.clientWidth")
    columns = page.eval_on_selector_all(
        ".board-column",
        "els => els.map(e => [e.getBoundingClientRect().width, getComputedStyle(e).scrollSnapAlign])",
    )
    assert len(columns) > 3
    assert all(abs(w - width) <= 1 and snap == "start" for w, snap in columns)
    assert width >= PHONE["width"] - 40
    # the filters fold away; unfolded they are there
    assert not page.locator("details.phone-fold form").is_visible()
    page.click("details.phone-fold > summary")
    assert page.locator("details.phone-fold form select").first.is_visible()


def test_gantt_labels_do_not_overlap(browser, live_server, scene):
    page = phone(browser, live_server)
    page.goto(live_server.url + reverse("projects:project_schedule", args=[scene.pk]))
    page.wait_for_function("() => window.gaoxinGantt !== undefined")
    page.wait_for_timeout(300)  # the chart finishes its first frame
    # the text drawn below the grid: the time axis's labels, as laid out (hidden ones left out)
    labels = page.evaluate(
        """() => {
        const chart = window.gaoxinGantt;
        const grid = chart.getModel().getComponent("grid", 0).coordinateSystem.getRect();
        return chart.getZr().storage.getDisplayList(true)
          .filter((el) => !el.ignore && !el.invisible && el.style && el.style.text)
          .map((el) => {
            const r = el.getBoundingRect().clone();
            r.applyTransform(el.getComputedTransform());
            return { text: el.style.text, x: r.x, y: r.y, width: r.width };
          })
          .filter((b) => b.y > grid.y + grid.height);
      }"""
    )
    labels = sorted(labels, key=lambda b: b["x"])
    assert len(labels) >= 2
    assert all(label["text"].endswith(("月", "年")) for label in labels), labels
    for left, right in itertools.pairwise(labels):
        assert left["x"] + left["width"] <= right["x"], (left, right)
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in labels)


def test_cockpit_puts_the_goals_first_and_fits_three_screens(browser, live_server):
    page = phone(browser, live_server)
    page.goto(live_server.url + reverse("goals:cockpit"))
    page.wait_for_load_state("networkidle")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= THREE_SCREENS, height
    first = page.eval_on_selector(".page-body .container-xl > :not(.alert)", "e => e.dataset.testid")
    assert first == "goals"
    assert page.locator("[data-testid=goals] [data-testid^=goal-signings_]").count() == len(GOAL_SIZES)
    # two goals to a row
    lefts = page.eval_on_selector_all(
        "[data-testid=goals] > div", "els => els.slice(0, 2).map(e => e.getBoundingClientRect().top)"
    )
    assert lefts[0] == lefts[1]
    red = page.locator("[data-testid=red-items]")
    assert not red.is_visible()
    page.click("[data-testid=fold-red-items] > summary")
    assert red.is_visible()
    page.click("[data-testid=fold-red-items] > summary")
    # turned to landscape the folds open again (their summaries are hidden there)
    page.set_viewport_size({"width": 844, "height": 390})
    page.wait_for_timeout(200)
    assert red.is_visible()

    desk = signed_in(browser, live_server, "leader", viewport={"width": 1440, "height": 900})
    desk.goto(live_server.url + reverse("goals:cockpit"))
    assert desk.locator("[data-testid=red-items]").is_visible()
    assert not desk.locator("[data-testid=fold-red-items] > summary").is_visible()


def test_tap_targets_are_44_px(browser, live_server):
    page = phone(browser, live_server)
    page.goto(live_server.url + reverse("projects:project_list"))
    small = "els => els.filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44).map(e => e.outerHTML.slice(0, 80))"
    assert page.eval_on_selector_all("aside.navbar a, aside.navbar button", small) == []
    page.click("aside .navbar-toggler")
    page.wait_for_selector("#sidebar-menu.show")
    page.wait_for_timeout(400)  # the menu finishes opening
    assert page.eval_on_selector_all("#sidebar-menu .nav-link", small) == []
    page.click("aside .navbar-toggler")
    page.wait_for_timeout(400)
    page.goto(live_server.url + reverse("projects:project_list") + "?per_page=10")  # 12 projects: two pages
    assert page.locator(".pagination .page-link").count() >= 3
    selectors = ".page-body .btn, .page-link, .page-body .form-control, .page-body .form-select"
    assert page.eval_on_selector_all(selectors, small) == []
    # the filters unfolded: their controls too
    page.click("[data-bs-target='#more-filters']")
    page.wait_for_selector("#more-filters.show")
    assert page.eval_on_selector_all("#more-filters .form-select, #more-filters .btn", small) == []
