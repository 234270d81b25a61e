"""Two-factor sign-in in a real browser (Debian chromium via Playwright), under the CSP: with
GAOXIN_OTP_ADMINS=required the administrator is sent to enrolment, the QR code (an inline
SVG data: image) draws, the key read from the page gives the code the phone would show, the
ten backup codes are shown; the next sign-in asks for the code, on a desk and on a phone."""

import base64
import os
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from gaoxin.core.testing import PASSWORD
from tests.browser import chromium, own_live_server
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""
SHOTS = os.environ.get("GAOXIN_SHOTS_DIR")  # set by hand to keep the screenshots of the walk


@pytest.fixture
def live_server(django_db_serialized_rollback, transactional_db):
    yield from own_live_server()


@pytest.fixture
def scene(live_server, settings):
    settings.OTP_ADMINS = "required"
    return build_world()


@pytest.fixture
def browser(scene):
    with chromium() as browser:
        yield browser


def code_from_key(text: str, steps_ahead: int = 0) -> str:
    totp = TOTP(base64.b32decode(text.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def password_step(browser, live_server, width):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("width", [1440, 390])
def test_an_administrator_enrols_and_then_signs_in_with_the_code(browser, live_server, scene, width):
    page = password_step(browser, live_server, width)
    assert page.url.startswith(live_server.url + reverse("otp_setup"))
    assert page.evaluate("document.querySelector('[data-testid=otp-qr]').naturalWidth") > 0
    assert page.locator(".navbar-vertical").count() == 0  # nothing else to reach before enrolling
    shot(page, f"otp-setup-{width}")
    key = page.inner_text("[data-testid=otp-secret]")
    page.fill("#id_code", code_from_key(key))
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: reverse("otp_backup_codes") in url)
    assert page.locator("[data-testid=backup-codes] li").count() == 10
    shot(page, f"otp-backup-codes-{width}")
    page.click("text=我已保存")
    page.wait_for_load_state("networkidle")
    assert page.url == live_server.url + reverse("home")
    page.goto(live_server.url + reverse("otp_setup"))
    shot(page, f"otp-on-{width}")
    assert "双因素登录已开启" in page.content()
    assert page.evaluate("window.__violations") == []

    again = password_step(browser, live_server, width)
    assert again.url.startswith(live_server.url + reverse("otp_verify"))
    shot(again, f"otp-verify-{width}")
    again.fill("#id_code", "000000" if code_from_key(key, 1) != "000000" else "111111")
    again.click("button[type=submit]")
    again.wait_for_load_state("networkidle")
    assert "验证码错误" in again.content()
    shot(again, f"otp-verify-wrong-{width}")
    time.sleep(1.1)  # one wrong code costs a second
    again.fill("#id_code", code_from_key(key, 1))  # the next step: the first code was used
    again.click("button[type=submit]")
    again.wait_for_load_state("networkidle")
    assert again.url == live_server.url + reverse("home")
    assert again.evaluate("window.__violations") == []
