"""What the staff and mentor sign-in and account pages say, loaded from
prompts/accounts/ko.yaml and checked at load (a missing message or a mistyped placeholder
stops the service at start). The staff side is Korean only; page copy lives in the
templates, the messages the code picks live here."""

from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from prompts import check_placeholders, load_prompt_file

ACCOUNT_PROMPTS_DIR = Path(__file__).resolve().parent


class _Messages(BaseModel):
    """A group of messages; `placeholders` lists the values the code fills in per field."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    placeholders: ClassVar[dict[str, frozenset[str]]] = {}

    @model_validator(mode="after")
    def _known_placeholders(self) -> "_Messages":
        check_placeholders(self, type(self).placeholders)
        return self


class RoleLabels(_Messages):
    admin: str
    staff: str
    lead: str
    mentor: str
    expert: str


class PasswordProblems(_Messages):
    """One per application.accounts.passwords.WEAKNESSES key."""

    too_short: str
    too_long: str
    common: str
    simple: str
    personal: str

    placeholders = {"too_short": frozenset({"min"}), "too_long": frozenset({"max"})}


class Messages(_Messages):
    login_missing: str
    login_limited: str
    signed_out: str
    session_ended: str
    password_wrong_current: str
    password_mismatch: str
    password_changed: str
    password_change_required: str
    user_created: str
    user_invalid: str
    user_invalid_email: str
    user_deactivated: str
    user_activated: str
    user_profile_changed: str
    user_self_deactivate: str
    user_password_reset: str

    placeholders = {
        "login_limited": frozenset({"minutes"}),
        "user_created": frozenset({"name"}),
        "user_deactivated": frozenset({"name"}),
        "user_activated": frozenset({"name"}),
        "user_profile_changed": frozenset({"name"}),
        "user_password_reset": frozenset({"name"}),
    }


class AccountPrompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    roles: RoleLabels
    password_problems: PasswordProblems
    messages: Messages

    def role(self, role: str) -> str:
        label: str = getattr(self.roles, role, role)
        return label

    def password_problem(self, reason: str, **values: object) -> str:
        text: str = getattr(self.password_problems, reason)
        return text.format(**values)


@lru_cache(maxsize=1)
def load_account_prompts() -> AccountPrompts:
    path = ACCOUNT_PROMPTS_DIR / "ko.yaml"
    return load_prompt_file(path, AccountPrompts, {}, f"accounts/{path.name}")
