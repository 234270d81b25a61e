"""The data generation (ADR 0015) grows after a write to any domain app's table, including
the apps added after it was written (the cockpit's land, policy and talent panels read
theirs), and not after a write to core's audit log or a user's session."""

from django.apps import apps

from gaoxin.core import generation
from gaoxin.core.testing import commit_data_generation
from tests.land.helpers import make_parcel


def test_every_gaoxin_domain_app_is_a_figure_app_and_core_machinery_is_not():
    labels = {c.label for c in apps.get_app_configs() if c.name.startswith("gaoxin.")}
    figure = {label for label in labels if generation.is_figure_app(label)}
    assert {"land", "policies", "talent", "cultivation", "points", "payouts", "govservices"} <= figure
    assert {"enterprises", "indicators", "projects", "attraction", "zone"} <= figure
    assert figure.isdisjoint({"core", "notify"})
    assert not generation.is_figure_app("auth") and not generation.is_figure_app("sessions")
    tables = generation.figure_tables()
    assert "land_parcel" in tables and "core_objectchange" not in tables


def test_a_parcel_written_bumps_the_generation(world):
    commit_data_generation()
    start = generation.current()
    make_parcel(world, code="SZ-2025-001", mu="10")
    commit_data_generation()
    assert generation.current() > start
