"""The closed-choice slots: funding need, digital skills, remote work, urgency, support
types and hiring difficulty. Each is an ordered list of (pattern, value) rules: the first
rule that matches wins, so negated and more specific forms are listed before the
positive and generic ones they contain."""

import re
from typing import TypeVar

from assistant.understanding.text import clause_spans, normalize
from assistant.understanding.yesno import parse_yes_no
from knowledge.vocabulary import DigitalSkills, FundingNeed, RemoteStatus, SupportType, Urgency

_I = re.IGNORECASE | re.ASCII
T = TypeVar("T")


def _rules(*pairs: tuple[str, T]) -> list[tuple[re.Pattern[str], T]]:
    return [(re.compile(p, _I), v) for p, v in pairs]


def _first(rules: list[tuple[re.Pattern[str], T]], text: str) -> T | None:
    norm = normalize(text)
    for pattern, value in rules:
        if pattern.search(norm):
            return value
    return None


_FUNDING = _rules(
    (r"(?:자금|돈|대출|융자|지원금)[은는이가도]? ?(?:필요 ?(?:없|않|하지 않)|괜찮|충분|여유(?:가|는)? 있|됐|싫)|필요 ?없|"
     r"괜찮아요|충분해|\b(?:no|don'?t|do not) (?:need|want)\b|\bnot (?:needed|necessary)\b|^none$|"
     r"\bno (?:funding|money|loans?|financing|capital)\b|\bwe(?:'re| are) (?:fine|ok|okay|good)\b",
     FundingNeed.NONE),
    (r"부도|파산|도산|폐업|위기|긴급|급해|급하|급합|급한|당장|못 ?버티|버티기 ?(?:힘|어려)|연체|체불|밀렸|밀려|"
     r"\b(?:urgent|emergency|bankrupt\w*|insolven\w*|crisis|default\w*|desperate|immediately|asap)\b",
     FundingNeed.EMERGENCY),
    (r"설비|투자|확장|증설|넓히|늘리|더 ?들이|그로스|시설|장비|신규 ?사업|사업 ?확대|연구 ?개발|R&D|공장 ?(?:짓|신축|이전|확장)|해외 ?진출|성장|"
     r"스케일|신제품|기계|수출|\b(?:expan\w*|invest\w*|export\w*|equipment|machinery|facilit\w*|growth|grow|"
     r"scale|new (?:product|line|plant|factory|market)s?|r&d)\b",
     FundingNeed.GROWTH_INVESTMENT),
    (r"운영 ?자금|운전 ?자금|인건비|월급|급여|임대료|월세|재료비|원자재|현금 ?흐름|자금 ?회전|운영비|유지비|"
     r"자금|돈이? ?(?:필요|부족|모자)|\b(?:working capital|operating|operations|payroll|salar\w*|wages|cash ?flow|"
     r"rent|running costs|day[- ]to[- ]day|money|funding|loan)\b",
     FundingNeed.OPERATING),
)

_SKILLS = _rules(
    (r"^(?:하|하요|하입니다|low|낮음)$|\b(?:very|only|just|pretty|quite) basic\b|잘 ?(?:못|몰라)|서툴|서투|어려워|"
     r"어렵|컴맹|낮(?:아|은|습|다)|부족|약해|"
     r"약한|"
     r"나이가? ?(?:많|드|있)|(?:저|나|사장)(?:랑|하고) ?[가-힣]+만 ?(?:해|하|다뤄|써)|어르신|고령|못 ?다루|기초(?:도|적인 것도) ?(?:못|안)|좋지 ?않|별로|"
     r"좀 ?\.\.|\b(?:low|poor|weak|limited|struggle\w*|not (?:good|great|very)|not so much|bad|beginner\w*)\b",
     DigitalSkills.LOW),
    (r"^(?:중|중이요|중간|보통)|보통|중간|그럭저럭|웬만|적당|평균|무난|나쁘지 ?않|괜찮|기본(?:적인|은|만)|그냥 ?저냥|"
     r"엑셀 ?정도|\b(?:medium|average|moderate|okay|ok|decent|so-so|fair|not bad|intermediate|mixed|basic)\b",
     DigitalSkills.MEDIUM),
    (r"^(?:상|상이요|높음)$|잘 ?(?:다루|다뤄|다룸|해|하|써|씀|알)|능숙|높(?:아|은|습|다)|익숙|뛰어|전문|젊|개발자|"
     r"\b(?:high|good|great|skilled|advanced|savvy|fluent|comfortable|proficient|expert\w*|strong)\b",
     DigitalSkills.HIGH),
)

