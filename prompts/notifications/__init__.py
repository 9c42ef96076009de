"""Every sentence of the notification mails, loaded from prompts/notifications/<lang>.yaml and
checked at load so a missing sentence or a mistyped placeholder stops the service at start,
not a mail in the outbox.

Staff mails are Korean only, like the console. The owner's confirmation comes in the language
the owner chatted in, so both files carry it."""

from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from prompts import check_placeholders, load_prompt_file

Lang = Literal["ko", "en"]
NOTIFICATION_PROMPTS_DIR = Path(__file__).resolve().parent


class MailText(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: str
    body: str


class _Mails(BaseModel):
    """A group of mails; `allowed` lists the placeholders each mail (subject and body) may use."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    allowed: ClassVar[dict[str, frozenset[str]]] = {}

    @model_validator(mode="after")
    def _known_placeholders(self) -> "_Mails":
        allowed = type(self).allowed
        texts: list[tuple[str, object]] = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            parts = [value.subject, value.body] if isinstance(value, MailText) else [value]
            texts.extend((name, part) for part in parts)
        check_placeholders(texts, allowed)
        return self


class OwnerMails(_Mails):
    allowed: ClassVar[dict[str, frozenset[str]]] = {"handed_over": frozenset({"days"})}

    handed_over: MailText


_CASE = frozenset({"region", "industry", "urgency", "link"})


class StaffMails(_Mails):
    allowed: ClassVar[dict[str, frozenset[str]]] = {
        "new_case": _CASE,
        "assigned": _CASE | {"actor", "company", "days"},
        "handed_back": _CASE | {"mentor"},
        "expert_asked": _CASE | {"asker"},
        "overdue_digest": frozenset({"count", "days", "cases", "link"}),
        "overdue_line": frozenset({"region", "industry", "age", "holder", "link"}),
        "no_holder": frozenset(),
        "unknown": frozenset(),
        "no_company": frozenset(),
        "english": frozenset(),
        "footer": frozenset(),
    }

    new_case: MailText
    assigned: MailText
    handed_back: MailText
    expert_asked: MailText
    overdue_digest: MailText
    # One case of the digest.
    overdue_line: str
    # The holder of a digest's case when nobody holds it.
    no_holder: str
    # A fact the brief does not know (region, industry, urgency).
    unknown: str
    # The company of an assignment whose owner gave no company name.
    no_company: str
    # Added when the owner chatted in English, so whoever calls knows.
    english: str
    footer: str


class NotificationPrompts(BaseModel):
    """A language's file: what the owner may receive."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The display name of the From address.
    sender_name: str
    owner: OwnerMails


class KoreanNotificationPrompts(NotificationPrompts):
    """The Korean file also holds every staff mail."""

    staff: StaffMails


@lru_cache(maxsize=2)
def load_notification_prompts(lang: Lang) -> NotificationPrompts:
    path = NOTIFICATION_PROMPTS_DIR / f"{lang}.yaml"
    model = KoreanNotificationPrompts if lang == "ko" else NotificationPrompts
    return load_prompt_file(path, model, {}, f"notifications/{path.name}")


@lru_cache(maxsize=1)
def load_staff_prompts() -> KoreanNotificationPrompts:
    path = NOTIFICATION_PROMPTS_DIR / "ko.yaml"
    return load_prompt_file(path, KoreanNotificationPrompts, {}, f"notifications/{path.name}")
