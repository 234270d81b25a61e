"""/api/chains/, /api/chain-nodes/ (coverage), /api/registry-companies/ (?node=), /api/target-lists/."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
from tests.factories import make_enterprise


def company(n: int) -> RegistryCompany:
    return RegistryCompany.objects.create(
        uscc=make_uscc(2000 + n, "320500"),
        name=f"外地公司{n:03d}",
        region_code="320500" if n % 2 else "440300",
        registered_capital=Decimal(n * 100),
    )


@pytest.fixture
def data(world):
    chain = Chain.objects.create(code="lithium", name="锂电池", lead_industry=world.lead)
    foil = ChainNode.objects.create(
        chain=chain, code="foil", name="铜箔", segment="upstream", keywords="铜箔"
    )
    cell = ChainNode.objects.create(chain=chain, code="cell", name="电芯", keywords="电芯")
    for i in range(3):
        firm = make_enterprise(f"本地电芯{i}", 500 + i)
        NodeEnterprise.objects.create(node=cell, enterprise=firm)
    companies = [company(i) for i in range(1, 6)]
    for c in companies[:3]:
        CompanyMatch.objects.create(company=c, node=foil, score=2, words="铜箔")
    target_list = TargetList.objects.create(name="铜箔清单")
    Target.objects.create(target_list=target_list, company=companies[0], node=foil)
    return SimpleNamespace(chain=chain, foil=foil, cell=cell, companies=companies, target_list=target_list)


def test_chain_nodes_carry_their_coverage(api, world, data):
    api.force_authenticate(world.leader)
    response = api.get("/api/chain-nodes/", {"chain": data.chain.pk})
    assert response.status_code == 200
    rows = {r["code"]: r["coverage"] for r in response.json()["results"]}
    assert rows["cell"]["status"] == "strong" and rows["cell"]["confirmed"] == 3
    assert rows["foil"] == {
        "confirmed": 0,
        "suggested": 0,
        "targets": 1,
        "leads": 0,
        "leads_by_stage": {},
        "status": "gap",
        "status_label": rows["foil"]["status_label"],
    }
    one = api.get(f"/api/chain-nodes/{data.foil.pk}/").json()
    assert one["coverage"]["status"] == "gap"


def test_chain_nodes_filter_by_segment(api, world, data):
    api.force_authenticate(world.clerk)
    rows = api.get("/api/chain-nodes/", {"segment": "upstream"}).json()["results"]
    assert [r["code"] for r in rows] == ["foil"]


def test_chains_are_listed(api, world, data):
    api.force_authenticate(world.auditor)
    rows = api.get("/api/chains/").json()["results"]
    assert [(r["code"], r["lead_industry_name"]) for r in rows] == [("lithium", world.lead.name)]


def test_registry_companies_filter_by_node_region_and_capital(api, world, data):
    api.force_authenticate(world.clerk)
    on_node = api.get("/api/registry-companies/", {"node": data.foil.pk}).json()
    assert on_node["count"] == 3
    assert {r["id"] for r in on_node["results"]} == {c.pk for c in data.companies[:3]}
    both = api.get("/api/registry-companies/", {"node": data.foil.pk, "region": "3205"}).json()
    assert {r["name"] for r in both["results"]} == {"外地公司001", "外地公司003"}
    rich = api.get("/api/registry-companies/", {"capital_min": "400"}).json()
    assert {r["name"] for r in rich["results"]} == {"外地公司004", "外地公司005"}
    assert api.get("/api/registry-companies/", {"node": "x"}).status_code == 400


def test_registry_companies_are_read_only(api, world, data):
    api.force_authenticate(world.clerk)
    response = api.post("/api/registry-companies/", {"name": "x", "uscc": "1"}, format="json")
    assert response.status_code == 405


def test_target_lists_come_with_their_targets(api, world, data):
    api.force_authenticate(world.leader)
    rows = api.get("/api/target-lists/").json()["results"]
    assert rows[0]["name"] == "铜箔清单"
    assert [(t["company_name"], t["node"]) for t in rows[0]["targets"]] == [("外地公司001", data.foil.pk)]


def test_clerk_creates_a_target_list_through_the_api_and_it_is_audited(api, world, data):
    api.force_authenticate(world.clerk)
    response = api.post("/api/target-lists/", {"name": "电芯清单"}, format="json")
    assert response.status_code == 201, response.content
    created = TargetList.objects.get(name="电芯清单")
    assert (
        ObjectChange.objects.filter(content_type__model="targetlist", object_id=str(created.pk)).count() == 1
    )


def test_a_leader_cannot_create_a_target_list(api, world, data):
    api.force_authenticate(world.leader)
    assert api.post("/api/target-lists/", {"name": "x"}, format="json").status_code == 403


@pytest.mark.parametrize(
    "url",
    ["/api/chains/", "/api/chain-nodes/", "/api/registry-companies/", "/api/target-lists/"],
)
def test_an_enterprise_user_is_refused_every_chains_resource(api, world, data, url):
    api.force_authenticate(world.firm_user)
    assert api.get(url).status_code == 403


def test_an_enterprise_user_is_refused_a_node_and_a_list(api, world, data):
    api.force_authenticate(world.firm_user)
    assert api.get(f"/api/chain-nodes/{data.foil.pk}/").status_code in (403, 404)
    assert api.get(f"/api/target-lists/{data.target_list.pk}/").status_code in (403, 404)
    assert api.post("/api/target-lists/", {"name": "x"}, format="json").status_code == 403


def test_signed_out_is_refused(api, data):
    assert api.get("/api/chain-nodes/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("url", "grow"),
    [
        ("/api/chain-nodes/", "nodes"),
        ("/api/registry-companies/?node={foil}", "matches"),
        ("/api/target-lists/", "lists"),
    ],
)
def test_query_counts_do_not_grow_with_the_page(api, world, data, url, grow):
    api.force_authenticate(world.clerk)
    url = url.format(foil=data.foil.pk)
    api.get(url)
    with CaptureQueriesContext(connection) as before:
        assert api.get(url).status_code == 200
    for i in range(10):
        c = company(100 + i)
        if grow == "nodes":
            node = ChainNode.objects.create(chain=data.chain, code=f"n{i}", name=f"节点{i}")
            Target.objects.create(target_list=data.target_list, company=c, node=node)
        elif grow == "matches":
            CompanyMatch.objects.create(company=c, node=data.foil, score=1, words="铜箔")
        else:
            target_list = TargetList.objects.create(name=f"清单{i}")
            Target.objects.create(target_list=target_list, company=c, node=data.foil)
    with CaptureQueriesContext(connection) as after:
        assert api.get(url).status_code == 200
    assert len(after) == len(before)
