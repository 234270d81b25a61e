"""Issue 12.4: lockout after repeated failures (with an administrator's unlock), API
throttling, token expiry, a password-change page for every user."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from gaoxin.core.testing import make_user

PASSWORD = "zhangwei7x"


@pytest.fixture
def person(db):
    user = make_user("zhangwei", "clerk")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, password, address="10.0.0.7"):
    return client.post(reverse("login"), {"username": "zhangwei", "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_name_from_that_address(client, person):
    for _attempt in range(4):
        assert sign_in(client, "wrong-one-1").status_code == 200  # the form again
    locked = sign_in(client, "wrong-one-1")
    assert locked.status_code == 429
    assert "登录已锁定" in locked.content.decode() and "30 分钟" in locked.content.decode()
    assert sign_in(client, PASSWORD).status_code == 429  # the right one does not work at once
    assert sign_in(client, PASSWORD, address="10.0.0.8").status_code == 302  # another desk still can


def test_four_wrong_passwords_do_not_lock(client, person):
    for _attempt in range(4):
        sign_in(client, "wrong-one-1")
    assert sign_in(client, PASSWORD).status_code == 302


def test_an_administrator_unlocks(client, person):
    for _attempt in range(5):
        sign_in(client, "wrong-one-1")
    call_command("axes_reset_username", "zhangwei")
    assert sign_in(client, PASSWORD).status_code == 302


def test_api_calls_are_throttled_per_user(api, world, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    original_settings, original_rates = settings.REST_FRAMEWORK, SimpleRateThrottle.THROTTLE_RATES
    rates = {"anon": "3/min", "user": "5/min"}
    settings.REST_FRAMEWORK = {**original_settings, "DEFAULT_THROTTLE_RATES": rates}
    SimpleRateThrottle.THROTTLE_RATES = rates  # read once at import by DRF
    try:
        api.force_authenticate(world.clerk)
        codes = [api.get("/api/enterprises/").status_code for _ in range(6)]
        assert codes == [200, 200, 200, 200, 200, 429]
        api.force_authenticate(world.leader)  # another person is not slowed down
        assert api.get("/api/enterprises/").status_code == 200
    finally:
        settings.REST_FRAMEWORK = original_settings
        SimpleRateThrottle.THROTTLE_RATES = original_rates
        api_settings.reload()


def test_a_token_expires_after_its_days(api, world, settings):
    settings.API_TOKEN_DAYS = 90
    token = Token.objects.create(user=world.clerk)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/enterprises/").status_code == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=90, minutes=1))
    response = api.get("/api/enterprises/")
    assert response.status_code in (401, 403)
    assert "令牌已于" in response.json()["detail"]


def test_every_user_changes_their_own_password(client, world):
    firm_user = world.firm_user
    client.force_login(firm_user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    weak = client.post(
        reverse("password_change"),
        {"old_password": "x", "new_password1": "firm_a2025", "new_password2": "firm_a2025"},
    )
    assert weak.status_code == 200  # refused: the old password is wrong and the new one is like the name
    firm_user.set_password("old-pass-2025x")
    firm_user.save()
    client.force_login(firm_user)
    done = client.post(
        reverse("password_change"),
        {
            "old_password": "old-pass-2025x",
            "new_password1": "qingshui8river",
            "new_password2": "qingshui8river",
        },
    )
    assert done.status_code == 302
    firm_user.refresh_from_db()
    assert firm_user.check_password("qingshui8river")


def test_the_api_throttle_counts_for_every_server_process(api, world, monkeypatch):
    """gunicorn's workers each have their own local-memory cache; the throttle counts in the
    database ("shared" cache), so a worker that has not seen the earlier calls still refuses."""
    from django.core.cache import cache, caches
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(
        UserRateThrottle, "THROTTLE_RATES", {**UserRateThrottle.THROTTLE_RATES, "user": "3/min"}
    )
    api.force_authenticate(world.clerk)
    assert [api.get("/api/me/").status_code for _ in range(3)] == [200, 200, 200]
    cache.clear()  # what another worker's memory holds: nothing
    assert api.get("/api/me/").status_code == 429
    caches["shared"].clear()
    assert api.get("/api/me/").status_code == 200
