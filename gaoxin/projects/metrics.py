"""Metrics over the key-project ledger, for annual goals (registered in core.metrics).

- ``projects_in_production``: projects of at least ``min_investment`` 万元 (default 10,000,
  i.e. 1 亿元) put into production in the year (``production_date`` in the year, up to the
  as-of day), whatever their stage now;
- ``project_list_count`` / ``project_list_investment``: how many projects a list holds and
  their total investment **in 亿元** (the unit the article's figures use: 202 projects,
  2176.7 亿元); terminated projects (终止) do not count;
- ``project_milestones_on_time``: of the schedule nodes of a list's projects that fell due
  by the as-of day (baseline date, else planned date), the share done by then, in %.

Values are exact Decimals (亿元 = 万元 shifted four places, nothing rounded away).
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import Forecast, MetricValue, metric

from .models import Milestone, Project, ProjectList, Stage

HUNDRED = Decimal(100)
DEFAULT_MIN_INVESTMENT = Decimal(10000)  # 万元 = 1 亿元


def ledger_url(query: str = "") -> str:
    """The ledger list with a filter. The list page may not be wired up in every build yet:
    then the link points at the key-projects section."""
    try:
        base = reverse("projects:project_list")
    except NoReverseMatch:
        base = "/projects/"
    return f"{base}?{query}" if query else base


def as_of_day(year: int, as_of: datetime.date | None) -> datetime.date:
    """The day a goal of ``year`` is read on: the given day, else the zone's evaluation date,
    never past 31 December of the year."""
    from gaoxin.zone.models import evaluation_day

    return min(as_of, datetime.date(year, 12, 31)) if as_of else evaluation_day(year)


def yi(value: Decimal) -> Decimal:
    """万元 → 亿元, exactly."""
    return Decimal(value).scaleb(-4)


def shown_yi(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    return text.rstrip("0").rstrip(".")


def _list(params: dict) -> ProjectList:
    return ProjectList.objects.get(code=params["list"])


def _members(project_list: ProjectList):
    return project_list.projects.exclude(stage=Stage.TERMINATED)


@metric(
    "projects_in_production",
    gettext_lazy("Projects put into production in the year"),
    "min_investment: smallest total investment in 万元 (default 10000 = 1 亿元)",
)
def projects_in_production(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """Projects of at least ``min_investment`` 万元 with a production date in the year up
    to the as-of day. Forecast: those plus the ones whose 投产 node falls due in the rest
    of the year and is not done (low: only those already in production)."""
    minimum = Decimal(str(params.get("min_investment", DEFAULT_MIN_INVESTMENT)))
    day = as_of_day(year, as_of)
    start = datetime.date(year, 1, 1)
    big = Project.objects.filter(total_investment__gte=minimum)
    value = big.filter(production_date__gte=start, production_date__lte=day).count()
    link = ledger_url(f"production_year={year}&investment_min={minimum.normalize():f}")
    explanation = _(
        "%(count)d projects with a total investment of at least %(min)s 万元 were put into "
        "production between %(start)s and %(day)s."
    ) % {"count": value, "min": f"{minimum.normalize():f}", "start": start, "day": day}
    year_end = datetime.date(year, 12, 31)
    if day >= year_end:
        forecast = Forecast(Decimal(value), Decimal(value), Decimal(value), _("The year is complete."))
    else:
        due = (
            Milestone.objects.filter(
                project__in=big.filter(production_date__isnull=True),
                code="production",
                actual_date__isnull=True,
            )
            .annotate(due=Coalesce("baseline_date", "planned_date"))
            .filter(due__gt=day, due__lte=year_end)
            .values("project_id")
            .distinct()
            .count()
        )
        forecast = Forecast(
            Decimal(value + due),
            Decimal(value),
            Decimal(value + due),
            _(
                "%(done)d in production by %(day)s, plus %(due)d whose production node falls due "
                "by 31 December (if all keep their schedule)."
            )
            % {"done": value, "day": day, "due": due},
        )
    return MetricValue(Decimal(value), _("projects"), day.isoformat(), link, explanation, forecast, True)


@metric(
    "project_list_count",
    gettext_lazy("Number of projects on a list"),
    "list: the project list's code",
)
def project_list_count(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    project_list = _list(params)
    day = as_of_day(year, as_of)
    value = _members(project_list).count()
    explanation = _(
        "%(list)s holds %(count)d projects (terminated ones not counted). No forecast: the list "
        "changes only when the zone revises it."
    ) % {"list": project_list.name, "count": value}
    return MetricValue(
        Decimal(value),
        _("projects"),
        day.isoformat(),
        ledger_url(f"lists={project_list.code}"),
        explanation,
        None,
        True,
    )


@metric(
    "project_list_investment",
    gettext_lazy("Total investment of the projects on a list (亿元)"),
    "list: the project list's code",
)
def project_list_investment(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    project_list = _list(params)
    day = as_of_day(year, as_of)
    total = _members(project_list).aggregate(s=Sum("total_investment"))["s"] or Decimal(0)
    value = yi(total)
    explanation = _(
        "The total investment of the %(count)d projects of %(list)s is %(yi)s 亿元 (%(wan)s 万元; "
        "terminated ones not counted). No forecast: the list changes only when the zone revises it."
    ) % {
        "count": _members(project_list).count(),
        "list": project_list.name,
        "yi": shown_yi(value),
        "wan": f"{total.normalize():,f}",
    }
    return MetricValue(
        value, "亿元", day.isoformat(), ledger_url(f"lists={project_list.code}"), explanation, None, True
    )


@metric(
    "project_milestones_on_time",
    gettext_lazy("Schedule nodes of a list done when due (%)"),
    "list: the project list's code",
)
def project_milestones_on_time(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    """Of the nodes of the list's projects due by the as-of day (baseline, else planned
    date), the share done by that day; the explanation also says how many were done late."""
    project_list = _list(params)
    day = as_of_day(year, as_of)
    link = ledger_url(f"lists={project_list.code}")
    due = (
        Milestone.objects.filter(project__in=_members(project_list))
        .annotate(due=Coalesce("baseline_date", "planned_date"))
        .filter(due__lte=day)
    )
    counts = due.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(actual_date__lte=day)),
        late=Count("pk", filter=Q(actual_date__lte=day, actual_date__gt=F("due"))),
    )
    total, done, late = counts["total"], counts["done"], counts["late"]
    if not total:
        return MetricValue(
            None,
            "%",
            day.isoformat(),
            link,
            _("No node of %(list)s is due by %(day)s.") % {"list": project_list.name, "day": day},
        )
    value = (Decimal(done) * HUNDRED / total).quantize(Decimal("0.1"), ROUND_HALF_UP)
    explanation = _(
        "%(done)d of the %(total)d nodes of %(list)s due by %(day)s are done (%(late)d of them after "
        "their due date); %(open)d are open. No forecast: more nodes fall due as the year goes on."
    ) % {
        "done": done,
        "total": total,
        "list": project_list.name,
        "day": day,
        "late": late,
        "open": total - done,
    }
    return MetricValue(value, "%", day.isoformat(), link, explanation, None, True)
