"""Issue 12.4, the last piece: optional TOTP (django-otp) for administrators — enrolment with a
QR code, the second step after the password, backup codes, removal, a reset by another
administrator, throttling of wrong codes, and an AuthEvent with address and browser for each.
Codes are computed as the phone computes them (django_otp.oath.TOTP over the device's key)."""

import datetime
import time
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from gaoxin.core import two_factor
from gaoxin.core.models import AuthEvent
from gaoxin.core.testing import PASSWORD, make_user

DESK = {"REMOTE_ADDR": "10.0.0.7", "HTTP_USER_AGENT": "Firefox/140"}


def code_for(device, steps_ahead: int = 0) -> str:
    """The six digits the app shows now (or one step later: a code is accepted once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name=two_factor.TOTP_NAME, confirmed=True)
    return device, two_factor.new_backup_codes(user)


def sign_in(client, user, password=PASSWORD, next_url=""):
    data = {"username": user.get_username(), "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, **DESK)


def second_step(client, code, next_url=""):
    url = reverse("otp_verify") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"code": code, "next": next_url}, **DESK)


def events(kind):
    return list(AuthEvent.objects.filter(kind=kind).order_by("time", "id"))


def test_an_administrator_with_a_device_cannot_reach_the_admin_before_the_second_step(client, world):
    device, _codes = enrol(world.admin)
    assert sign_in(client, world.admin).status_code == 302
    for page in ("/admin/", "/", "/enterprises/", reverse("account")):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == reverse("otp_verify") + "?next=" + page.replace("/", "%2F")
    assert client.get("/api/me/").status_code == 403  # the session API too
    asked = client.get(reverse("otp_verify") + "?next=/admin/")
    assert "输入一次性验证码" in asked.content.decode()
    passed = second_step(client, code_for(device), next_url="/admin/")
    assert passed.status_code == 302 and passed["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200
    (event,) = events(AuthEvent.Kind.OTP_VERIFIED)
    assert (event.username, event.ip, event.user_agent, event.detail) == (
        "admin",
        "10.0.0.7",
        "Firefox/140",
        "身份验证器应用",
    )


def test_a_wrong_code_is_refused_and_recorded(client, world):
    device, _codes = enrol(world.admin)
    sign_in(client, world.admin)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    refused = second_step(client, wrong)
    assert refused.status_code == 200
    assert "验证码错误" in refused.content.decode()
    assert client.get("/admin/").status_code == 302  # still not through
    (event,) = events(AuthEvent.Kind.OTP_FAILED)
    assert (event.username, event.ip, event.user_agent, event.detail) == (
        "admin",
        "10.0.0.7",
        "Firefox/140",
        "身份验证器应用：验证码错误（连续 1 次）",
    )


def test_wrong_codes_are_throttled_even_the_right_one_waits(client, world):
    device, _codes = enrol(world.admin)
    sign_in(client, world.admin)
    second_step(client, "000000" if code_for(device) != "000000" else "111111")
    waiting = second_step(client, code_for(device))  # within the second that one wrong code costs
    assert "错误次数过多" in waiting.content.decode()
    assert client.get("/").status_code == 302
    assert events(AuthEvent.Kind.OTP_FAILED)[-1].detail == "身份验证器应用：错误次数过多，已拒绝"
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a refused try while waiting does not count again
    device.throttling_failure_timestamp -= datetime.timedelta(seconds=2)
    device.save()
    assert second_step(client, code_for(device)).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_code_is_accepted_once(client, world):
    device, _codes = enrol(world.admin)
    code = code_for(device)
    sign_in(client, world.admin)
    assert second_step(client, code).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, world.admin)
    assert second_step(client, code).status_code == 200  # the same code replayed
    assert client.get("/").status_code == 302


def test_a_backup_code_works_once(client, world):
    _device, codes = enrol(world.admin)
    assert len(codes) == 10 and len(set(codes)) == 10
    sign_in(client, world.admin)
    passed = second_step(client, codes[3].upper())  # typed in capitals: the same code
    assert passed.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert events(AuthEvent.Kind.OTP_VERIFIED)[0].detail == "备用验证码；剩余 9 个"
    client.post(reverse("logout"))
    sign_in(client, world.admin)
    assert second_step(client, codes[3]).status_code == 200
    assert client.get("/admin/").status_code == 302
    assert events(AuthEvent.Kind.OTP_FAILED)[-1].detail == "备用验证码：验证码错误（连续 1 次）"
    assert StaticDevice.objects.get(user=world.admin).token_set.count() == 9


def test_a_clerk_is_never_asked(client, world, settings):
    settings.OTP_ADMINS = "required"
    assert sign_in(client, world.clerk).status_code == 302
    assert client.get("/").status_code == 200
    assert client.get(reverse("otp_setup")).status_code == 404
    assert client.get(reverse("account")).status_code == 200
    assert "otp-link" not in client.get(reverse("account")).content.decode()


def test_required_mode_sends_an_unenrolled_administrator_to_enrolment(client, world, settings):
    settings.OTP_ADMINS = "required"
    sign_in(client, world.admin)
    for page in ("/", "/admin/", "/audit/sign-ins/"):
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(reverse("otp_setup")), page
    assert client.get("/api/me/").status_code == 403
    page = client.get(reverse("otp_setup") + "?next=/admin/")
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html and "设置身份验证器应用" in html
    device = TOTPDevice.objects.get(user=world.admin)
    assert not device.confirmed
    assert page.context["secret"].replace(" ", "") in unquote(device.config_url)
    confirmed = client.post(
        reverse("otp_setup") + "?next=/admin/", {"code": code_for(device), "next": "/admin/"}, **DESK
    )
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("otp_backup_codes")
    shown = client.get(reverse("otp_backup_codes"))
    assert len(shown.context["codes"]) == 10 and shown.context["next"] == "/admin/"
    assert all(code in shown.content.decode() for code in shown.context["codes"])
    assert client.get(reverse("otp_backup_codes")).status_code == 302  # shown once
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200  # this session passed with the first code
    (event,) = events(AuthEvent.Kind.OTP_ENROLLED)
    assert (event.username, event.ip, event.user_agent) == ("admin", "10.0.0.7", "Firefox/140")


def test_an_enrolment_with_a_wrong_code_leaves_the_device_unconfirmed(client, world):
    client.force_login(world.admin)
    client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(user=world.admin)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    refused = client.post(reverse("otp_setup"), {"code": wrong}, **DESK)
    assert refused.status_code == 200 and "验证码错误" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert events(AuthEvent.Kind.OTP_FAILED)[0].detail == "设置"
    client.get(reverse("otp_setup"))  # the page again: the same key, the QR code scanned still counts
    assert TOTPDevice.objects.get(user=world.admin).key == device.key


def test_wrong_enrolment_codes_are_throttled_too(client, world):
    client.force_login(world.admin)
    client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(user=world.admin)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    client.post(reverse("otp_setup"), {"code": wrong})
    waiting = client.post(reverse("otp_setup"), {"code": code_for(device)})
    assert "错误次数过多" in waiting.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_optional_mode_lets_an_unenrolled_administrator_in_and_offers_enrolment(client, world):
    assert two_factor.mode() == "optional"
    sign_in(client, world.admin)
    assert client.get("/admin/").status_code == 200
    assert "设置双因素登录" in client.get(reverse("account")).content.decode()


def test_off_mode_asks_nobody_and_offers_nothing(client, world, settings):
    settings.OTP_ADMINS = "off"
    enrol(world.admin)
    sign_in(client, world.admin)
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("otp_setup")).status_code == 404


def test_the_app_names_gaoxin_and_the_zone(world):
    device = TOTPDevice.objects.create(user=world.admin, confirmed=False)
    url = unquote(device.config_url)
    assert url.startswith("otpauth://totp/Gaoxin 测试高新区:admin?secret=")
    assert url.endswith("&issuer=Gaoxin 测试高新区")
    assert two_factor.qr_data_uri(device).startswith("data:image/svg+xml")
    assert len(two_factor.secret_text(device).split(" ")) == 8  # 160 bits: 32 letters in fours


def test_removing_needs_the_password_and_a_current_code(client, world):
    device, _codes = enrol(world.admin)
    sign_in(client, world.admin)
    second_step(client, code_for(device))
    wrong_password = client.post(
        reverse("otp_disable"), {"password": "not-it-2025", "code": code_for(device, 1)}, **DESK
    )
    assert "密码错误" in wrong_password.content.decode()
    assert TOTPDevice.objects.filter(user=world.admin).exists()
    removed = client.post(reverse("otp_disable"), {"password": PASSWORD, "code": code_for(device, 1)}, **DESK)
    assert removed.status_code == 302 and removed["Location"] == reverse("account")
    assert not TOTPDevice.objects.filter(user=world.admin).exists()
    assert not StaticDevice.objects.filter(user=world.admin).exists()
    (event,) = events(AuthEvent.Kind.OTP_DISABLED)
    assert (event.username, event.actor, event.ip) == ("admin", world.admin, "10.0.0.7")


def test_reset_by_another_admin_is_audited(client, world):
    lost_phone = make_user("admin2", superuser=True)
    enrol(lost_phone)
    client.force_login(world.admin)  # not enrolled, optional mode: in the admin at once
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [lost_phone.pk]},
        **DESK,
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=lost_phone).exists()
    assert not StaticDevice.objects.filter(user=lost_phone).exists()
    (event,) = events(AuthEvent.Kind.OTP_RESET)
    assert (event.username, event.actor, event.detail, event.ip, event.user_agent) == (
        "admin2",
        world.admin,
        "由 admin 重置",
        "10.0.0.7",
        "Firefox/140",
    )
    sign_in(client, lost_phone)
    assert client.get("/admin/").status_code == 200  # optional: in with the password, enrols anew


def test_a_device_added_in_the_admin_is_recorded_as_an_enrolment(client, world):
    other = make_user("admin2", superuser=True)
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:otp_totp_totpdevice_add"),
        {
            "user": other.pk,
            "name": "phone",
            "confirmed": "on",
            "key": "3132333435363738393031323334353637383930",
            "step": 30,
            "t0": 0,
            "digits": 6,
            "tolerance": 1,
            "drift": 0,
            "last_t": -1,
            "throttling_failure_count": 0,
        },
        **DESK,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    (event,) = events(AuthEvent.Kind.OTP_ENROLLED)
    assert (event.username, event.actor, event.detail, event.ip) == (
        "admin2",
        world.admin,
        "由 admin 添加",
        "10.0.0.7",
    )


def test_a_clerk_cannot_reset_anyone(client, world):
    enrol(world.admin)
    client.force_login(world.clerk)
    client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [world.admin.pk]},
    )
    assert TOTPDevice.objects.filter(user=world.admin).exists()
    assert not events(AuthEvent.Kind.OTP_RESET)


def test_the_admin_lists_who_has_an_app(client, world):
    enrol(world.admin)
    client.force_login(world.admin)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=world.admin).persistent_id
    session.save()
    page = client.get(reverse("admin:auth_user_changelist"))
    assert page.status_code == 200
    assert "身份验证器应用" in page.content.decode()


def test_an_api_token_is_not_asked_for_a_code(api, world, settings):
    """Tokens are made by an administrator (drf_create_token or the admin, itself behind the
    second step); a token request carries no session, so the gate does not apply."""
    settings.OTP_ADMINS = "required"
    enrol(world.admin)
    token = Token.objects.create(user=world.admin)
    response = api.get("/api/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "value, ok", [("required", True), ("optional", True), ("off", True), ("sometimes", False)]
)
def test_the_setting_is_checked(settings, value, ok):
    from gaoxin.core.checks import check_otp_mode, check_otp_required

    settings.OTP_ADMINS = value
    assert [e.id for e in check_otp_mode(None)] == ([] if ok else ["gaoxin.E003"])
    assert [w.id for w in check_otp_required(None)] == ([] if value == "required" else ["gaoxin.W001"])
