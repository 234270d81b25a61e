"""What every real-browser walk shares (Debian chromium driven by Playwright): a live server
of the test's own, the browser, signing in. Each walk file keeps its own ``scene``."""

from contextlib import contextmanager

from django.urls import reverse

from gaoxin.core.testing import CHROMIUM_ARGS, PASSWORD, chromium_path


def own_live_server():
    """A server for one test only, stopped (and its database connection closed) before the
    test database is dropped — PostgreSQL refuses to drop a database in use."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost:0")
    yield server
    server.stop()


@contextmanager
def chromium():
    """Headless Debian chromium; started after the scene is built, because Playwright's greenlet
    would open database connections of its own that nobody closes."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
        connections.close_all()


def sign_in(browser, live_server, username, **context):
    """A new page signed in as ``username`` (password of the personas); ``context`` may set
    another viewport (the phone walks)."""
    context = {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}, **context}
    page = browser.new_context(**context).new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: reverse("login") not in url)
    return page
