"""Tables of the portal; the request's link comes first so a phone's card is titled by it."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, ChoiceBadgeColumn

from .models import FirmRequest

STATUS_COLORS = {"submitted": "yellow", "accepted": "blue", "answered": "green", "closed": "secondary"}


class FirmRequestTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name=_("subject"))
    enterprise = tables.Column(verbose_name=_("enterprise"), order_by=("enterprise__name",))
    category = tables.Column(verbose_name=_("category"), order_by=("category__sort_order",))
    department = tables.Column(verbose_name=_("department"), order_by=("department__name",))
    status = ChoiceBadgeColumn(colors=STATUS_COLORS, verbose_name=_("status"))

    class Meta(BaseTable.Meta):
        model = FirmRequest
        fields = (
            "title",
            "enterprise",
            "category",
            "department",
            "status",
            "urgency",
            "source",
            "raised_on",
            "accept_due",
            "handle_due",
            "rating",
        )
        default_columns = (
            "title",
            "enterprise",
            "category",
            "department",
            "status",
            "raised_on",
            "accept_due",
        )
        always_visible = ("title",)
        empty_text = _("No request matches. Clear the filters or raise a request.")

    def render_enterprise(self, record):
        return record.enterprise.name

    def export_enterprise(self, record):
        return record.enterprise.name

    def render_category(self, record):
        return record.category.name

    def export_category(self, record):
        return record.category.name

    def render_department(self, record):
        return record.department.name

    def export_department(self, record):
        return record.department.name
