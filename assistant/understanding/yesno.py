"""Yes/no answers, and the replies that are not answers: don't know, skip, go back.

Korean negation usually comes last and overrides the positive word it attaches to
("원하지 않아요", "필요 없어요"), so negative forms are checked first; fixed positive
phrases that contain a negative word ("문제 없어요" = fine) are removed beforehand."""

import re

from assistant.understanding.text import normalize

_POSITIVE_IDIOMS = re.compile(
    r"문제 ?(?:없|없어|없습)\w*|상관 ?없\w*|괜찮\w*|nothing wrong|no problem|why not|not a problem|without a doubt|"
    r"of course|absolutely|definitely",
    re.IGNORECASE | re.ASCII,
)
_NO = re.compile(
    r"아니(?:요|오|에요|예요|ㅂ니다|야|죠|라|고)?|아뇨|아녀|않|안 ?(?:해|하|써|쓰|돼|되|원|필요|할|함|했)|없|싫|별로|"
    r"그렇지 ?않|(?<![가-힣])못|노노|ㄴㄴ|^노$|"
    r"\b(?:no|nope|nah|not|never|don'?t|doesn'?t|didn'?t|won'?t|can'?t|disagree|decline|refuse)\b",
    re.IGNORECASE | re.ASCII,
)
_YES = re.compile(
    r"^(?:네|넵|넹|예|응|ㅇㅇ|ㅇㅋ|오케이|그럼|물론)|^(?:어|엉)(?:$|[,.! ])|네[,.! ]|예[,.! ]|맞(?:아|습|죠|다)|"
    r"그렇(?:죠|습|다|네|아)|그래(?:요|용)?|"
    r"있(?:어|습|음|죠|다|네|으면)|좋(?:아|습|죠|네|다|겠|을)|바라|희망|동의|원해|원합|원하|필요(?:해|합|하|함)|"
    r"하고 ?싶|싶어|싶습|싶네|싶긴|관심 ?있|당연|물론|"
    r"그럼요|찬성|괜찮|문제 ?없|상관 ?없|\b(?:yes|yeah|yep|yup|sure|ok|okay|agree|agreed|correct|right|certainly|"
    r"of course|absolutely|definitely|please|i do|we do|i have|we have|indeed|accept|fine|no problem|why not)\b",
    re.IGNORECASE | re.ASCII,
)

_DONT_KNOW = re.compile(
    r"모르(?:겠|는|니|죠|고|지|ㅂ)|몰라|몰랐|글쎄|잘 ?몰|애매|확실(?:하지|치) ?않|확실히 ?모|기억(?:이|이가)? ?안|"
    r"생각해 ?본 ?적|\b(?:i )?(?:don'?t|do not|dont) know\b|\bnot sure\b|\bno idea\b|\bunsure\b|\bdunno\b|\bidk\b|"
    r"\bno clue\b|\bcan'?t say\b|\bhard to say\b|\bnot certain\b",
    re.IGNORECASE | re.ASCII,
)
_SKIP_ANYWHERE = re.compile(
    r"건너 ?[뛰뛸뛴뜁띄]|스킵|패스(?:할게|할께|해 ?주|요|합니다)|다음 ?질문|다음으로|나중에 ?(?:말|답|얘기|알려)|"
    r"말하기 ?(?:싫|곤란|어렵)|답하기 ?(?:싫|곤란|어렵)|대답하기 ?(?:싫|곤란|어렵)|밝히기 ?(?:싫|곤란|어렵)|"
    r"비공개|\bskip\b|\bnext question\b|\bmove on\b|\b(?:rather|prefer) not\b|\bpass on this\b|"
    r"\b(?:tell you|answer|maybe) later\b",
    re.IGNORECASE | re.ASCII,
)
# Words that mean "skip" only when they are the whole reply ("next", not "next month").
_SKIP_ALONE = re.compile(
    r"^(?:패스|pass|next|다음|넘어가|넘어 ?갈게|넘겨|skip it|no comment)"
    r"(?: ?(?:요|할게요|할께요|해요|해 ?주세요|주세요|줘요|죠|please))?$",
    re.IGNORECASE | re.ASCII,
)
_BACK = re.compile(
    r"이전 ?(?:질문|단계|으로|화면)|앞 ?(?:질문|단계)으?로?|전 ?질문|뒤로 ?(?:가|돌아|갈)|되돌아가|"
    r"(?:질문|앞|이전)(?:으로|에) ?돌아|\bgo(?:ing)? back\b|\btake me back\b|\bprevious (?:question|step)\b|"
    r"\bback to (?:the )?(?:previous|last|earlier)\b|\bundo\b",
    re.IGNORECASE | re.ASCII,
)
_BACK_ALONE = re.compile(r"^(?:뒤로|이전|back|previous)(?:요|가기|가요|갈래요)?$", re.IGNORECASE | re.ASCII)
_TRAILING = re.compile(r"[\s.!?~…]+$")


def _bare(text: str) -> str:
    return _TRAILING.sub("", normalize(text)).lower()


def parse_yes_no(text: str) -> bool | None:
    """True, False, or None when the reply is neither (or a don't-know)."""
    # "글쎄요, 필요성은 못 느껴요" still says no once the hedge is set aside.
    norm = _DONT_KNOW.sub(" ", normalize(text)).strip(" ,.")
    if not norm:
        return None
    stripped = _POSITIVE_IDIOMS.sub(" ", norm)
    # "아니요, 괜찮아요" is a polite no although 괜찮 alone reads as yes.
    if _NO.search(stripped):
        return False
    if _YES.search(norm):
        return True
    return None


def is_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(normalize(text)))


def is_skip(text: str) -> bool:
    bare = _bare(text)
    return bool(_SKIP_ANYWHERE.search(bare) or _SKIP_ALONE.match(bare))


def is_back(text: str) -> bool:
    bare = _bare(text)
    return bool(_BACK.search(bare) or _BACK_ALONE.match(bare))
