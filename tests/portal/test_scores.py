"""Department scores with hand-computed values (November 2025: no holiday in the month)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gaoxin.portal import services
from gaoxin.portal.scores import department_scores, median, percent

from .helpers import D, category, raise_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 16, "6.3"),
        (3, 16, "18.8"),
        (1, 8, "12.5"),
        (0, 5, "0.0"),
        (5, 5, "100.0"),
    ],
)
def test_rates_are_exact_and_rounded_half_up_to_a_tenth(part, whole, expected):
    assert percent(part, whole) == Decimal(expected)


def test_a_rate_of_nothing_is_none_not_zero():
    assert percent(0, 0) is None
    assert median([]) is None


def november(world):
    cat = category(world)  # accept 1, handle 5
    clerk, firm = world.clerk, world.firm_user

    def step(req, accepted=None, answered=None, reopened=None, answered2=None, rating=None, closed=None):
        if accepted:
            services.request_accept(user=clerk, req=req, day=accepted)
        if answered:
            services.request_answer(user=clerk, req=req, answer="答复", day=answered)
        if reopened:
            services.request_reopen(user=firm, req=req, reason="未解决", day=reopened)
            services.request_answer(user=clerk, req=req, answer="再答复", day=answered2)
        if rating:
            services.request_rate(user=firm, req=req, rating=rating, day=closed)

    r1 = raise_request(world, cat=cat, day=D(2025, 11, 3), title="一")
    step(r1, D(2025, 11, 4), D(2025, 11, 10), rating="satisfied", closed=D(2025, 11, 12))
    r2 = raise_request(world, cat=cat, day=D(2025, 11, 3), title="二")
    step(r2, D(2025, 11, 6), D(2025, 11, 14), rating="mostly", closed=D(2025, 11, 17))
    r3 = raise_request(world, cat=cat, day=D(2025, 11, 5), title="三")
    step(
        r3, D(2025, 11, 6), D(2025, 11, 12), D(2025, 11, 13), D(2025, 11, 19), "unsatisfied", D(2025, 11, 20)
    )
    raise_request(world, cat=cat, day=D(2025, 11, 10), title="四")  # never accepted
    return cat.department


def test_the_scores_of_a_month_by_hand(world):
    dept = november(world)
    [score] = [s for s in department_scores(2025, 11) if s.department_id == dept.pk]
    assert (score.received, score.accepted, score.answered, score.closed, score.rated) == (4, 3, 3, 3, 3)
    # acceptance: r1 1, r2 3 (due 4 Nov: late), r3 1 working day
    assert score.acceptance_days == [1, 3, 1]
    assert (score.acceptance_median, score.acceptance_mean) == (Decimal("1.0"), Decimal("1.7"))
    assert score.on_time_acceptance_rate == Decimal("66.7")
    # handling: r1 answered 10 ≤ 11 Nov; r2 14 > 13 Nov; r3 (reopened 13th: due 20th) 19 ≤ 20
    assert score.on_time_handling_rate == Decimal("66.7")
    # closure from the day raised: 7, 10, 11 working days
    assert sorted(score.closure_days) == [7, 10, 11]
    assert (score.closure_median, score.closure_mean) == (Decimal("10.0"), Decimal("9.3"))
    assert (score.satisfied, score.mostly, score.unsatisfied) == (1, 1, 1)
    assert score.satisfaction_rate == Decimal("33.3")
    assert score.reopen_rate == Decimal("33.3")


def test_the_scores_page_and_the_api_show_the_same_figures(client, world):
    from rest_framework.test import APIClient

    dept = november(world)
    client.force_login(world.leader)
    page = client.get(reverse("portal:department_scores") + "?year=2025&month=11")
    assert page.status_code == 200
    assert "33.3%" in page.content.decode()
    api = APIClient()
    api.force_authenticate(world.leader)
    rows = api.get("/api/department-scores/?year=2025&month=11").json()
    row = next(r for r in rows if r["department"] == dept.pk)
    assert (row["received"], row["satisfaction_rate"], row["acceptance_mean"]) == (4, "33.3", "1.7")


def test_a_firm_user_cannot_read_the_department_scores(client, world):
    client.force_login(world.firm_user)
    assert client.get(reverse("portal:department_scores")).status_code == 403


def test_the_satisfaction_metric_for_goals(world):
    from gaoxin.core.metrics import get_metric

    november(world)
    value = get_metric("portal_satisfaction_rate").compute({}, 2025, D(2025, 12, 31))
    assert value.value == Decimal("33.3")
