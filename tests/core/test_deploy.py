"""Production settings: no public key, no tracebacks, `check --deploy` clean when configured
as documented (docs/operations.md), secrets from files, the password rules."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from gaoxin.core.testing import make_user

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PRODUCTION = {
    "GAOXIN_DEBUG": "false",
    "GAOXIN_HTTPS": "true",
    "GAOXIN_ALLOWED_HOSTS": "gaoxin.example.gov.cn",
    "GAOXIN_SECRET_KEY": "Z7v9qL2mX4pR8sT1wY6uB3nC5dF0gH-jK_eA4tW9xQ2zV7bN1mL5kP8rS3dF6gJ0",
    "GAOXIN_OTP_ADMINS": "required",
}


def run(code_or_args, env):
    # the test run's own settings (GAOXIN_*, the browser tests' async switch) stay out
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GAOXIN_", "DJANGO_"))}
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "gaoxin.settings",
            "GAOXIN_VAR_DIR": env.pop("VAR", "/tmp/gaoxin-deploy-test"),
        }
    )
    clean.update(env)
    args = (
        [sys.executable, "-c", code_or_args]
        if isinstance(code_or_args, str)
        else [sys.executable, *code_or_args]
    )
    return subprocess.run(args, env=clean, cwd=REPO, capture_output=True, text=True, timeout=120)


def test_debug_is_off_unless_asked_for():
    result = run("from django.conf import settings; import django; django.setup(); print(settings.DEBUG)", {})
    assert result.stdout.strip() == "False"


def test_serving_with_the_public_key_is_refused():
    result = run("import gaoxin.wsgi", {"GAOXIN_DEBUG": "false"})
    assert result.returncode != 0
    assert "GAOXIN_SECRET_KEY" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_serving_with_a_key_of_its_own_starts():
    result = run("import gaoxin.wsgi; print('ok')", dict(PRODUCTION))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(PRODUCTION["GAOXIN_SECRET_KEY"] + "\n", encoding="utf-8")
    env = {k: v for k, v in PRODUCTION.items() if k != "GAOXIN_SECRET_KEY"}
    env["GAOXIN_SECRET_KEY_FILE"] = str(key_file)
    result = run("import gaoxin.wsgi; from django.conf import settings; print(settings.SECRET_KEY)", env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == PRODUCTION["GAOXIN_SECRET_KEY"]


def test_check_deploy_is_clean_with_the_documented_production_settings():
    result = run(["-m", "gaoxin.cli", "check", "--deploy", "--fail-level", "WARNING"], dict(PRODUCTION))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_while_two_factor_is_only_optional():
    env = {k: v for k, v in PRODUCTION.items() if k != "GAOXIN_OTP_ADMINS"}
    result = run(["-m", "gaoxin.cli", "check", "--deploy"], env)
    assert result.returncode == 0, result.stdout + result.stderr  # a warning, not an error
    assert "gaoxin.W001" in result.stderr + result.stdout


def test_check_deploy_reports_the_public_key_and_debug():
    result = run(["-m", "gaoxin.cli", "check", "--deploy"], {"GAOXIN_DEBUG": "true"})
    assert result.returncode != 0
    assert "gaoxin.E001" in result.stderr and "gaoxin.E002" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password, accepted",
    [
        ("leader2025", False),  # like the user name
        ("gx2025ab", False),  # 8 characters: below 10
        ("zhangwei7x", True),  # exactly 10, letters and digits
        ("qingshuang", False),  # letters only
        ("2025093012", False),  # digits only
        ("password12", False),  # common
    ],
)
def test_password_rules(password, accepted):
    user = make_user("leader")
    if accepted:
        validate_password(password, user)
    else:
        with pytest.raises(ValidationError):
            validate_password(password, user)


def test_sessions_end_after_eight_idle_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    # renewed by a request at most once a minute (SessionRenewalMiddleware), not saved each time
    assert settings.SESSION_RENEW_SECONDS == 60


def test_a_request_renews_the_session_at_most_once_a_minute(client, django_user_model, monkeypatch):
    import time
    import types

    from django.contrib.sessions.models import Session

    from gaoxin.core import middleware

    user = django_user_model.objects.create_user("renewed", password="x")
    clock = [time.time()]
    monkeypatch.setattr(middleware, "time", types.SimpleNamespace(time=lambda: clock[0]))  # its clock only
    client.force_login(user)  # the sign-in saves the session: its first renewal
    key = client.session.session_key
    first = Session.objects.get(pk=key).expire_date
    response = client.get("/account/")  # within the minute: no write, no new cookie
    assert "sessionid" not in response.cookies
    assert Session.objects.get(pk=key).expire_date == first
    clock[0] += 61
    response = client.get("/account/")
    assert "sessionid" in response.cookies  # renewed: the cookie's age starts again
    assert Session.objects.get(pk=key).expire_date > first
