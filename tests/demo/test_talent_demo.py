"""The demo's jobs, talent and service catalogue carry the article's figures (3 drives,
638 科研助理 posts, 10 talents for 7 firms in 2024; 674 items reported), read through the
pages, the API and the metrics; invented records say 示例."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from rest_framework.test import APIClient

from gaoxin.core.metrics import get_metric

DAY = datetime.date(2024, 12, 31)


@pytest.fixture
def leader(loaded):
    return User.objects.get(username="leader")


def test_the_article_figures_are_the_metrics(loaded):
    assert get_metric("talent_research_assistants").compute({}, 2024, DAY).value == 638
    talents = get_metric("talent_introduced").compute({}, 2024, DAY)
    assert talents.value == 10 and "7家" in talents.explanation
    assert "3场" in get_metric("talent_drive_hired").compute({}, 2024, DAY).explanation


def test_the_api_counts_them_too(loaded, leader):
    api = APIClient()
    api.force_authenticate(leader)
    assert api.get(reverse("research-assistant-list"), {"year": 2024}).json()["count"] == 638
    talents = api.get(reverse("talent-list"), {"year": 2024, "page_size": 100}).json()
    assert talents["count"] == 10 and len({t["enterprise"] for t in talents["results"]}) == 7
    assert all("示例" in t["name"] for t in talents["results"])
    assert api.get(reverse("recruitment-drive-list"), {"year": 2024}).json()["count"] == 3


def test_the_catalogue_shows_674_as_reported_and_its_rows_as_examples(client, loaded, leader):
    client.force_login(leader)
    page = client.get(reverse("govservices:serviceitem_list")).content.decode()
    assert "上报口径：2024年政务服务事项674项" in page
    api = APIClient()
    api.force_authenticate(leader)
    items = api.get(reverse("service-item-list"), {"page_size": 100}).json()
    assert 0 < items["count"] < 674 and all(i["is_example"] for i in items["results"])


def test_the_firm_user_sees_its_own_postings_and_the_board(client, loaded):
    firm = User.objects.get(username="firm")
    client.force_login(firm)
    api = APIClient()
    api.force_authenticate(firm)
    own = api.get(reverse("job-list")).json()["results"]
    assert {p["enterprise_name"] for p in own} == {"齐星车辆"}
    board = api.get(reverse("job-board-list"), {"page_size": 100}).json()["results"]
    assert len({p["enterprise_name"] for p in board}) > 1 and {p["status"] for p in board} == {"published"}
    for name in ("talent:job_board", "talent:jobposting_list", "talent:projectposting_list"):
        assert client.get(reverse(name)).status_code == 200


def test_the_cockpit_shows_the_talent_panel(client, loaded, leader):
    client.force_login(leader)
    page = client.get(reverse("goals:cockpit") + "?year=2024").content.decode()
    assert 'data-testid="talent-panel"' in page
