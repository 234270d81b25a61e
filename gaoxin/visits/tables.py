"""Tables of 大走访 (list pages, column choice, exports); the record's link comes first so a
phone's card is titled by it."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, ChoiceBadgeColumn

from .models import FLAG_FIELDS, Visit, VisitPlan, VisitQuestion

FLAG_COLOURS = {"flag_expansion": "green", "flag_risk": "orange", "flag_relocation": "red"}


class FlagsColumn(tables.Column):
    """The flags 扩产 / 风险 / 外迁 as badges; the export lists them in words."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("flags"))
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        super().__init__(accessor="pk", **kwargs)

    def render(self, record):
        badges = [
            (FLAG_COLOURS[field], flag.label) for flag, field in FLAG_FIELDS.items() if getattr(record, field)
        ]
        if not badges:
            return "—"
        return format_html_join(" ", '<span class="badge bg-{}-lt">{}</span>', badges)


class VisitTable(BaseTable):
    visited_on = tables.Column(linkify=True, verbose_name=_("visited on"))
    enterprise = tables.Column(verbose_name=_("enterprise"), order_by=("enterprise__name",))
    visitor = tables.Column(verbose_name=_("visited by"), orderable=False, empty_values=())
    flags = FlagsColumn()
    plan = tables.Column(verbose_name=_("plan"), order_by=("plan__name",))

    class Meta(BaseTable.Meta):
        model = Visit
        fields = ("visited_on", "enterprise", "visitor", "people_met", "flags", "plan", "notes")
        default_columns = ("visited_on", "enterprise", "visitor", "people_met", "flags")
        always_visible = ("visited_on",)
        empty_text = _("No visit matches. Clear the filters or record a visit.")

    def render_enterprise(self, record):
        return format_html(
            '<a href="{}">{}</a>', record.enterprise.get_absolute_url(), record.enterprise.name
        )

    def render_visitor(self, record):
        return record.visitor or "—"

    def export_enterprise(self, record):
        return record.enterprise.name

    def export_visitor(self, record):
        return record.visitor

    def export_flags(self, record):
        return "、".join(record.flags)

    def export_plan(self, record):
        return record.plan.name if record.plan_id else ""


class FindingTable(VisitTable):
    """走访发现: the firm first (the list is of firms), then its latest visit and its flags."""

    enterprise = tables.Column(
        linkify=lambda record: record.enterprise.get_absolute_url(),
        verbose_name=_("enterprise"),
        order_by=("enterprise__name",),
    )
    visited_on = tables.Column(linkify=True, verbose_name=_("latest visit"))

    class Meta(VisitTable.Meta):
        sequence = ("enterprise", "flags", "visited_on", "visitor", "people_met", "plan", "notes")
        default_columns = ("enterprise", "flags", "visited_on", "visitor", "notes")
        always_visible = ("enterprise",)
        empty_text = _("No firm is flagged by its latest visit. Clear the filters.")

    def render_enterprise(self, record):
        return record.enterprise.name


class VisitPlanTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    visitor = tables.Column(verbose_name=_("visited by"), orderable=False, empty_values=())
    firm_count = tables.Column(verbose_name=_("firms"), orderable=False)
    status = ChoiceBadgeColumn(
        colors={"planned": "blue", "done": "green", "cancelled": "secondary"}, verbose_name=_("status")
    )

    class Meta(BaseTable.Meta):
        model = VisitPlan
        fields = ("name", "year", "starts_on", "ends_on", "visitor", "firm_count", "status", "note")
        default_columns = ("name", "year", "starts_on", "ends_on", "visitor", "firm_count", "status")
        always_visible = ("name",)
        empty_text = _("No visit plan matches. Clear the filters or plan visits.")

    def render_visitor(self, record):
        return record.visitor

    def export_visitor(self, record):
        return record.visitor


class VisitQuestionTable(BaseTable):
    text = tables.Column(linkify=True, verbose_name=_("question"))

    class Meta(BaseTable.Meta):
        model = VisitQuestion
        fields = ("text", "code", "kind", "unit", "flag", "request_category", "sort_order", "active")
        default_columns = fields
        always_visible = ("text",)
        empty_text = _("No question. Add the survey's questions.")
