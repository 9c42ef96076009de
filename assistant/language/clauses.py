"""A message split into clauses, each with the markers that govern it.

Markers have scope: negation, hedges, a question, a don't-know or a correction apply to the
clause they stand in. Korean markers are read on morphemes (mecab-ko: 안/못 as adverbs,
않/없/아니 as predicates, 실은 as an adverb — not the 실은 inside 현실은), English ones on
word boundaries."""

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from assistant.language.morphs import Morph, morphs
from assistant.language.topics import topics_of
from assistant.questions import looks_like_question
from assistant.understanding.text import clause_spans, normalize

TimeRef = Literal["past", "current"] | None
_I = re.IGNORECASE | re.ASCII

# Fixed phrases that carry a negative word but say something positive or neutral: "문제
# 없어요" (fine), "상관없어요", "없으면 안 돼요" (indispensable), "빠짐없이" (all of it).
_POSITIVE_NEGATIONS = re.compile(
    r"문제 ?(?:없|는 없)|상관 ?(?:없|은 없)|없으면 ?.{0,10}안 ?(?:돼|되|됩|돌아)|없이는 ?.{0,10}(?:안|못)|빠짐 ?없|"
    r"끊임 ?없|어쩔 ?수 ?없|틀림 ?없|아낌 ?없|"
    r"\bno problem\b|\bnot (?:a|any) problem\b|\bnothing wrong\b|\bcan'?t (?:do|work|run|live) without\b",
    _I,
)
_EN_NEGATION = re.compile(
    r"\b(?:not|no|nah|nope|never|none|nothing|nobody|without|neither|nor)\b|n't\b|\bdont\b|\bdoesnt\b|\bisnt\b",
    _I,
)
# Refusals said with a verb rather than a negation: "대출은 정중히 사양하겠습니다", "교육은 됐어요".
_REFUSAL = re.compile(r"사양|거절|싫|무리(?:고|예요|에요|야|입니다)|(?<![가-힣])됐(?:어|음|고|습)|빼 ?(?:주|줘)|(?<![가-힣])아직(?:이?요|은요)?\s*[.!~]*$|"
                      r"\b(?:no thanks|pass on|decline)\b", _I)
