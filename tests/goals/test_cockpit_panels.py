"""The cockpit's panel registry (core/cockpit.py): an app's panel is computed for the
cockpit's year and evaluation day, shown inside its fold with its title, and only to readers
holding its permission."""

import datetime

import pytest
from django.urls import reverse

from gaoxin.core import cockpit
from gaoxin.zone.models import Zone

seen = []


@pytest.fixture
def panels(settings, tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "panel.html").write_text(
        "<p data-testid='probe'>{{ panel.count }} 家 · {{ year }}</p>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    saved = dict(cockpit._PANELS)

    @cockpit.cockpit_panel("probe", "探针面板", "tests/panel.html", order=1)
    def probe(year, as_of):
        seen.append((year, as_of))
        return {"count": 7}

    @cockpit.cockpit_panel("secret", "保密面板", "tests/panel.html", permission="auth.change_user", order=2)
    def secret(year, as_of):
        return {"count": 99}

    @cockpit.cockpit_panel("empty", "空面板", "tests/panel.html", order=3)
    def empty(year, as_of):
        return None

    yield
    cockpit._PANELS.clear()
    cockpit._PANELS.update(saved)


def test_a_panel_is_computed_for_the_year_and_day_and_shown_in_its_fold(client, world, panels):
    Zone.objects.update(reference_date=datetime.date(2025, 9, 30))
    seen.clear()
    client.force_login(world.leader)
    content = client.get(reverse("goals:cockpit") + "?year=2025").content.decode()
    assert seen == [(2025, datetime.date(2025, 9, 30))]
    assert 'data-testid="fold-probe"' in content and "探针面板" in content
    assert "7 家 · 2025" in content


def test_a_panel_without_figures_is_not_shown(client, world, panels):
    client.force_login(world.leader)
    content = client.get(reverse("goals:cockpit")).content.decode()
    assert "空面板" not in content


def test_a_reader_without_the_panels_permission_does_not_see_it(client, world, panels):
    client.force_login(world.leader)
    content = client.get(reverse("goals:cockpit")).content.decode()
    assert "保密面板" not in content and "99 家" not in content
