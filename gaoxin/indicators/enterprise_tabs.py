"""The enterprise page's 月度数据 tab: the firm's own values (filed or from the bureau's
enterprise table) as a small table, one row per period, one column per indicator with its unit."""

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gaoxin.enterprises.tabs import EnterpriseTab, correctable, register

from .models import Observation, Scope

PERIODS = 24  # two years of months: older values are on the observation list


def monthly_rows(enterprise, user):
    return Observation.objects.visible_to(user).filter(enterprise=enterprise, scope=Scope.ENTERPRISE)


def latest_rows(enterprise, user):
    """The firm's values of its latest period (the dossier's card)."""
    rows = monthly_rows(enterprise, user)
    latest = rows.order_by("-year", "-month").values_list("year", "month").first()
    if latest is None:
        return rows.none()
    return rows.filter(year=latest[0], month=latest[1]).select_related("indicator")


def number_text(value) -> str:
    if value is None:
        return ""
    return f"{Decimal(format(value.normalize(), 'f')):,}"  # 1,000.5, not 1.0005E+3


def monthly_context(enterprise, rows) -> dict:
    """{"indicators": [...], "periods": [{"label", "cells": [observation or None …]}]} of the
    latest ``PERIODS`` periods, newest first."""
    periods = list(rows.values_list("year", "month").distinct().order_by("-year", "-month")[:PERIODS])
    if not periods:
        return {"indicators": [], "periods": []}
    year, month = periods[-1]
    shown = rows.filter(Q(year__gt=year) | Q(year=year, month__gte=month)).select_related("indicator")
    cells = {(o.year, o.month, o.indicator_id): o for o in shown}
    indicators = sorted({o.indicator for o in cells.values()}, key=lambda i: (i.sort_order, i.name))
    table = []
    for y, m in periods:
        row = [cells.get((y, m, indicator.pk)) for indicator in indicators]
        for cell in row:
            if cell is not None:
                cell.text = number_text(cell.value)
        table.append({"label": next(c for c in row if c is not None).period, "cells": row})
    return {"indicators": indicators, "periods": table}


register(
    EnterpriseTab(
        code="monthly",
        label=_("Monthly values"),
        model=Observation,
        rows=monthly_rows,
        empty=_("No monthly value yet: they come from the firm's filing and the bureau's enterprise table."),
        order=30,
        template="indicators/enterprise_monthly.html",
        context=monthly_context,
        card_fields=("value", "status"),
        card_rows=latest_rows,
    )
)
# A firm asks to correct a value it sees; the indicator's owner department answers (locked
# approved values stay locked: indicators.locks refuses the change until a reopening).
correctable(Observation, ("value",), owner=lambda o: o.indicator.department)
