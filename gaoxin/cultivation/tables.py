import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable

from .models import Platform


class PlatformTable(BaseTable):
    name = tables.Column(verbose_name=_("name"), linkify=True)
    host = tables.Column(
        verbose_name=_("host enterprise"),
        linkify=lambda record: record.host.get_absolute_url() if record.host_id else None,
    )

    class Meta(BaseTable.Meta):
        model = Platform
        fields = ("name", "kind", "level", "host", "recognised_on", "expires_on", "issuer")
        default_columns = fields
        empty_text = _("No platform yet: add one or import the list.")
