"""Working days in the Korean calendar: weekends and public holidays (2026 Chuseok, 9/24–26)
do not count, days change at midnight in Korea whatever the server's zone, and a case nobody
contacted is overdue once more than two working days have passed."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from application.calendar import is_working_day, working_days_between
from application.casework.ageing import is_overdue
from application.errors import NaiveTime

KST = timezone(timedelta(hours=9))


def kst(day: str, time: str = "10:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=KST)


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert is_working_day(kst("2026-09-23").date())  # Wednesday
    assert not is_working_day(kst("2026-09-24").date())  # the day before Chuseok
    assert not is_working_day(kst("2026-09-25").date())  # Chuseok
    assert not is_working_day(kst("2026-09-26").date())  # Saturday and Chuseok's second day
    assert not is_working_day(kst("2026-09-27").date())  # Sunday
    assert is_working_day(kst("2026-09-28").date())


@pytest.mark.parametrize(("today", "age"), [
    ("2026-09-23", 0),  # the day the owner finished
    ("2026-09-24", 0), ("2026-09-25", 0), ("2026-09-26", 0), ("2026-09-27", 0),  # Chuseok, then the weekend
    ("2026-09-28", 1), ("2026-09-29", 2), ("2026-09-30", 3),
])
def test_age_skips_a_holiday_and_a_weekend(today: str, age: int) -> None:
    assert working_days_between(kst("2026-09-23", "16:00"), kst(today, "09:00")) == age


def test_a_plain_week_with_a_weekend() -> None:
    friday = kst("2026-11-20")
    assert working_days_between(friday, kst("2026-11-22")) == 0  # Sunday
    assert working_days_between(friday, kst("2026-11-23")) == 1  # Monday
    assert working_days_between(friday, kst("2026-11-25")) == 3


def test_days_change_at_midnight_in_korea() -> None:
    # 23:30 on Monday in Korea is still Monday 14:30 in UTC; 00:30 Tuesday in Korea is Monday in UTC.
    monday_late = kst("2026-11-23", "23:30").astimezone(UTC)
    tuesday_early = kst("2026-11-24", "00:30").astimezone(UTC)
    assert monday_late.date() == tuesday_early.date()
    assert working_days_between(monday_late, tuesday_early) == 1


def test_overdue_after_two_working_days_without_contact() -> None:
    created = kst("2026-09-23", "16:00")

    def overdue(today: str, *, contacted: bool = False, open_case: bool = True) -> bool:
        return is_overdue(created_at=created, now=kst(today, "09:00"), contacted=contacted, open_case=open_case,
                          contact_days=2)

    assert not overdue("2026-09-29")  # two working days: still due today
    assert overdue("2026-09-30")
    assert not overdue("2026-09-30", contacted=True)
    assert not overdue("2026-09-30", open_case=False)


def test_naive_times_are_refused() -> None:
    with pytest.raises(NaiveTime):
        working_days_between(datetime(2026, 9, 23), kst("2026-09-30"))
