"""How long a case has waited, in Korean working days (application/calendar.py).

A case's age is the number of working days after the day the owner finished, up to and
including today: finished on Monday, it is 1 on Tuesday and 2 on Wednesday. The owner is
told a mentor calls within `INTAKE_MENTOR_CONTACT_WORKING_DAYS` working days, so a case
nobody has contacted is overdue once its age passes that."""

from datetime import datetime

from application.calendar import working_days_between


def is_overdue(*, created_at: datetime, now: datetime, contacted: bool, open_case: bool, contact_days: int) -> bool:
    """Nobody has contacted the owner of an open case within `contact_days` working days."""
    return open_case and not contacted and working_days_between(created_at, now) > contact_days
