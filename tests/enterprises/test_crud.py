"""Enterprise pages beyond the generic contract (tests/enterprises/test_contract.py): every
page of firm B is a 404 for firm A's user, firm A's user reads but cannot edit."""

import datetime

from django.urls import reverse

from gaoxin.enterprises.models import AnnualFacts, Contact, Enterprise, Qualification
from tests.factories import facts, make_enterprise, qualification


def test_firm_b_is_404_for_every_page_of_firm_a_user(client, world):
    """An enterprise user of firm A gets 404 on every page of firm B, whatever the method."""
    b = world.firm_b
    item = qualification(b, "high_tech", datetime.date(2023, 12, 1))
    year = facts(b, 2024)
    contact = Contact.objects.create(enterprise=b, name="乙联络")
    urls = [
        reverse("enterprises:enterprise_detail", args=[b.pk]),
        reverse("enterprises:enterprise_edit", args=[b.pk]),
        reverse("enterprises:enterprise_status", args=[b.pk]),
        reverse("enterprises:enterprise_delete", args=[b.pk]),
        reverse("enterprises:enterprise_qualifications", args=[b.pk]),
        reverse("enterprises:enterprise_facts", args=[b.pk]),
        reverse("enterprises:enterprise_history", args=[b.pk]),
        reverse("enterprises:qualification_add", args=[b.pk]),
        reverse("enterprises:annualfacts_add", args=[b.pk]),
        reverse("enterprises:contact_add", args=[b.pk]),
        reverse("enterprises:qualification_edit", args=[item.pk]),
        reverse("enterprises:qualification_delete", args=[item.pk]),
        reverse("enterprises:annualfacts_edit", args=[year.pk]),
        reverse("enterprises:annualfacts_delete", args=[year.pk]),
        reverse("enterprises:contact_edit", args=[contact.pk]),
        reverse("enterprises:contact_delete", args=[contact.pk]),
    ]
    client.force_login(world.firm_user)
    before = (
        list(Enterprise.objects.values()),
        list(Qualification.objects.values()),
        list(AnnualFacts.objects.values()),
    )
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert (
            client.post(url, {"name": "x", "status": "deregistered", "reason": "x", "year": 2020}).status_code
            == 404
        ), url
    assert before == (
        list(Enterprise.objects.values()),
        list(Qualification.objects.values()),
        list(AnnualFacts.objects.values()),
    )


def test_firm_a_user_reads_own_enterprise_but_cannot_edit_it(client, world):
    client.force_login(world.firm_user)
    a = world.firm_a
    assert client.get(reverse("enterprises:enterprise_detail", args=[a.pk])).status_code == 200
    assert client.get(reverse("enterprises:enterprise_edit", args=[a.pk])).status_code == 403
    assert client.get(reverse("enterprises:enterprise_history", args=[a.pk])).status_code == 403
    assert client.get(reverse("enterprises:enterprise_list")).status_code == 200  # only their firm
    response = client.get(reverse("home"))  # the firm's home: its 待办 and its own firm
    assert response.status_code == 200
    assert [p["firm"] for p in response.context["panels"]] == [a]
    assert reverse("enterprises:enterprise_detail", args=[a.pk]) in response.content.decode()


def test_enterprise_list_shows_only_own_firm_to_enterprise_user(client, world):
    client.force_login(world.firm_user)
    content = client.get(reverse("enterprises:enterprise_list")).content.decode()
    assert world.firm_a.name in content
    assert world.firm_b.name not in content


def test_make_enterprise_helper_decodes_region(world):
    firm = make_enterprise("丙企业", 3)
    assert firm.region_id == "421303"
