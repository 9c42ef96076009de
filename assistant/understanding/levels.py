"""Readiness levels 0–5 (contracts.md §1) from how owners describe their use of a
technology. Cloud, AI, blockchain and security share the adoption scale (0 none ·
1 considering · 2 piloting · 3 some areas · 4 widely · 5 integral); data has its own
(0 paper · 1 scattered spreadsheets · 2 shared sheets/basic DB · 3 ERP · 4 integrated,
regular analysis · 5 data-driven/automated).

Negation is scoped to its clause: "아직 안 쓰지만 검토 중이에요" is 1, not 0, and
"써본 적 없어요" is 0 although it contains a use verb. An answer the rules do not
understand gives None so the engine can fall back to similarity."""

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.understanding.text import clause_spans, mask, normalize

Dimension = Literal["cloud", "ai", "blockchain", "data", "security"]
_I = re.IGNORECASE | re.ASCII


class LevelParse(BaseModel):
    model_config = ConfigDict(frozen=True)

    level: int = Field(ge=0, le=5)
    confidence: float = Field(ge=0.0, le=1.0)
    matched: str


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


_DIGIT_ALONE = _re(r"^\D{0,8}?([0-5])(?: ?(?:단계|점|레벨|level|번))? ?(?:이요|요|입니다|이에요|예요|정도|쯤|"
                   r"이다)?[\s.!~]*$")
_DIGIT_TAGGED = _re(r"(?:레벨|level|단계) ?([0-5])\b|(?<![0-9])([0-5]) ?(?:단계|점|레벨)")

# "없으면 안 돼요" carries a negation but means the opposite of none: matched and masked
# before negation is looked for.
_CORE = _re(
    r"없으면 ?.{0,12}안 ?(?:돌아|돼|되|됩)|없이는 ?.{0,12}(?:안|못|불가)|필수(?:예요|입니다|적|죠|에요)|핵심(?:이|"
    r"입니다|적)|"
    r"전적으로|의존|기반으로 ?(?:운영|돌아|일)|\bintegral\b|can'?t (?:operate|work|run|function) without|"
    r"mission[- ]critical|everything runs on|fully (?:dependent|reliant|integrated)|\bcore (?:of|to)\b|built on"
)
_NONE = _re(
    r"안 ?(?:써|쓰|씀|씁|해|하|함|합)|사용 ?안|(?:사용|이용|활용|도입|적용|구축)(?:하|을 하|은 하|를 하)?지(?:는|도)? ?(?:않|못)|"
    r"못 ?(?:써|쓰|씀)|\bnot yet\b|"
    r"쓰지 ?않|안 ?(?:사용|도입|적용|돼|되)|관심 ?없|계획 ?없|생각 ?없|필요 ?없|전혀|아예|하나도|없(?:어|습|음|고|다|"
    r"네|죠)|"
    r"해당 ?없|처음 ?들어|들어 ?본 ?적|뭔지(?:도)? ?(?:잘 ?)?몰|몰라요|아니(?:요|오)|아뇨|"
    r"\bnot (?:using|used|at all|really)\b|\b(?:don'?t|do not|doesn'?t|does not|never|haven'?t) (?:use|used|have)\b|"
    r"\bno plans?\b|\bnot interested\b|\bnever\b|\bnone\b|\bnothing\b|^no\b|\bnope\b"
)
_PLAN = _re(
    r"검토|고려|알아보|생각 ?중|생각하고|관심(?:은|이)? ?(?:있|많)|계획|하려고|해 ?볼까|예정|공부|배우(?:는|고)|"
    r"준비 ?중|고민|"
    r"궁금|싶(?:어|습|은|다|긴)|\bconsider\w*|\b(?:like|love) to try\b|\bwant to try\b|\bmight try\b|\bthinking (?:about|of)\b|\blooking (?:into|at)\b|\bexplor\w*|\binterested\b|"
    r"\bplan\w*|\bintend\w*|\bwould like\b|\bwant to\b|\bevaluat\w*|\bresearch\w*"
)
_PILOT = _re(
    r"시범|테스트|파일럿|시험 ?(?:적|삼아|중|운영)|시험해 ?보|실험|해 ?보는 ?중|해 ?보고 ?있|써 ?보는|써 ?보고|"
    r"사용해 ?보|맛보기|무료 ?체험|체험판|베타|poc|막 ?시작|"
    r"처음 ?(?:써|도입|시작)|"
    r"가끔|개인적으로|몇몇 ?(?:직원|사람)만|한두 ?명|\bpilot\w*|\btrial\w*|\btesting\b|\btrying\b|\bexperiment\w*|"
    r"proof of concept|just started|occasionally|\bsometimes\b|\ba little\b|\btried\b|써 ?봤|써 ?본 ?적(?:은|이)? ?있"
)
_WIDE = _re(
    r"전사|모든 ?(?:업무|부서|직원|곳|시스템|데이터|pc|컴퓨터|서버|서비스)|대부분|거의 ?(?:다|모든|전부)|전부|"
    r"전 ?직원|널리|폭넓게|"
    r"적극|전면|회사 ?전체|\bwidely\b|\bmost(?:ly)?\b|across the (?:company|board|organi[sz]ation)|company[- ]wide|"
    r"everywhere|\beverything\b|\ball (?:our|of our|the|departments)\b|\bextensively\b|\bheavily\b"
)
_SOME = _re(r"일부|부분적|몇몇|몇 ?가지|특정|어느 ?정도|\bsome\b|\bpart(?:ly|ially|s of)\b|\ba few\b|\bcertain\b")
_USE = _re(
    r"쓰고 ?있|써요|씁니다|쓰는|써서|사용 ?중|사용하|사용해|사용합|활용|이용하|이용해|이용 ?중|도입했|도입해|도입되|"
    r"구축했|"
    r"구축되|운영 ?중|적용|올려|돌리|(?:로|으로) [가-힣 ]{0,12}(?:하고 ?있|해요|합니다)|\bwe use\b|\busing\b|\buse\b|"
    r"\bused\b|\badopted\b|\bdeployed\b|\brun\w* on\b"
)
_YES = _re(r"^(?:네|예|응|있어요|있습니다|yes|yeah|yep)\b")

