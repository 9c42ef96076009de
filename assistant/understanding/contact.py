"""Contact details and names: e-mail and phone by pattern, and company or person names
with the particles and politeness endings around them removed."""

import re

from assistant.understanding.text import normalize

_I = re.IGNORECASE | re.ASCII
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(
    r"(?<![0-9])(?:\+82[-. ]?\(?0?\)?|0)(1[016789]|2|[3-6][1-5]|70|"
    r"50[0-9])[-. )]{0,2}([0-9]{3,4})[-. ]?([0-9]{4})(?![0-9])"
    r"|(?<![0-9])(1[5-9][0-9]{2})[-. ]?([0-9]{4})(?![0-9])"
)
_CORP = r"(?:\(주\)|주식회사|\(유\)|유한회사|\(사\)|사단법인|\(재\)|재단법인|\(합\)|합자회사)"
_NAME_CHARS = r"[가-힣A-Za-z0-9&·.\-]+"
_COMPANY_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_CORP} ?({_NAME_CHARS}(?: [A-Za-z0-9&]+)*)", _I),
    re.compile(rf"({_NAME_CHARS}) ?{_CORP}", _I),
    re.compile(r"(\S+?)(?:이)?라(?:는|고 ?하는) ?(?:회사|업체|기업|가게|곳|상호|브랜드|법인|스타트업)", _I),
    re.compile(r"(?:회사 ?(?:이름|명)|상호(?:명)?|법인명|업체명|기업명|가게 ?이름|브랜드 ?(?:이름|명))(?:은|는|이|"
               r"가)? ?(?:요,? ?)?"
               r"([^\s,.]+(?: [A-Za-z0-9&]+)*)", _I),
    re.compile(r"\b(?:company|business|firm|shop|store)(?: name)? is (?:called )?([A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*)", re.ASCII),
    re.compile(r"\b([A-Z][\w&-]*(?: [A-Z][\w&-]*)*),? (?:Co\.,? ?Ltd\.?|Inc\.?|Corp\.?|Corporation|LLC|Ltd\.?)", re.ASCII),
    re.compile(r"\b(?:called|named) ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*)", re.ASCII),
)
# Copulas and politeness endings that trail a name in an answer. Single-syllable
# particles are left alone: too many names end in 은, 이 or 가 (박지은, 김하이).
_TRAILING = re.compile(
    r"(?:이라고 ?합니다|라고 ?합니다|이라고 ?해요|라고 ?해요|입니다|이에요|이예요|예요|에요|이요|이고요|이고|이구요|"
    r"이라는|라는|요)?[\s.!~,]*$"
)
_LEADING = re.compile(
    r"^(?:(?:저희 ?(?:회사|업체|가게)(?:는|의)?|우리 ?(?:회사|업체|가게)(?:는|의)?|회사 ?(?:이름|명)(?:은|는)?|"
    r"상호(?:명)?(?:은|는)?|"
    r"제 ?이름(?:은|는)?|이름(?:은|는)?|저는|[=:]|"
    r"(?:전|my name is|i am|i'?m|this is|it'?s|we are|we'?re|the company is|company name is|our company is|is|was)\s)"
    r"\s*)+",
    _I,
)


def find_email(text: str) -> str | None:
    m = EMAIL.search(normalize(text))
    return m.group().lower() if m else None


def find_phone(text: str) -> tuple[str, str] | None:
    """(normalised number with dashes, the text it came from)."""
    m = _PHONE.search(normalize(text))
    if m is None:
        return None
    if m.group(4):
        return f"{m.group(4)}-{m.group(5)}", m.group()
    return f"0{m.group(1)}-{m.group(2)}-{m.group(3)}", m.group()


def _redact_once(text: str, marker: str) -> str:
    """E-mail addresses first, so the digits of one are not read as a phone number."""
    return _PHONE.sub(marker, EMAIL.sub(marker, text))


def redact_contact(text: str, marker: str) -> str:
    """`text` with every e-mail address and phone number replaced by `marker`. The owner's
    own characters are kept unless a number only shows after normalising (full-width digits):
    then the normalised text is what is kept."""
    redacted = _redact_once(text, marker)
    normalized = normalize(redacted)
    if EMAIL.search(normalized) or _PHONE.search(normalized):
        return _redact_once(normalized, marker)
    return redacted


def _trim_name(name: str) -> str:
    return _TRAILING.sub("", _LEADING.sub("", name.strip())).strip()


def find_company_name(text: str) -> tuple[str, str] | None:
    """(company name, the text it came from), when the text names the company."""
    norm = normalize(text)
    for pattern in _COMPANY_PATTERNS:
        m = pattern.search(norm)
        if m:
            name = _trim_name(m.group(1))
            if name:
                return name, m.group()
    return None


def clean_name(text: str) -> str | None:
    """An answer to a name question without the words around the name ("제 이름은
    홍길동입니다" → "홍길동"); None when nothing is left."""
    company = find_company_name(text)
    name = company[0] if company else _trim_name(normalize(text))
    return name or None
