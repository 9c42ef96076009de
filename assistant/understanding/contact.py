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


# What an owner may put between the digit groups of a phone number (or between its digits):
# spaces and dashes of every width, tildes, slashes, underscores, dots and brackets.
_SEP = r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d~\u301c\uff5e\u223c/_.\u00b7\u30fb()]{1,5}"
# Digits spoken as Sino-Korean words (공일공 일이삼사 …) stand for themselves in the copy the
# phone pattern reads; they become private-use characters there, so that a word glued after
# the number (오육칠팔이에요) does not make an ASCII digit string longer than a phone number.
_SPOKEN_BASE = 0xE000
_SPOKEN_DIGITS = {"공": 0, "영": 0, "빵": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7,
                  "팔": 8, "구": 9}
_SPOKEN = str.maketrans({word: chr(_SPOKEN_BASE + digit) for word, digit in _SPOKEN_DIGITS.items()})


def _digit(allowed: str = "0123456789") -> str:
    return "[" + allowed + "".join(chr(_SPOKEN_BASE + int(d)) for d in allowed) + "]"


def _spaced(*digits: str) -> str:
    """Digits of a code, with separators only between spoken ones (공 일 공): in a code typed
    in digits they would join the tail of a date to the next number (2024-01-01 1950~)."""
    return rf"(?:(?<=[\ue000-\ue009]){_SEP}(?=[\ue000-\ue009]))?".join(digits)


_D = _digit()
_AREA = "|".join((
    _spaced(_digit("1"), _digit("016789")),            # mobile
    _digit("2"),                                       # Seoul
    _spaced(_digit("3456"), _digit("12345")),          # the other regions
    _spaced(_digit("7"), _digit("0")),                 # internet phone
    _spaced(_digit("5"), _digit("0"), _D),             # personal numbers
))
_COUNTRY = rf"(?:\+\s*|(?<![0-9]))82(?:{_SEP})?(?:\(?{_digit('0')}\)?(?:{_SEP})?)?"
# Not the tail of a date or another number (2024-01-02 1950~1960 has no Seoul number in it).
_LOCAL = rf"(?<![0-9])(?<![0-9][\-./~_\u2010-\u2015]){_digit('0')}(?:{_SEP})?"
# A quantity, not a number to call: 1500~2000만원, 1600-1800명.
_UNIT = r"\s?(?:만|억|천|백|원|명|년|개|%|살|세|평|건|회)"
_SPOKEN_PHONE = re.compile(
    rf"(?:{_COUNTRY}|{_LOCAL})(?:{_AREA})(?:(?:{_SEP})?{_D}){{7,8}}(?![0-9])(?!{_UNIT})"
    # Nationwide service numbers (1588-…), grouped four and four as they are always written;
    # 17xx and 19xx are left out, since those are years far more often.
    rf"|(?<![0-9]){_spaced(_digit('1'), _digit('568'), _D, _D)}[\s\-.]{{0,3}}{_D}{{4}}(?![0-9])(?!{_UNIT})"
)
# An address with the @ or the dots spelt out: name(at)example.com, name at example dot com,
# name 골뱅이 example 점 com. A bare " at " also occurs in English sentences, so after it
# only a spelt-out dot (or a dot between letters) counts.
_AT_MARK = r"\s*(?:@|[(\[{<]\s*at\s*[)\]}>]|골뱅이|앳)\s*"
_DOT_WORD = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\s*(?:점|닷)\s*)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_SPELT_EMAIL = re.compile(
    # Starting only where a local part can start keeps a long run of letters linear.
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:{_AT_MARK}{_LABEL}(?:(?:\s*\.\s*|{_DOT_WORD}){_LABEL})*(?:\s*\.\s*|{_DOT_WORD})"
    rf"|\s+at\s+{_LABEL}(?:(?:\.|{_DOT_WORD}){_LABEL})*(?:\.|{_DOT_WORD}))[A-Za-z]{{2,}}(?![A-Za-z0-9])",
    re.IGNORECASE | re.ASCII,
)


def _redact_once(text: str, marker: str) -> str:
    """E-mail addresses first, so the digits of one are not read as a phone number. The phone
    pattern reads a copy with spoken digits as digits; the copy has the text's offsets."""
    text = _SPELT_EMAIL.sub(marker, EMAIL.sub(marker, text))
    spoken = text.translate(_SPOKEN)
    out, last = [], 0
    for match in _SPOKEN_PHONE.finditer(spoken):
        out += [text[last:match.start()], marker]
        last = match.end()
    return "".join([*out, text[last:]])


def _finds_contact(text: str) -> bool:
    return bool(EMAIL.search(text) or _SPELT_EMAIL.search(text) or _SPOKEN_PHONE.search(text.translate(_SPOKEN)))


def redact_contact(text: str, marker: str) -> str:
    """`text` with every e-mail address and phone number replaced by `marker`, in whatever form
    they were typed. The owner's own characters are kept unless a number only shows after
    normalising (full-width digits): then the normalised text is what is kept."""
    redacted = _redact_once(text, marker)
    normalized = normalize(redacted)
    if _finds_contact(normalized):
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
