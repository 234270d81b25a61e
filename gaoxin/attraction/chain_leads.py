"""The leads as the chain map shows them (``chains.leads``): counts per node and stage, a
node's leads, the companies that have one, and starting a lead from a registry company.
Registered in ``AttractionConfig.ready``; the map itself never imports this app."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from gaoxin.chains.leads import LeadPipeline
from gaoxin.zone.models import evaluation_date

from .models import Lead, LeadStage
from .services_leads import lead_create


class AttractionLeads(LeadPipeline):
    add_permission = "attraction.add_lead"

    def counts(self, node_ids) -> list[tuple[int, str, int, bool]]:
        """A terminated lead is no work on the node (it still shows among the stages)."""
        rows = Lead.objects.filter(node_id__in=node_ids).values_list("node_id", "stage")
        rows = rows.annotate(n=Count("*")).order_by()
        return [(node_id, stage, n, stage != LeadStage.TERMINATED) for node_id, stage, n in rows]

    def node_stages(self, user, node) -> list[dict]:
        leads = list(
            Lead.objects.visible_to(user)
            .filter(node=node)
            .select_related("owner", "department")
            .order_by("stage", "-updated_at")
        )
        stages = []
        for value, label in LeadStage.choices:
            these = [lead for lead in leads if lead.stage == value]
            if these:
                stages.append({"label": label, "leads": these})
        return stages

    def companies_with_open_lead(self, user, company_ids) -> set[int]:
        """A confidential lead of another department is not even hinted at by a badge."""
        leads = self.open_leads(user, company_ids).exclude(company_hidden=True)
        return set(leads.values_list("company_id", flat=True))

    def open_lead_by_company(self, user, company_ids) -> dict[int, Lead]:
        found: dict[int, Lead] = {}
        for lead in self.open_leads(user, company_ids):
            found.setdefault(lead.company_id, lead)
        return found

    def open_leads(self, user, company_ids):
        leads = Lead.objects.visible_to(user).filter(company_id__in=company_ids)
        return leads.exclude(stage=LeadStage.TERMINATED)

    def start(self, *, company, node, user, today=None) -> Lead:
        """A lead (线索) of a registry company: its name, the node, the node's lead industry,
        owned by ``user`` in the user's first department. A company that already has an
        open lead (not terminated) is refused: one firm, one lead, whoever found it."""
        open_lead = Lead.objects.filter(company=company).exclude(stage=LeadStage.TERMINATED).first()
        if open_lead is not None:
            raise ValidationError(
                _("%(company)s already has an open lead (%(code)s).")
                % {"company": company.name, "code": open_lead.code}
            )
        return lead_create(
            user=user,
            company_name=company.name,
            company=company,
            node=node,
            lead_industry_id=node.chain.lead_industry_id if node is not None else None,
            stage_since=today or evaluation_date(),  # the zone's evaluation date, as every lead
        )
