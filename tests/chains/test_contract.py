"""The generic contract (tests/contract.py) for the industrial-chain map. Chains and nodes are
zone configuration (read-only pages and API); links and targets are written by actions."""

from django.urls import reverse

from gaoxin.chains.models import Chain, ChainNode, NodeEnterprise, RegistryCompany, Target, TargetList
from gaoxin.core.testing import make_uscc
from tests.contract import ApiRead, ApiWrite, CreatePage, DetailPage, EditPage, ListPage, SharedFilterSet
from tests.factories import make_enterprise


def make_chain(world) -> Chain:
    chain, _created = Chain.objects.get_or_create(
        code="lithium", defaults={"name": "锂电池", "lead_industry": world.lead}
    )
    return chain


def make_node(world, code="foil") -> ChainNode:
    node, _created = ChainNode.objects.get_or_create(
        chain=make_chain(world),
        code=code,
        defaults={"name": "铜箔", "segment": "upstream", "keywords": "铜箔"},
    )
    return node


def registry_company(n: int) -> RegistryCompany:
    return RegistryCompany.objects.create(uscc=make_uscc(1000 + n, "320500"), name=f"外地铜箔公司{n}")


class TestChainContract(DetailPage, ApiRead):
    model = Chain
    reader = "leader"
    api_name = "chain"

    def make(self, world, enterprise):
        return make_chain(world)

    def detail_url(self, obj):
        return reverse("chains:chain_detail", args=[obj.pk])


class TestChainNodeContract(DetailPage, ApiRead):
    model = ChainNode
    reader = "leader"
    api_name = "chainnode"

    def make(self, world, enterprise):
        return make_node(world)

    def list_marker(self, obj):
        return obj.name

    def detail_url(self, obj):
        return reverse("chains:node_detail", args=[obj.pk])


class TestNodeEnterpriseContract(CreatePage, EditPage):
    """A clerk links a local firm to a node, then confirms the link."""

    model = NodeEnterprise
    unlocked_page = "confirming a link is one button (no form of values to lose); the API locks"

    def make(self, world, enterprise):
        return NodeEnterprise.objects.create(node=make_node(world), enterprise=enterprise, confirmed=False)

    def create_url(self, world):
        return reverse("chains:node_link", args=[make_node(world).pk])

    def create_data(self, world):
        return {"enterprise": make_enterprise("丙铜箔有限公司", 77).pk}

    def edit_url(self, obj):
        return reverse("chains:link_confirm", args=[obj.pk])

    def edit_data(self, obj):
        return {}


class TestChainTargetContract(CreatePage):
    """Targets are added to a list from the map and removed from it, never edited."""

    model = Target

    def make(self, world, enterprise):
        target_list = TargetList.objects.create(name="2025 铜箔目标")
        return Target.objects.create(target_list=target_list, company=registry_company(enterprise.pk))

    def create_url(self, world):
        return reverse("chains:target_add")

    def create_data(self, world):
        target_list = TargetList.objects.create(name="2025 铜箔目标")
        return {"target_list": target_list.pk, "company": registry_company(9).pk, "node": make_node(world).pk}


class TestTargetListContract(ListPage, DetailPage, CreatePage, EditPage, ApiWrite, SharedFilterSet):
    model = TargetList
    list_url = "chains:targetlist_list"
    api_name = "targetlist"

    def make(self, world, enterprise):
        return TargetList.objects.create(name=f"{enterprise.name}目标清单")

    def list_marker(self, obj):
        return obj.name

    def detail_url(self, obj):
        return reverse("chains:targetlist_detail", args=[obj.pk])

    def create_url(self, world):
        return reverse("chains:targetlist_add")

    def create_data(self, world):
        return {"name": "电解液清单", "description": ""}

    def edit_url(self, obj):
        return reverse("chains:targetlist_edit", args=[obj.pk])

    def edit_data(self, obj):
        return {"name": obj.name + "2025"}

    def api_create_data(self, world):
        return {"name": "接口清单", "description": ""}

    def api_edit_data(self, obj):
        return {"name": obj.name + "（接口）"}
