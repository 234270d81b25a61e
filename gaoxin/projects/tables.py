"""Tables of the project ledger (list page, column choice, Excel export)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import django_tables2 as tables
from django.db.models import DecimalField, OuterRef, Subquery, Sum
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import YI, BaseTable, MoneyColumn
from gaoxin.core.templatetags.gaoxin import money
from gaoxin.zone.models import evaluation_date

from . import services
from .models import Investment, InvestmentPlan, Light, Project

LIGHT_COLORS = {Light.GREEN: "green", Light.YELLOW: "yellow", Light.RED: "red", Light.NONE: "secondary"}
STAGE_COLORS = {
    "planning": "secondary",
    "reserve": "azure",
    "signed": "blue",
    "construction": "orange",
    "production": "green",
    "capacity": "teal",
    "suspended": "red",
    "terminated": "dark",
}


def light_badge(light: str, label) -> str:
    """A coloured dot with the light's word (Tabler's status component)."""
    color = LIGHT_COLORS.get(light, "secondary")
    return format_html(
        '<span class="status status-{}"><span class="status-dot"></span>{}</span>', color, label
    )


def with_year_progress(queryset, as_of: datetime.date, months: int):
    """This year's plan and latest cumulative completed investment of 1–``months`` (the
    period due on ``as_of``) as annotations (two correlated subqueries: the list keeps one
    query whatever its length)."""
    money_field = DecimalField(max_digits=18, decimal_places=4)
    plan = InvestmentPlan.objects.filter(project=OuterRef("pk"), year=as_of.year).values("amount")[:1]
    done = (
        Investment.objects.filter(project=OuterRef("pk"), year=as_of.year, month__lte=months)
        .order_by("-month")
        .values("cumulative")[:1]
    )
    return queryset.annotate(
        year_plan=Subquery(plan, output_field=money_field),
        year_completed=Subquery(done, output_field=money_field),
    )


def share(value: Decimal | None, of: Decimal | None) -> Decimal | None:
    if not of or value is None:
        return None
    return (value * 100 / of).quantize(Decimal("0.1"), ROUND_HALF_UP)


class ProjectTable(BaseTable):
    light = tables.Column(verbose_name=_("light"), order_by=("light", "code"))
    code = tables.Column(verbose_name=_("code"), attrs={"td": {"class": "font-monospace"}})
    name = tables.Column(verbose_name=_("name"))
    owner = tables.Column(
        verbose_name=_("project owner"),
        accessor="owner",
        order_by=("enterprise__name", "owner_name"),
        empty_values=(),
    )
    park = tables.Column(verbose_name=_("park"), order_by=("park__sort_order", "park__name"))
    lead_industry = tables.Column(verbose_name=_("lead industry"), order_by=("lead_industry__sort_order",))
    nature = tables.Column(verbose_name=_("construction nature"))
    stage = tables.Column(verbose_name=_("stage"))
    lists = tables.ManyToManyColumn(verbose_name=_("lists"), orderable=False)
    total_investment = MoneyColumn(verbose_name=_("total investment"), unit=YI)
    land_area_mu = tables.Column(
        verbose_name=_("land (mu)"), attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}}
    )
    intensity = tables.Column(
        verbose_name=_("intensity (万元/亩)"),
        accessor="intensity",
        orderable=False,
        attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}},
    )
    planned_start = tables.DateColumn(verbose_name=_("planned start"), format="Y-m-d")
    planned_completion = tables.DateColumn(verbose_name=_("planned completion"), format="Y-m-d")
    statistics_date = tables.DateColumn(verbose_name=_("纳统 date"), format="Y-m-d")
    leader = tables.Column(verbose_name=_("responsible leader (包保)"), order_by=("leader__sort_order",))
    lead_department = tables.Column(
        verbose_name=_("lead department (牵头)"), order_by=("lead_department__sort_order",)
    )
    year_plan = MoneyColumn(verbose_name=_("plan this year"))
    year_completed = MoneyColumn(verbose_name=_("completed this year"))
    year_progress = tables.Column(
        verbose_name=_("of time-proportional plan"),
        accessor="pk",
        orderable=False,
        attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}},
    )

    class Meta(BaseTable.Meta):
        model = Project
        template_name = "projects/ledger/project_table.html"
        fields = (
            "light",
            "code",
            "name",
            "owner",
            "park",
            "lead_industry",
            "nature",
            "stage",
            "lists",
            "total_investment",
            "land_area_mu",
            "intensity",
            "planned_start",
            "planned_completion",
            "statistics_date",
            "leader",
            "lead_department",
            "year_plan",
            "year_completed",
            "year_progress",
        )
        sequence = fields
        default_columns = (
            "light",
            "code",
            "name",
            "stage",
            "total_investment",
            "intensity",
            "planned_completion",
            "leader",
            "lead_department",
            "year_plan",
            "year_completed",
            "year_progress",
        )
        always_visible = ("light", "name")
        empty_text = _("No project matches. Clear the filters, add a project, or import the ledger file.")

    def __init__(self, *args, as_of: datetime.date | None = None, months: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_of = as_of or evaluation_date()
        self.months = months if months is not None else services.reported_months(self.as_of)

    # --- cells ----------------------------------------------------------------------------
    def render_light(self, value, record):
        return light_badge(record.light, value)

    def render_stage(self, value, record):
        return format_html(
            '<span class="badge bg-{}-lt">{}</span>', STAGE_COLORS.get(record.stage, "secondary"), value
        )

    def render_name(self, value, record):
        # The owner under the name keeps the default columns narrow enough for a laptop.
        owner = record.owner
        return format_html(
            '<a href="{}">{}</a><div class="small text-secondary text-truncate" style="max-width: 18rem">{}</div>',
            record.get_absolute_url(),
            value,
            owner or "",
        )

    def render_leader(self, record):
        return record.leader.name

    def render_lead_department(self, record):
        return record.lead_department.short_name or record.lead_department.name

    def render_owner(self, record):
        if record.enterprise_id:
            return format_html('<a href="{}">{}</a>', record.enterprise.get_absolute_url(), record.owner)
        return record.owner_name or "—"

    def render_land_area_mu(self, value):
        return money(value)

    def render_intensity(self, value):
        return money(value)

    def expected(self, record) -> Decimal | None:
        plan = getattr(record, "year_plan", None)
        return services.time_progress(plan, self.months) if plan else None

    def render_year_progress(self, record):
        value = share(getattr(record, "year_completed", None) or Decimal(0), self.expected(record))
        if value is None:
            return "—"
        color = "green" if value >= 100 else ("yellow" if value >= 50 else "red")
        return format_html('<span class="text-{}">{}%</span>', color, value)

    # --- export ---------------------------------------------------------------------------
    def export_leader(self, record):
        return record.leader.name if record.leader_id else ""

    def export_owner(self, record):
        return record.owner

    def export_intensity(self, record):
        return record.intensity or ""

    def export_year_progress(self, record):
        value = share(getattr(record, "year_completed", None) or Decimal(0), self.expected(record))
        return "" if value is None else float(value)

    def export_lists(self, record):
        return "、".join(str(x) for x in record.lists.all())

    # --- the summary line above the table -------------------------------------------------
    @cached_property
    def summary(self) -> dict:
        """Count, total investment and this year's progress of the whole filtered list."""
        queryset = self.data.data
        ids = Project.objects.filter(pk__in=queryset.values("pk"))
        total = ids.aggregate(total=Sum("total_investment"))["total"]
        progress = services.list_progress(ids, as_of=self.as_of, months=self.months)
        return {"count": len(self.data), "total": total, "progress": progress}
