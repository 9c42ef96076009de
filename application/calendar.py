"""Korea's time zone and working days: the one place that defines them. Times are stored in
UTC; a Korean calendar day or a time as staff read it is made here.

Working days leave out weekends and public holidays (the `holidays` package's KR calendar,
substitute holidays included)."""

from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache

import holidays

from application.errors import NaiveTime

# Korea keeps no daylight saving time, so a fixed offset is exact.
KST = timezone(timedelta(hours=9), "KST")
WEEKEND = (5, 6)  # Saturday, Sunday


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("KR", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() not in WEEKEND and day not in _holidays(day.year)


def korean_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise NaiveTime("moment")
    return moment.astimezone(KST).date()


def korean_time(moment: datetime) -> datetime:
    """The moment on Korean clocks; a naive value is taken as UTC (how SQLite returns it)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(KST)


def day_start(day: date) -> datetime:
    """Midnight at the start of a Korean calendar day."""
    return datetime.combine(day, time(), tzinfo=KST)


def working_days_between(start: datetime, end: datetime) -> int:
    """Working days after `start`'s day, up to and including `end`'s day (0 when end is not later)."""
    first, last = korean_date(start), korean_date(end)
    days, day = 0, first + timedelta(days=1)
    while day <= last:
        days += is_working_day(day)
        day += timedelta(days=1)
    return days
