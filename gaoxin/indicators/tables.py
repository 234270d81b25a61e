import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, ChoiceBadgeColumn
from gaoxin.core.templatetags.gaoxin import num, num_unit

from .models import DataSet, Indicator, Observation, Submission, Target


def target_unit(target) -> str:
    """A growth target is in %, a level target in its indicator's unit."""
    return "%" if target.basis == Target.Basis.GROWTH else target.indicator.unit


class IndicatorTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("indicator"))

    class Meta(BaseTable.Meta):
        model = Indicator
        fields = (
            "name",
            "code",
            "kind",
            "unit",
            "frequency",
            "higher_is_better",
            "department",
            "leader",
            "name_en",
        )
        default_columns = ("name", "kind", "unit", "frequency", "department", "leader")
        always_visible = ("name",)
        empty_text = _("The catalogue is empty. An administrator adds indicators in the back office.")


FIGURE_STATUS_COLORS = {"estimate": "orange", "preliminary": "azure", "final": "secondary"}


class ObservationTable(BaseTable):
    indicator = tables.Column(verbose_name=_("indicator"), order_by=("indicator__sort_order",))
    reporter = tables.Column(
        verbose_name=_("reported for"), accessor="scope_name", orderable=False, empty_values=()
    )
    period = tables.Column(verbose_name=_("period"), accessor="month", order_by=("year", "month"))
    value = tables.Column(verbose_name=_("cumulative value"), attrs={"td": {"class": "text-end"}})
    previous_value = tables.Column(
        verbose_name=_("same period last year"), attrs={"td": {"class": "text-end"}}
    )
    growth = tables.Column(verbose_name=_("growth (%)"), attrs={"td": {"class": "text-end"}})
    filing = tables.Column(
        verbose_name=_("filing status"), accessor="submission__status", orderable=False, empty_values=()
    )
    status = ChoiceBadgeColumn(colors=FIGURE_STATUS_COLORS, verbose_name=_("figure status"))
    detail = tables.Column(verbose_name="", accessor="pk", orderable=False, exclude_from_export=True)

    class Meta(BaseTable.Meta):
        model = Observation
        fields = (
            "indicator",
            "reporter",
            "period",
            "value",
            "previous_value",
            "growth",
            "filing",
            "status",
            "source",
            "source_file",
            "entered_by",
            "approved_by",
            "detail",
        )
        default_columns = fields
        always_visible = ("indicator", "period", "detail")
        order_by = ("-year", "-month")
        empty_text = _("No values yet. Import the bureau's table or an enterprise monthly table.")

    def render_period(self, record):
        return record.period

    def export_period(self, record):
        return record.period

    def render_value(self, value, record):
        return num_unit(value, record.indicator.unit)

    def render_previous_value(self, value, record):
        return self.render_value(value, record)

    def render_detail(self, record):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), _("provenance"))

    def render_filing(self, record):
        """Drafts and submitted values are shown to staff, marked: only counted ones reach totals."""
        if record.submission_id is None:
            return format_html('<span class="text-secondary">{}</span>', _("outside the calendar"))
        color = {"draft": "yellow", "submitted": "blue", "approved": "green"}[record.submission.status]
        label = record.submission.get_status_display()
        return format_html('<span class="badge bg-{}-lt">{}</span>', color, label)

    def export_filing(self, record):
        return record.submission.get_status_display() if record.submission_id else _("outside the calendar")


class TargetTable(BaseTable):
    indicator = tables.Column(linkify=True, verbose_name=_("indicator"))
    actions = tables.TemplateColumn(
        template_name="indicators/includes/target_actions.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(BaseTable.Meta):
        model = Target
        fields = (
            "indicator",
            "year",
            "scope",
            "park",
            "department",
            "basis",
            "base_value",
            "stretch_value",
            "split",
            "yellow_gap",
            "note",
            "actions",
        )
        default_columns = (
            "indicator",
            "year",
            "scope",
            "basis",
            "base_value",
            "stretch_value",
            "split",
            "actions",
        )
        always_visible = ("indicator", "actions")
        empty_text = _("No target yet: add the year's targets (base and stretch) per indicator.")

    def render_base_value(self, value, record):
        return num(value, target_unit(record))

    def render_stretch_value(self, value, record):
        return num(value, target_unit(record))


SUBMISSION_COLORS = {"draft": "secondary", "submitted": "blue", "approved": "green"}


class SubmissionTable(BaseTable):
    data_set = tables.Column(verbose_name=_("data set"), linkify=lambda record: record.get_absolute_url())
    period = tables.Column(verbose_name=_("period"), accessor="month", order_by=("year", "month"))
    reporter = tables.Column(
        verbose_name=_("reporter"), accessor="reporter_name", orderable=False, empty_values=()
    )
    status = ChoiceBadgeColumn(colors=SUBMISSION_COLORS, verbose_name=_("status"))

    class Meta(BaseTable.Meta):
        model = Submission
        fields = (
            "data_set",
            "period",
            "reporter",
            "status",
            "submitted_by",
            "submitted_at",
            "approved_by",
            "approved_at",
        )
        default_columns = fields
        always_visible = ("data_set",)
        empty_text = _("No submission yet: importing a table creates the period's submission as a draft.")

    def render_period(self, record):
        return record.period

    def export_period(self, record):
        return record.period


class DataSetTable(BaseTable):
    name = tables.Column(linkify=True, verbose_name=_("data set"))

    class Meta(BaseTable.Meta):
        model = DataSet
        fields = ("name", "code", "scope", "frequency", "department", "due_day", "combine_jan_feb")
        # Codes are the imports' keys; staff know a table by its name (the code stays choosable).
        default_columns = ("name", "scope", "frequency", "department", "due_day", "combine_jan_feb")
        always_visible = ("name",)
