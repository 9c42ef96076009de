"""Tells a side question ("스마트공장 지원사업이 뭐예요?") from an answer."""

import re

# Interrogative words. A bare "뭐" is left out: owners use it as a filler ("뭐 그냥 엑셀 써요").
_KO_WORD = re.compile(r"(뭐(?:예요|에요|야|지|죠|가|를|하|냐|니)|무엇|무슨|어떻게|어디|언제|얼마|왜|누가|누구)(?!든|라도|나)")
_KO_ENDING = re.compile(
    r"(나요|까요|가요|는지요?|뭔가요|건가요|어때요|궁금해요|궁금합니다|알려\s*주세요|알려줘|설명해\s*주세요|있어요\?|돼요\?)\s*[.!~]*$"
)
_EN = re.compile(
    r"^\s*(what|how|when|where|who|why|which|can|could|is|are|do|does|should|tell me)\b", re.IGNORECASE
)


def looks_like_question(text: str) -> bool:
    stripped = text.strip()
    if not stripped:
        return False
    if stripped.endswith(("?", "？")) or _EN.search(stripped):
        return True
    return bool(_KO_WORD.search(stripped) or _KO_ENDING.search(stripped))
