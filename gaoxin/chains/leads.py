"""The lead pipeline as the chain map sees it, without importing it.

The direction of the apps is zone ← enterprises ← chains ← attraction: leads point at chain
nodes and registry companies, so ``chains`` must not import ``attraction``. The map still
counts a node's leads, lists them, badges companies that have one and starts one from a
target: it asks the ``LeadPipeline`` registered here. ``attraction`` registers its own in
``AppConfig.ready`` (like the metrics of ``core.metrics``); without it the map has no leads.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class LeadPipeline:
    """What the map needs of the leads; this default knows none."""

    add_permission = ""  # the permission to start a lead

    def counts(self, node_ids) -> list[tuple[int, str, int, bool]]:
        """(node id, stage, number of leads, whether they count as work on the node)."""
        return []

    def node_stages(self, user, node) -> list[dict]:
        """The node's leads ``user`` may see, by stage: [{"label", "leads"}]."""
        return []

    def companies_with_open_lead(self, user, company_ids) -> set[int]:
        """The companies that have an open lead whose company ``user`` may see."""
        return set()

    def open_lead_by_company(self, user, company_ids) -> dict[int, object]:
        return {}

    def start(self, *, company, node, user, today=None):
        raise ValidationError(_("You do not have permission to do this."))


_pipeline = LeadPipeline()


def register(pipeline: LeadPipeline) -> None:
    global _pipeline
    _pipeline = pipeline


def pipeline() -> LeadPipeline:
    return _pipeline
