"""The chain map: coverage at its edges, the node page's actions, target lists, permissions."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gaoxin.attraction.models import Lead, LeadStage
from gaoxin.chains import services
from gaoxin.chains.models import (
    Chain,
    ChainNode,
    CompanyMatch,
    NodeEnterprise,
    RegistryCompany,
    Target,
    TargetList,
)
from gaoxin.core.models import ObjectChange
from gaoxin.core.testing import make_uscc
from gaoxin.zone.models import Department
from tests.factories import make_enterprise


def company(n: int, name: str = "") -> RegistryCompany:
    return RegistryCompany.objects.create(
        uscc=make_uscc(1000 + n, "320500"),
        name=name or f"外地铜箔公司{n}",
        registered_capital=Decimal("5000"),
    )


@pytest.fixture
def chain(world):
    chain = Chain.objects.create(code="lithium", name="锂电池", lead_industry=world.lead)
    nodes = {
        code: ChainNode.objects.create(chain=chain, code=code, name=name, segment=segment, keywords=kw)
        for code, name, segment, kw in [
            ("foil", "铜箔", "upstream", "铜箔、锂电铜箔"),
            ("electrolyte", "电解液", "upstream", "电解液"),
            ("cell", "电芯", "midstream", "电芯、锂电池"),
            ("pack", "PACK", "downstream", "电池包"),
        ]
    }
    target_list = TargetList.objects.create(name="2025 铜箔目标")
    return SimpleNamespace(chain=chain, target_list=target_list, **nodes)


def link(node, n: int, confirmed: bool = True):
    firm = make_enterprise(f"本地企业{node.code}{n}", 100 + n + node.pk * 50)
    return NodeEnterprise.objects.create(node=node, enterprise=firm, confirmed=confirmed)


# --- coverage ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("confirmed", "targets", "leads", "status"),
    [
        (0, 0, 0, "no_target"),
        (0, 1, 0, "gap"),
        (0, 0, 1, "gap"),
        (1, 0, 0, "weak"),
        (2, 0, 0, "weak"),
        (3, 0, 0, "strong"),
        (4, 5, 5, "strong"),
    ],
)
def test_coverage_status_at_its_edges(confirmed, targets, leads, status):
    assert services.coverage_status(confirmed=confirmed, targets=targets, leads=leads) == status


def test_the_strong_threshold_is_three_confirmed_local_firms():
    assert services.STRONG_MIN_LOCAL_FIRMS == 3


@pytest.mark.parametrize(("n", "status"), [(0, "no_target"), (1, "weak"), (2, "weak"), (3, "strong")])
def test_coverage_counts_only_confirmed_local_firms(chain, n, status):
    for i in range(n):
        link(chain.foil, i)
    for i in range(3):
        link(chain.foil, 10 + i, confirmed=False)  # suggestions do not count
    cover = services.coverage([chain.foil.pk])[chain.foil.pk]
    assert (cover.confirmed, cover.suggested, cover.status) == (n, 3, status)


def test_a_node_with_no_local_firm_but_a_target_or_a_lead_is_a_gap(chain, world):
    Target.objects.create(target_list=chain.target_list, company=company(1), node=chain.foil)
    Lead.objects.create(
        code="L1", company_name="某电解液公司", node=chain.electrolyte, stage_since=datetime.date(2025, 9, 1)
    )
    Lead.objects.create(
        code="L2",
        company_name="某电芯公司",
        node=chain.cell,
        stage=LeadStage.TERMINATED,
        stage_since=datetime.date(2025, 9, 1),
    )
    cover = services.coverage([n.pk for n in (chain.foil, chain.electrolyte, chain.cell, chain.pack)])
    assert cover[chain.foil.pk].status == "gap" and cover[chain.foil.pk].targets == 1
    assert cover[chain.electrolyte.pk].status == "gap"
    assert cover[chain.electrolyte.pk].leads_by_stage == {"clue": 1}
    # a terminated lead is shown among the stages but is no work on the node
    assert cover[chain.cell.pk].status == "no_target"
    assert cover[chain.cell.pk].leads_by_stage == {"terminated": 1}
    assert cover[chain.pack.pk].status == "no_target"


def test_coverage_takes_three_queries_whatever_the_number_of_nodes(chain):
    for i in range(3):
        link(chain.foil, i)
        link(chain.cell, i)
    ids = [chain.foil.pk, chain.electrolyte.pk, chain.cell.pk, chain.pack.pk]
    with CaptureQueriesContext(connection) as one:
        services.coverage(ids[:1])
    with CaptureQueriesContext(connection) as four:
        services.coverage(ids)
    assert len(one) == len(four) == 3


# --- pages ------------------------------------------------------------------------------------


def test_the_chain_list_shows_each_chain_with_its_coverage_summary(client, world, chain):
    for i in range(3):
        link(chain.foil, i)
    client.force_login(world.leader)
    response = client.get(reverse("chains:chain_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "锂电池" in html and reverse("chains:chain_detail", args=[chain.chain.pk]) in html


def test_the_chain_map_shows_the_tree_and_the_table_of_nodes(client, world, chain):
    link(chain.cell, 1)
    client.force_login(world.auditor)
    response = client.get(reverse("chains:chain_detail", args=[chain.chain.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="chain-map"' in html and "echarts.min.js" in html
    assert reverse("chains:node_detail", args=[chain.foil.pk]) in html
    nodes = {n.code: n.cover.status for n in response.context["nodes"]}
    assert nodes == {"foil": "no_target", "electrolyte": "no_target", "cell": "weak", "pack": "no_target"}


def test_the_chain_map_query_count_does_not_grow_with_nodes(client, world, chain):
    client.force_login(world.clerk)
    url = reverse("chains:chain_detail", args=[chain.chain.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(20):
        node = ChainNode.objects.create(chain=chain.chain, code=f"n{i}", name=f"节点{i}", parent=chain.cell)
        link(node, i)
        Target.objects.create(target_list=chain.target_list, company=company(100 + i), node=node)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_clerk_confirms_a_suggestion_and_it_is_audited(client, world, chain):
    suggestion = link(chain.foil, 1, confirmed=False)
    client.force_login(world.clerk)
    response = client.post(reverse("chains:link_confirm", args=[suggestion.pk]))
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.confirmed
    rows = ObjectChange.objects.filter(content_type__model="nodeenterprise", object_id=str(suggestion.pk))
    assert [(r.action, r.user_name) for r in rows.order_by("time")] == [("create", ""), ("update", "clerk")]


def test_clerk_links_an_enterprise_by_hand_and_unlinks_it(client, world, chain):
    client.force_login(world.clerk)
    page = client.get(reverse("chains:node_detail", args=[chain.foil.pk]), {"q": "甲企业"})
    assert [e.pk for e in page.context["found"]] == [world.firm_a.pk]
    client.post(reverse("chains:node_link", args=[chain.foil.pk]), {"enterprise": world.firm_a.pk})
    link_row = NodeEnterprise.objects.get(node=chain.foil, enterprise=world.firm_a)
    assert link_row.confirmed and link_row.source == "manual"
    client.post(reverse("chains:link_unlink", args=[link_row.pk]))
    assert not NodeEnterprise.objects.filter(pk=link_row.pk).exists()
    assert ObjectChange.objects.filter(content_type__model="nodeenterprise", action="delete").count() == 1


def test_suggest_from_the_classifier_creates_unconfirmed_links_with_the_words(client, world, chain):
    make_enterprise("华信锂电铜箔有限公司", 301, business_scope="锂电铜箔的生产与销售")
    make_enterprise("某食品公司", 302, business_scope="食品加工，铜箔包装")
    ChainNode.objects.filter(pk=chain.foil.pk).update(excluded_keywords="食品")
    chain.foil.refresh_from_db()
    client.force_login(world.clerk)
    client.post(reverse("chains:node_suggest", args=[chain.foil.pk]))
    rows = list(NodeEnterprise.objects.filter(node=chain.foil).select_related("enterprise"))
    assert [(r.enterprise.name, r.confirmed, r.source) for r in rows] == [
        ("华信锂电铜箔有限公司", False, "classifier")
    ]
    assert rows[0].score > 0 and "锂电铜箔" in rows[0].matched_words
    # a second run suggests nothing more
    client.post(reverse("chains:node_suggest", args=[chain.foil.pk]))
    assert NodeEnterprise.objects.filter(node=chain.foil).count() == 1


def test_the_node_page_lists_classified_companies_by_score_with_the_words(client, world, chain):
    low, high = company(1), company(2)
    CompanyMatch.objects.create(company=low, node=chain.foil, score=1, words="铜箔")
    CompanyMatch.objects.create(company=high, node=chain.foil, score=4, words="锂电铜箔、铜箔")
    client.force_login(world.leader)
    response = client.get(reverse("chains:node_detail", args=[chain.foil.pk]))
    assert response.status_code == 200
    assert [m.company_id for m in response.context["matches"]] == [high.pk, low.pk]
    assert "锂电铜箔、铜箔" in response.content.decode()
    assert not response.context["may_target"]  # a leader reads


def test_clerk_adds_a_classified_company_to_a_target_list_once(client, world, chain):
    target_company = company(1)
    client.force_login(world.clerk)
    data = {
        "company": target_company.pk,
        "node": chain.foil.pk,
        "target_list": chain.target_list.pk,
        "note": "重点",
    }
    client.post(reverse("chains:target_add"), data)
    target = Target.objects.get(target_list=chain.target_list, company=target_company)
    assert (target.node, target.note, target.added_by) == (chain.foil, "重点", world.clerk)
    response = client.post(reverse("chains:target_add"), data, follow=True)
    assert response.status_code == 200
    assert Target.objects.filter(company=target_company).count() == 1
    assert services.coverage([chain.foil.pk])[chain.foil.pk].status == "gap"


def test_clerk_starts_a_lead_from_a_classified_company(client, world, chain):
    department = Department.objects.create(zone=world.zone, name="招商局")
    department.members.add(world.clerk)
    target_company = company(1, "外地铜箔甲公司")
    client.force_login(world.clerk)
    client.post(reverse("chains:lead_start"), {"company": target_company.pk, "node": chain.foil.pk})
    lead = Lead.objects.get(company=target_company)
    assert (lead.company_name, lead.node, lead.stage, lead.owner, lead.department) == (
        "外地铜箔甲公司",
        chain.foil,
        "clue",
        world.clerk,
        department,
    )
    assert lead.stage_since == timezone.localdate()
    assert lead.lead_industry == world.lead
    assert lead.code.startswith("XS-")
    # a second lead for the same firm is refused
    client.post(reverse("chains:lead_start"), {"company": target_company.pk, "node": chain.foil.pk})
    assert Lead.objects.filter(company=target_company).count() == 1


def test_the_target_list_page_removes_a_target_and_starts_a_lead(client, world, chain):
    first, second = company(1), company(2)
    t1 = Target.objects.create(target_list=chain.target_list, company=first, node=chain.foil)
    t2 = Target.objects.create(target_list=chain.target_list, company=second, node=chain.foil)
    client.force_login(world.clerk)
    page = client.get(reverse("chains:targetlist_detail", args=[chain.target_list.pk]))
    assert page.status_code == 200 and "外地铜箔公司1" in page.content.decode()
    client.post(reverse("chains:target_lead", args=[t1.pk]))
    assert Lead.objects.get(company=first).node == chain.foil
    client.post(reverse("chains:target_remove", args=[t2.pk]))
    assert list(Target.objects.values_list("pk", flat=True)) == [t1.pk]


def test_clerk_adds_and_edits_a_target_list(client, world):
    client.force_login(world.clerk)
    response = client.post(reverse("chains:targetlist_add"), {"name": "电解液清单", "description": ""})
    assert response.status_code == 302
    target_list = TargetList.objects.get(name="电解液清单")
    client.post(reverse("chains:targetlist_edit", args=[target_list.pk]), {"name": "电解液清单2025"})
    target_list.refresh_from_db()
    assert target_list.name == "电解液清单2025"
    listing = client.get(reverse("chains:targetlist_list"))
    assert "电解液清单2025" in listing.content.decode()


# --- permissions ------------------------------------------------------------------------------


def test_a_leader_reads_the_map_but_cannot_confirm_link_or_start_a_lead(client, world, chain):
    suggestion = link(chain.foil, 1, confirmed=False)
    target_company = company(1)
    client.force_login(world.leader)
    assert client.get(reverse("chains:node_detail", args=[chain.foil.pk])).status_code == 200
    assert client.post(reverse("chains:link_confirm", args=[suggestion.pk])).status_code == 403
    assert client.post(reverse("chains:node_suggest", args=[chain.foil.pk])).status_code == 403
    add = {"company": target_company.pk, "node": chain.foil.pk, "target_list": chain.target_list.pk}
    assert client.post(reverse("chains:target_add"), add).status_code == 403
    assert client.post(reverse("chains:targetlist_add"), {"name": "x"}).status_code == 403
    suggestion.refresh_from_db()
    assert not suggestion.confirmed and not Target.objects.exists()


def test_an_auditor_reads_target_lists(client, world, chain):
    client.force_login(world.auditor)
    assert client.get(reverse("chains:targetlist_list")).status_code == 200
    assert client.get(reverse("chains:targetlist_detail", args=[chain.target_list.pk])).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        lambda c: reverse("chains:chain_list"),
        lambda c: reverse("chains:chain_detail", args=[c.chain.pk]),
        lambda c: reverse("chains:node_detail", args=[c.foil.pk]),
        lambda c: reverse("chains:targetlist_list"),
        lambda c: reverse("chains:targetlist_detail", args=[c.target_list.pk]),
    ],
)
def test_an_enterprise_user_has_no_access_to_the_chains(client, world, chain, url):
    client.force_login(world.firm_user)
    assert client.get(url(chain)).status_code == 403


def test_an_enterprise_user_cannot_link_or_start_a_lead(client, world, chain):
    client.force_login(world.firm_user)
    assert (
        client.post(
            reverse("chains:node_link", args=[chain.foil.pk]), {"enterprise": world.firm_a.pk}
        ).status_code
        == 403
    )
    target_company = company(1)
    assert client.post(reverse("chains:lead_start"), {"company": target_company.pk}).status_code == 403
    assert not NodeEnterprise.objects.exists() and not Lead.objects.exists()


def test_an_unknown_node_is_a_404(client, world):
    client.force_login(world.clerk)
    assert client.get(reverse("chains:node_detail", args=[999999])).status_code == 404
    assert client.post(reverse("chains:node_link", args=[999999]), {"enterprise": 1}).status_code == 404


def test_the_sidebar_has_the_chain_map_and_target_lists_for_staff_only(client, world, chain):
    client.force_login(world.clerk)
    html = client.get(reverse("chains:chain_list")).content.decode()
    assert reverse("chains:targetlist_list") in html
    client.force_login(world.firm_user)
    html = client.get("/").content.decode()
    assert reverse("chains:chain_list") not in html
