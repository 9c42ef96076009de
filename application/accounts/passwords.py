"""Password hashing (argon2id) and the floor a password must clear.

The floor is length plus zxcvbn's estimate of how guessable the password is (score 3 of 4 or
better), told the account's own words: the e-mail's local part and its pieces, the name with
and without spaces, its Korean surname and given name, the name as typed on a Korean 2-set
keyboard with the keyboard left in English (`김민수` → `rlaalstn`), and the service's names.
Login attempts are rate-limited, so composition rules ("one digit, one symbol") would only
push people to `Password1!`."""

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
# argon2 takes any length; the cap keeps a megabyte "password" from costing a hash of it.
MAX_LENGTH = 256
# zxcvbn's scores: 3 is "safely unguessable: moderate protection from offline slow-hash
# attacks" (argon2 here), below it "too guessable".
MIN_SCORE = 3
# zxcvbn's run time grows with the length; what it has not judged by then is long enough.
ZXCVBN_CHARS = 100
SERVICE_WORDS = ("intake", "sme", "digital", "디지털전환", "상담", "도우미")
# A word shorter than this found inside a password says nothing about the person: three
# Hangul syllables are a whole name, three Latin letters part of any word (`rla`, 김 typed in
# English mode, is in `harbourlamps`).
MIN_PERSONAL_HANGUL = 3
MIN_PERSONAL_LATIN = 4

# Reasons a password is refused, each with the operator-facing message the CLI prints
# (the web pages say it in Korean, see prompts/accounts/ko.yaml).
WEAKNESSES: dict[str, str] = {
    "too_short": f"use at least {MIN_LENGTH} characters",
    "too_long": f"use at most {MAX_LENGTH} characters",
    "common": "it is or is built on one of the most common passwords or words",
    "simple": "it is a run, a repeat, a keyboard pattern or a date",
    "personal": "it contains the account's email, name or the service's name",
}

# The 2-set (dubeolsik) keyboard: the Latin key of each jamo, composite vowels and final
# consonants as the keys pressed one after the other.
_INITIALS = ("r", "R", "s", "e", "E", "f", "a", "q", "Q", "t", "T", "d", "w", "W", "c", "z", "x", "v", "g")
_VOWELS = ("k", "o", "i", "O", "j", "p", "u", "P", "h", "hk", "ho", "hl", "y", "n", "nj", "np", "nl", "b", "m", "ml",
           "l")
_FINALS = ("", "r", "R", "rt", "s", "sw", "sg", "e", "f", "fr", "fa", "fq", "ft", "fx", "fv", "fg", "a", "q", "qt", "t",
           "T", "d", "w", "c", "z", "x", "v", "g")
_SYLLABLES = range(0xAC00, 0xD7A4)
_PIECES = re.compile(r"[^0-9a-z]+|\d+")


def keyboard_typed(text: str) -> str:
    """What typing `text` on a Korean 2-set keyboard left in English mode gives."""
    out = []
    for char in text:
        code = ord(char)
        if code not in _SYLLABLES:
            out.append(char)
            continue
        offset = code - _SYLLABLES.start
        out.append(_INITIALS[offset // 588] + _VOWELS[offset % 588 // 28] + _FINALS[offset % 28])
    return "".join(out)


def user_inputs(*, email: str | None, name: str | None) -> list[str]:
    """The account's own words that zxcvbn counts as the first an attacker would try."""
    words: list[str] = list(SERVICE_WORDS)
    if email:
        local = email.split("@")[0].lower()
        words += [local, *(piece for piece in _PIECES.split(local) if piece)]
    if name:
        joined = name.replace(" ", "")
        words += [name, joined, *name.split()]
        if len(joined) in (3, 4) and all(ord(c) in _SYLLABLES for c in joined):
            # A Korean name is mostly a one-syllable surname and the given name.
            words += [joined[0], joined[1:]]
        words += [keyboard_typed(word) for word in list(words) if word != keyboard_typed(word)]
    return list(dict.fromkeys(word.lower() for word in words if word))


def _telling(word: str) -> bool:
    hangul = any(ord(char) in _SYLLABLES for char in word)
    return len(word) >= (MIN_PERSONAL_HANGUL if hangul else MIN_PERSONAL_LATIN)


def _reason(matches: Sequence[Mapping[str, object]]) -> str:
    """Why zxcvbn found the password guessable, from the patterns it was made of."""
    patterns = {(m["pattern"], m.get("dictionary_name")) for m in matches}
    if ("dictionary", "user_inputs") in patterns:
        return "personal"
    if any(pattern == "dictionary" for pattern, _ in patterns):
        return "common"
    return "simple"


def weakness(password: str, *, email: str | None = None, name: str | None = None) -> str | None:
    """Why the password is refused (a key of WEAKNESSES), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    inputs = user_inputs(email=email, name=name)
    compact = password.lower().replace(" ", "")
    # zxcvbn may find a Korean name cheaper to guess letter by letter; inside the password it is
    # the first thing tried all the same.
    if any(_telling(word) and word not in SERVICE_WORDS and word in compact for word in inputs):
        return "personal"
    # Imported on first use: its dictionaries (some 12 MB) only serve the rare password change.
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:ZXCVBN_CHARS], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    return _reason(result["sequence"])


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
