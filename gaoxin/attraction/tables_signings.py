"""Tables of signings, their funds in place and screening standards."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, ChoiceBadgeColumn, MoneyColumn

from .models import ScreeningStandard, Signing, SigningFunding

STATUS_COLORS = {"reported": "yellow", "verified": "green", "rejected": "red"}


class SigningTable(BaseTable):
    project_name = tables.Column(linkify=True)
    amount = MoneyColumn()
    status = ChoiceBadgeColumn(colors=STATUS_COLORS)
    flags = tables.Column(empty_values=(), orderable=False, verbose_name=_("Investor flags"))

    class Meta(BaseTable.Meta):
        model = Signing
        fields = (
            "contract_date",
            "kind",
            "project_name",
            "investor",
            "amount",
            "currency",
            "flags",
            "lead_industry",
            "node",
            "land_mu",
            "jobs",
            "department",
            "status",
            "reported_by",
            "verified_by",
            "project",
        )
        default_columns = (
            "contract_date",
            "kind",
            "project_name",
            "investor",
            "amount",
            "flags",
            "lead_industry",
            "department",
            "status",
        )
        always_visible = ("project_name",)
        empty_text = _("No signings. Report one with “Add”.")

    def render_amount(self, value, record):
        """万元 as the column says; another currency with its unit (never converted)."""
        text = self.columns["amount"].column.render(value)
        return text if record.currency == Signing.Currency.CNY else f"{text} {record.unit}"

    def render_flags(self, record):
        labels = [
            label
            for flag, label in (
                ("fortune_global_500", "世界500强"),
                ("fortune_china_500", "中国500强"),
                ("listed", "上市"),
                ("foreign", "外资"),
            )
            if getattr(record, flag)
        ]
        return format_html("{}", "、".join(labels) if labels else "—")

    def export_flags(self, record):
        return str(self.render_flags(record))


class ScreeningStandardTable(BaseTable):
    name = tables.Column(linkify=("attraction:standard_edit", [tables.A("pk")]))
    min_intensity = MoneyColumn()
    min_tax_per_mu = MoneyColumn()
    is_example = tables.Column(verbose_name=_("Example"))

    class Meta(BaseTable.Meta):
        model = ScreeningStandard
        fields = (
            "name",
            "lead_industry",
            "valid_from",
            "valid_to",
            "min_intensity",
            "min_tax_per_mu",
            "tech_high_tech",
            "tech_min_rd_ratio",
            "relevance_required",
            "is_example",
        )
        default_columns = fields
        always_visible = ("name",)
        empty_text = _("No screening standard yet. Add one with “Add”.")

    def render_is_example(self, value):
        if value:
            return format_html('<span class="badge bg-orange-lt">{}</span>', _("Example (示例)"))
        return "—"


class SigningFundingTable(BaseTable):
    signing = tables.Column(linkify=lambda record: record.get_absolute_url())
    domestic_outside_province = MoneyColumn()
    foreign_usd = MoneyColumn()
    foreign_cny = MoneyColumn()
    total = MoneyColumn()
    edit = tables.TemplateColumn(
        '<a href="{% url \'attraction:signingfunding_edit\' record.pk %}">{% load i18n %}{% translate "Edit" %}</a>',
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = SigningFunding
        fields = (
            "signing",
            "year",
            "month",
            "domestic_outside_province",
            "foreign_usd",
            "usd_rate",
            "foreign_cny",
            "total",
            "note",
        )
        default_columns = (*fields, "edit")
        always_visible = ("signing",)
        empty_text = _(
            "No funds in place recorded. Add a month on a signing's “Funds in place” tab or import a table."
        )
