"""Tables of the chain pages."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable

from .models import TargetList


class TargetListTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    department = tables.Column(verbose_name=_("Department"))
    target_count = tables.Column(verbose_name=_("target firms"), attrs={"td": {"class": "text-end"}})
    description = tables.Column(verbose_name=_("Description"))

    class Meta(BaseTable.Meta):
        model = TargetList
        fields = ("name", "department", "target_count", "description", "updated_at")
        default_columns = ("name", "department", "target_count", "description")
        always_visible = ("name",)
        empty_text = _("No target list yet: add one, then put companies on it from a chain node's page.")