# Explicit full/none statements first, then partial arrangements, then bare negations
# ("불가능해요", "no") and bare remote words ("재택해요"), which mean none and partial.
_REMOTE = _rules(
    (r"(?:전원|모두|전부|다|완전|풀|100 ?%) ?(?:원격|재택|리모트)|사무실(?:이|은)? ?없|"
     r"\b(?:fully|all|100 ?%|completely) remote\b|\bremote[- ]first\b|\bno office\b|"
     r"\beveryone works? (?:from home|remotely)\b",
     RemoteStatus.FULL),
    (r"(?:재택|원격|리모트)[은는도이가을를]? ?(?:근무)?[은는도를을]? ?(?:안|못|없|불가|하지 않|해본 적)|"
     r"(?:다|다들|모두|전원|전부) ?(?:출근|사무실|현장)|사무실에서만|현장 ?(?:근무|일|업무)|출근해서|"
     r"\b(?:no|not|don'?t|never)\b.{0,20}\b(?:remote|from home|wfh)\b|\b(?:on[- ]site|in[- ]office|office only)\b|"
     r"\beveryone (?:comes|goes) (?:in|to the office)\b",
     RemoteStatus.NONE),
    (r"일부|부분|주 ?[1-4일이삼사한두세네] ?(?:회|번|일|日)|(?:일주일|한 ?주)에 ?(?:하루|이틀|사흘|[1-4한두세] ?(?:번|회|일))|가끔|하이브리드|필요할 ?때|몇 ?(?:명|몇)|유연|선택|"
     r"\b(?:hybrid|some|partial\w*|sometimes|occasional\w*|a few|once a week|twice a week|flexible)\b",
     RemoteStatus.PARTIAL),
    (r"불가|못 ?해|안 ?돼|안 ?해|안 ?함|안 ?합|없어|없습|아니|아뇨|맨날 ?(?:현장|공장|가게|매장|사무실)|"
     r"(?:현장|공장|가게|매장)에 ?(?:붙어|나와|있어)|\b(?:no|nope|never|none|nobody|no one)\b", RemoteStatus.NONE),
    (r"재택|원격|리모트|\b(?:remote|from home|wfh)\b", RemoteStatus.PARTIAL),
)

_FULL_DENIED = re.compile(
    r"(?:전원|모두|전부|완전|풀|fully|all|100 ?%) ?(?:원격|재택|리모트|remote)[은는이가]? ?(?:아니|아녜|x\b)|"
    r"\bnot (?:fully|all|completely) remote\b",
    _I,
)
_URGENCY_NOT_NOW = re.compile(
    r"당장은? ?(?:아니|아녜|급하지|필요 ?없)|급하지 ?(?:않|는 않)|급하진 ?않|급한 ?편(?:은|이)? ?아니|급한 ?(?:건|것|게) ?(?:아니|없)|천천히|여유(?:가|"
    r"는)? ?있|"
    r"\b(?:not urgent|no rush|no hurry|not in a hurry|not right now|not now)\b",
    _I,
)
# A stated period decides before a general word of haste: "빨리요, 석 달 안에요" is three months.
_URGENCY = _rules(
    (r"한 ?달 ?(?:안|내|이내)|1 ?개월 ?(?:안|내|이내)|[1-4] ?주 ?(?:안|내|이내)|이번 ?(?:달|주)|다음 ?(?:주|달)|"
     r"\b(?:this (?:month|week)|next (?:week|month)|within (?:a|one|1) month|within (?:a|one|two|2|few) weeks?)\b",
     Urgency.WITHIN_1_MONTH),
    (r"[23] ?개월|두 ?달|석 ?달|세 ?달|두세 ?달|한두 ?달|몇 ?달|분기|"
     r"\b(?:(?:two|three|2|3|couple(?: of)?|few) months|this quarter|next quarter)\b",
     Urgency.WITHIN_3_MONTHS),
    (r"올해|연내|금년|1 ?년 ?(?:안|내|이내)|일 ?년 ?(?:안|내|이내)|[4-9] ?개월|1[0-2] ?개월|반 ?년|하반기|상반기|내년|"
     r"\b(?:this year|within (?:a|one|1) year|(?:six|6|nine|9|twelve|12) months|next year|by year[- ]end)\b",
     Urgency.WITHIN_1_YEAR),
    (r"당장|지금 ?(?:바로|당장|즉시)|즉시|바로|빨리|빠를수록|서둘러|급해|급하|급합|시급|"
     r"\b(?:asap|as soon as possible|immediately|urgent\w*|right away|right now)\b",
     Urgency.WITHIN_1_MONTH),
    (r"곧|조만간|빠른 ?시일|\b(?:soon|shortly)\b", Urgency.WITHIN_3_MONTHS),
    (r"알아보|그냥|정보|둘러|언젠가|나중에|아직 ?(?:모르|계획|정해)|계획(?:은|이)? ?없|장기적|"
     r"\b(?:just (?:looking|exploring|browsing|curious)|exploring|research\w*|someday|eventually|long[- ]term|"
     r"no (?:plans?|timeline|deadline))\b",
     Urgency.EXPLORING),
)

