"""The cockpit on the demo zone (issue 12, load): few queries, its figures cached per
evaluation day and year under the data generation (ADR 0015), never stale after a write."""

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gaoxin.core import generation
from gaoxin.core.testing import commit_data_generation
from gaoxin.indicators import workflow
from gaoxin.indicators.models import Submission


def leader_client() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="leader"))
    return client


def cockpit(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("goals:cockpit"))
    assert response.status_code == 200
    return response, len(queries)


def park_figures(response) -> list:
    """(park, the latest period's values) as the cockpit shows them."""
    parks = response.context["parks"]
    return [(row["park"].name, [c and c["value"] for c in row["cells"]]) for row in parks["rows"]]


def test_the_cockpit_makes_few_queries_and_a_second_load_reads_the_cache(loaded):
    commit_data_generation()
    client = leader_client()
    first, missed = cockpit(client)
    second, hit = cockpit(client)
    # a miss evaluates every goal's metric (a few queries each, ≈85 on the demo's goals) and
    # every panel (惠企政策 ≈15: one matching run of the published clauses over all firms; 土地
    # ≈10: the reserve and one 亩均 evaluation; 梯度培育 ≈8; 人才服务 4), once per worker and
    # data change; the page as served from the cache makes at most 15
    assert missed < 135
    assert hit <= 15 and hit < missed
    assert park_figures(second) == park_figures(first) and park_figures(first)
    assert second.context["latest"] == first.context["latest"] == "2025年1–8月"
    assert [s.color for s in second.context["states"]] == [s.color for s in first.context["states"]]


def test_the_cockpit_is_never_stale_after_a_reopen_or_an_approval(loaded):
    commit_data_generation()
    client = leader_client()
    before = park_figures(cockpit(client)[0])
    cockpit(client)  # now cached
    admin, clerk, leader = (User.objects.get(username=n) for n in ("admin", "clerk", "leader"))
    submission = Submission.objects.get(data_set__code="above-scale-monthly", year=2025, month=8)
    start = generation.current()

    workflow.submission_reopen(submission=submission, user=admin, reason="核对8月数据")
    commit_data_generation()
    assert generation.current() > start
    reopened = park_figures(cockpit(client)[0])
    assert reopened != before  # the reopened month's values no longer count in the park sums

    submission.refresh_from_db()
    workflow.submission_submit(submission=submission, user=clerk)
    for flag in submission.flags.filter(answer=""):
        workflow.flag_answer(flag=flag, user=clerk, answer="已核实")
    workflow.submission_approve(submission=submission, user=leader)
    commit_data_generation()
    assert park_figures(cockpit(client)[0]) == before  # approved again: the sums are back at once


def test_a_write_not_yet_committed_is_read_fresh_on_its_own_connection(loaded):
    commit_data_generation()
    client = leader_client()
    before = park_figures(cockpit(client)[0])
    submission = Submission.objects.get(data_set__code="above-scale-monthly", year=2025, month=8)
    workflow.submission_reopen(submission=submission, user=User.objects.get(username="admin"), reason="核对")
    assert generation.pending()  # the bump waits for the commit; this connection skips the cache
    assert park_figures(cockpit(client)[0]) != before