_PRODUCTS: dict[str, re.Pattern[str]] = {
    "cloud": _re(
        r"aws|아마존 ?웹|azure|애저|gcp|구글 ?클라우드|네이버 ?클라우드|ncp|kt ?클라우드|구글 ?드라이브|드롭박스|"
        r"원드라이브|"
        r"onedrive|dropbox|google ?drive|(?:ms|microsoft|오피스|office) ?365|구글 ?워크스페이스|google workspace|"
        r"지메일|"
        r"gmail|saas|클라우드 ?(?:서비스|서버|저장|스토리지)|웹하드|\bcloud\b|클라우드|구글 ?(?:시트|독스|문서|폼)|"
        r"google (?:sheets|docs|forms)|(?<![가-힣])드라이브에"
    ),
    "ai": _re(
        r"chat ?gpt|챗 ?gpt|챗 ?지피티|\bgpt|제미나이|gemini|claude|클로드|copilot|코파일럿|뤼튼|wrtn|클로바|clova|"
        r"미드저니|midjourney|생성형|챗봇|chatbot|파파고|deepl|딥엘|머신 ?러닝|딥 ?러닝|machine learning|비전 ?검사|"
        r"\bai\b|인공지능"
    ),
    "blockchain": _re(
        r"nft|스마트 ?컨트랙트|smart contract|이더리움|ethereum|분산 ?신원|\bdid\b|토큰|블록체인|blockchain"
    ),
    "security": _re(r"백신|v3|알약|antivirus|anti-virus|defender|windows def|보안 ?(?:프로그램|솔루션)|security software"),
}
# Security measures beyond antivirus: (level, pattern); the strongest found counts.
_SECURITY_TIERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (3, _re(r"방화벽|firewall|vpn|백업|backup|암호화|encrypt\w*|접근 ?(?:권한|통제)|access control|2단계 ?인증|2fa|"
            r"비번|비밀번호|\bpasswords?\b|"
            r"mfa|otp|dlp")),
    (4, _re(r"isms|iso ?27001|보안 ?(?:인증|관제|정책|점검|교육|담당)|관제|\bsoc\b|security (?:policy|training|audit|"
            r"team|officer)|"
            r"penetration test|모의 ?해킹")),
)
_DATA_TIERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, _re(r"종이|수기|손으로|노트|다이어리|수첩|공책|달력에|화이트 ?보드|머릿속|기억으로|장부에 ?(?:적|쓰|기록)|paper|handwrit\w*|by hand|"
            r"notebook|"
            r"in (?:my|our) heads?|ledger book")),
    (1, _re(r"엑셀|액셀|excel|스프레드 ?시트|spreadsheet|한글 ?파일|hwp|워드 ?파일|각자|개인 ?(?:pc|컴퓨터)|"
            r"따로 ?(?:관리|저장)|"
            r"흩어져|scattered|each (?:person|of us)|own (?:files|computers?)")),
    (2, _re(r"구글 ?(?:시트|스프레드|드라이브)|google (?:sheets?|drive)|공유 ?(?:폴더|드라이브|파일|문서)|공유해|"
            r"같이 ?(?:보|편집|작성|관리)|"
            r"노션|notion|에어테이블|airtable|데이터 ?베이스|database|\bdb\b|\baccess\b|\bnas\b|shared (?:sheet|"
            r"spreadsheet|drive|"
            r"folder)s?")),
    (3, _re(r"전용 ?프로그램|차트 ?프로그램|(?:관리|청구|진료|예약|주문|판매|재고) ?프로그램|프로그램에 ?(?:다 ?|모두 ?)?(?:들어|입력|기록)|"
            r"erp|더존|이카운트|ecount|영림원|\bsap\b|\bmes\b|\bcrm\b|\bwms\b|\bpos\b|포스기?|회계 ?(?:프로그램|"
            r"시스템|솔루션)|"
            r"(?:재고|관리|생산|판매) ?(?:프로그램|시스템)|전산 ?(?:시스템|화)|그룹웨어|system of record|"
            r"accounting software|"
            r"inventory system|salesforce|hubspot|quickbooks|odoo|\bemrs?\b|\behrs?\b|전자 ?차트|전자의무기록|"
            r"(?:practice|clinic|booking|order|hotel|property) management (?:system|software)|main system")),
    (4, _re(r"통합|대시보드|dashboard|\bbi\b|태블로|tableau|power ?bi|파워 ?bi|(?:정기적|매주|매달|매월|주기적|"
            r"주마다)으?로? ?(?:분석|리포트|보고)|"
            r"데이터 ?분석|분석(?:해|합|하고)|리포트|integrated|regular (?:analysis|reporting)|\bkpis?\b|"
            r"\banaly[sz]\w*")),
    (5, _re(r"자동화|자동으로|데이터 ?기반|데이터로 ?(?:결정|판단)|예측|ai로 ?(?:분석|예측)|data[- ]driven|"
            r"automat\w*|predict\w*|real[- ]time")),
)


