"""Topic cues: the words that say which slot a clause talks about. "매출" routes a clause to
the revenue, never to the founding year; "IT 담당" to IT staff before "직원" can claim it.
Ordered most specific first; a clause may carry several."""

import re

_I = re.IGNORECASE | re.ASCII

_CUES: tuple[tuple[str, str], ...] = (
    ("staffing.it_staff", r"IT ?(?:담당|인력|직원|인원|쪽 ?(?:사람|직원))|전산|(?<![A-Za-z])(?-i:IT)(?! ?(?:예산|비용|투자|회사|업체|기업))(?![A-Za-z])|"
                          r"개발자|프로그래머|컴퓨터 ?(?:잘 ?)?(?:아는|하는|볼 ?줄|다루는|만지는)|"
                          r"\bit (?:staff|people|person|guys?|team)\b|\bdevelopers?\b|\bprogrammers?\b"),
    ("costs.it_budget_krw_per_year", r"예산|(?:IT|전산|디지털|정보화) ?(?:비용|지출|투자)|쓸 수 있|투자할 ?수|"
                                     r"\bbudget\b|\bspend\b|\bafford\b"),
    ("company.annual_revenue_krw", r"매출|연매출|매상|팔려|팔아|판매액|벌어|\b(?:revenue|sales|turnover|sell|sold)\b"),
    ("company.founded_year", r"창업|설립|개업|차렸|차린|세웠|업력|년 ?차|년째|\b(?:founded|established|started|"
                             r"incorporated|in business|since)\b"),
    ("company.employees", r"직원|임직원|인원|사람 ?수|식구|사원|현장 ?(?:인력|직원)|사무직|생산직|알바|"
                          r"\b(?:employees?|staff|headcount|people|workers?)\b"),
    ("company.region", r"지역|위치|소재지|주소|\b(?:region|located|based|city|province)\b"),
    ("company.industry", r"업종|업태|산업|\b(?:industry|sector|line of business)\b"),
    ("company.name", r"회사 ?(?:이름|명)|상호|\bcompany name\b"),
    ("remote.status", r"재택|원격|리모트|\bremote\b|from home|\bwfh\b|하이브리드|\bhybrid\b"),
    ("readiness.cloud", r"클라우드|\bcloud\b|\baws\b|구글 ?드라이브|드롭박스|\bdropbox\b|google drive|웹하드"),
    ("readiness.ai", r"(?<![A-Za-z])AI(?![A-Za-z])|인공지능|챗 ?gpt|chat ?gpt|챗봇|\bai\b"),
    ("readiness.blockchain", r"블록체인|\bblockchain\b|\bnft\b|스마트 ?컨트랙트"),
    ("readiness.security", r"보안|백신|\bsecurity\b|\bantivirus\b|랜섬웨어|해킹"),
    ("readiness.data", r"데이터|엑셀|장부|\bdata\b|\bexcel\b|\berp\b|spreadsheet"),
    ("staffing.hiring_difficulty", r"채용|구인|뽑|구하기|구해|\bhir(?:e|ing)\b|\brecruit\w*"),
    ("staffing.digital_skills", r"디지털 ?역량|컴퓨터|다루|\bskills?\b|\bcomputer"),
    ("costs.funding_need", r"자금|대출|융자|\bfunding\b|\bloans?\b"),
    ("needs.urgency", r"언제|시급|급한|급해|당장|\b(?:urgent|timeline|deadline|asap)\b"),
    ("needs.support_types", r"지원 ?(?:유형|종류|분야)|\bsupport\b"),
    ("contact.email", r"이메일|메일|\be-?mail\b"),
    ("contact.phone", r"전화|연락처|번호|핸드폰|휴대폰|\b(?:phone|mobile)\b"),
    ("contact.name", r"성함|담당자 ?이름|\bmy name\b"),
)
TOPIC_SLOTS: tuple[str, ...] = tuple(slot for slot, _ in _CUES)
_PATTERNS = tuple((slot, re.compile(pattern, _I)) for slot, pattern in _CUES)


def topics_of(text: str) -> list[str]:
    """The slots `text` names, most specific first."""
    return [slot for slot, pattern in _PATTERNS if pattern.search(text)]


def topic_match(slot: str, text: str) -> re.Match[str] | None:
    """Where `text` names `slot`, if it does."""
    for name, pattern in _PATTERNS:
        if name == slot:
            return pattern.search(text)
    return None
