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


def _deserialize_in_bulk(self, data):
    """Django's ``deserialize_db_from_string`` (the reload after a flush of a test with
    ``serialized_rollback``: the reference tables, roles, permissions) with one INSERT per
    batch instead of one save per row: the same rows, no signals (the saves were raw)."""
    from collections import defaultdict
    from io import StringIO

    from django.core import serializers
    from django.db.transaction import atomic

    alias = self.connection.alias
    by_model, with_m2m = defaultdict(list), []
    with atomic(using=alias), self.connection.constraint_checks_disabled():
        for obj in serializers.deserialize("json", StringIO(data), using=alias):
            by_model[type(obj.object)].append(obj.object)
            if obj.m2m_data:
                with_m2m.append(obj)
        for model, objects in by_model.items():
            # the first such test finds the migrated rows still there (identical: kept)
            model._base_manager.using(alias).bulk_create(objects, batch_size=500, ignore_conflicts=True)
        for obj in with_m2m:
            for name, values in obj.m2m_data.items():
                getattr(obj.object, name).set(values)
        self.connection.check_constraints(table_names={m._meta.db_table for m in by_model})


def pytest_configure(config):
    from django.db.backends.base.creation import BaseDatabaseCreation

    BaseDatabaseCreation.deserialize_db_from_string = _deserialize_in_bulk


# Modules whose tests are long each: their module fixture is built on both workers, so that the
# two halves run side by side.
SPREAD_MODULES = {"tests.test_scope_sweep"}


def pytest_collection_modifyitems(config, items):
    """A module whose tests share a module-scoped fixture (the demo zone, a migrated
    installation) runs on one worker (``--dist loadgroup``): the fixture is built once, not
    once per worker that receives some of its tests."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.get_closest_marker("xdist_group") or item.module.__name__ in SPREAD_MODULES:
            continue
        definitions = getattr(item, "_fixtureinfo", None)
        scopes = (
            {d.scope for defs in definitions.name2fixturedefs.values() for d in defs}
            if definitions
            else set()
        )
        if "module" in scopes:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
