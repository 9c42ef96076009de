"""Password hashing (argon2id) and the floor a password must clear.

The floor is deliberately modest — length plus a refusal of the obviously guessable — because
login attempts are rate-limited; composition rules ("one digit, one symbol") only push people
to `Password1!`."""

import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
# argon2 takes any length; the cap keeps a megabyte "password" from costing a hash of it.
MAX_LENGTH = 256

# Reasons a password is refused, each with the operator-facing message the CLI prints
# (the web pages say it in Korean, see prompts/accounts/ko.yaml).
WEAKNESSES: dict[str, str] = {
    "too_short": f"use at least {MIN_LENGTH} characters",
    "too_long": f"use at most {MAX_LENGTH} characters",
    "common": "it is one of the most common passwords",
    "simple": "it is a run or repeat of the same few characters",
    "personal": "it contains the account's email or name",
}

_KEYBOARD_RUNS = (
    "`1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./", "abcdefghijklmnopqrstuvwxyz",
    "1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0",
)
_EDGE_NOISE = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    text = (files("application.accounts") / "common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _is_run(text: str) -> bool:
    """A stretch of a keyboard row or the alphabet, forwards or backwards (`qwertyuiop`, `0987654321`)."""
    return len(text) >= 4 and any(text in run or text in run[::-1] for run in _KEYBOARD_RUNS)


def _is_simple(lowered: str) -> bool:
    if len(set(lowered)) <= 3 or _is_run(lowered):
        return True
    if lowered.isdigit() and len(lowered) < 16:
        # Dates, phone numbers and PINs: guessable from a few facts about a person.
        return True
    # The same chunk over and over: `abcabcabca`, `12341234aa`.
    return any(lowered.startswith(lowered[:size] * (len(lowered) // size)) for size in range(1, 5)
               if len(lowered) // size >= 3)


def weakness(password: str, *, email: str | None = None, name: str | None = None) -> str | None:
    """Why the password is refused (a key of WEAKNESSES), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    lowered = password.lower()
    core = _EDGE_NOISE.sub("", lowered)
    common = _common_passwords()
    if lowered in common or (len(core) >= 4 and core in common):
        return "common"
    if _is_simple(lowered):
        return "simple"
    personal = [part for part in (email.split("@")[0].lower() if email else None,
                                  name.replace(" ", "").lower() if name else None) if part and len(part) >= 3]
    if any(part in lowered.replace(" ", "") for part in personal):
        return "personal"
    return None


# No 0/o, 1/l/i: the admin reads the initial password out or types it into a message.
_INITIAL_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def initial_password() -> str:
    """A random password an admin hands to a new user (about 78 bits), e.g. `k7mq-2xhp-9dwe-a4tn`."""
    return "-".join("".join(secrets.choice(_INITIAL_ALPHABET) for _ in range(4)) for _ in range(4))


@dataclass(frozen=True)
class Verified:
    ok: bool
    # A fresh hash when the stored one was made with older parameters; store it.
    new_hash: str | None = None


class Passwords:
    """argon2id with the library's current defaults (RFC 9106 low-memory profile); a hash made
    with other parameters is verified and then replaced on the next successful login."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str, password: str) -> Verified:
        try:
            self._hasher.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return Verified(ok=False)
        if self._hasher.check_needs_rehash(stored_hash):
            return Verified(ok=True, new_hash=self._hasher.hash(password))
        return Verified(ok=True)

    def waste_time(self, password: str) -> None:
        """Verify against a throwaway hash, so a login for an unknown email takes as long as
        one with a wrong password and timing does not tell which accounts exist."""
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
        self.verify(self._dummy_hash, password)
