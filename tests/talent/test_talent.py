"""Jobs and talent: a firm posts for itself only, staff review before the board shows it,
a project posting becomes a 招商 lead in one step, and the counts goals and the cockpit read."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from gaoxin.attraction.models import Lead
from gaoxin.core.metrics import get_metric
from gaoxin.core.models import ObjectChange
from gaoxin.talent import cockpit, services
from gaoxin.talent.models import JobPosting, ProjectPosting
from gaoxin.talent.todo import todo_job_reviews
from tests.contract import rows_of

from .helpers import assistant, drive, job, job_data, project, talent


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


# --- a firm posts for itself --------------------------------------------------------------------


def test_a_firm_user_posts_a_job_for_its_own_firm_and_it_awaits_review(client, world):
    client.force_login(world.firm_user)
    response = client.post(reverse("talent:jobposting_add"), job_data(world.firm_a))
    assert response.status_code == 302
    posting = JobPosting.objects.get()
    assert (posting.enterprise, posting.status) == (world.firm_a, "pending")
    assert [(r.action, r.user_name) for r in rows_of(JobPosting, posting.pk)] == [("create", "firm_a")]


def test_a_firm_user_cannot_post_for_another_firm_page_or_api(client, world):
    client.force_login(world.firm_user)
    assert client.post(reverse("talent:jobposting_add"), job_data(world.firm_b)).status_code == 400
    response = api_as(world.firm_user).post(reverse("job-list"), job_data(world.firm_b), format="json")
    assert response.status_code == 404
    assert JobPosting.objects.count() == 0


def test_a_firm_user_gets_404_on_every_method_of_another_firms_posting(world):
    other = job(world.firm_b)
    api = api_as(world.firm_user)
    url = reverse("job-detail", args=[other.pk])
    assert [api.get(url).status_code, api.patch(url, {}).status_code, api.put(url, {}).status_code] == [
        404
    ] * 3
    assert api.delete(url).status_code == 404
    assert api.post(reverse("job-review", args=[other.pk]), {"approve": True}).status_code == 404
    assert api.post(reverse("job-close", args=[other.pk])).status_code == 404
    assert JobPosting.objects.get(pk=other.pk).status == "pending"


# --- review (审核) and the board ------------------------------------------------------------------


def test_staff_publish_and_the_board_shows_it_to_every_firm(client, world):
    posting = job(world.firm_a)
    client.force_login(world.firm_user)
    assert posting.title not in client.get(reverse("talent:job_board")).content.decode()
    client.force_login(world.clerk)
    response = client.post(reverse("talent:jobposting_step", args=[posting.pk, "approve"]))
    assert response.status_code == 302
    posting.refresh_from_db()
    assert (posting.status, posting.reviewed_by) == ("published", world.clerk)
    (change,) = [r for r in rows_of(JobPosting, posting.pk) if r.action == "update"]
    assert change.message == "发布"
    other_firm = APIClient()
    from gaoxin.core.testing import make_user
    from gaoxin.enterprises.models import EnterpriseUser

    firm_b_user = make_user("firm_b", "enterprise")
    EnterpriseUser.objects.create(user=firm_b_user, enterprise=world.firm_b)
    client.force_login(firm_b_user)
    assert posting.title in client.get(reverse("talent:job_board")).content.decode()
    assert client.get(reverse("talent:job_board_detail", args=[posting.pk])).status_code == 200
    assert client.get(reverse("talent:jobposting_detail", args=[posting.pk])).status_code == 404
    other_firm.force_authenticate(firm_b_user)
    board = other_firm.get(reverse("job-board-list")).json()["results"]
    assert [p["id"] for p in board] == [posting.pk]
    assert other_firm.get(reverse("job-list")).json()["results"] == []


def test_the_board_never_shows_a_posting_awaiting_review(client, world):
    posting = job(world.firm_b)
    client.force_login(world.firm_user)
    assert client.get(reverse("talent:job_board_detail", args=[posting.pk])).status_code == 404
    assert api_as(world.firm_user).get(reverse("job-board-detail", args=[posting.pk])).status_code == 404


def test_a_firm_cannot_review_its_own_posting(client, world):
    posting = job(world.firm_a)
    client.force_login(world.firm_user)
    assert client.post(reverse("talent:jobposting_step", args=[posting.pk, "approve"])).status_code == 403
    response = api_as(world.firm_user).post(reverse("job-review", args=[posting.pk]), {"approve": True})
    assert response.status_code == 403
    assert JobPosting.objects.get(pk=posting.pk).status == "pending"


def test_returning_needs_a_reason_then_the_firm_corrects_and_resubmits(client, world):
    posting = job(world.firm_a)
    with pytest.raises(ValidationError):
        services.job_posting_review(user=world.clerk, posting=posting, approve=False, note=" ")
    assert JobPosting.objects.get(pk=posting.pk).status == "pending"
    response = api_as(world.clerk).post(
        reverse("job-review", args=[posting.pk]), {"approve": False, "note": "薪资范围请写明"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["review_note"]) == ("rejected", "薪资范围请写明")
    client.force_login(world.firm_user)
    assert (
        client.post(reverse("talent:jobposting_edit", args=[posting.pk]), job_data(world.firm_a)).status_code
        == 302
    )
    client.post(reverse("talent:jobposting_step", args=[posting.pk, "resubmit"]))
    assert JobPosting.objects.get(pk=posting.pk).status == "pending"


def test_only_a_pending_posting_is_reviewed(world):
    posting = job(world.firm_a, status="published")
    response = api_as(world.clerk).post(reverse("job-review", args=[posting.pk]), {"approve": True})
    assert response.status_code == 400


def test_a_firm_does_not_change_a_published_posting_but_closes_it(client, world):
    posting = job(world.firm_a, status="published")
    client.force_login(world.firm_user)
    assert (
        client.post(reverse("talent:jobposting_edit", args=[posting.pk]), job_data(world.firm_a)).status_code
        == 403
    )
    assert (
        api_as(world.firm_user).patch(reverse("job-detail", args=[posting.pk]), {"posts": 9}).status_code
        == 403
    )
    assert client.post(reverse("talent:jobposting_step", args=[posting.pk, "close"])).status_code == 302
    assert JobPosting.objects.get(pk=posting.pk).status == "closed"


def test_the_auditor_reviews_nothing(client, world):
    posting = job(world.firm_a)
    client.force_login(world.auditor)
    assert client.post(reverse("talent:jobposting_step", args=[posting.pk, "approve"])).status_code == 403
    assert JobPosting.objects.get(pk=posting.pk).status == "pending"


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (None, None, "面议"),
        (5000, 8000, "5000–8000元/月"),
        (5000, None, "5000元/月起"),
        (None, 8000, "最高8000元/月"),
    ],
)
def test_the_salary_band_in_words(world, low, high, words):
    assert job(world.firm_a, salary_min=low, salary_max=high).salary_band == words


def test_a_band_upside_down_is_refused(world):
    response = api_as(world.clerk).post(
        reverse("job-list"), {**job_data(world.firm_a), "salary_min": 9000, "salary_max": 6000}, format="json"
    )
    assert response.status_code == 400
    assert JobPosting.objects.count() == 0


# --- project postings → 招商 lead --------------------------------------------------------------------


def test_staff_take_a_project_up_as_a_lead_in_one_step(client, world):
    posting = project(world.firm_a, lead_industry=world.lead)
    client.force_login(world.clerk)
    response = client.post(reverse("talent:projectposting_step", args=[posting.pk, "lead"]))
    assert response.status_code == 302
    posting.refresh_from_db()
    lead = Lead.objects.get()
    assert posting.lead == lead and posting.status == "lead"
    assert (lead.enterprise, lead.company_name, lead.owner) == (world.firm_a, world.firm_a.name, world.clerk)
    assert (lead.intended_investment, lead.intended_land_mu, lead.lead_industry) == (
        Decimal("20000"),
        Decimal("80"),
        world.lead,
    )
    assert reverse("talent:projectposting_detail", args=[posting.pk]) in lead.note
    rows = ObjectChange.objects.filter(message="转为招商线索").values_list("content_type__model", "action")
    assert sorted(rows) == [("lead", "create"), ("projectposting", "update")]
    page = client.get(posting.get_absolute_url()).content.decode()
    assert 'data-testid="lead-link"' in page and lead.get_absolute_url() in page


def test_a_project_is_taken_up_once(world):
    posting = project(world.firm_a)
    services.project_posting_to_lead(user=world.clerk, posting=posting)
    with pytest.raises(ValidationError):
        services.project_posting_to_lead(user=world.clerk, posting=ProjectPosting.objects.get(pk=posting.pk))
    assert Lead.objects.count() == 1


def test_a_firm_or_a_leader_does_not_make_leads(client, world):
    posting = project(world.firm_a)
    with pytest.raises(PermissionDenied):
        services.project_posting_to_lead(user=world.firm_user, posting=posting)
    client.force_login(world.leader)
    assert client.post(reverse("talent:projectposting_step", args=[posting.pk, "lead"])).status_code == 403
    assert (
        api_as(world.firm_user).post(reverse("project-posting-to-lead", args=[posting.pk])).status_code == 403
    )
    assert Lead.objects.count() == 0


def test_the_api_takes_a_project_up(world):
    posting = project(world.firm_a)
    response = api_as(world.clerk).post(reverse("project-posting-to-lead", args=[posting.pk]))
    assert response.status_code == 200
    assert response.json()["status"] == "lead"
    assert response.json()["lead"] == Lead.objects.get().pk


def test_another_firms_project_is_404_to_a_firm(world):
    posting = project(world.firm_b)
    api = api_as(world.firm_user)
    assert api.get(reverse("project-posting-detail", args=[posting.pk])).status_code == 404
    assert api.post(reverse("project-posting-close", args=[posting.pk])).status_code == 404


# --- counts: metrics, the cockpit, 待办 --------------------------------------------------------------


def some_records(world, firms):
    for n, firm in enumerate(firms):
        assistant(firm, person=f"助理{n}")
        talent(firm, name=f"人才{n}")
        job(firm, status="published", posts=2)
    drive(world.firm_a, people_hired=45, posts_offered=120)
    assistant(world.firm_a, person="去年的", started_on=datetime.date(2023, 5, 1))


def test_the_metrics_count_the_year_up_to_the_day(world):
    some_records(world, [world.firm_a, world.firm_b, world.firm_a])
    day = datetime.date(2024, 12, 31)
    assert get_metric("talent_research_assistants").compute({}, 2024, day).value == 3
    value = get_metric("talent_introduced").compute({}, 2024, day)
    assert value.value == 3 and "2家" in value.explanation
    assert get_metric("talent_drive_hired").compute({}, 2024, day).value == 45
    assert get_metric("talent_research_assistants").compute({}, 2024, datetime.date(2024, 6, 30)).value == 0


@pytest.mark.parametrize("firms", [2, 12])
def test_the_cockpit_panel_reads_four_queries_whatever_the_size(world, firms):
    from tests.factories import make_enterprise

    some_records(world, [make_enterprise(f"企业{n}", 100 + n) for n in range(firms)])
    with CaptureQueriesContext(connection) as queries:
        panel = cockpit.talent_panel(2024, datetime.date(2024, 12, 31))
    assert len(queries) == 4
    assert panel == {
        "year": 2024,
        "drives": 1,
        "drive_posts": 120,
        "hired": 45,
        "assistants": firms,
        "talents": firms,
        "talent_firms": firms,
        "board_postings": firms,
        "board_posts": 2 * firms,
    }


def test_the_cockpit_shows_the_panel_to_a_leader(client, world):
    some_records(world, [world.firm_a])
    from gaoxin.zone.models import Zone

    Zone.objects.update(reference_date=datetime.date(2024, 12, 31))
    client.force_login(world.leader)
    page = client.get(reverse("goals:cockpit") + "?year=2024").content.decode()
    assert 'data-testid="talent-panel"' in page


def test_postings_to_review_are_the_clerks_work(world):
    job(world.firm_a)
    job(world.firm_b, status="published")
    group = todo_job_reviews(world.clerk, datetime.date(2024, 12, 31), 5)
    assert (group.count, [i.title for i in group.items]) == (1, ["数控车床操作工"])
    assert todo_job_reviews(world.firm_user, datetime.date(2024, 12, 31), 5) is None


def test_the_search_finds_a_firms_own_postings_only(client, world):
    job(world.firm_a, title="焊接工程师")
    job(world.firm_b, title="焊接技术员")
    client.force_login(world.firm_user)
    response = client.get(reverse("api-search"), {"q": "焊接"})
    titles = [h["title"] for g in response.json()["groups"] for h in g["hits"]]
    assert titles == ["焊接工程师"]