# Rhetorical questions that deny: "식당이 재택이 어딨어요", "재택은 무슨", "그럴 리가요".
_RHETORICAL = re.compile(
    r"어딨|어디 ?있(?:어|나|겠|습)|(?:은|는) ?무슨(?:\s|요|$)|무슨 ?[가-힣]+(?:이에요|예요|이요|요)\s*[?？]|"
    r"[있없하되]겠어요\s*[?？ㅋㅎ]|잖아요|[가-힣]나요\s*[?？]?\s*[ㅋㅎ]{2}|봤어요\s*[?？]|"
    r"\S 리가(?:요|\s|$)|말도 ?안 ?(?:돼|되)|\bare you kidding\b|\byou'?re joking\b|\bas if\b",
    _I,
)
_HEDGE = re.compile(
    r"정도|쯤|(?<![가-힣])약 ?(?=[0-9일이삼사오육칠팔구십백천만억])|대략|대충|거의|아마|(?:것|거|걸) ?같|듯(?:해|합|요)|"
    r"글쎄|어림|(?:싶|하)긴|기도 ?해|^음+ |(?<![가-힣])한 ?(?=[0-9])|남짓|언저리|안팎|내외|"
    r"\b(?:about|around|roughly|approx\w*|maybe|probably|perhaps|or so|give or take|something like|ish)\b|-ish\b|"
    r"-odd\b|\bodd\b",
    _I,
)
_DONT_KNOW = re.compile(
    r"모르(?:겠|는|니|죠|고|지|ㅂ|ㄴ)|(?<![가-힣])모름(?![가-힣])|몰라|몰랐|잘 ?몰|애매|확실(?:하지|치) ?않|기억(?:이|이가)? ?안|"
    r"\b(?:i )?(?:don'?t|do not|dont) know\b|\bnot sure\b|\bno idea\b|\bunsure\b|\bdunno\b|\bidk\b|\bno clue\b|"
    r"\bcan'?t say\b|\bhard to say\b",
    _I,
)
# "뭐부터 해야 할지 모르겠어요" is about the way forward, not a don't-know for the question.
_WAY_FORWARD = re.compile(r"뭐|뭘|무엇|어떻게|어디서부터|어디부터|무슨|\bwhat to\b|\bhow to\b|\bwhere to start\b", _I)
_BARE_HEDGE = re.compile(r"^(?:글쎄|음+|흠+|어+|well|hmm+|um+)[요,.…~ ]*$", _I)
# Corrections: Korean markers must start a word, so 현실은 holds no 실은; 아까 (earlier) is
# one only with what was said then ("아까 70명이라고 했는데"), not "아까 얘기를 더 하면".
_CORRECTION = re.compile(
    r"(?<![가-힣])(?:정정|틀렸|틀린|틀려|잘못 ?(?:말|얘기|입력|적|썼|답|알려|했)|아까(?![운워웠와])(?=.*(?:라고|했는데|말했|말씀|적었|답했|잘못|틀))|다시 ?말|바꿀게|바꿔(?! ?(?:볼|보려|보고|보자))|고칠게|"
    r"고쳐|번복|착각|실수|실은|사실은|사실 (?=[가-힣0-9])|정확히는|수정(?:할|해|합))|"
    r"^(?:아,? |앗|아참|아 참|참,? |아니 )|(?:이|가) ?아니라|[0-9][가-힣]{0,2} ?(?:이|가)? ?아니고|"
    r"^(?:oh,? |ah,? )?(?:wait|actually|sorry)\b|\b(?:correction|i meant|i was wrong|my mistake|let me correct|to correct)\b|"
    r"\bi (?:said|told you)\b|\b(?:was|is|were|'s) (?:wrong|off|incorrect|not right)\b",
    _I,
)
PAST = re.compile(
    r"(?<![가-힣])(?:작년|재작년|지난 ?해|예전|옛날|원래|전에는|처음(?:에|엔)|초창기|그때(?!그때)|코로나 ?(?:전|때))|"
    r"(?<=[가-힣] )(?:땐|때는|때엔|때에는)(?![가-힣])|"
    r"\b(?:last (?:year|yr)|used to|previously|before covid|back then|at first|originally|in the past)\b",
    _I,
)
CURRENT = re.compile(
    r"(?<![가-힣])(?:올해|올 ?해|요즘|요새|지금|현재|이제|최근|금년|올해는)|"
    r"\b(?:now|currently|these days|this (?:year|yr)|today|at the moment|nowadays)\b",
    _I,
)
_PARTICLE_TAGS = ("JX", "JKS", "JKB", "JKO", "JKG", "JKC", "JC", "VCP", "EF", "EC", "SF", "SC", "SE", "SY", "IC")


@dataclass(frozen=True)
class Clause:
    text: str
    start: int
    end: int
    negated: bool
    negation: str  # the words that negate it
    rhetorical: bool
    hedged: bool
    question: bool
    dont_know: bool
    correction: str  # the correction marker's words, or ""
    time: TimeRef
    topics: tuple[str, ...]
    echo: bool  # only names a topic ("클라우드요?", "AI는요") and says nothing of it
    # A question only by its rising end, with no question word: "한 열네 명?", "자금이랑 멘토링?"
    # is a tentative answer, not something asked.
    tentative: bool = False

    @property
    def denies(self) -> bool:
        return self.negated or self.rhetorical


