"""Working days (工作日): the official holiday calendar with its 调休 days, and the zone's exceptions.

Rules that state a period in working days (公示 periods, 交办 time limits, a lead stage's
deadline) count on this calendar, in words:

- **Which days work.** A day the zone lists as a ``CalendarOverride`` is what the zone says
  (a local holiday, an extra working day). Otherwise the State Council's yearly notice
  decides, as the maintained ``chinese-calendar`` package carries it: its holidays are off
  (2025 国庆: 1–8 October), its 调休 weekend days work (Sunday 28 September and Saturday
  11 October 2025), every other Monday to Friday works and every other weekend day is off.
- **Counting.** A period starts the day after the act (自次日起算): ``add_working_days(start, n)``
  is the n-th working day after ``start``, which never counts itself, whether or not it is a
  working day; the deadline day itself is still in time. 5个工作日 from Tuesday 30 September
  2025 end on Tuesday 14 October (9, 10, 11 调休, 13, 14 October).
- **Unknown years are refused.** A day without an override in a year the package has no notice
  for (before 2004, or a year whose notice came after the installed version) raises a
  ``ValidationError`` saying so, never a guess from weekends alone: upgrade the package once
  the notice is out (each November or December) or enter the days as overrides.
"""

from __future__ import annotations

import datetime

import chinese_calendar
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import CalendarOverride

ONE_DAY = datetime.timedelta(days=1)


def known_years() -> tuple[int, int]:
    """The first and last year the installed holiday data has a notice for."""
    years = [day.year for day in chinese_calendar.holidays]
    return min(years), max(years)


KNOWN_YEARS = known_years()


def unknown_year(day: datetime.date) -> ValidationError:
    first, last = KNOWN_YEARS
    return ValidationError(
        _(
            "Whether %(day)s is a working day is not known: the official holiday arrangements for "
            "%(year)d are not in the holiday data (it covers %(first)d–%(last)d). Upgrade the holiday "
            "data (the chinese-calendar package) or enter the day as a calendar exception."
        )
        % {"day": day.isoformat(), "year": day.year, "first": first, "last": last},
        code="calendar_unknown_year",
    )


def official_workday(day: datetime.date) -> bool:
    """The State Council's answer for ``day`` (the package's rule, without its per-call scan)."""
    first, last = KNOWN_YEARS
    if not first <= day.year <= last:
        raise unknown_year(day)
    if day in chinese_calendar.workdays:
        return True
    return day.weekday() < 5 and day not in chinese_calendar.holidays


class WorkCalendar:
    """The calendar with a given set of overrides ({date: is working day}); build it once
    with ``calendar()`` and ask it many times (one query for the overrides)."""

    def __init__(self, overrides: dict[datetime.date, bool] | None = None):
        self.overrides = overrides or {}
        self._years: dict[int, list[int] | None] = {}  # year → working days up to each day
        self._span: tuple[int, list[int]] = (0, [])  # first ordinal, running counts over whole years

    def _year_counts(self, year: int) -> list[int] | None:
        """Working days from 1 January up to and including each day of ``year`` (index = day
        of the year − 1); None when some day of the year is not known (then counted by day)."""
        if year not in self._years:
            day, total, counts = datetime.date(year, 1, 1), 0, []
            try:
                while day.year == year:
                    total += self.is_workday(day)
                    counts.append(total)
                    day += ONE_DAY
            except ValidationError:
                counts = None
            self._years[year] = counts
        return self._years[year]

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return official_workday(day)

    def step(self, day: datetime.date, direction: int) -> datetime.date:
        """The next working day after (direction 1) or before (-1) ``day``."""
        day += direction * ONE_DAY
        while not self.is_workday(day):
            day += direction * ONE_DAY
        return day

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after ``start`` (``start`` never counts; n = 0 is ``start``)."""
        for _i in range(n):
            start = self.step(start, 1)
        return start

    def working_days_before(self, day: datetime.date, n: int) -> datetime.date:
        """The n-th working day before ``day`` (``day`` never counts; n = 0 is ``day``):
        whoever acted before this day has let n working days pass by ``day``."""
        for _i in range(n):
            day = self.step(day, -1)
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """The working days after ``start`` up to and including ``end`` (0 when ``end`` is not
        after ``start``): ``working_days_between(s, add_working_days(s, n)) == n``."""
        return self.between_ordinals(start.toordinal(), end.toordinal())

    def between_ordinals(self, start: int, end: int) -> int:
        """``working_days_between`` of two ``date.toordinal()`` days: two lookups in running
        counts kept per year (a score over 100,000 requests asks it 200,000 times)."""
        if end <= start:
            return 0
        base, running = self._span
        if base <= start and end < base + len(running):
            return running[end - base] - running[start - base]
        first, last = datetime.date.fromordinal(start), datetime.date.fromordinal(end)
        if not self._extend(first.year, last.year):
            return self._count_by_day(first, last)
        return self.between_ordinals(start, end)

    def _extend(self, first: int, last: int) -> bool:
        """Running counts over whole years covering ``first``–``last`` and what was covered
        (False when a year in it is not known: then days are counted one by one)."""
        base, running = self._span
        if running:
            covered = (
                datetime.date.fromordinal(base).year,
                datetime.date.fromordinal(base + len(running) - 1).year,
            )
            first, last = min(first, covered[0]), max(last, covered[1])
        years = [self._year_counts(year) for year in range(first, last + 1)]
        if any(counts is None for counts in years):
            return False
        running, total = [], 0
        for counts in years:
            running.extend(total + c for c in counts)
            total += counts[-1]
        self._span = (datetime.date(first, 1, 1).toordinal(), running)
        return True

    def _count_by_day(self, start: datetime.date, end: datetime.date) -> int:
        count, day = 0, start + ONE_DAY
        while day <= end:
            count += self.is_workday(day)
            day += ONE_DAY
        return count


def calendar() -> WorkCalendar:
    """The calendar with the zone's overrides as stored now."""
    return WorkCalendar(dict(CalendarOverride.objects.values_list("date", "is_workday")))


def is_workday(day: datetime.date) -> bool:
    return calendar().is_workday(day)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The deadline of a period of ``n`` working days that starts the day after ``start``."""
    return calendar().add_working_days(start, n)


def working_days_before(day: datetime.date, n: int) -> datetime.date:
    return calendar().working_days_before(day, n)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return calendar().working_days_between(start, end)
