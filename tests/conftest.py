import os

import pytest

from tests.personas import build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VAR_DIR = tmp_path
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
    }
    settings.LANGUAGE_CODE = "zh-hans"
    from django.core.cache import cache

    cache.clear()  # API throttle counters and login lockouts do not leak between tests


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def api(world):
    from rest_framework.test import APIClient

    return APIClient()
