"""Metrics of the firms' requests for goals: the zone's 满意率 and on-time acceptance rate over
the year's months up to the as-of day (``scores.department_scores`` summed over departments)."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoxin.core.metrics import MetricValue, metric

from .scores import department_scores, percent, zone_total


def year_total(year: int, as_of: datetime.date | None):
    last = 12 if as_of is None or as_of.year > year else as_of.month
    scores = [s for month in range(1, last + 1) for s in department_scores(year, month)]
    return zone_total(scores), last


def _link(year, month):
    return f"{reverse('portal:department_scores')}?year={year}&month={month}"


@metric("portal_satisfaction_rate", gettext_lazy("Firms satisfied with the answers to their requests (%)"))
def satisfaction_rate(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    total, last = year_total(year, as_of)
    rate = percent(total.satisfied, total.rated)
    explanation = _("%(satisfied)s satisfied of %(rated)s rated requests in %(year)s.") % {
        "satisfied": total.satisfied,
        "rated": total.rated,
        "year": year,
    }
    return MetricValue(rate, "%", f"{year}-{last:02d}", _link(year, last), explanation)


@metric("portal_on_time_acceptance", gettext_lazy("Requests accepted within the time limit (%)"))
def on_time_acceptance(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    total, last = year_total(year, as_of)
    rate = percent(total.accepted_on_time, total.accepted)
    explanation = _("%(on_time)s of %(accepted)s accepted requests in %(year)s were accepted in time.") % {
        "on_time": total.accepted_on_time,
        "accepted": total.accepted,
        "year": year,
    }
    return MetricValue(rate, "%", f"{year}-{last:02d}", _link(year, last), explanation)


@metric("portal_requests_received", gettext_lazy("Requests received from firms in the year"))
def requests_received(params: dict, year: int, as_of: datetime.date | None) -> MetricValue:
    total, last = year_total(year, as_of)
    explanation = _("%(count)s requests routed to the departments in %(year)s.") % {
        "count": total.received,
        "year": year,
    }
    return MetricValue(
        Decimal(total.received), _("requests"), f"{year}-{last:02d}", _link(year, last), explanation
    )
