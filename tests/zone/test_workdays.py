"""The working-day calendar at its edges. Expected days are counted by hand from the State
Council's notices: 2025 国庆/中秋 1–8 October off, Sunday 28 September and Saturday 11 October
worked; 2026 元旦 1–3 January off, Sunday 4 January worked; 2026 春节 15–23 February off,
Saturdays 14 and 28 February worked; 2026 中秋 25–27 September and 国庆 1–7 October off,
Sunday 20 September and Saturday 10 October worked."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gaoxin.zone import workdays
from gaoxin.zone.models import CalendarOverride

D = datetime.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 9, 28), True),  # Sunday, 调休 for 国庆
        (D(2025, 9, 30), True),  # Tuesday before the holiday
        (D(2025, 10, 1), False),  # 国庆
        (D(2025, 10, 6), False),  # 中秋 (a Monday)
        (D(2025, 10, 8), False),  # last day of the holiday (a Wednesday)
        (D(2025, 10, 9), True),
        (D(2025, 10, 11), True),  # Saturday, 调休
        (D(2025, 10, 12), False),  # an ordinary Sunday
        (D(2026, 1, 4), True),  # Sunday, 调休 for 元旦
        (D(2026, 2, 14), True),  # Saturday, 调休 for 春节
        (D(2026, 2, 23), False),  # last day of 春节 (a Monday)
        (D(2026, 2, 28), True),  # Saturday, 调休 for 春节
        (D(2026, 9, 20), True),  # Sunday, 调休 for 国庆
        (D(2026, 10, 10), True),  # Saturday, 调休 for 国庆
    ],
)
def test_the_official_days(db, day, working):
    assert workdays.is_workday(day) is working


@pytest.mark.parametrize(
    ("start", "n", "deadline"),
    [
        (D(2025, 9, 30), 5, D(2025, 10, 14)),  # 9, 10, 11 (Sat 调休), 13, 14 October
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 9, 30), 0, D(2025, 9, 30)),
        (D(2025, 10, 3), 1, D(2025, 10, 9)),  # from a holiday: the first day after it
        (D(2025, 10, 10), 1, D(2025, 10, 11)),  # the 调休 Saturday counts
        (D(2025, 9, 26), 1, D(2025, 9, 28)),  # Friday → the 调休 Sunday, not Monday
        (D(2025, 12, 30), 3, D(2026, 1, 5)),  # 31 Dec, Sun 4 Jan (调休), Mon 5 Jan
        (D(2026, 2, 13), 3, D(2026, 2, 25)),  # Sat 14 Feb, then 24, 25 February
        (D(2026, 2, 26), 2, D(2026, 2, 28)),  # Fri 27, the 调休 Saturday 28 February
        (D(2026, 9, 30), 5, D(2026, 10, 13)),  # 8, 9, 10 (Sat 调休), 12, 13 October
        (D(2026, 9, 24), 1, D(2026, 9, 28)),  # 中秋 25–27 September off
    ],
)
def test_add_working_days(db, start, n, deadline):
    assert workdays.add_working_days(start, n) == deadline
    assert workdays.working_days_between(start, deadline) == n
    if n and workdays.is_workday(start):
        assert workdays.working_days_before(deadline, n) == start


def test_working_days_between_counts_after_the_start_up_to_the_end(db):
    assert workdays.working_days_between(D(2025, 9, 30), D(2025, 10, 8)) == 0
    assert workdays.working_days_between(D(2025, 9, 30), D(2025, 10, 12)) == 3
    assert workdays.working_days_between(D(2025, 10, 14), D(2025, 9, 30)) == 0
    assert workdays.working_days_before(D(2025, 10, 9), 1) == D(2025, 9, 30)
    assert workdays.working_days_before(D(2025, 9, 29), 1) == D(2025, 9, 28)  # the 调休 Sunday


def test_a_local_holiday_moves_the_deadline_a_day_later(db):
    CalendarOverride.objects.create(date=D(2025, 10, 9), is_workday=False, reason="本市地方性假日")
    assert workdays.is_workday(D(2025, 10, 9)) is False
    assert workdays.add_working_days(D(2025, 9, 30), 5) == D(2025, 10, 15)


def test_a_zone_working_day_inside_the_holiday_moves_the_deadline_a_day_earlier(db):
    CalendarOverride.objects.create(date=D(2025, 10, 8), is_workday=True, reason="管委会集中办公")
    assert workdays.add_working_days(D(2025, 9, 30), 5) == D(2025, 10, 13)


@pytest.fixture
def data_to_2026(monkeypatch):
    """The years of chinese-calendar 1.11.0, also once a later version knows 2027."""
    assert workdays.KNOWN_YEARS[0] == 2004 and workdays.KNOWN_YEARS[1] >= 2026
    monkeypatch.setattr(workdays, "KNOWN_YEARS", (2004, 2026))


def test_a_year_without_a_notice_is_refused_in_words(db, data_to_2026):
    with pytest.raises(ValidationError) as refused:
        workdays.add_working_days(D(2026, 12, 30), 5)  # 31 December, then 2027
    assert refused.value.messages == [
        "无法判断2027-01-01是否为工作日：2027年的法定节假日安排尚未收录（节假日数据覆盖2004—2026年）。"
        "请升级节假日数据（chinese-calendar 包），或在日历例外中录入该日。"
    ]
    assert refused.value.error_list[0].code == "calendar_unknown_year"
    with pytest.raises(ValidationError):
        workdays.is_workday(D(2003, 12, 31))


def test_an_override_answers_for_its_day_even_in_an_unknown_year(db, data_to_2026):
    CalendarOverride.objects.create(date=D(2027, 1, 4), is_workday=True, reason="按2027年通知补录")
    assert workdays.is_workday(D(2027, 1, 4)) is True
    with pytest.raises(ValidationError):
        workdays.is_workday(D(2027, 1, 5))


def test_the_calendar_reads_the_exceptions_once(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        calendar = workdays.calendar()
    with django_assert_num_queries(0):
        assert calendar.add_working_days(D(2025, 9, 30), 5) == D(2025, 10, 14)


def test_2025_has_248_working_days(db):
    """261 weekdays, less 18 weekday holidays (元旦 1, 春节 6, 清明 1, 劳动节 3, 端午 1, 国庆/中秋 6),
    plus 5 调休 weekend days (26 Jan, 8 Feb, 27 Apr, 28 Sep, 11 Oct)."""
    assert workdays.working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 248


def test_counting_by_year_tables_equals_counting_day_by_day():
    """``working_days_between`` reads per-year running counts; across 国庆, New Year, leap
    days and a year boundary it says what counting each day says."""
    import random

    from gaoxin.zone.workdays import KNOWN_YEARS, WorkCalendar

    work = WorkCalendar({datetime.date(2024, 12, 31): False, datetime.date(2025, 10, 12): True})
    first = datetime.date(max(KNOWN_YEARS[0], KNOWN_YEARS[1] - 3), 1, 1)
    span = (datetime.date(KNOWN_YEARS[1], 12, 31) - first).days
    rng = random.Random(4)
    for _ in range(400):
        start = first + datetime.timedelta(rng.randrange(span))
        end = start + datetime.timedelta(rng.randrange(-5, 400))
        end = min(end, datetime.date(KNOWN_YEARS[1], 12, 31))
        assert work.working_days_between(start, end) == work._count_by_day(start, end), (start, end)
    national = WorkCalendar()
    assert national.working_days_between(datetime.date(2025, 9, 30), datetime.date(2025, 10, 14)) == 5
    # the zone's extra working Sunday 12 October counts
    assert work.working_days_between(datetime.date(2025, 9, 30), datetime.date(2025, 10, 14)) == 6
