import os

import pytest

from tests.personas import build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path, request):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VAR_DIR = tmp_path
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
    }
    settings.LANGUAGE_CODE = "zh-hans"
    from django.core.cache import cache

    cache.clear()  # cached figures and login lockouts do not leak between tests
    if {"live_server", "transactional_db"} & set(request.fixturenames):
        # the API throttle's counts live in a table of the database that a flush leaves as it
        # is (not a model); a test inside a transaction rolls them back by itself
        from django.core.cache import caches

        request.getfixturevalue("transactional_db")
        caches["shared"].clear()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def api(world):
    from rest_framework.test import APIClient

    return APIClient()
