import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable

from .models import CalendarOverride, Park


class ParkTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    enterprise_count = tables.Column(verbose_name=_("enterprises"), attrs={"td": {"class": "text-end"}})
    active_count = tables.Column(verbose_name=_("active enterprises"), attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = Park
        fields = ("name", "code", "kind", "area_mu", "enterprise_count", "active_count", "description")
        # The code is the system's key (imports, URLs); staff know a park by its name.
        default_columns = ("name", "kind", "area_mu", "enterprise_count", "active_count", "description")
        always_visible = ("name",)
        empty_text = _("No park yet. An administrator adds the zone's parks here.")


class CalendarOverrideTable(BaseTable):
    date = tables.DateColumn(linkify=True, format="Y-m-d", verbose_name=_("date"))
    weekday = tables.DateColumn(accessor="date", format="l", verbose_name=_("weekday"), orderable=False)
    is_workday = tables.BooleanColumn(verbose_name=_("working day"))

    class Meta(BaseTable.Meta):
        model = CalendarOverride
        fields = ("date", "weekday", "is_workday", "reason")
        default_columns = fields
        always_visible = ("date",)
        empty_text = _(
            "No exception: the official holiday calendar applies as published. An administrator "
            "adds a local holiday or an extra working day here."
        )
