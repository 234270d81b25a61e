"""Department scores (部门考评) per month: how the departments answered the firms' requests.

For each department, the requests routed to it in the month (``routed_on``; a request passed on
counts for the department it was passed to):

- received; acceptance time = working days from routing to acceptance (``working_days_between``);
  closure time = working days from the day raised to the day closed; median and mean of each;
- on-time acceptance = accepted on or before the acceptance deadline ÷ accepted; on-time
  handling = answered on or before the handling deadline ÷ answered (answered or closed);
- 满意率 = 满意 ÷ rated; 基本满意 and 不满意 are counted beside it;
- reopen rate = requests reopened at least once ÷ answered.

Rates are exact Decimals in per cent, rounded half up to 0.1 percentage point; means to 0.1
working day; a rate with nothing to divide by is None (shown as “—”), never 0.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections
from django.db.models import CharField
from django.db.models.functions import Cast

from gaoxin.zone.models import Department
from gaoxin.zone.workdays import calendar

from .models import FirmRequest

TENTH = Decimal("0.1")
S = FirmRequest.Status
R = FirmRequest.Rating


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / Decimal(len(values))).quantize(TENTH, rounding=ROUND_HALF_UP)


def median(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return Decimal(str(statistics.median(values))).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass
class DepartmentScore:
    department_id: int
    department: str
    received: int = 0
    accepted: int = 0
    accepted_on_time: int = 0
    answered: int = 0
    answered_on_time: int = 0
    closed: int = 0
    satisfied: int = 0
    mostly: int = 0
    unsatisfied: int = 0
    reopened: int = 0
    acceptance_days: list[int] = field(default_factory=list, repr=False)
    closure_days: list[int] = field(default_factory=list, repr=False)

    @property
    def rated(self) -> int:
        return self.satisfied + self.mostly + self.unsatisfied

    @property
    def satisfaction_rate(self):
        return percent(self.satisfied, self.rated)

    @property
    def on_time_acceptance_rate(self):
        return percent(self.accepted_on_time, self.accepted)

    @property
    def on_time_handling_rate(self):
        return percent(self.answered_on_time, self.answered)

    @property
    def reopen_rate(self):
        return percent(self.reopened, self.answered)

    @property
    def acceptance_median(self):
        return median(self.acceptance_days)

    @property
    def acceptance_mean(self):
        return mean(self.acceptance_days)

    @property
    def closure_median(self):
        return median(self.closure_days)

    @property
    def closure_mean(self):
        return mean(self.closure_days)


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, month, 1)
    end = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


FIELDS = (
    "department_id", "status", "raised_on", "routed_on", "accept_due", "accepted_on", "handle_due",
    "answered_on", "closed_on", "rating", "reopen_count",
)  # fmt: skip
DEPT, STATUS, RAISED, ROUTED, ACCEPT_DUE, ACCEPTED, HANDLE_DUE, ANSWERED, CLOSED, RATING, REOPENED = range(11)
DATES = (RAISED, ROUTED, ACCEPT_DUE, ACCEPTED, HANDLE_DUE, ANSWERED, CLOSED)


def department_scores(year: int, month: int, department_ids=None) -> list[DepartmentScore]:
    """Every department's score for the month (one query for the requests, one for the
    departments, one for the calendar's overrides)."""
    start, end = month_bounds(year, month)
    departments = Department.objects.all()
    if department_ids is not None:
        departments = departments.filter(pk__in=department_ids)
    scores = {d.pk: DepartmentScore(d.pk, d.name) for d in departments}
    requests = FirmRequest.objects.filter(routed_on__range=(start, end), department_id__in=list(scores))
    # dates as text: the database's date converters would build 700,000 dates for a year
    as_text = {f"{name}_text": Cast(name, CharField()) for i, name in enumerate(FIELDS) if i in DATES}
    columns = [f"{name}_text" if i in DATES else name for i, name in enumerate(FIELDS)]
    work, days = calendar(), DayNumbers()
    for row in text_rows(requests.annotate(**as_text).values_list(*columns)):
        count(scores[row[DEPT]], row, work, days)
    return list(scores.values())


class DayNumbers(dict):
    """'YYYY-MM-DD' → ``toordinal()``, each distinct day parsed once."""

    def __missing__(self, text):
        self[text] = number = datetime.date.fromisoformat(text).toordinal()
        return number


def text_rows(queryset) -> list[tuple]:
    """The rows as the database sends them (dates as ISO text, which orders as the dates do):
    a year of 100,000 requests is read without a model, a dict or a date per cell."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count(score: DepartmentScore, row: tuple, work, days: DayNumbers) -> None:
    score.received += 1
    accepted_on = row[ACCEPTED]
    if accepted_on:
        score.accepted += 1
        score.accepted_on_time += accepted_on <= row[ACCEPT_DUE]
        score.acceptance_days.append(work.between_ordinals(days[row[ROUTED]], days[accepted_on]))
    answered_on = row[ANSWERED]
    if answered_on and row[STATUS] in (S.ANSWERED, S.CLOSED):
        score.answered += 1
        score.answered_on_time += bool(row[HANDLE_DUE]) and answered_on <= row[HANDLE_DUE]
        score.reopened += row[REOPENED] > 0
    if row[CLOSED]:
        score.closed += 1
        score.closure_days.append(work.between_ordinals(days[row[RAISED]], days[row[CLOSED]]))
    rating = row[RATING]
    if rating == R.SATISFIED:
        score.satisfied += 1
    elif rating == R.MOSTLY:
        score.mostly += 1
    elif rating == R.UNSATISFIED:
        score.unsatisfied += 1


def zone_total(scores: list[DepartmentScore]) -> DepartmentScore:
    total = DepartmentScore(0, "")
    for s in scores:
        for name in (
            "received",
            "accepted",
            "accepted_on_time",
            "answered",
            "answered_on_time",
            "closed",
            "satisfied",
            "mostly",
            "unsatisfied",
            "reopened",
        ):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        total.acceptance_days += s.acceptance_days
        total.closure_days += s.closure_days
    return total
