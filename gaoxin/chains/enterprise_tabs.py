"""The enterprise page's 产业链环节 tab: the chain nodes the firm works on (links by hand or
suggested by the classifier; a suggestion reads as such until confirmed)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable
from gaoxin.enterprises.tabs import EnterpriseTab, register

from .models import NodeEnterprise


class NodeLinkTable(BaseTable):
    chain = tables.Column(
        verbose_name=_("chain"), accessor="node__chain__name", order_by=("node__chain__name",)
    )
    node = tables.Column(verbose_name=_("node"), linkify=lambda record: record.node.get_absolute_url())
    segment = tables.Column(verbose_name=_("segment"), accessor="node", orderable=False)
    source = tables.Column(verbose_name=_("source"))
    confirmed = tables.BooleanColumn(verbose_name=_("confirmed"))
    matched_words = tables.Column(verbose_name=_("matched words"))

    class Meta(BaseTable.Meta):
        model = NodeEnterprise
        fields = ("chain", "node", "segment", "source", "confirmed", "matched_words")
        default_columns = fields
        order_by = ("chain", "node")

    def render_node(self, value, record):
        return record.node.name

    def render_segment(self, value, record):
        return record.node.get_segment_display()

    def render_confirmed(self, value, record):
        if record.confirmed:
            return format_html('<span class="badge bg-green-lt">{}</span>', _("confirmed"))
        return format_html('<span class="badge bg-yellow-lt">{}</span>', _("suggested"))


def node_rows(enterprise, user):
    return NodeEnterprise.objects.visible_to(user).filter(enterprise=enterprise).select_related("node__chain")


register(
    EnterpriseTab(
        code="chains",
        label=_("Chain nodes"),
        model=NodeEnterprise,
        rows=node_rows,
        table=NodeLinkTable,
        empty=_("Not linked to any chain node."),
        order=50,
    )
)
