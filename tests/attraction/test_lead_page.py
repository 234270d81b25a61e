"""A lead's page (issue 11 item 8): the move form offers the next stage, the overdue badge is
readable, and every sentence about time counts from the date it names."""

import datetime
import re

import pytest
from django.urls import reverse

from gaoxin.attraction import services_leads as services
from gaoxin.attraction.forms_leads import LeadMoveForm
from gaoxin.attraction.models import Lead, LeadStage
from gaoxin.zone.models import Department, Zone

TODAY = datetime.date(2025, 9, 30)


@pytest.fixture
def lead(world):
    Zone.objects.filter(pk=world.zone.pk).update(reference_date=TODAY)
    invest = Department.objects.create(zone=world.zone, name="招商局", sort_order=1)
    invest.members.add(world.clerk)
    lead = services.lead_create(
        user=world.clerk,
        company_name="常州成禾新材料有限公司",
        stage_since=datetime.date(2025, 1, 5),
        department=invest,
    )
    services.lead_move(lead=lead, to_stage="contact", date=datetime.date(2025, 1, 5), user=world.clerk)
    Lead.objects.filter(pk=lead.pk).update(
        last_action_date=datetime.date(2025, 9, 14),
        next_action="报送项目研判意见",
        next_action_date=datetime.date(2025, 9, 17),
    )
    lead.refresh_from_db()
    return lead


def text_of(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</', html, re.S)
    return " ".join(match.group(1).split())


@pytest.mark.parametrize(
    ("stage", "shelved_from", "offered"),
    [
        ("clue", None, "contact"),
        ("contact", None, "inspection"),
        ("started", None, "production"),
        ("production", None, None),
        ("shelved", "inspection", "inspection"),  # resuming is the usual move out of 搁置
        ("terminated", None, None),
    ],
)
def test_the_move_form_offers_the_next_stage(world, lead, stage, shelved_from, offered):
    if shelved_from:
        Lead.objects.filter(pk=lead.pk).update(stage=shelved_from)
        lead.refresh_from_db()
        services.lead_move(
            lead=lead, to_stage="shelved", date=TODAY, reason="对方暂停投资计划", user=world.clerk
        )
    else:
        Lead.objects.filter(pk=lead.pk).update(stage=stage)
    lead.refresh_from_db()
    assert LeadMoveForm(lead=lead)["to_stage"].initial == offered


def test_the_page_selects_the_next_stage_and_counts_from_the_dates_it_names(client, world, lead):
    client.force_login(world.clerk)
    html = client.get(reverse("attraction:lead_detail", args=[lead.pk])).content.decode()
    assert re.search(r'<option value="inspection" selected>', html)
    assert text_of(html, "stage-since") == "自2025-01-05起处于此阶段，截至2025-09-30已268天"
    assert text_of(html, "overdue") == (
        "下一步行动“报送项目研判意见”应于2025-09-17完成，已逾期13天。"
        "自2025-09-14最近一次行动已16天，仍未完成初步研判（接洽阶段时限3天）。"
    )
    # white on red, not red on red (Tabler's bg-red alone keeps the text colour of the card)
    assert 'class="badge bg-red text-red-fg" data-testid="overdue-badge">逾期<' in html


def test_a_lead_overdue_from_its_stage_start_says_so(world, lead):
    Lead.objects.filter(pk=lead.pk).update(
        stage_since=datetime.date(2025, 9, 20),
        last_action_date=datetime.date(2025, 9, 20),
        next_action_date=None,
    )
    lead.refresh_from_db()
    assert (
        services.lead_overdue(lead, TODAY) == "自2025-09-20进入接洽阶段已10天，仍未完成初步研判（时限3天）。"
    )


def test_a_move_says_what_happened_in_a_sentence(client, world, lead):
    client.force_login(world.clerk)
    response = client.post(
        reverse("attraction:lead_move", args=[lead.pk]),
        {"to_stage": LeadStage.INSPECTION, "date": "2025-09-30", "reason": ""},
        follow=True,
    )
    [message] = [str(m) for m in response.context["messages"]]
    assert message == "常州成禾新材料有限公司已进入“考察”阶段。"


def test_a_lead_begun_after_the_evaluation_date_counts_no_days(client, world, lead):
    Lead.objects.filter(pk=lead.pk).update(stage_since=datetime.date(2025, 10, 8))
    client.force_login(world.clerk)
    html = client.get(reverse("attraction:lead_detail", args=[lead.pk])).content.decode()
    assert text_of(html, "stage-since") == "自2025-10-08起处于此阶段"
