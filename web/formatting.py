"""How the staff pages write times and roles."""

from datetime import datetime

from application.calendar import korean_time
from prompts.accounts import load_account_prompts


def staff_time(moment: datetime) -> str:
    """`2026-11-24 14:03` in Korean time, as staff read it."""
    return korean_time(moment).strftime("%Y-%m-%d %H:%M")


def role_label(role: str) -> str:
    return load_account_prompts().role(role)
