"""The global search (core/search.py and each app's search.py): it finds what the lists
show the reader, no more — another firm's records, a confidential lead's company — groups
by kind with the lists' counts, and the page, the dropdown and /api/search/ agree."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.attraction import services_leads
from gaoxin.chains.models import RegistryCompany
from gaoxin.core import search
from gaoxin.core.testing import make_user
from gaoxin.enterprises.models import Contact
from gaoxin.projects.models import Attachment
from gaoxin.zone.models import Department, Leader
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def kinds_of(results) -> dict[str, list[str]]:
    return {group.kind: [hit.title for hit in group.hits] for group in results.groups}


@pytest.fixture
def secret(world):
    """A confidential lead of 招商局 (the clerk's department) on 丁储能科技; 经济发展局 has
    another clerk."""
    invest = Department.objects.create(zone=world.zone, name="招商局", sort_order=1)
    economy = Department.objects.create(zone=world.zone, name="经济发展局", sort_order=2)
    invest.members.add(world.clerk)
    economy_clerk = make_user("clerk_economy", "clerk")
    economy_clerk.first_name = "钱经发"
    economy_clerk.save()
    economy.members.add(economy_clerk)
    company = RegistryCompany.objects.create(uscc="91110000000000002X", name="丁储能科技有限公司")
    lead = services_leads.lead_create(
        user=world.clerk,
        company_name=company.name,
        company=company,
        confidential=True,
        code_name="项目D",
        contact="丁总",
        intended_investment=Decimal("30000"),
        department=invest,
    )
    return type("S", (), {"economy_clerk": economy_clerk, "lead": lead, "company": company})


# --- scope -------------------------------------------------------------------------------------


def test_an_enterprise_user_of_firm_a_searching_firm_bs_name_gets_nothing_of_firm_b(world):
    make_project(world, world.firm_b)
    Contact.objects.create(enterprise=world.firm_b, name="乙企业联系人")
    results = search.search(world.firm_user, "乙企业")
    assert results.groups == []
    assert results.hint == "未找到结果。"
    assert kinds_of(search.search(world.firm_user, "甲企业")) == {"enterprises": ["甲企业有限公司"]}


def test_the_clerk_finds_both_firms_and_their_projects_and_contacts(world):
    make_project(world, world.firm_b)
    Contact.objects.create(enterprise=world.firm_b, name="乙企业联系人", phone="13800000000")
    found = kinds_of(search.search(world.clerk, "乙企业"))
    assert found == {
        "enterprises": ["乙企业有限公司"],
        "projects": ["乙企业有限公司项目0"],
        "people": ["乙企业联系人"],
    }
    assert kinds_of(search.search(world.clerk, "1380000"))["people"] == ["乙企业联系人"]


def test_a_confidential_leads_company_is_not_found_by_a_staff_member_outside_its_department(world, secret):
    assert "leads" not in kinds_of(search.search(secret.economy_clerk, "丁储能"))
    assert "leads" not in kinds_of(search.search(secret.economy_clerk, "丁总"))
    by_code_name = search.search(secret.economy_clerk, "项目D")
    assert kinds_of(by_code_name) == {"leads": ["项目D"]}
    assert "丁储能" not in str(by_code_name.groups[0].hits[0])


def test_its_owner_finds_a_confidential_lead_by_its_company(world, secret):
    found = kinds_of(search.search(world.clerk, "丁储能"))
    assert found == {"leads": ["丁储能科技有限公司"], "companies": ["丁储能科技有限公司"]}


def test_the_registry_company_is_found_by_everyone_who_reads_the_registry_but_not_by_a_firm(world, secret):
    assert kinds_of(search.search(secret.economy_clerk, "丁储能")) == {"companies": ["丁储能科技有限公司"]}
    assert search.search(world.firm_user, "丁储能").groups == []


def test_a_credit_code_finds_its_firm(world):
    code = world.firm_b.uscc
    assert kinds_of(search.search(world.clerk, code)) == {"enterprises": ["乙企业有限公司"]}
    assert kinds_of(search.search(world.clerk, code[:10].lower()))["enterprises"] == ["乙企业有限公司"]


def test_an_18_character_code_finds_the_registry_company_by_its_index(world, secret):
    assert kinds_of(search.search(world.clerk, "91110000000000002x")) == {"companies": ["丁储能科技有限公司"]}


def test_a_former_name_finds_the_renamed_firm_and_says_so(world):
    world.firm_b.name = "乙新材料有限公司"
    world.firm_b.save()
    results = search.search(world.clerk, "乙企业")
    assert kinds_of(results) == {"enterprises": ["乙新材料有限公司"]}
    assert results.groups[0].hits[0].subtitle == f"{world.firm_b.uscc} · 城北园区 · 曾用名 乙企业有限公司"
    # the list's own search agrees (the "more" link lands on the same firms)
    page = reverse("enterprises:enterprise_list")
    assert "乙新材料有限公司" in _client_get(world.clerk, page, q="乙企业")


def _client_get(user, url, **params):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.get(url, params).content.decode()


def test_leaders_and_staff_are_people_to_the_staff_only(world, secret):
    Leader.objects.create(zone=world.zone, name="孙主任", title="管委会主任")
    assert kinds_of(search.search(world.clerk, "孙主任")) == {"people": ["孙主任"]}
    assert kinds_of(search.search(world.clerk, "钱经发")) == {"people": ["钱经发"]}
    hit = search.search(world.clerk, "钱经发").groups[0].hits[0]
    assert hit.subtitle == "经济发展局"
    assert search.search(world.firm_user, "孙主任").groups == []
    assert search.search(world.firm_user, "钱经发").groups == []


def test_documents_are_found_by_file_name_through_their_record(world):
    project = make_project(world, world.firm_b)
    attachment = Attachment.objects.create(
        project=project,
        title="施工许可证",
        kind="approval",
        file=SimpleUploadedFile("许可证扫描.pdf", b"%PDF"),
    )
    found = search.search(world.clerk, "施工许可")
    assert kinds_of(found) == {"documents": ["施工许可证"]}
    assert found.groups[0].hits[0].url == reverse(
        "projects:project_attachment_file", args=[project.pk, attachment.pk]
    )
    assert search.search(world.firm_user, "施工许可").groups == []  # firm A's user, firm B's project


# --- grouping, counts, the query --------------------------------------------------------------


def test_groups_come_in_kind_order_with_the_lists_counts_and_more_links(world):
    for _i in range(7):
        make_project(world, world.firm_a)
    results = search.search(world.clerk, "甲企业", limit=5)
    assert [(g.kind, g.total, len(g.hits)) for g in results.groups] == [
        ("enterprises", 1, 1),
        ("projects", 7, 5),
    ]
    assert results.total == 8
    assert results.groups[1].more == ["/projects/?q=%E7%94%B2%E4%BC%81%E4%B8%9A"]
    assert results.groups[0].more == []  # all shown
    assert "7" in _client_get(world.clerk, "/projects/", q="甲企业")


def test_a_count_stops_at_its_cap(world, monkeypatch):
    RegistryCompany.objects.bulk_create(
        [RegistryCompany(uscc=f"9111000000000{i:05d}", name=f"戊化工{i}有限公司") for i in range(12)]
    )
    monkeypatch.setattr("gaoxin.chains.search.REGISTRY_COUNT_CAP", 10)
    group = search.search(world.clerk, "戊化工").groups[0]
    assert (group.total, group.capped, group.count_text, len(group.hits)) == (10, True, "10+", 5)


@pytest.mark.parametrize("query", ["", " ", "甲", "  a  "])
def test_an_empty_or_one_character_query_answers_a_hint_not_an_error(world, client, api, query):
    results = search.search(world.clerk, query)
    assert (results.groups, results.hint) == ([], "请至少输入 2 个字符。")
    client.force_login(world.clerk)
    page = client.get(reverse("search"), {"q": query})
    assert page.status_code == 200 and "请至少输入 2 个字符。" in page.content.decode()
    api.force_authenticate(world.clerk)
    answer = api.get("/api/search/", {"q": query})
    assert answer.status_code == 200
    assert answer.json()["groups"] == [] and answer.json()["hint"] == "请至少输入 2 个字符。"


def test_the_api_and_the_page_and_the_dropdown_agree(world, client, api):
    for _i in range(3):
        make_project(world, world.firm_a)
    api.force_authenticate(world.clerk)
    answer = api.get("/api/search/", {"q": "甲企业"}).json()
    assert answer["query"] == "甲企业" and answer["total"] == 4 and answer["hint"] == ""
    assert [(g["kind"], g["label"], g["total"], g["capped"]) for g in answer["groups"]] == [
        ("enterprises", "企业", 1, False),
        ("projects", "重点项目", 3, False),
    ]
    assert answer["groups"][0]["hits"][0] == {
        "kind": "enterprises",
        "title": "甲企业有限公司",
        "subtitle": f"{world.firm_a.uscc} · 城东园区",
        "url": world.firm_a.get_absolute_url(),
        "extra": {},
    }
    client.force_login(world.clerk)
    page = client.get(reverse("search"), {"q": "甲企业"}).content.decode()
    dropdown = client.get(reverse("search_suggest"), {"q": "甲企业"}).content.decode()
    for group in answer["groups"]:
        assert f'data-testid="search-count-{group["kind"]}">{group["total"]}<' in page
        for hit in group["hits"]:
            assert hit["url"] in page and hit["url"] in dropdown
    assert "全部结果（4）" in dropdown


def test_one_kind_on_its_own_page(world, client):
    for _i in range(12):
        make_project(world, world.firm_a)
    client.force_login(world.clerk)
    page = client.get(reverse("search"), {"q": "甲企业", "kind": "projects"}).content.decode()
    assert page.count('class="list-group-item list-group-item-action"') == 12
    assert 'data-testid="search-group-enterprises"' not in page


def test_the_api_needs_a_signed_in_user(client):
    assert client.get("/api/search/", {"q": "甲企业"}).status_code in (401, 403)
    assert client.get(reverse("search"), {"q": "甲企业"}).status_code == 302


def test_the_api_is_in_the_schema(world, api):
    api.force_authenticate(world.clerk)
    schema = api.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/search/"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"q", "kind", "limit"}
    assert "Results" in schema["components"]["schemas"]


def test_the_search_answers_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for i in range(20):
        make_project(world, world.firm_a)
        Contact.objects.create(enterprise=world.firm_a, name=f"甲企业联系人{i}")
    search.search(world.clerk, "甲企业")  # discovery, permissions cached
    # one query per provider, a count where a kind has more hits than shown, former names once
    # (talent's job postings and talents, govservices' items, land requests, portal requests: one
    # query each, +5; visits one, +1)
    with django_assert_max_num_queries(21):
        search.search(world.clerk, "甲企业")


def test_the_header_box_is_on_every_page_for_a_signed_in_user(world, client):
    client.force_login(world.clerk)
    home = client.get("/").content.decode()
    assert 'data-testid="site-search"' in home and "gaoxin/search.js" in home
    assert "<script>" not in home.split("<body", 1)[1]  # no inline script (a CSP is coming)
