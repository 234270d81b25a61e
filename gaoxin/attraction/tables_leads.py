"""Tables of the lead list and the activity list: page, column choice and Excel export."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, ChoiceBadgeColumn, MoneyColumn
from gaoxin.zone.models import evaluation_date

from . import services_leads as services
from .models import Activity, Lead, LeadStage

STAGE_COLORS = {
    LeadStage.CLUE: "secondary",
    LeadStage.CONTACT: "azure",
    LeadStage.INSPECTION: "blue",
    LeadStage.NEGOTIATION: "indigo",
    LeadStage.SIGNED: "green",
    LeadStage.REGISTERED: "teal",
    LeadStage.STARTED: "lime",
    LeadStage.PRODUCTION: "green",
    LeadStage.SHELVED: "orange",
    LeadStage.TERMINATED: "dark",
}


def person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class LeadTable(BaseTable):
    code = tables.Column(linkify=True, verbose_name=_("code"))
    company_name = tables.Column(verbose_name=_("company"), attrs={"td": {"class": "wrap"}})
    stage = ChoiceBadgeColumn(colors=STAGE_COLORS, verbose_name=_("stage"))
    intended_investment = MoneyColumn(verbose_name=_("intended investment (万元)"))
    owner = tables.Column(verbose_name=_("owner"), order_by=("owner__username",))
    department = tables.Column(verbose_name=_("department"), order_by=("department__sort_order",))
    node = tables.Column(verbose_name=_("chain node"), order_by=("node__name",))
    overdue = tables.Column(verbose_name=_("overdue"), accessor="pk", orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = Lead
        fields = (
            "code",
            "company_name",
            "stage",
            "stage_since",
            "intended_investment",
            "intended_land_mu",
            "lead_industry",
            "node",
            "owner",
            "department",
            "next_action",
            "next_action_date",
            "last_action_date",
            "overdue",
            "source",
        )
        default_columns = (
            "code",
            "company_name",
            "stage",
            "intended_investment",
            "owner",
            "department",
            "next_action_date",
            "overdue",
        )
        always_visible = ("code", "company_name")
        empty_text = _("No lead matches. Start one from a chain node's targets or with “Add”.")

    def _rules(self):
        if not hasattr(self, "_deadline_rules"):
            self._deadline_rules = services.deadlines()
            self._today = evaluation_date()
        return self._deadline_rules

    def overdue_reason(self, record) -> str | None:
        rules = self._rules()
        return services.lead_overdue(record, self._today, rules)

    def render_company_name(self, record):
        return record.shown_name  # the code name where visible_to hides the company

    def export_company_name(self, record):
        return self.render_company_name(record)

    def render_owner(self, value):
        return person(value)

    def export_owner(self, record):
        return person(record.owner)

    def render_overdue(self, record):
        reason = self.overdue_reason(record)
        if not reason:
            return ""
        return format_html('<span class="badge bg-red-lt" title="{}">{}</span>', reason, _("Overdue"))

    def export_overdue(self, record):
        return self.overdue_reason(record) or ""


class ActivityTable(BaseTable):
    date = tables.Column(linkify=True, verbose_name=_("date"))
    kind = tables.Column(verbose_name=_("activity type"))
    title = tables.Column(linkify=True, verbose_name=_("activity"), attrs={"td": {"class": "wrap"}})
    region = tables.Column(verbose_name=_("promotion region"))
    companies = tables.Column(
        verbose_name=_("companies met"), accessor="pk", orderable=False, attrs={"td": {"class": "wrap"}}
    )

    class Meta(BaseTable.Meta):
        model = Activity
        fields = ("date", "kind", "title", "region", "city", "department", "companies", "participants_note")
        default_columns = ("date", "kind", "title", "region", "department", "companies")
        always_visible = ("date", "title")
        empty_text = _("No activity matches. Record one with “Add”.")

    def render_companies(self, record):
        names = [c.name for c in record.companies.all()]
        if record.company_names:
            names.append(record.company_names)
        return "、".join(names)

    def export_companies(self, record):
        return self.render_companies(record)
