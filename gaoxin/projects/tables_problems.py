"""The problem list's table (问题清单): page, column choice and Excel export."""

import django_tables2 as tables
from django.urls import NoReverseMatch
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoxin.core.tables import BaseTable, ChoiceBadgeColumn
from gaoxin.zone.models import evaluation_date

from .models import Problem

STATUS_COLORS = {
    Problem.Status.ASSIGNED: "blue",
    Problem.Status.IN_PROGRESS: "orange",
    Problem.Status.ANSWERED: "purple",
    Problem.Status.CLOSED: "green",
}


def person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def project_url(project) -> str | None:
    """The project's ledger page; None while the ledger pages are not installed."""
    try:
        return project.get_absolute_url()
    except NoReverseMatch:
        return None


def overdue_days(problem: Problem, today) -> int:
    """Days past the deadline of an open problem (0 when not overdue)."""
    return (today - problem.deadline).days if problem.is_overdue(today) else 0


def overdue_words(problem: Problem, today) -> list[str]:
    """ "逾期N天" and, because an overdue problem goes up to the 包保 leader, "已升级至包保领导"."""
    days = overdue_days(problem, today)
    if not days:
        return []
    words = [gettext("%(days)d days overdue") % {"days": days}]
    words.append(gettext("Escalated to the responsible leader"))
    return words


class ProblemTable(BaseTable):
    project = tables.Column(
        verbose_name=_("project"), order_by=("project__code",), attrs={"td": {"class": "wrap"}}
    )
    description = tables.Column(
        verbose_name=_("description"), orderable=False, attrs={"td": {"class": "wrap"}}
    )
    category = tables.Column(verbose_name=_("category"), order_by=("category__sort_order",))
    department = tables.Column(verbose_name=_("assigned department"), order_by=("department__sort_order",))
    assignee = tables.Column(verbose_name=_("assigned person"), order_by=("assignee__username",))
    raised_by = tables.Column(verbose_name=_("raised by"), order_by=("raised_by__username",))
    status = ChoiceBadgeColumn(colors=STATUS_COLORS, verbose_name=_("status"))
    overdue = tables.Column(verbose_name=_("overdue"), accessor="pk", orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = Problem
        fields = (
            "project",
            "category",
            "description",
            "department",
            "assignee",
            "raised_by",
            "raised_on",
            "deadline",
            "status",
            "overdue",
            "answered_on",
            "closed_on",
            "feedback",
        )
        default_columns = (
            "project",
            "category",
            "description",
            "department",
            "assignee",
            "deadline",
            "status",
            "overdue",
        )
        always_visible = ("project", "description")
        row_attrs = {"data-testid": "problem-row"}
        empty_text = _("No problem matches. Clear the filters, or raise a problem for a project.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = evaluation_date()

    def render_project(self, value, record):
        url = project_url(value)
        if url is None:
            return value.name
        return format_html('<a href="{}">{}</a>', url, value.name)

    def render_description(self, value, record):
        return format_html(
            '<a href="{}" title="{}">{}</a>',
            record.get_absolute_url(),
            value,
            Truncator(value).chars(40),
        )

    def render_deadline(self, value):
        return value.isoformat()

    def render_raised_on(self, value):
        return value.isoformat()

    def render_assignee(self, value):
        return person(value) or "—"

    def render_raised_by(self, value):
        return person(value) or "—"

    def render_overdue(self, record):
        words = overdue_words(record, self.today)
        if not words:
            return ""
        leader = record.project.leader
        return format_html(
            '<div class="d-flex flex-column align-items-start gap-1">'
            '<span class="badge bg-red-lt" data-testid="overdue">{}</span>'
            '<span class="badge bg-orange-lt" data-testid="escalated" title="{}">{}</span></div>',
            words[0],
            leader or "",
            words[1],
        )

    def export_project(self, record):
        return record.project.name

    def export_assignee(self, record):
        return person(record.assignee)

    def export_raised_by(self, record):
        return person(record.raised_by)

    def export_overdue(self, record):
        return "；".join(overdue_words(record, self.today))
