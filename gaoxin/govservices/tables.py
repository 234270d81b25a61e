import django_tables2 as tables
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable

from .models import ServiceItem


class ServiceItemTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    flags = tables.Column(accessor="pk", verbose_name=_("五办"), orderable=False)

    class Meta(BaseTable.Meta):
        model = ServiceItem
        fields = (
            "name",
            "code",
            "department",
            "kind",
            "time_limit_workdays",
            "statutory_limit_workdays",
            "channel",
            "flags",
            "fee",
            "is_example",
        )
        default_columns = ("name", "department", "time_limit_workdays", "channel", "flags", "is_example")
        always_visible = ("name",)
        empty_text = _("No service item matches. Clear the filters, add an item, or import the catalogue.")

    def render_flags(self, record):
        return (
            format_html_join(" ", '<span class="badge bg-blue-lt">{}</span>', ((f,) for f in record.flags()))
            or "—"
        )

    def export_flags(self, record):
        return "、".join(record.flags())

    def render_fee(self, value):
        return value or _("Free of charge")

    def render_is_example(self, value):
        return _("Example (示例)") if value else "—"
