"""Tables of the payout ledger (list pages, column choice, exports)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, MoneyColumn

from .models import Payout, Programme


class PayoutTable(BaseTable):
    enterprise = tables.Column(
        linkify=lambda record: record.get_absolute_url(),
        verbose_name=_("enterprise"),
        order_by=("enterprise__name",),
    )
    programme = tables.Column(verbose_name=_("programme"), order_by=("programme__name",))
    amount = MoneyColumn(verbose_name=_("amount"))
    budget_line = tables.Column(verbose_name=_("budget line"), order_by=("budget_line__code",))

    class Meta(BaseTable.Meta):
        model = Payout
        fields = ("enterprise", "programme", "amount", "paid_on", "document_number", "budget_line", "note")
        default_columns = fields
        always_visible = ("enterprise",)
        empty_text = _("No payout matches. Clear the filters, record a payout, or import a file.")

    def render_budget_line(self, record):
        return record.budget_line.code

    def export_budget_line(self, record):
        return record.budget_line.code if record.budget_line_id else ""


class ProgrammeTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = Programme
        fields = ("name", "code", "kind", "department", "description")
        default_columns = ("name", "kind", "department")
        always_visible = ("name",)
        empty_text = _("No programme yet. An administrator sets programmes and budget lines up.")
