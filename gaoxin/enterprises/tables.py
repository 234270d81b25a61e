"""Tables of the registry (list pages, column choice, list exports)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, ChoiceBadgeColumn, MoneyColumn, name_with_code
from gaoxin.core.templatetags.gaoxin import money

from .models import (
    FACT_FIELDS,
    MONEY_FACT_FIELDS,
    AnnualFacts,
    Contact,
    Enterprise,
    EquityFinancing,
    IPAsset,
    Qualification,
)

STATUS_COLORS = {"active": "green", "moved_out": "orange", "deregistered": "secondary"}


class EnterpriseTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    uscc = tables.Column(verbose_name=_("credit code"), attrs={"td": {"class": "font-monospace"}})
    park = tables.Column(verbose_name=_("park"), order_by=("park__sort_order", "park__name"))
    industry = tables.Column(verbose_name=_("industry"), order_by=("industry_id",))
    lead_industry = tables.Column(verbose_name=_("lead industry"), order_by=("lead_industry__sort_order",))
    status = ChoiceBadgeColumn(colors=STATUS_COLORS, verbose_name=_("status"))
    qualifications = tables.Column(
        verbose_name=_("valid qualifications"),
        accessor="valid_qualifications",
        orderable=False,
        empty_values=(),
    )
    registered_capital = MoneyColumn(verbose_name=_("registered capital (10k yuan)"))
    region = tables.Column(verbose_name=_("registration region"), orderable=False)
    tags = tables.ManyToManyColumn(verbose_name=_("tags"), orderable=False)

    class Meta(BaseTable.Meta):
        model = Enterprise
        fields = (
            "name",
            "uscc",
            "legal_representative",
            "park",
            "industry",
            "lead_industry",
            "status",
            "scale",
            "qualifications",
            "registered_capital",
            "established_on",
            "region",
            "address",
            "tags",
            "tech_field",
            "tax_collection_mode",
            "main_product",
            "niche_market_since",
            "strategic_emerging",
        )
        default_columns = (
            "name",
            "uscc",
            "legal_representative",
            "park",
            "industry",
            "status",
            "qualifications",
        )
        always_visible = ("name",)
        empty_text = _("No enterprise matches. Clear the filters, add an enterprise, or import a file.")

    def render_name(self, value, record):
        demo = (
            format_html(
                ' <span class="badge bg-yellow-lt" title="{}">{}</span>',
                _("synthetic demo record"),
                _("demo"),
            )
            if record.is_demo
            else ""
        )
        return format_html('<a href="{}">{}</a>{}', record.get_absolute_url(), value, demo)

    def render_industry(self, record):
        return name_with_code(record.industry.name, record.industry.full_code)

    def render_qualifications(self, value):
        if not value:
            return "—"
        return format_html_join(
            " ",
            '<span class="badge bg-blue-lt">{}</span>',
            ((q.type.short_name or q.type.name,) for q in value),
        )

    def export_qualifications(self, record):
        return "、".join(q.type.name for q in getattr(record, "valid_qualifications", []))

    def export_industry(self, record):
        return str(record.industry) if record.industry_id else ""


class QualificationTable(BaseTable):
    enterprise = tables.Column(linkify=True, verbose_name=_("enterprise"), order_by=("enterprise__name",))
    type = tables.Column(verbose_name=_("type"), order_by=("type__sort_order",))
    valid_today = tables.BooleanColumn(
        verbose_name=_("valid today"), accessor="is_valid_today", orderable=False
    )
    actions = tables.TemplateColumn(
        template_name="enterprises/includes/qualification_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = Qualification
        fields = (
            "enterprise",
            "type",
            "level",
            "certificate_no",
            "granted_on",
            "expires_on",
            "revoked_on",
            "valid_today",
            "note",
            "actions",
        )
        default_columns = fields
        always_visible = ("enterprise", "type", "actions")
        empty_text = _("No qualification recorded. Add one from the enterprise's page or import a file.")


class AnnualFactsTable(BaseTable):
    enterprise = tables.Column(
        linkify=lambda record: record.get_absolute_url(),
        verbose_name=_("enterprise"),
        order_by=("enterprise__name",),
    )
    actions = tables.TemplateColumn(
        template_name="enterprises/includes/facts_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = AnnualFacts
        fields = (
            "enterprise",
            "year",
            *FACT_FIELDS,
            "source",
            "actions",
        )
        default_columns = (
            "enterprise",
            "year",
            "operating_revenue",
            "industrial_output",
            "high_tech_output",
            "tax_paid",
            "rd_expense",
            "staff_total",
            "actions",
        )
        always_visible = ("enterprise", "year", "actions")
        empty_text = _(
            "No annual figures yet. Import the statistics file, or add a year from an enterprise's page."
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in MONEY_FACT_FIELDS:
            self.columns[name].column.attrs = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}

    def render_year(self, value):
        return str(value)


for _name in MONEY_FACT_FIELDS:
    setattr(AnnualFactsTable, f"render_{_name}", staticmethod(lambda value: money(value)))


class ContactTable(BaseTable):
    class Meta(BaseTable.Meta):
        model = Contact
        fields = ("name", "title", "phone", "email", "is_primary", "note")
        default_columns = fields


IP_STATUS_COLORS = {"applied": "blue", "granted": "green", "lapsed": "secondary"}


class IPAssetTable(BaseTable):
    enterprise = tables.Column(
        linkify=lambda record: record.get_absolute_url(),
        verbose_name=_("enterprise"),
        order_by=("enterprise__name",),
    )
    number = tables.Column(verbose_name=_("number"), attrs={"td": {"class": "font-monospace"}})
    ip_class = tables.Column(verbose_name=_("IP class"))
    status = ChoiceBadgeColumn(colors=IP_STATUS_COLORS, verbose_name=_("status"))
    actions = tables.TemplateColumn(
        template_name="enterprises/includes/ipasset_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = IPAsset
        fields = (
            "enterprise",
            "kind",
            "ip_class",
            "title",
            "number",
            "status",
            "applied_on",
            "granted_on",
            "lapsed_on",
            "acquisition",
            "high_value",
            "products",
            "actions",
        )
        default_columns = (
            "enterprise",
            "kind",
            "ip_class",
            "title",
            "number",
            "status",
            "granted_on",
            "acquisition",
            "actions",
        )
        always_visible = ("enterprise", "number", "actions")
        empty_text = _("No IP item recorded. Add one from the enterprise's page or import the register.")

    def render_ip_class(self, value):
        return {1: _("Class I"), 2: _("Class II")}.get(value, "—")

    def value_ip_class(self, value):
        return str({1: _("Class I"), 2: _("Class II")}.get(value, ""))


class EquityFinancingTable(BaseTable):
    enterprise = tables.Column(
        linkify=lambda record: record.get_absolute_url(),
        verbose_name=_("enterprise"),
        order_by=("enterprise__name",),
    )
    amount = MoneyColumn(verbose_name=_("amount (10k yuan)"))
    actions = tables.TemplateColumn(
        template_name="enterprises/includes/equityfinancing_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = EquityFinancing
        fields = (
            "enterprise",
            "received_on",
            "investor",
            "amount",
            "qualified_investor",
            "round",
            "note",
            "actions",
        )
        default_columns = fields
        always_visible = ("enterprise", "received_on", "actions")
        empty_text = _("No equity financing recorded. Add one from the enterprise's page or import a file.")


def edit_link(url_name: str, pk: int) -> str:
    return reverse(url_name, args=[pk])
