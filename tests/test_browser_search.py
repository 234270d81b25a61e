"""The header search box in a real browser (Debian chromium via Playwright): "/" focuses
it, typing shows the dropdown htmx fetches, ↓ and Enter open the firm's page, Esc closes
the dropdown; the search page lists the groups."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

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
    make_project(world, world.firm_b)
    return world


def test_typing_in_the_header_box_arrowing_down_and_enter_lands_on_the_firms_page(live_server, scene):
    firm_page = reverse("enterprises:enterprise_detail", args=[scene.firm_b.pk])
    with chromium() as browser:
        page = sign_in(browser, live_server, "clerk")
        box = page.locator("[data-testid=site-search]")
        results = page.locator("[data-testid=site-search-results]")
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.dataset.testid") == "site-search"
        page.keyboard.type("乙企业")
        results.locator(".site-search-option").first.wait_for()
        assert results.is_visible()
        assert results.locator(".dropdown-header").all_inner_texts()[:2] == ["企业\n1", "重点项目\n1"]
        page.keyboard.press("Escape")
        assert not results.is_visible() and box.get_attribute("aria-expanded") == "false"
        page.keyboard.press("ArrowDown")  # opens it again on the first hit
        assert results.is_visible()
        assert results.locator(".site-search-option.active").inner_text().startswith("乙企业有限公司")
        page.keyboard.press("Enter")
        page.wait_for_url(live_server.url + firm_page)
        assert page.locator(".page-title").first.inner_text().startswith("乙企业有限公司")


def test_enter_without_a_chosen_hit_opens_the_search_page(live_server, scene):
    with chromium() as browser:
        page = sign_in(browser, live_server, "clerk")
        page.locator("[data-testid=site-search]").fill("乙企业")
        page.locator("[data-testid=site-search-results] .site-search-option").first.wait_for()
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/search/?q=" in url)
        assert page.locator("[data-testid=search-count-enterprises]").inner_text() == "1"
        assert page.locator("[data-testid=search-count-projects]").inner_text() == "1"
        shots = os.environ.get("GAOXIN_SEARCH_SHOTS")
        if shots:  # the search page at desktop and phone width, to look at
            page.set_viewport_size({"width": 1440, "height": 900})
            page.screenshot(path=str(Path(shots) / "search-1440.png"), full_page=True)
            page.locator("[data-testid=site-search]").fill("企业")
            page.locator("[data-testid=site-search-results] .site-search-option").first.wait_for()
            page.screenshot(path=str(Path(shots) / "search-dropdown-1440.png"))
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(live_server.url + "/search/?q=企业")
            page.screenshot(path=str(Path(shots) / "search-390.png"), full_page=True)
