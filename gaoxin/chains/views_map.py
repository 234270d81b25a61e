"""The chain map (产业链图谱) and target lists (目标清单).

- ``chain_list``: every chain with its node count and how many nodes are 强 / 弱 / 缺 / 无目标;
- ``chain_detail``: the map (an ECharts tree upstream → midstream → downstream coloured by
  coverage) and the table of nodes with their counts;
- ``node_detail``: local enterprises (confirm, unlink, link by hand, suggest from the
  classifier), the registry companies classified onto the node (add to a list, start a lead),
  targets and leads by stage (the leads through ``chains.leads``: this app imports no lead);
- target lists: list, detail (remove, start a lead), add and edit.

Rules are in ``services``; these views look objects up, check the permission, call the
service and say what happened. Clerks change; leaders and auditors read; enterprise users
have no chains permission (403).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoxin.core.permissions import require
from gaoxin.core.views import ObjectDetailView, ObjectEditView, ObjectListView, require_perm, safe_next
from gaoxin.enterprises.models import Enterprise

from . import leads, services
from .filters import TargetListFilterSet
from .forms import TargetAddForm, TargetListForm
from .models import Chain, ChainNode, CompanyMatch, NodeEnterprise, RegistryCompany, Target, TargetList
from .tables import TargetListTable

MATCHES_SHOWN = 100
TARGETS_PER_PAGE = 100
SEARCH_RESULTS = 20


def optional_url(name: str, *args) -> str | None:
    """A page another part of the work adds (registry, lead pages): None until it exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# --- chains -----------------------------------------------------------------------------------


class ChainListView(LoginRequiredMixin, View):
    def get(self, request):
        require_perm(request.user, Chain, "view")
        chains = list(Chain.objects.visible_to(request.user).select_related("lead_industry"))
        nodes = list(ChainNode.objects.filter(chain__in=chains).values_list("pk", "chain_id"))
        cover = services.coverage([pk for pk, _chain in nodes])
        by_chain: dict[int, list] = {c.pk: [] for c in chains}
        for pk, chain_id in nodes:
            by_chain[chain_id].append(cover[pk])
        for chain in chains:
            chain.node_count = len(by_chain[chain.pk])
            chain.summary = services.coverage_summary(by_chain[chain.pk])
        return render(
            request,
            "chains/chain_list.html",
            {"title": _("Industry chain map"), "chains": chains, "statuses": status_legend()},
        )


def status_legend() -> list[dict]:
    return [
        {"code": s.value, "label": s.label, "color": services.COVERAGE_COLORS[s][0]}
        for s in services.Coverage
    ]


def decorated_nodes(chain: Chain) -> list[ChainNode]:
    """The chain's nodes with their coverage (five queries whatever the size)."""
    nodes = list(chain.nodes.all())
    cover = services.coverage([n.pk for n in nodes])
    segments = dict(ChainNode.Segment.choices)
    for node in nodes:
        node.cover = cover[node.pk]
        node.url = node.get_absolute_url()
        node.segment_label = segments.get(node.segment, node.segment)
    return nodes


