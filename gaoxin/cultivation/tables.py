import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable

from .models import ExpertInput, NewSpeciesRecord, Platform


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


class NewSpeciesRecordTable(BaseTable):
    enterprise = tables.Column(verbose_name=_("enterprise"), linkify=True)
    tier = tables.Column(verbose_name=_("tier"))
    actions = tables.TemplateColumn(
        template_name="cultivation/includes/newspecies_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = NewSpeciesRecord
        fields = ("enterprise", "tier", "year", "recognised_on", "note", "actions")
        default_columns = fields
        empty_text = _("No 新物种 recorded yet.")


class ExpertInputTable(BaseTable):
    enterprise = tables.Column(verbose_name=_("enterprise"), linkify=True)
    actions = tables.TemplateColumn(
        template_name="cultivation/includes/expertinput_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = ExpertInput
        fields = ("enterprise", "year", "tier", "key", "score", "note", "actions")
        default_columns = fields
        empty_text = _("No expert score entered yet: the rules name the items that need one.")
