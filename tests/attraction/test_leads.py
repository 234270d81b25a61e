"""The lead pipeline: moves, overdue rules at their edges, confidentiality, permissions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gaoxin.attraction import services_leads as services
from gaoxin.attraction.models import Lead, LeadStage, LeadStageChange, StageDeadline
from gaoxin.core.models import ObjectChange
from gaoxin.core.testing import make_user
from gaoxin.zone import workdays
from gaoxin.zone.models import CalendarOverride, Department, Zone

TODAY = datetime.date(2025, 9, 30)


@pytest.fixture
def pipe(world):
    Zone.objects.filter(pk=world.zone.pk).update(reference_date=TODAY)
    invest = Department.objects.create(zone=world.zone, name="招商局", sort_order=1)
    economy = Department.objects.create(zone=world.zone, name="经济发展局", sort_order=2)
    invest.members.add(world.clerk)
    clerk_b = make_user("clerk_b", "clerk")
    economy.members.add(clerk_b)
    lead = services.lead_create(
        user=world.clerk,
        company_name="甲锂电材料有限公司",
        confidential=True,
        code_name="项目A",
        intended_investment=Decimal("50000"),
        stage_since=datetime.date(2025, 9, 1),
        department=invest,
    )
    return type("P", (), {"invest": invest, "economy": economy, "clerk_b": clerk_b, "lead": lead})


def move(lead, to, user, reason="", day=datetime.date(2025, 9, 10)):
    return services.lead_move(lead=lead, to_stage=to, date=day, reason=reason, user=user)


def test_a_forward_move_needs_no_reason_and_is_recorded(world, pipe):
    change = move(pipe.lead, LeadStage.INSPECTION, world.clerk)
    pipe.lead.refresh_from_db()
    assert (pipe.lead.stage, pipe.lead.stage_since, pipe.lead.last_action_date) == (
        "inspection",
        datetime.date(2025, 9, 10),
        datetime.date(2025, 9, 10),
    )
    assert (change.from_stage, change.to_stage, change.user) == ("clue", "inspection", world.clerk)
    row = ObjectChange.objects.for_object(pipe.lead).order_by("-id").first()
    assert row.prechange_data["stage"] == "clue" and row.postchange_data["stage"] == "inspection"


def test_a_lead_moved_backwards_without_a_reason_is_refused_and_nothing_changes(world, pipe):
    move(pipe.lead, LeadStage.NEGOTIATION, world.clerk)
    changes, audit = LeadStageChange.objects.count(), ObjectChange.objects.count()
    with pytest.raises(ValidationError) as exc:
        move(pipe.lead, LeadStage.CONTACT, world.clerk, day=datetime.date(2025, 9, 12))
    assert "reason" in exc.value.message_dict
    pipe.lead.refresh_from_db()
    assert pipe.lead.stage == "negotiation"
    assert (LeadStageChange.objects.count(), ObjectChange.objects.count()) == (changes, audit)


def test_a_lead_moved_backwards_with_a_reason_keeps_the_reason(world, pipe):
    move(pipe.lead, LeadStage.NEGOTIATION, world.clerk)
    change = move(pipe.lead, LeadStage.CONTACT, world.clerk, "对方更换决策人", datetime.date(2025, 9, 12))
    assert change.reason == "对方更换决策人"
    pipe.lead.refresh_from_db()
    assert pipe.lead.stage == "contact"


@pytest.mark.parametrize("to", [LeadStage.SHELVED, LeadStage.TERMINATED])
def test_shelving_or_terminating_needs_a_reason(world, pipe, to):
    with pytest.raises(ValidationError):
        move(pipe.lead, to, world.clerk)
    move(pipe.lead, to, world.clerk, "资金未落实")
    pipe.lead.refresh_from_db()
    assert pipe.lead.stage == to


def test_a_move_dated_before_the_stage_began_is_refused(world, pipe):
    with pytest.raises(ValidationError):
        move(pipe.lead, LeadStage.CONTACT, world.clerk, day=datetime.date(2025, 8, 31))


def test_a_clerk_of_another_department_may_not_move_the_lead(world, pipe):
    with pytest.raises(PermissionDenied):
        move(pipe.lead, LeadStage.CONTACT, pipe.clerk_b)
    with pytest.raises(PermissionDenied):
        move(pipe.lead, LeadStage.CONTACT, world.leader)


# --- overdue -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "days", "overdue"),
    [
        ("clue", 1, False),
        ("clue", 2, True),
        ("contact", 3, False),
        ("contact", 4, True),
        ("negotiation", 14, False),
        ("negotiation", 15, True),
        ("production", 400, False),
        ("terminated", 400, False),
    ],
)
def test_overdue_by_stage_deadline_at_its_edge(world, pipe, stage, days, overdue):
    lead = pipe.lead
    Lead.objects.filter(pk=lead.pk).update(stage=stage, stage_since=TODAY - datetime.timedelta(days=days))
    lead.refresh_from_db()
    reason = services.lead_overdue(lead, TODAY)
    assert bool(reason) is overdue
    in_bulk = services.overdue_leads(Lead.objects.all(), TODAY).filter(pk=lead.pk).exists()
    assert in_bulk is overdue
    if overdue:
        assert f"{days}" in reason and f"{services.deadlines()[stage].days}" in reason


def test_the_last_action_resets_the_clock(world, pipe):
    Lead.objects.filter(pk=pipe.lead.pk).update(
        stage="negotiation", stage_since=TODAY - datetime.timedelta(days=40), last_action_date=TODAY
    )
    pipe.lead.refresh_from_db()
    assert services.lead_overdue(pipe.lead, TODAY) is None


def test_a_past_next_action_date_is_overdue_the_day_after(world, pipe):
    lead = pipe.lead
    Lead.objects.filter(pk=lead.pk).update(stage_since=TODAY, next_action="回访", next_action_date=TODAY)
    lead.refresh_from_db()
    assert services.lead_overdue(lead, TODAY) is None
    tomorrow = TODAY + datetime.timedelta(days=1)
    Lead.objects.filter(pk=lead.pk).update(stage_since=tomorrow)
    lead.refresh_from_db()
    assert "回访" in services.lead_overdue(lead, tomorrow)
    assert services.overdue_leads(Lead.objects.all(), tomorrow).filter(pk=lead.pk).exists()


# --- pages and confidentiality ------------------------------------------------------------------


def test_a_confidential_lead_shows_its_code_name_outside_its_department(client, world, pipe):
    client.force_login(pipe.clerk_b)
    page = client.get(reverse("attraction:lead_list")).content.decode()
    assert "项目A" in page and "甲锂电材料" not in page
    found = client.get(reverse("attraction:lead_list"), {"q": "甲锂电"}).content.decode()
    assert "项目A" not in found
    client.force_login(world.clerk)
    page = client.get(reverse("attraction:lead_list")).content.decode()
    assert "甲锂电材料有限公司" in page


def test_a_firm_user_sees_no_lead(client, world, pipe):
    client.force_login(world.firm_user)
    assert client.get(reverse("attraction:lead_list")).status_code == 403
    assert client.get(reverse("attraction:lead_detail", args=[pipe.lead.pk])).status_code == 404


def test_a_leader_reads_but_cannot_edit(client, world, pipe):
    client.force_login(world.leader)
    assert client.get(reverse("attraction:lead_detail", args=[pipe.lead.pk])).status_code == 200
    assert client.get(reverse("attraction:lead_edit", args=[pipe.lead.pk])).status_code == 403


def test_a_clerk_of_another_department_cannot_edit_the_lead(client, world, pipe):
    client.force_login(pipe.clerk_b)
    assert client.get(reverse("attraction:lead_edit", args=[pipe.lead.pk])).status_code == 403


def test_the_move_form_moves_the_lead_and_backwards_without_reason_says_why(client, world, pipe):
    client.force_login(world.clerk)
    url = reverse("attraction:lead_move", args=[pipe.lead.pk])
    client.post(url, {"to_stage": "negotiation", "date": "2025-09-10"})
    response = client.post(url, {"to_stage": "clue", "date": "2025-09-11"}, follow=True)
    pipe.lead.refresh_from_db()
    assert pipe.lead.stage == "negotiation"
    levels = [m.level_tag for m in response.context["messages"]]
    assert levels == ["success", "error"]


def test_lead_add_is_prefilled_from_a_registry_company(client, world, pipe):
    from gaoxin.chains.models import RegistryCompany

    company = RegistryCompany.objects.create(uscc="91110000000000001X", name="丙铜箔科技有限公司")
    client.force_login(world.clerk)
    page = client.get(reverse("attraction:lead_add"), {"company": company.pk}).content.decode()
    assert "丙铜箔科技有限公司" in page
    response = client.post(
        reverse("attraction:lead_add"),
        {"company": company.pk, "company_name": "", "owner": world.clerk.pk, "department": pipe.invest.pk},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    lead = Lead.objects.get(company=company)
    assert (lead.company_name, lead.stage, lead.stage_since, lead.code) == (
        "丙铜箔科技有限公司",
        "clue",
        TODAY,
        "XS-2025-0002",
    )


def test_my_leads_and_the_department_page_list_the_overdue(client, world, pipe):
    Lead.objects.filter(pk=pipe.lead.pk).update(stage_since=TODAY - datetime.timedelta(days=5))
    client.force_login(world.clerk)
    page = client.get(reverse("attraction:my_leads")).content.decode()
    assert "甲锂电材料有限公司" in page
    page = client.get(reverse("attraction:department_leads", args=[pipe.invest.pk])).content.decode()
    assert "甲锂电材料有限公司" in page


def make_leads(world, pipe, n):
    for i in range(n):
        services.lead_create(
            user=world.clerk, company_name=f"企业{i}", department=pipe.invest, owner=world.clerk
        )


@pytest.mark.parametrize("url_name", ["attraction:lead_list", "attraction:lead_board"])
def test_list_and_board_queries_do_not_grow_with_rows(client, world, pipe, url_name):
    client.force_login(world.clerk)
    client.get(reverse(url_name))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url_name)).status_code == 200
    make_leads(world, pipe, 12)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(url_name))
    assert len(many) == len(few)


# --- API ----------------------------------------------------------------------------------------


def test_api_move_goes_through_the_rules(api, world, pipe):
    api.force_authenticate(world.clerk)
    url = f"/api/leads/{pipe.lead.pk}/move/"
    assert api.post(url, {"to_stage": "negotiation", "date": "2025-09-10"}).status_code == 200
    response = api.post(url, {"to_stage": "clue", "date": "2025-09-11"})
    assert response.status_code == 400 and "reason" in response.json()
    ok = api.post(url, {"to_stage": "clue", "date": "2025-09-11", "reason": "重新接洽"})
    assert ok.status_code == 200 and ok.json()["stage"] == "clue"


def test_api_stage_is_not_written_by_patch(api, world, pipe):
    api.force_authenticate(world.clerk)
    api.patch(f"/api/leads/{pipe.lead.pk}/", {"stage": "production"}, format="json")
    pipe.lead.refresh_from_db()
    assert pipe.lead.stage == "clue"


def test_api_permissions_in_sentences(api, world, pipe):
    url = f"/api/leads/{pipe.lead.pk}/"
    api.force_authenticate(world.firm_user)
    assert api.get("/api/leads/").status_code == 403
    api.force_authenticate(world.auditor)
    assert api.get(url).status_code == 200
    assert api.patch(url, {"next_action": "x"}, format="json").status_code == 403
    api.force_authenticate(pipe.clerk_b)
    body = api.get(url).json()
    assert body["company_name"] == "项目A" and body["contact"] == ""
    assert api.patch(url, {"next_action": "x"}, format="json").status_code == 403
    assert api.post(f"{url}move/", {"to_stage": "contact", "date": "2025-09-10"}).status_code == 403
    api.force_authenticate(world.clerk)
    assert api.patch(url, {"next_action": "回访"}, format="json").status_code == 200


def test_api_filters_overdue_and_stage(api, world, pipe):
    api.force_authenticate(world.clerk)
    assert api.get("/api/leads/", {"overdue": "true"}).json()["count"] == 1
    assert api.get("/api/leads/", {"overdue": "false"}).json()["count"] == 0
    assert api.get("/api/leads/", {"stage": "contact"}).json()["count"] == 0


def test_api_list_queries_are_constant(api, world, pipe):
    api.force_authenticate(world.clerk)
    api.get("/api/leads/")
    with CaptureQueriesContext(connection) as few:
        api.get("/api/leads/")
    make_leads(world, pipe, 12)
    with CaptureQueriesContext(connection) as many:
        api.get("/api/leads/")
    assert len(many) == len(few)


def test_a_move_dated_after_the_evaluation_date_is_refused(world, pipe):
    with pytest.raises(ValidationError) as caught:
        move(pipe.lead, LeadStage.CONTACT, world.clerk, day=TODAY + datetime.timedelta(days=1))
    assert list(caught.value.message_dict) == ["date"]
    pipe.lead.refresh_from_db()
    assert (pipe.lead.stage, LeadStageChange.objects.count()) == ("clue", 0)
    assert move(pipe.lead, LeadStage.CONTACT, world.clerk, day=TODAY).date == TODAY


# --- overdue in working days ----------------------------------------------------------------------


@pytest.fixture
def contact_in_working_days(pipe):
    """完成初步研判 within 5 working days, the lead's last action on Tuesday 30 September 2025:
    due Tuesday 14 October (9, 10, 11 调休 Saturday, 13, 14 October; 1–8 October off)."""
    StageDeadline.objects.filter(stage="contact").update(days=5, unit=StageDeadline.Unit.WORKING)
    Lead.objects.filter(pk=pipe.lead.pk).update(stage="contact", stage_since=TODAY, last_action_date=TODAY)
    pipe.lead.refresh_from_db()
    return pipe.lead


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (datetime.date(2025, 10, 8), False),  # last holiday day, no working day passed yet
        (datetime.date(2025, 10, 13), False),
        (datetime.date(2025, 10, 14), False),  # the deadline itself is in time
        (datetime.date(2025, 10, 15), True),  # the day after
    ],
)
def test_a_working_day_deadline_across_national_day_at_its_edge(contact_in_working_days, today, overdue):
    lead = contact_in_working_days
    reason = services.lead_overdue(lead, today)
    assert bool(reason) is overdue
    assert services.overdue_leads(Lead.objects.all(), today).filter(pk=lead.pk).exists() is overdue
    if overdue:
        assert reason == "自2025-09-30进入接洽阶段起5个工作日内未完成初步研判（2025-10-14到期）。"


def test_in_calendar_days_the_same_lead_is_overdue_during_the_holiday(contact_in_working_days):
    StageDeadline.objects.filter(stage="contact").update(unit=StageDeadline.Unit.CALENDAR)
    assert services.lead_overdue(contact_in_working_days, datetime.date(2025, 10, 6))


def test_a_working_day_deadline_on_a_friday_is_overdue_on_the_saturday(contact_in_working_days):
    """Last action Monday 20 October 2025, 4 working days: due Friday 24 October; Saturday 25
    is the first day overdue (the weekend does not extend the deadline)."""
    StageDeadline.objects.filter(stage="contact").update(days=4)
    lead = contact_in_working_days
    Lead.objects.filter(pk=lead.pk).update(last_action_date=datetime.date(2025, 10, 20))
    lead.refresh_from_db()
    assert services.lead_overdue(lead, datetime.date(2025, 10, 24)) is None
    assert "2025-10-24" in services.lead_overdue(lead, datetime.date(2025, 10, 25))
    assert services.overdue_leads(Lead.objects.all(), datetime.date(2025, 10, 25)).count() == 1


def test_a_local_holiday_gives_the_lead_one_more_day(contact_in_working_days):
    CalendarOverride.objects.create(
        date=datetime.date(2025, 10, 9), is_workday=False, reason="本市地方性假日"
    )
    day = datetime.date(2025, 10, 15)
    assert services.lead_overdue(contact_in_working_days, day) is None
    assert not services.overdue_leads(Lead.objects.all(), day).exists()


def test_a_year_the_calendar_does_not_know_shows_the_lead_overdue_with_the_reason(
    contact_in_working_days, monkeypatch
):
    monkeypatch.setattr(workdays, "KNOWN_YEARS", (2004, 2026))  # chinese-calendar 1.11.0
    day = datetime.date(2027, 1, 5)  # the days before it include 2027-01-01..04
    reason = services.lead_overdue(contact_in_working_days, day)
    assert reason.startswith("接洽阶段无法按工作日判断。无法判断2027-01-04是否为工作日")
    assert services.overdue_leads(Lead.objects.all(), day).filter(pk=contact_in_working_days.pk).exists()