_SUPPORT: list[tuple[re.Pattern[str], SupportType]] = [
    (re.compile(p, _I), v) for p, v in (
        (r"자금|돈|대출|융자|보조금|지원금|비용 ?(?:일부 ?)?지원|정책 ?자금|보증|투자 ?유치|펀딩|\b(?:fund\w*|loans?|grants?|money|capital|"
         r"financ\w*|subsid\w*|investment)\b", SupportType.FUNDING),
        (r"멘토|코칭|조언|\b(?:mentor\w*|coach\w*|advice|advisor)\b", SupportType.MENTORING),
        (r"컨설팅|자문|진단|상담|\b(?:consult\w*|diagnos\w*)\b", SupportType.CONSULTING),
        (r"기술|연구 ?개발|R&D|특허|시제품|\b(?:technolog\w*|tech support|technical|"
         r"r&d|prototyp\w*|patents?)\b", SupportType.TECHNOLOGY),
        (r"솔루션|(?<!교육 )프로그램|깔아|(?:시스템|소프트웨어|ERP|MES|툴|도구|장비)[을를]? ?(?:도입|구축|설치|보급)|스마트 ?공장|"
         r"스마트 ?팩토리|\b(?:solutions?|software|tools?|systems?|smart factory|platform)\b", SupportType.SOLUTION),
        (r"교육|훈련|강의|연수|인력 ?양성|배우|\b(?:training|education|courses?|workshops?|upskill\w*|learn\w*)\b",
         SupportType.TRAINING),
        (r"수출|해외|글로벌|\b(?:export\w*|overseas|global|international|abroad)\b", SupportType.EXPORT),
        (r"사무실|공간|입주|오피스|보육 ?센터|\b(?:office|space|workspace|incubat\w*|premises)\b", SupportType.SPACE),
        (r"규제|인허가|허가|법률|법적|제도 ?개선|\b(?:regulat\w*|permits?|licen[cs]\w*|legal|complian\w*|red tape)\b",
         SupportType.REGULATION),
    )
]
_SUPPORT_NEGATED = re.compile(
    r"필요 ?(?:없|않)|필요하지 ?않|(?:은|는) ?(?:괜찮|됐어|됐음|됐고|말고)|말고|빼고|빼 ?(?:주|줘)|제외|없어도|관심 ?없|싫|"
    r"\bhate\b|"
    r"상관 ?없|\b(?:don'?t|do not|no) need\b|\bnot (?:need\w*|interested)\b|\bexcept\b|\bother than\b|\bwithout\b|"
    r"\bno (?:thanks|training|loans?|export\w*|consulting|funding)\b|\bplease no\b",
    _I,
)

_HIRING_NO = re.compile(
    r"(?:어렵|힘들)지 ?(?:않|는 않)|쉬워|쉽(?:습|게|다)|잘 ?(?:구해|뽑|채용)|문제 ?없|괜찮|별 ?(?:문제|어려움)|"
    r"채용 ?계획(?:은|이)? ?없|"
    r"\bnot (?:hard|difficult|a problem)\b|\beasy\b|\bno (?:problem|trouble|issue)s?\b|\b(?:fine|ok|okay|good)\b",
    _I,
)
_HIRING_YES = re.compile(
    r"어렵|어려워|힘들|힘듭|구하기|안 ?구해|못 ?구|안 ?(?:와|오|올)|"
    r"(?:사람|인력|지원자|개발자|직원|기사|기술자)[은는이가]? ?(?:진짜|정말|너무|통|잘|늘|항상)? ?(?:없|부족|안 ?와|모자)|"
    r"모자라|모자란|"
    r"부족|구인난|그만두|이직|퇴사|금방 ?(?:나가|그만)|오래 ?(?:못|안) ?(?:있|버티|다니)|안 ?붙어|떠나|\b(?:hard|"
    r"difficult|struggl\w*|can'?t find|shortage|tough|nobody applies|"
    r"turnover|quit)\b",
    _I,
)


def parse_funding_need(text: str) -> FundingNeed | None:
    return _first(_FUNDING, text)


