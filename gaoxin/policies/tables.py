"""Tables of the policy pages (list pages, column choice, exports)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, ChoiceBadgeColumn, MoneyColumn

from .models import Clause, Disbursement, Policy

STATUS_COLORS = {"draft": "secondary", "published": "green", "repealed": "red"}
STAGE_COLORS = {
    "proposed": "blue",
    "notice": "orange",
    "approved": "purple",
    "paid": "green",
    "withdrawn": "secondary",
}


class PolicyTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name=_("title"))
    status = ChoiceBadgeColumn(colors=STATUS_COLORS, verbose_name=_("status"))

    class Meta(BaseTable.Meta):
        model = Policy
        fields = ("title", "issuer", "number", "issued_on", "effective_on", "expires_on", "scope", "status")
        default_columns = ("title", "issuer", "number", "issued_on", "scope", "status")
        always_visible = ("title",)
        empty_text = _("No policy yet: add one, or import the policy library.")


class ClauseTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name=_("title"))
    policy = tables.Column(linkify=True, verbose_name=_("policy"))
    budget_amount = MoneyColumn(verbose_name=_("budget per year (10k yuan)"))

    class Meta(BaseTable.Meta):
        model = Clause
        fields = ("code", "title", "policy", "rule", "formula", "budget_amount", "budget_line", "repeatable")
        default_columns = ("code", "title", "policy", "budget_amount", "budget_line", "repeatable")
        always_visible = ("title",)
        empty_text = _("No clause yet: add the clauses of a policy on its page.")


class DisbursementTable(BaseTable):
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url(), verbose_name=_("enterprise"))
    clause = tables.Column(verbose_name=_("clause"))
    amount = MoneyColumn(verbose_name=_("amount (10k yuan)"))
    stage = ChoiceBadgeColumn(colors=STAGE_COLORS, verbose_name=_("stage"))

    class Meta(BaseTable.Meta):
        model = Disbursement
        fields = (
            "enterprise",
            "clause",
            "year",
            "amount",
            "stage",
            "notice_start",
            "notice_end",
            "budget_line",
            "document_no",
            "bank_ref",
            "paid_on",
        )
        default_columns = ("enterprise", "clause", "year", "amount", "stage", "notice_end", "paid_on")
        always_visible = ("enterprise",)
        empty_text = _("No disbursement yet: propose one from a clause's 应享未享 list.")
