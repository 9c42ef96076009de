"""Tells a side question ("스마트공장 지원사업이 뭐예요?") from an answer."""

import re

# Interrogative words. A bare "뭐" is left out (a filler: "뭐 그냥 엑셀 써요"), and so are
# the "-든(지)/-라도/-나" forms, which mean "any…" ("어디서든", "언제든지", "뭐든").
_KO_WORD = re.compile(
    r"(뭐(?:예요|에요|야|지|죠|가|를|하|냐|니)|무엇|무슨|어떻게|어디|언제|얼마|왜|누가|누구)"
    r"(?!\s*(?:서든|에서든|든지|든|라도|나|이든|이라도))|"
    # "얼마나 해요" asks; "얼마나 힘든지" exclaims.
    r"얼마나(?!\s*(?:많|힘들|힘든|좋|어렵|어려운|고생|큰|크))(?![^?]*지\s*(?:모르|몰라|잘 ?몰))"
)
# "-나요/-까요" only right after a verb stem ("하나요", "될까요"); "불량이 나요" and
# "금방 나가요" are statements.
_KO_ENDING = re.compile(
    r"([가-힣](?:나요|까요)|인가요|건가요|는가요|는지요?|뭔가요|어때요|궁금해요|궁금합니다|알려\s*주세요|알려줘|"
    r"설명해\s*주세요)\s*[.!~]*$"
)
_EN = re.compile(
    r"^\s*(what|how|when|where|who|why|which|can|could|is|are|do|does|should|tell me)\b", re.IGNORECASE
)


def looks_like_question(text: str, *, strict: bool = False) -> bool:
    """`strict` wants the message to end like a question, for free-text answers in which an
    interrogative word is often just part of the story ("어떻게 할지 막막해요")."""
    stripped = text.strip()
    if not stripped:
        return False
    if stripped.endswith(("?", "？")) or _EN.search(stripped) or _KO_ENDING.search(stripped):
        return True
    return not strict and bool(_KO_WORD.search(stripped))
