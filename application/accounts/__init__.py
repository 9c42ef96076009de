"""Staff and mentor accounts: roles, argon2 passwords, server-side login sessions."""

from application.accounts.errors import (
    AccountError,
    DuplicateEmail,
    InvalidCredentials,
    LastAdmin,
    UserNotFound,
    WeakPassword,
)
from application.accounts.schemas import (
    MENTOR_ROLES,
    STAFF_ROLES,
    TIERS,
    Flash,
    IssuedSession,
    LoginSession,
    NewUser,
    Profile,
    Role,
    User,
)
from application.accounts.service import AccountService

__all__ = [
    "MENTOR_ROLES",
    "STAFF_ROLES",
    "TIERS",
    "AccountError",
    "AccountService",
    "DuplicateEmail",
    "Flash",
    "InvalidCredentials",
    "IssuedSession",
    "LastAdmin",
    "LoginSession",
    "NewUser",
    "Profile",
    "Role",
    "User",
    "UserNotFound",
    "WeakPassword",
]
