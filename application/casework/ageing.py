"""How long a case has waited, in Korean working days: weekends and public holidays (the
`holidays` package's KR calendar, substitute holidays included) do not count. Days are
calendar days in Korea (KST), whatever the server's zone.

A case's age is the number of working days after the day the owner finished, up to and
including today: finished on Monday, it is 1 on Tuesday and 2 on Wednesday. The owner is
told a mentor calls within two days (the engine's `mentor_contact_days`), so a case nobody
has contacted is overdue once its age passes that."""

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

import holidays

KST = timezone(timedelta(hours=9), "KST")
WEEKEND = (5, 6)  # Saturday, Sunday


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("KR", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() not in WEEKEND and day not in _holidays(day.year)


def korean_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise ValueError("naive datetime; ageing needs timezone-aware times")
    return moment.astimezone(KST).date()


def working_days_between(start: datetime, end: datetime) -> int:
    """Working days after `start`'s day, up to and including `end`'s day (0 when end is not later)."""
    first, last = korean_date(start), korean_date(end)
    days, day = 0, first + timedelta(days=1)
    while day <= last:
        days += is_working_day(day)
        day += timedelta(days=1)
    return days


def is_overdue(*, created_at: datetime, now: datetime, contacted: bool, open_case: bool, contact_days: int) -> bool:
    """Nobody has contacted the owner of an open case within `contact_days` working days."""
    return open_case and not contacted and working_days_between(created_at, now) > contact_days