def _korean_negation(ms: tuple[Morph, ...], masked: str) -> str:
    for i, m in enumerate(ms):
        if not masked[m.start:m.end].strip():
            continue  # inside a positive idiom
        # 안/못 start a word; glued to a syllable they belong to it ("시안", "선못"), unless
        # that syllable ends a word in unspaced chat ("일을안해요": a particle or an ending).
        glued = m.start > 0 and "\uac00" <= masked[m.start - 1] <= "\ud7a3" and not (
            i > 0 and ms[i - 1].end == m.start and ms[i - 1].tag.startswith(("J", "E")))
        # 못하다 as an auxiliary ("대지 못했습니다") negates like 않다; unspaced, mecab-ko reads
        # "신경못썼어요" as one verb 못쓰다.
        if (m.is_("MAG") and m.surface in ("안", "못") and not glued) or (
                m.tag.startswith("VV") and m.surface.startswith("못") and len(m.surface) > 1) or (
                m.has("VX") and m.surface.startswith(("않", "못"))) or (
                m.is_("VA") and m.surface.startswith("없")) or m.is_("VCN") or (
                m.has("VX") and m.surface.startswith("말") and masked[m.end:m.end + 1] in ("고", "")):
            return m.surface
    return ""


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _is_echo(text: str, ms: tuple[Morph, ...], topics: tuple[str, ...]) -> bool:
    content = [m for m in ms if not m.is_(*_PARTICLE_TAGS)]
    return bool(topics) and len(content) == 1 and bool(topics_of(content[0].surface))


def _clause(text: str, start: int, end: int) -> Clause:
    # mecab-ko's spans skip leading blanks, so the clause starts at its first character.
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end -= len(text[start:end]) - len(text[start:end].rstrip())
    body = text[start:end]
    ms = morphs(body)
    masked = _mask(body, _POSITIVE_NEGATIONS)
    english = _EN_NEGATION.search(masked)
    refusal = _REFUSAL.search(masked)
    negation = _korean_negation(ms, masked) or (english.group() if english else "") or (
        refusal.group().strip() if refusal else "")
    # What closes the clause ("?", "ㅋㅋ") tells a rhetorical question from a plain one.
    rhetorical = bool(_RHETORICAL.search(body + text[end:end + 4]))
    know = _DONT_KNOW.search(body)
    dont_know = (bool(know) and not _WAY_FORWARD.search(body)) or bool(_BARE_HEDGE.match(body))
    correction = _CORRECTION.search(body)
    topics = tuple(topics_of(body))
    time: TimeRef = "current" if CURRENT.search(body) else "past" if PAST.search(body) else None
    asks = looks_like_question(body + text[end:end + 2].strip(" ,.")) and not rhetorical
    return Clause(
        text=body, start=start, end=end, tentative=asks and not looks_like_question(body),
        # A don't-know ("잘 모르겠어요") is not a denial of anything.
        negated=bool(negation) and not know,
        negation=negation, rhetorical=rhetorical,
        hedged=bool(_HEDGE.search(body)) or ("?" in text[end:end + 2] and any(ch.isdigit() for ch in body)),
        # The separator that ended the clause belongs to it: "한 달에 30 정도?" asks, or hedges.
        question=asks,
        dont_know=dont_know, correction=correction.group().strip() if correction else "",
        time=time, topics=topics, echo=_is_echo(body, ms, topics),
    )


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut again after each sentence ending that a space follows ("없잖아요 설계팀은…"),
    which chat Korean often leaves without a full stop."""
    cuts = [start]
    for m in morphs(text[start:end]):
        stop = start + m.end
        # Chat Korean ends a sentence with a connective 요 ("돈이요 장기근속…", "좋고요 수출은…").
        final = m.tag.split("+")[-1] == "EF" or (m.tag.split("+")[-1] == "EC" and m.surface.endswith("요"))
        if final and stop < end and text[stop] == " ":
            cuts.append(stop)
    cuts.append(end)
    return [(a, b) for a, b in pairwise(cuts) if text[a:b].strip()]


@lru_cache(maxsize=2048)
def split_clauses(text: str) -> tuple[Clause, ...]:
    """The clauses of a message (normalised first), each with its markers."""
    norm = normalize(text)
    spans = [part for s, e in clause_spans(norm) for part in _sentences(norm, s, e)]
    return tuple(_clause(norm, s, e) for s, e in spans if norm[s:e].strip())