def _digit(text: str) -> LevelParse | None:
    m = _DIGIT_ALONE.match(text)
    if m:
        return LevelParse(level=int(m.group(1)), confidence=0.95, matched=m.group())
    tagged = list(_DIGIT_TAGGED.finditer(text))
    if tagged:
        last = tagged[-1]
        return LevelParse(level=int(last.group(1) or last.group(2)), confidence=0.9, matched=last.group())
    return None


def _clauses(text: str) -> list[tuple[str, bool, str]]:
    """(clause with its negations masked, negated?, the negation's words)."""
    out: list[tuple[str, bool, str]] = []
    for start, end in clause_spans(text):
        clause = text[start:end]
        # A clause saying the technology is indispensable is never a denial of it.
        negations = [] if _CORE.search(clause) else list(_NONE.finditer(clause))
        out.append((mask(clause, [m.span() for m in negations]), bool(negations),
                    negations[0].group() if negations else ""))
    return out


# Keeping everything on own servers is an answer of "no cloud" without a negation word.
_ON_PREMISES = _re(
    r"자체 ?서버|사내 ?서버|서버(?:는|가)? ?(?:회사|사무실|사내)|on[- ]?prem\w*|(?:our|own) (?:own )?servers?"
)


def _adoption(dimension: Dimension, text: str) -> LevelParse | None:
    clauses = _clauses(text)
    live = " | ".join(c for c, negated, _ in clauses if not negated)
    product = _PRODUCTS[dimension]
    found = {name: p.search(live) for name, p in (("core", _CORE), ("pilot", _PILOT), ("wide", _WIDE), ("some", _SOME),
                                                   ("use", _USE), ("plan", _PLAN), ("product", product))}
    # A use or a trial inside a wish ("적용해 보고 싶어요", "써 보고 싶긴 해요") is the plan.
    unplanned = " | ".join(c for c, negated, _ in clauses if not negated and not _PLAN.search(c))
    found["use"], found["pilot"] = _USE.search(unplanned), _PILOT.search(unplanned)
    using = found["use"] or found["product"]
    if dimension == "security" and (tier := _security_tier(live)):
        return tier
    if found["core"] and not found["plan"]:
        return LevelParse(level=5, confidence=0.8, matched=found["core"].group())
    if found["pilot"]:
        return LevelParse(level=2, confidence=0.75, matched=found["pilot"].group())
    if found["wide"] and (using or not found["plan"]):
        return LevelParse(level=4, confidence=0.75, matched=found["wide"].group())
    if found["plan"] and not found["use"]:
        return LevelParse(level=1, confidence=0.75, matched=found["plan"].group())
    hit = found["some"] or using
    if hit:
        return LevelParse(level=3, confidence=0.7 if found["some"] else 0.6, matched=hit.group())
    on_premises = _ON_PREMISES.search(text) if dimension == "cloud" else None
    if on_premises:
        return LevelParse(level=0, confidence=0.6, matched=on_premises.group())
    negation = next((words for _, negated, words in clauses if negated), "")
    if negation:
        return LevelParse(level=0, confidence=0.8, matched=negation)
    yes = _YES.search(text)
    return LevelParse(level=3, confidence=0.4, matched=yes.group()) if yes else None


