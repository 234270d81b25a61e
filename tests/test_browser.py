"""One real-browser walk (Debian chromium driven by Playwright): sign in, filter the
enterprise list, import a file with one bad row and read that row's message."""

import pytest
from django.urls import reverse

from gaoxin.core.testing import CHROMIUM_ARGS, PASSWORD, chromium_path, make_uscc, xlsx_bytes
from tests.browser import own_live_server
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def people(live_server):
    """Built before Playwright starts: its greenlet would open database connections of
    its own that nobody closes (PostgreSQL then refuses to drop the test database)."""
    return build_world()


@pytest.fixture
def page(live_server, people):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15000)
        failed = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on(
            "response",
            lambda response: (
                failed.append(response.url) if response.status >= 400 and "/static/" in response.url else None
            ),
        )
        yield page
        browser.close()
        connections.close_all()
        assert failed == []  # every asset is served locally


def test_clerk_filters_the_list_and_reads_the_bad_row_of_an_import(page, live_server, tmp_path):
    from playwright.sync_api import expect

    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "clerk")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + reverse("enterprises:enterprise_list"))
    assert page.inner_text("[data-testid=result-count]").strip() == "2 条记录"
    page.fill("#id_q", "乙企业")  # the list's own search, not the header's
    # a locator waits without evaluating a string in the page (the CSP forbids eval)
    expect(page.locator("[data-testid=result-count]")).to_have_text("1 条记录")
    assert "乙企业有限公司" in page.inner_text("#results")
    assert "甲企业有限公司" not in page.inner_text("#results")
    assert "q=" in page.url  # the filter is in the address bar (shareable, back button works)

    header = ["企业名称", "统一社会信用代码", "注册资本（万元）"]
    rows = [["浏览器导入一有限公司", make_uscc(201), 100], ["浏览器导入二有限公司", make_uscc(202), "一百万"]]
    path = tmp_path / "企业导入.xlsx"
    path.write_bytes(xlsx_bytes(header, rows))
    page.goto(live_server.url + reverse("imports:import") + "?kind=enterprises")
    page.set_input_files("#id_file", str(path))
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=import-errors]")
    error_row = page.inner_text("[data-testid=import-errors] tbody tr")
    assert "第3行" in error_row
    assert "注册资本（万元）" in error_row
    assert "应为数字" in error_row
    assert page.inner_text("[data-testid=count-new]") == "1"
    assert page.query_selector("[data-testid=commit]") is None  # nothing can be stored
    page.screenshot(path=str(tmp_path / "import-error.png"), full_page=True)
