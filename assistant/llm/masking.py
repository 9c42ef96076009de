"""Personal data out of text before it is sent to a language model: e-mail addresses and
phone numbers (the intake's contact parsers), the contact and name values the owner already
gave, company names the name reader finds, and a person's name introduced as one ("제 이름은
김민수", "my name is …"). Over-masking costs the model a word; under-masking would send
personal data to a third party, so every reader errs on the side of masking."""

import re
from collections.abc import Iterable

from assistant.understanding.contact import find_company_name, redact_contact
from assistant.understanding.text import normalize

# Slots whose values are personal data or names, never sent.
NAME_SLOTS = frozenset({"company.name", "contact.name"})
CONTACT_SLOTS = frozenset({"contact.email", "contact.phone"})
_MIN_LITERAL = 2
_PERSON = (
    re.compile(r"(?:제 ?)?이름(?:은|이|는)\s*([가-힣]{2,4}|[A-Za-z][\w.-]*(?: [A-Z][\w.-]*)?)"),
    re.compile(r"\b(?:my name is|I am|I'm|this is)\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*)?)"),
    re.compile(r"([가-힣]{2,4})\s?(?:대표|사장|원장|실장|과장|부장|팀장|이사|선생)(?:님)?(?:이|입|인|예|이에|이고|이라)"),
    # "저 김민수인데요", "전 박지은이에요": a self-introduction (a job is masked too, harmlessly).
    re.compile(r"(?:^|\s)(?:저|전|저는)\s+([가-힣]{2,4}?)(?=(?:이)?(?:에요|예요|인데|입니다|이고|라고))"),
)


def mask(text: str, *, names: Iterable[str], contacts: Iterable[str], name_marker: str,
         contact_marker: str) -> str:
    """`text` with every personal datum replaced by its marker."""
    out = redact_contact(normalize(text), contact_marker)
    for _ in range(3):
        company = find_company_name(out)
        if company is None or len(company[0]) < _MIN_LITERAL or company[0] in (name_marker, contact_marker):
            break
        out = out.replace(company[0], name_marker)
    for values, marker in ((contacts, contact_marker), (names, name_marker)):
        kept = sorted({v.strip() for v in values if len(v.strip()) >= _MIN_LITERAL}, key=len, reverse=True)
        if kept:
            out = re.sub("|".join(re.escape(v) for v in kept), marker, out, flags=re.IGNORECASE)
    for pattern in _PERSON:
        out = pattern.sub(lambda m: m.group(0).replace(m.group(1), name_marker), out)
    return out