def parse_digital_skills(text: str) -> DigitalSkills | None:
    """A team described as both weak and strong ("젊은 직원은 잘하는데 어르신들은 어려워해요")
    is medium overall."""
    norm = normalize(text)
    found = {value for pattern, value in _SKILLS if pattern.search(norm)}
    if {DigitalSkills.LOW, DigitalSkills.HIGH} <= found:
        return DigitalSkills.MEDIUM
    # Some groups fine, others not ("사무직은 괜찮은데 생산직은 좀..") is medium overall.
    per_clause = [_first(_SKILLS, norm[s:e]) for s, e in clause_spans(norm)]
    if DigitalSkills.LOW in per_clause and DigitalSkills.MEDIUM in per_clause:
        return DigitalSkills.MEDIUM
    return _first(_SKILLS, norm)


def parse_remote_status(text: str) -> RemoteStatus | None:
    """Some working from home while the rest come in ("사무 쪽은 가끔 집에서 하고 나머진 다
    출근해요") is partial, though "다 출근" alone is none; "fully remote는 아니고 …" is not full."""
    value = _first(_REMOTE, text)
    if value == RemoteStatus.FULL and _FULL_DENIED.search(normalize(text)):
        value = _first(_REMOTE[1:], _FULL_DENIED.sub(" ", normalize(text))) or RemoteStatus.PARTIAL
    if value == RemoteStatus.NONE and _first(_REMOTE[2:3], text) == RemoteStatus.PARTIAL and re.search(
            r"집에서|재택|원격|\bfrom home\b|\bremote", normalize(text), _I) and not re.search(
            r"(?:재택|원격|리모트)[은는도이가을를]? ?(?:근무)?[은는도를을]? ?(?:안|못|없|불가|하지 않)", normalize(text), _I):
        return RemoteStatus.PARTIAL
    return value


def parse_urgency(text: str) -> Urgency | None:
    norm = normalize(text)
    not_now = _URGENCY_NOT_NOW.search(norm)
    hit = _first(_URGENCY, _URGENCY_NOT_NOW.sub(" ", norm))
    if hit is None and not_now:
        return Urgency.EXPLORING
    return hit


def parse_support_types(text: str) -> list[SupportType]:
    """Every support type asked for, in order of mention; types in a clause that turns
    them down ("자금은 필요 없고", "대출은 빼 주세요") are left out."""
    from assistant.language.clauses import split_clauses

    norm = normalize(text)
    found: list[tuple[int, SupportType]] = []
    for part in split_clauses(norm):
        start, clause = part.start, part.text
        if part.denies or _SUPPORT_NEGATED.search(clause):
            continue
        for pattern, value in _SUPPORT:
            m = pattern.search(clause)
            if m and value not in (v for _, v in found):
                found.append((start + m.start(), value))
    return [v for _, v in sorted(found, key=lambda p: p[0])]


def parse_hiring_difficulty(text: str) -> bool | None:
    """Hard to hire for any role is hard to hire: "채색은 그럭저럭 구하는데 배경 하는 사람은
    없어요" is a yes. Within one clause a denial of the difficulty wins ("어렵지 않아요")."""
    norm = normalize(text)
    verdicts = []
    for start, end in clause_spans(norm):
        clause = norm[start:end]
        if _HIRING_NO.search(clause):
            verdicts.append(False)
        elif _HIRING_YES.search(clause):
            verdicts.append(True)
    if verdicts:
        return any(verdicts)
    return parse_yes_no(norm)


# Content with what there is: "지금으로 충분해요", "We're happy with the current setup".
_ENOUGH = re.compile(r"충분|이대로|지금 ?(?:정도|으로|처럼)|현재로 ?(?:만족|충분)|만족해|지금(?:이|도)? ?(?:좋|괜찮)|"
                     r"바꿀 ?(?:생각|계획|마음)(?:은|이|도)? ?없|"
                     r"\b(?:happy with|fine as (?:is|it is|we are|things are)|enough|good as is|content with|"
                     r"(?:fine|happy|good) (?:the way|how) (?:we are|it is|things are))\b", _I)
_WANT_SOME = re.compile(r"싶(?:어|습|네|긴|기도|은|다)|해 ?봤으면|했으면|늘려|\b(?:would like|want to|'d like)\b", _I)


def parse_interest(text: str) -> bool | None:
    """Wanting (more) of something: a wish anywhere says yes even beside a limit ("좀 더
    늘려볼까 싶기도 하고요, 근데 전원 재택은 싫어요"); contentment says no."""
    norm = normalize(text)
    if _WANT_SOME.search(norm) and not re.search(r"싶지 ?않|\bdon'?t want\b", norm, _I):
        return True
    if _ENOUGH.search(norm):
        return False
    return parse_yes_no(norm)
