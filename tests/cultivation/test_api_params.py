"""The eligibility and candidate APIs take a year from 1990 to 2100 and an enterprise by its id;
anything else is a 400 with a Chinese message (it was a 500 on ``year=-152427``)."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    client = APIClient()
    client.force_authenticate(world.clerk)
    return client


@pytest.mark.parametrize(
    "year, status",
    [("1989", 400), ("1990", 200), ("2100", 200), ("2101", 400), ("-152427", 400), ("二〇二四", 400)],
)
def test_the_year_at_its_edges(api, year, status):
    response = api.get("/api/candidates/", {"tier": "high_tech", "year": year})
    assert response.status_code == status
    if status == 400:
        assert response.json() == {"year": ["请填写1990至2100之间的年份，如2024。"]}


def test_an_enterprise_that_is_not_an_id_is_a_400(api, world):
    response = api.get("/api/eligibility/", {"enterprise": "false", "tier": "high_tech", "year": "2024"})
    assert response.status_code == 400
    assert response.json() == {"enterprise": ["请用企业编号（数字）指定企业。"]}
    assert api.get("/api/eligibility/", {"enterprise": world.firm_a.pk, "year": "2024"}).status_code == 200