def _security_tier(live: str) -> LevelParse | None:
    for level, pattern in reversed(_SECURITY_TIERS):
        m = pattern.search(live)
        if m:
            wide = _WIDE.search(live)
            return LevelParse(level=max(level, 4 if wide else 0), confidence=0.7, matched=m.group())
    basic = _PRODUCTS["security"].search(live)
    if basic and not (_SOME.search(live) or _WIDE.search(live) or _PLAN.search(live)):
        return LevelParse(level=2, confidence=0.6, matched=basic.group())
    return None


def _data(text: str) -> LevelParse | None:
    best: LevelParse | None = None
    negation = ""
    for start, end in clause_spans(text):
        clause = text[start:end]
        negations = list(_NONE.finditer(clause))
        planned = bool(_PLAN.search(clause))
        negation = negation or (negations[0].group() if negations else "")
        for level, pattern in _DATA_TIERS:
            m = pattern.search(clause)
            # A denied or only planned system says nothing about today, except paper.
            if m and (level == 0 or not (negations or planned)) and (best is None or level > best.level):
                best = LevelParse(level=level, confidence=0.75, matched=m.group())
    if best is None and negation:
        return LevelParse(level=0, confidence=0.7, matched=negation)
    return best


def parse_level(dimension: Dimension, text: str) -> LevelParse | None:
    """The readiness level an answer states for `dimension`, or None when not understood."""
    norm = normalize(text)
    if not norm:
        return None
    digit = _digit(norm)
    if digit is not None:
        return digit
    return _data(norm) if dimension == "data" else _adoption(dimension, norm)