def tree_data(chain: Chain, nodes: list[ChainNode]) -> dict:
    """The ECharts tree: the chain, its three segments, then each node under its parent
    node (or its segment)."""
    children: dict[int | None, list[ChainNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)

    def branch(node: ChainNode) -> dict:
        c = node.cover
        item = {
            "name": node.name,
            "id": node.pk,
            "url": node.url,
            "status": c.status_label,
            "counts": [c.confirmed, c.suggested, c.targets, c.leads],
            "itemStyle": {"color": c.hex_color, "borderColor": c.hex_color},
        }
        below = children.get(node.pk)
        if below:
            item["children"] = [branch(child) for child in below]
        else:
            item["collapsed"] = True  # ECharts fills a collapsed symbol: the leaf shows its colour
        return item

    known = {n.pk for n in nodes}
    segments = []
    for segment in ChainNode.Segment:
        roots = [
            n for n in nodes if n.segment == segment and (n.parent_id is None or n.parent_id not in known)
        ]
        segments.append(
            {
                "name": str(segment.label),
                "itemStyle": {"color": "#206bc4"},
                "children": [branch(n) for n in roots],
            }
        )
    return {"name": chain.name, "itemStyle": {"color": "#182433"}, "children": segments}


class ChainDetailView(ObjectDetailView):
    queryset = Chain.objects.select_related("lead_industry")
    template_name = "chains/chain_detail.html"

    def get_context(self, chain) -> dict:
        nodes = decorated_nodes(chain)
        leaves = max(len(nodes), 3)
        return {
            "nodes": nodes,
            "summary": services.coverage_summary(n.cover for n in nodes),
            "statuses": status_legend(),
            "chart": {
                "tree": tree_data(chain, nodes),
                "labels": {
                    "local": _("confirmed local firms"),
                    "suggested": _("suggested"),
                    "targets": _("targets"),
                    "leads": _("leads"),
                },
            },
            "chart_height": min(max(leaves * 26, 320), 6000),
            "strong_min": services.STRONG_MIN_LOCAL_FIRMS,
        }


# --- a node -----------------------------------------------------------------------------------


class NodeDetailView(ObjectDetailView):
    queryset = ChainNode.objects.select_related("chain", "parent")
    template_name = "chains/node_detail.html"

    def get_context(self, node) -> dict:
        user = self.request.user
        links = node_links(node)
        query = self.request.GET.get("q", "").strip()
        return {
            "title": f"{node.chain.name} · {node.name}",
            "cover": services.coverage([node.pk])[node.pk],
            "links": links,
            "matches": node_matches(node, user),
            "targets": node_targets(node),
            "stages": node_stages(node, user),
            "query": query,
            "found": enterprises_to_link(user, query, {link.enterprise_id for link in links}),
            "target_lists": list(TargetList.objects.visible_to(user)),
            "keywords": services.split_words(node.keywords),
            "excluded": services.split_words(node.excluded_keywords),
            **node_permissions(user),
            "company_list_url": optional_url("chains:company_list"),
        }


def node_links(node) -> list[NodeEnterprise]:
    rows = NodeEnterprise.objects.filter(node=node).select_related("enterprise")
    return list(rows.order_by("-confirmed", "-score", "enterprise__name"))


def node_targets(node) -> list[Target]:
    rows = Target.objects.filter(node=node).select_related("company", "target_list", "added_by")
    return list(rows.order_by("-created_at")[:TARGETS_PER_PAGE])


def node_matches(node, user) -> list[CompanyMatch]:
    """The registry companies classified onto the node, each marked: on a target list, with
    an open lead (one the user may know of), its page."""
    rows = CompanyMatch.objects.filter(node=node).select_related("company")
    matches = list(rows.order_by("-score", "company_id")[:MATCHES_SHOWN])
    company_ids = {m.company_id for m in matches}
    listed = set(Target.objects.filter(company_id__in=company_ids).values_list("company_id", flat=True))
    with_lead = leads.pipeline().companies_with_open_lead(user, company_ids)
    for m in matches:
        m.on_a_list = m.company_id in listed
        m.has_lead = m.company_id in with_lead
        m.company_url = optional_url("chains:company_detail", m.company_id)
    return matches


def node_stages(node, user) -> list[dict]:
    stages = leads.pipeline().node_stages(user, node)
    for stage in stages:
        for lead in stage["leads"]:
            lead.url = lead.get_absolute_url()
    return stages


def enterprises_to_link(user, query: str, linked: set[int]) -> list[Enterprise]:
    """Local enterprises named like ``query`` and not linked to the node yet."""
    if not query:
        return []
    named = Enterprise.objects.visible_to(user).filter(name__icontains=query)
    return [e for e in named[: SEARCH_RESULTS + len(linked)] if e.pk not in linked][:SEARCH_RESULTS]


def node_permissions(user) -> dict[str, bool]:
    return {
        "may_link": user.has_perm("chains.add_nodeenterprise"),
        "may_confirm": user.has_perm("chains.change_nodeenterprise"),
        "may_target": user.has_perm("chains.add_target"),
        "may_lead": may_start_lead(user),
    }


def may_start_lead(user) -> bool:
    permission = leads.pipeline().add_permission
    return bool(permission) and user.has_perm(permission)


class NodeActionView(LoginRequiredMixin, View):
    """A POST on a node (scoped lookup first: 404, then the permission: 403)."""

    permission = ""

    def post(self, request, pk):
        node = get_object_or_404(ChainNode.objects.visible_to(request.user).select_related("chain"), pk=pk)
        if not request.user.has_perm(self.permission):
            raise PermissionDenied(_("You do not have permission to do this."))
        try:
            text = self.act(request, node)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if text:
                messages.success(request, text)
        return redirect(safe_next(request, node.get_absolute_url()))

    def act(self, request, node) -> str:
        raise NotImplementedError


class NodeSuggestView(NodeActionView):
    permission = "chains.add_nodeenterprise"

    def act(self, request, node) -> str:
        count = services.suggest_local(node=node)
        return _("%(count)s enterprises suggested; confirm the ones that work on this node.") % {
            "count": count
        }


class NodeLinkView(NodeActionView):
    permission = "chains.add_nodeenterprise"

    def act(self, request, node) -> str:
        enterprise = get_object_or_404(
            Enterprise.objects.visible_to(request.user), pk=int_or_404(request.POST.get("enterprise"))
        )
        services.node_enterprise_link(node=node, enterprise=enterprise)
        return _("Linked %(name)s to the node.") % {"name": enterprise.name}


def int_or_404(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    return number if 0 < number < 2**63 else 0  # 0: no such row, the lookup is a 404


class LinkActionView(LoginRequiredMixin, View):
    """Confirm or unlink a local enterprise's link."""

    confirm = True

    def post(self, request, pk):
        link = get_object_or_404(
            NodeEnterprise.objects.visible_to(request.user).select_related("node", "enterprise"), pk=pk
        )
        require_perm(request.user, NodeEnterprise, "change")
        if self.confirm:
            services.node_enterprise_confirm(link=link)
            messages.success(request, _("Confirmed %(name)s.") % {"name": link.enterprise.name})
        else:
            services.node_enterprise_unlink(link=link)
            messages.success(request, _("Unlinked %(name)s.") % {"name": link.enterprise.name})
        return redirect(safe_next(request, link.node.get_absolute_url()))


def company_and_node(request):
    company = get_object_or_404(
        RegistryCompany.objects.visible_to(request.user), pk=int_or_404(request.POST.get("company"))
    )
    node = None
    if request.POST.get("node"):
        node = get_object_or_404(
            ChainNode.objects.visible_to(request.user).select_related("chain"),
            pk=int_or_404(request.POST.get("node")),
        )
    return company, node


class TargetAddView(LoginRequiredMixin, View):
    """POST company, node (optional), target_list, note: the company goes on the list."""

    def post(self, request):
        company, node = company_and_node(request)
        require_perm(request.user, Target, "add")
        form = TargetAddForm(request.POST, user=request.user)
        fallback = node.get_absolute_url() if node else reverse("chains:targetlist_list")
        if not form.is_valid():
            messages.error(request, _("Choose a target list."))
            return redirect(safe_next(request, fallback))
        target_list = form.cleaned_data["target_list"]
        try:
            services.target_add(
                target_list=target_list,
                company=company,
                node=node,
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Added %(company)s to %(list)s.") % {"company": company.name, "list": target_list.name},
            )
        return redirect(safe_next(request, fallback))


def start_lead(request, company, node):
    require(may_start_lead(request.user), _("You do not have permission to do this."))
    try:
        lead = services.lead_start(company=company, node=node, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    messages.success(
        request, _("Lead %(code)s started for %(company)s.") % {"code": lead.code, "company": company.name}
    )
    return lead


class LeadStartView(LoginRequiredMixin, View):
    """POST company, node: a lead (线索) owned by the user; then the lead's page."""

    def post(self, request):
        company, node = company_and_node(request)
        lead = start_lead(request, company, node)
        fallback = node.get_absolute_url() if node else reverse("chains:chain_list")
        if lead is not None:
            return redirect(lead.get_absolute_url())
        return redirect(safe_next(request, fallback))


# --- target lists -----------------------------------------------------------------------------


class TargetListListView(ObjectListView):
    queryset = TargetList.objects.select_related("department").annotate(target_count=Count("targets"))
    filterset_class = TargetListFilterSet
    table_class = TargetListTable
    add_url_name = "chains:targetlist_add"
    title = gettext_lazy("Target lists")


class TargetListDetailView(ObjectDetailView):
    queryset = TargetList.objects.select_related("department")
    template_name = "chains/targetlist_detail.html"

    def get_context(self, target_list) -> dict:
        user = self.request.user
        rows = (
            Target.objects.filter(target_list=target_list)
            .select_related("company", "node__chain", "added_by")
            .order_by("-created_at", "-id")
        )
        page = Paginator(rows, TARGETS_PER_PAGE).get_page(self.request.GET.get("page"))
        targets = list(page.object_list)
        by_company = leads.pipeline().open_lead_by_company(user, [t.company_id for t in targets])
        for t in targets:
            t.lead = by_company.get(t.company_id)
            t.lead_url = t.lead.get_absolute_url() if t.lead else None
            t.company_url = optional_url("chains:company_detail", t.company_id)
        return {
            "targets": targets,
            "page": page,
            "may_edit": user.has_perm("chains.change_targetlist"),
            "may_lead": may_start_lead(user),
        }


class TargetListEditView(ObjectEditView):
    queryset = TargetList.objects.all()
    form_class = TargetListForm


class TargetActionView(LoginRequiredMixin, View):
    """Remove a target from its list, or start a lead from it."""

    remove = True

    def post(self, request, pk):
        target = get_object_or_404(
            Target.objects.visible_to(request.user).select_related("company", "node__chain", "target_list"),
            pk=pk,
        )
        fallback = target.target_list.get_absolute_url()
        if self.remove:
            # Taking a company off a list changes the list: the list's change permission.
            require_perm(request.user, TargetList, "change")
            services.target_remove(target=target)
            messages.success(
                request, _("Removed %(company)s from the list.") % {"company": target.company.name}
            )
            return redirect(safe_next(request, fallback))
        lead = start_lead(request, target.company, target.node)
        if lead is not None:
            return redirect(lead.get_absolute_url())
        return redirect(safe_next(request, fallback))
