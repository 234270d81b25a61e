"""Rules of the chain map: coverage of each node, the local links (link, confirm, unlink,
suggest from the classifier), target lists and starting a lead from a target.

Coverage is computed, never stored: three aggregate queries for any number of nodes (local
links by node and confirmation, targets by node, leads by node and stage), so the chain-map
page costs the same with 20 nodes or 200.

Writes go through the models' ``save``/``delete``: ``ChangeLoggedModel`` writes the audit row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .classify import Classifier, NodeWords, split_words
from .leads import pipeline
from .models import ChainNode, NodeEnterprise, RegistryCompany, Target, TargetList

# Our own choice, not a published standard: a node is "strong" (强) once at least this many
# confirmed local enterprises work on it; one or two make it "weak" (弱).
STRONG_MIN_LOCAL_FIRMS = 3


class Coverage(TextChoices):
    STRONG = "strong", gettext_lazy("Strong (强)")
    WEAK = "weak", gettext_lazy("Weak (弱)")
    GAP = "gap", gettext_lazy("Gap (缺)")
    NO_TARGET = "no_target", gettext_lazy("No target (无目标)")


# Colours of the map and the badges (Tabler colour names; hex for ECharts).
COVERAGE_COLORS = {
    Coverage.STRONG: ("green", "#2fb344"),
    Coverage.WEAK: ("yellow", "#f59f00"),
    Coverage.GAP: ("red", "#d63939"),
    Coverage.NO_TARGET: ("secondary", "#9aa0ac"),
}


def coverage_status(*, confirmed: int, targets: int, leads: int) -> str:
    """强 with ≥ STRONG_MIN_LOCAL_FIRMS confirmed local firms, 弱 with one or two; without a
    local firm the node is 缺 when someone works on filling it (a target or a lead), and
    无目标 when nobody does."""
    if confirmed >= STRONG_MIN_LOCAL_FIRMS:
        return Coverage.STRONG
    if confirmed >= 1:
        return Coverage.WEAK
    if targets or leads:
        return Coverage.GAP
    return Coverage.NO_TARGET


@dataclass
class NodeCoverage:
    node_id: int
    confirmed: int = 0
    suggested: int = 0
    targets: int = 0
    leads: int = 0  # leads not terminated
    leads_by_stage: dict[str, int] = field(default_factory=dict)
    status: str = Coverage.NO_TARGET

    @property
    def status_label(self) -> str:
        return str(Coverage(self.status).label)

    @property
    def color(self) -> str:
        return COVERAGE_COLORS[Coverage(self.status)][0]

    @property
    def hex_color(self) -> str:
        return COVERAGE_COLORS[Coverage(self.status)][1]


def coverage(node_ids) -> dict[int, NodeCoverage]:
    """Coverage of the given nodes (ids): three
    aggregate queries whatever the number of nodes. A terminated lead does not count as
    work on the node (it still shows among the stages: ``chains.leads``)."""
    ids = list(node_ids)
    result = {pk: NodeCoverage(pk) for pk in ids}
    links = (
        NodeEnterprise.objects.filter(node_id__in=ids)
        .values_list("node_id", "confirmed")
        .annotate(n=Count("*"))
        .order_by()
    )
    for node_id, confirmed, n in links:
        item = result.setdefault(node_id, NodeCoverage(node_id))
        if confirmed:
            item.confirmed += n
        else:
            item.suggested += n
    targets = Target.objects.filter(node_id__in=ids).values_list("node_id").annotate(n=Count("*")).order_by()
    for node_id, n in targets:
        result.setdefault(node_id, NodeCoverage(node_id)).targets = n
    leads = pipeline().counts(ids)
    for node_id, stage, n, is_work in leads:
        item = result.setdefault(node_id, NodeCoverage(node_id))
        item.leads_by_stage[stage] = n
        if is_work:
            item.leads += n
    for item in result.values():
        item.status = coverage_status(confirmed=item.confirmed, targets=item.targets, leads=item.leads)
    return result


def coverage_summary(items) -> dict[str, int]:
    """How many nodes have each status: {"strong": 3, "weak": 1, …}, every status present."""
    summary = {status.value: 0 for status in Coverage}
    for item in items:
        summary[item.status] += 1
    return summary


# --- local links ------------------------------------------------------------------------------


def node_enterprise_link(*, node: ChainNode, enterprise) -> NodeEnterprise:
    """Link a local enterprise to a node by hand (confirmed). A suggestion already there is
    confirmed instead; a confirmed link already there is an error."""
    link = NodeEnterprise.objects.filter(node=node, enterprise=enterprise).first()
    if link is not None:
        if link.confirmed:
            raise ValidationError(_("This enterprise is already linked to the node."))
        return node_enterprise_confirm(link=link)
    link = NodeEnterprise(
        node=node, enterprise=enterprise, source=NodeEnterprise.Source.MANUAL, confirmed=True
    )
    link.save()
    return link


def node_enterprise_confirm(*, link: NodeEnterprise) -> NodeEnterprise:
    if not link.confirmed:
        link.snapshot()
        link.confirmed = True
        link.save()
    return link


def node_enterprise_unlink(*, link: NodeEnterprise) -> None:
    link.delete()


def suggest_local(*, node: ChainNode) -> int:
    """Suggest local enterprises for ``node``: every enterprise of the local registry whose
    name or business scope matches the node's keywords (``classify.Classifier``: excluded
    keywords veto, a hit in the name weighs more), not yet linked, becomes an unconfirmed
    link with its score and words. Returns how many were suggested."""
    from gaoxin.enterprises.models import Enterprise

    classifier = Classifier(
        [NodeWords(node.pk, split_words(node.keywords), split_words(node.excluded_keywords))]
    )
    linked = NodeEnterprise.objects.filter(node=node).values("enterprise_id")
    firms = Enterprise.objects.exclude(pk__in=linked).values_list("pk", "name", "business_scope")
    created = 0
    with transaction.atomic():
        for pk, name, scope in firms.iterator(chunk_size=2000):
            matches = classifier.classify(name=name, scope=scope)
            if not matches:
                continue
            match = matches[0]
            NodeEnterprise(
                node=node,
                enterprise_id=pk,
                source=NodeEnterprise.Source.CLASSIFIER,
                confirmed=False,
                score=match.score,
                matched_words=match.words_text[:300],
            ).save()
            created += 1
    return created


# --- target lists and leads -------------------------------------------------------------------


def target_add(
    *, target_list: TargetList, company: RegistryCompany, node: ChainNode | None, user, note: str = ""
) -> Target:
    if Target.objects.filter(target_list=target_list, company=company).exists():
        raise ValidationError(_("The company is already on this list."))
    target = Target(target_list=target_list, company=company, node=node, note=note[:200], added_by=user)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError as exc:  # a second click at the same moment
        raise ValidationError(_("The company is already on this list.")) from exc
    return target


def target_remove(*, target: Target) -> None:
    target.delete()


def lead_start(*, company: RegistryCompany, node: ChainNode | None, user, today: datetime.date | None = None):
    """Start a lead (线索) from a registry company, by the lead pipeline's one rule and one
    way to make a lead (``chains.leads``: one firm, one open lead)."""
    return pipeline().start(company=company, node=node, user=user, today=today)
