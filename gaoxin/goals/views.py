"""The leaders' cockpit (领导驾驶舱) and the goals pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from gaoxin.attraction.services_funds import conversion as attraction_conversion
from gaoxin.core import cockpit, generation, roles, todo
from gaoxin.indicators.models import Aggregate, Indicator, Scope, Target, period_label
from gaoxin.indicators.services import (
    ZoneData,
    aggregate_growth,
    chart_data,
    latest_period,
    target_status,
)
from gaoxin.zone.models import evaluation_date

from . import services
from .models import Goal


def default_year(day) -> int:
    """The cockpit's year when none is asked for: the latest statistics period's."""
    latest = latest_period(as_of=day)
    years = list(Goal.objects.values_list("year", flat=True).distinct())
    return latest[0] if latest else (max(years) if years else day.year)


class CockpitView(LoginRequiredMixin, View):
    """Goals with progress and status, trends against the target, parks, red items, the
    latest data period. Reads zone observations and aggregates only (never enterprise rows)."""

    def get(self, request):
        if not roles.sees_whole_zone(request.user) or not request.user.has_perm("goals.view_goal"):
            raise PermissionDenied
        day = evaluation_date()
        try:
            year = int(request.GET["year"])
        except (KeyError, ValueError):
            year = generation.cached("cockpit-year", (day,), lambda: default_year(day))
        # the figures are the same for every reader: cached per evaluation day and year, under
        # the data generation (ADR 0015); the late list is shown to those who may see it
        figures = generation.cached("cockpit", (day, year), lambda: cockpit_figures(year))
        late = figures["late"]
        context = {
            **{k: v for k, v in figures.items() if k not in ("late", "panels")},
            "title": _("Leaders' cockpit"),
            "todo_groups": todo.groups_for_request(request),  # the leader's 待办 strip (counts)
            # the apps' panels (core/cockpit.py), computed with the figures, filtered per reader
            "panels": cockpit.for_reader(request.user, figures["panels"]),
        }
        if request.user.has_perm("indicators.view_submission"):
            context.update(late_count=len(late), late_top=late[:5])
        return render(request, "goals/cockpit.html", context)


def cockpit_figures(year: int) -> dict:
    """Everything the cockpit shows that does not depend on the reader."""
    from gaoxin.indicators.workflow import late_reports

    as_of, states = services.evaluate_year(year)
    latest = latest_period(year, as_of=as_of)
    targets = list(Target.objects.filter(year=year, scope_key="zone").select_related("indicator"))
    indicators = [t.indicator for t in targets]
    data = ZoneData(indicators, [year, year - 1]) if indicators else None
    trends = []
    for target in targets:
        if data is None or latest is None:
            break
        month = data.latest_month(target.indicator, year, latest[1]) or latest[1]
        reading = data.reading(target.indicator, year, month)
        status = target_status(target, reading, data)
        trends.append(
            {
                "target": target,
                "status": status,
                "chart": chart_data(target.indicator, year, data, target),
                "id": f"trend-{target.pk}",
                "data_id": f"trend-{target.pk}-data",
            }
        )
    goal_indicators = {s.goal.params.get("indicator") for s in states}
    figures = {
        "year": year,
        "as_of": as_of,
        "states": states,
        "trends": trends,
        "red_goals": [s for s in states if s.color == "red"],
        # a target already shown through a goal on the same indicator is not listed twice
        "red_targets": [
            t
            for t in trends
            if t["status"].color == "red" and t["target"].indicator.code not in goal_indicators
        ],
        "latest": period_label(*latest) if latest else None,
        "latest_period": latest,
        "parks": park_breakdown(year, latest),
        "conversion": attraction_conversion(year, as_of),  # 招商转化 (attraction/services_funds.py)
        "late": [item for item in late_reports() if item.year == year],
        "years": sorted(set(Goal.objects.values_list("year", flat=True)) | {year}, reverse=True),
        "panels": cockpit.compute_all(year, as_of),
    }
    figures["behind_count"] = len(figures["red_goals"]) + len(figures["red_targets"])
    return figures


def park_breakdown(year: int, latest) -> dict:
    """The main enterprise-summed indicators by park for the latest period, with the growth
    and its basis (上年同期 as filed, or the same enterprises as last year) in words."""
    if latest is None:
        return {"indicators": [], "rows": []}
    indicators = list(Indicator.objects.filter(sums_enterprises=True, is_active=True)[:4])
    rows: dict = {}
    aggregates = Aggregate.objects.filter(
        year=year, month=latest[1], scope=Scope.PARK, indicator__in=indicators
    )
    for aggregate in aggregates.select_related("park", "indicator"):
        row = rows.setdefault(aggregate.park_id, {"park": aggregate.park, "values": {}})
        basis = aggregate_growth(aggregate)
        row["values"][aggregate.indicator_id] = {
            "value": aggregate.value,
            "growth": basis.growth if basis else None,
            "growth_remark": basis.remark if basis else "",
            "growth_label": basis.label if basis else "",
            "code": aggregate.indicator.code,
        }
    ordered = sorted(rows.values(), key=lambda r: (r["park"].sort_order, r["park"].name))
    return {
        "indicators": indicators,
        "rows": [{"park": r["park"], "cells": [r["values"].get(i.pk) for i in indicators]} for r in ordered],
    }


class GoalDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        goal = Goal.objects.visible_to(request.user).filter(pk=pk).first()
        if goal is None:
            from django.http import Http404

            raise Http404
        if not request.user.has_perm("goals.view_goal"):
            raise PermissionDenied
        as_of = services.as_of_for(goal.year)
        state = services.evaluate(goal, as_of)
        return render(
            request,
            "goals/goal_detail.html",
            {
                "title": goal.title,
                "object": goal,
                "state": state,
                "as_of": as_of,
                "cockpit_url": reverse("goals:cockpit") + f"?year={goal.year}",
            },
        )
