"""What crosses the accounts boundary: roles, the user as the rest of the service sees it,
and the input for a new account."""

import re
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

EMAIL_MAX = 254
NAME_MAX = 100
TEAM_MAX = 64
DEFAULT_CAPACITY = 5
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class Role(StrEnum):
    admin = "admin"
    staff = "staff"
    lead = "lead"
    mentor = "mentor"
    expert = "expert"


# Mentor tiers of the innovation-mentor program (contracts.md §2): field mentor, lead over
# field mentors, top-level expert.
TIERS: dict[Role, int] = {Role.mentor: 1, Role.lead: 2, Role.expert: 3}
STAFF_ROLES: frozenset[Role] = frozenset({Role.admin, Role.staff})
MENTOR_ROLES: frozenset[Role] = frozenset(TIERS)


def normalise_email(value: str) -> str:
    """Addresses compare case-insensitively; they are stored in this form so the unique
    constraint holds on every database."""
    return value.strip().lower()


def check_email(value: str) -> str:
    email = normalise_email(value)
    if len(email) > EMAIL_MAX or not _EMAIL.match(email):
        raise ValueError("not an email address like name@example.kr")
    return email


class User(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    email: str
    name: str
    role: Role
    team: str | None = Field(description="Mentors and their lead share a team")
    capacity: int = Field(ge=0, description="Open cases a mentor can take")
    active: bool
    password_change_required: bool = Field(
        description="Set when an admin gave the password; the user should choose their own"
    )
    created_at: datetime
    last_login_at: datetime | None

    @property
    def tier(self) -> int | None:
        return TIERS.get(self.role)

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES


class Profile(BaseModel):
    """What an admin sets about an account besides its email and password."""

    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=NAME_MAX)
    role: Role
    team: str | None = Field(default=None, max_length=TEAM_MAX)
    capacity: int = Field(default=DEFAULT_CAPACITY, ge=0, le=1000)

    @field_validator("team")
    @classmethod
    def _team(cls, value: str | None) -> str | None:
        return value or None


class NewUser(Profile):
    """An account to create; the password is given separately so it never sits in a model
    that might be logged or serialised."""

    email: str

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        return check_email(value)


class Flash(BaseModel):
    """A one-time notice shown on the next page (e.g. after a redirect)."""

    kind: str = Field(pattern=r"^(success|error|info)$")
    text: str = Field(max_length=500)


class LoginSession(BaseModel):
    """A signed-in browser: who, the CSRF token its forms carry, and until when."""

    model_config = ConfigDict(frozen=True)

    user: User
    csrf_token: str
    created_at: datetime
    expires_at: datetime
    flashes: list[Flash] = Field(default_factory=list)


class IssuedSession(BaseModel):
    """A new login session; `token` goes into the cookie and is stored only as its sha256."""

    model_config = ConfigDict(frozen=True)

    token: str
    csrf_token: str
    expires_at: datetime
