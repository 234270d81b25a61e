"""The full demo zone, loaded once for the tests of a module that ask for it (``demo``),
inside a transaction rolled back at the module's end; each test runs in its own savepoint
(``db``), so what one test changes the next does not see."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The output of ``gaoxin demo --no-serve`` (the demo stays loaded for the module)."""
    from django.db import transaction

    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        VAR_DIR=tmp_path_factory.mktemp("demo"),
        TASKS={
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
        },
        LANGUAGE_CODE="zh-hans",
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        out = io.StringIO()
        call_command("demo", "--no-serve", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo
