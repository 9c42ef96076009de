"""Chat Korean as owners type it, made readable for the rules: missing spaces restored from
morphemes ("한달에이십만원" → "한 달에 이십만 원"), and the misspellings chat is full of
("업어요" for 없어요). The stored message stays exactly as typed; only the reading uses this."""

import re

from assistant.language.morphs import morphs

# A run this long without a space is typed without spacing, not one long word.
_UNSPACED = re.compile(r"[가-힣0-9]{6,}")
_CONTENT = frozenset({"NNG", "NNP", "NP", "NR", "SN", "MAG", "MAJ", "MM", "IC", "VV", "VA", "XR", "SL", "NNB"})
_NOUNS = frozenset({"NNG", "NNP", "NP"})
_NUMBERS = frozenset({"NR", "SN"})
_NATIVE_TENS = frozenset({"열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔"})
_TYPOS: tuple[tuple[re.Pattern[str], str], ...] = (
    # 없다 typed as 업다: "필요업음", "재택 생각 업어요"; 업무/업체/업종 stay as they are.
    (re.compile(r"(?<![가-힣])업(?=어|음|다|고|네|습|써|는데|지만)|(?<=[가-힣 ])업(?=어요|음(?:$|[^가-힣])|다(?:$|[^가-힣])|"
                r"네요|습니다|고요)"), "없"),
    (re.compile(r"잇(?=어|음|습|는데|고|다|겟|겠)"), "있"),
    (re.compile(r"겟(?=어|습|네|죠)"), "겠"),
    (re.compile(r"됏(?=어|음|고|습|다)"), "됐"),
    (re.compile(r"봣(?=어|음|고|습|다)"), "봤"),
    (re.compile(r"놧(?=어|음|고|습|다)"), "놨"),
    (re.compile(r"(?<=[가-힣])햇(?=어|음|고|습|다)"), "했"),
    # "이십억사이요": 사 would read as four; a range's 사이 (between) is its own word.
    (re.compile(r"(?<=[억만천원명])사이(?![즈트버클렌드다])"), " 사이"),
    (re.compile(r"몰겠"), "모르겠"),
    (re.compile(r"(?<![가-힣])몰(?:름|루)(?![가-힣])"), "모름"),
    (re.compile(r"(?<![가-힣])(?:암|아무)것도 ?업"), "아무것도 없"),
)


def respell(text: str) -> str:
    for pattern, replacement in _TYPOS:
        text = pattern.sub(replacement, text)
    return text


def respace(text: str) -> str:
    """Spaces put back where a word starts after a particle or an ending, in runs typed
    without any; text typed with spaces is returned as it is."""
    if not _UNSPACED.search(text):
        return text
    out: list[str] = []
    previous_tag = previous_surface = ""
    position = 0
    found = morphs(text)
    for i, m in enumerate(found):
        gap = text[position:m.start]
        first = m.tag.split("+")[0]
        if first == "MM" and i + 1 < len(found) and found[i + 1].tag.startswith("NNBC"):
            first = "NR"  # "직원두명": 두 before a counter is a number, however tagged
        starts_word = (previous_tag[:1] in ("J", "E") or previous_tag in ("ETM", "NNBC", "VCP")) and first in _CONTENT
        # "사람여섯" is a noun then a number; "마흔둘그리고" a number then another word.
        # …but "열세", "스물다섯" are one number whatever the tagger calls their first half.
        starts_word = starts_word or previous_tag == "MAJ" or (previous_tag in _NOUNS and first in _NUMBERS) or (
            previous_tag in _NUMBERS and first in _CONTENT - _NUMBERS - {"NNB"})
        starts_word = starts_word and previous_surface not in _NATIVE_TENS
        if not gap and out and starts_word:
            gap = " "
        out.append(gap + text[m.start:m.end])
        previous_tag, previous_surface = m.tag.split("+")[-1], m.surface
        position = m.end
    out.append(text[position:])
    return "".join(out)


def readable(text: str) -> str:
    return respace(respell(text))
