"""The owner's industry from how they describe the business.

Each term carries a weight: 3 for a sector noun that settles the industry (금형, 식당,
의료기기), 2 for a strong hint (공장, 앱, 무역), 1 for a generic activity word (제조,
판매, 개발). An industry scores its strongest term, then the sum of its terms, so a
sector noun beats the generic words around it: "의료기기 제조" is healthcare_bio and
"식품 제조 공장" is agri_food (contracts.md groups food_processing there), while
"금형 공장" stays manufacturing. Clauses that deny a description ("…가 아니라") are
ignored."""

import re
from dataclasses import dataclass

from assistant.understanding.text import clause_spans, normalize, terms_pattern
from knowledge.vocabulary import Industry

IND = Industry

# Korean terms match inside compounds (금형공장, 카페창업) and are written without spaces;
# English terms match whole words, _ joins the words of a phrase, and a trailing * marks a
# stem (manufactur* → manufacturer, manufacturing).
_TERMS: dict[Industry, dict[int, str]] = {
    IND.MANUFACTURING: {
        3: "뿌리산업 금형 용접 사출 도금 주물 주조 단조 절삭 선반가공 밀링 CNC 판금 열처리 제조업 부품가공 정밀가공 "
           "기계가공 "
           "자동차부품 전자부품 반도체 PCB 봉제 섬유 원단 철강 금속가공 공작기계 기계제작 설비제작 제작소 "
           "조선 조선소 조선기자재 선박블록 계측기 측정기기 "
           "manufactur* machining welding mold* mould* plating casting forging cnc semiconductor* pcb textile* "
           "injection print_shop printshop",
        2: "정밀 가공 부품 공장 제조 화학 인쇄 포장재 가구 화장품 조립 양산 OEM ODM 프레스 도장 기자재 선박 "
           "factory factories plant fabricat* assembly garment* metal* plastic* chemical* printing oem instrument*",
        1: "생산 만들 만드 제작 기계 장비 parts components produce* make makes making",
    },
    IND.RETAIL_ECOMMERCE: {
        3: "전자상거래 쇼핑몰 온라인판매 온라인쇼핑 스마트스토어 도소매 도매 소매 유통 오픈마켓 쿠팡 이커머스 커머스 "
           "편의점 "
           "판매업 잡화 리테일 11번가 e-commerce ecommerce retail* wholesal* online_store* online_shop* "
           "online_sales",
        2: "무역 상점 마트 슈퍼 셀러 아마존 의류판매 distribution distributor* seller* marketplace* trading",
        1: "판매 팔아 파는 가게 매장 온라인 입점 sell* store* shop*",
    },
    IND.FOOD_SERVICE: {
        3: "식당 카페 음식점 베이커리 빵집 치킨 분식 주점 술집 호프 레스토랑 고깃집 횟집 커피숍 커피전문점 "
           "푸드트럭 요식업 외식 밥집 국밥 김밥 떡볶이 피자 케이터링 restaurant* cafe* café* coffee_shop* "
           "bakery bakeries diner* food_truck* catering fried_chicken pizzeria* pub",
        2: "디저트 케이크 도시락 급식 배달음식 dessert*",
        1: "프랜차이즈 franchise*",
    },
    IND.CONSTRUCTION: {
        3: "인테리어 건설 시공 리모델링 건축 토목 도배 조경 철거 창호 전기공사 설비공사 집수리 "
           "construction interior* remodel* renovat* civil_engineering",
        2: "공사 타일 방수 목공 contractor* architect* plumbing",
    },
    IND.IT_SOFTWARE: {
        3: "소프트웨어 앱개발 어플개발 웹개발 홈페이지제작 웹사이트제작 솔루션개발 플랫폼개발 SaaS 프로그램개발 개발사 "
           "정보통신 IT서비스 IT회사 IT기업 IT업체 시스템통합 SI업체 AI개발 AI솔루션 software saas 핀테크 영상분석 fintech "
           "app_development web_development it_services it_company system_integration",
        2: "앱 어플 플랫폼 프로그래밍 솔루션 developer* programming app mobile_app*",
        1: "개발 인공지능 platform* develop*",
    },
    IND.LOGISTICS: {
        3: "물류 운송 화물 운수 포워딩 퀵서비스 용달 해운 3PL 풀필먼트 배달대행 이삿짐 택배회사 택배업 "
           "logistic* courier* trucking warehous* freight forwarding fulfil* 3pl transport*",
        2: "창고 택배 운반 트럭 통관 delivery shipping",
        1: "배송",
    },
    IND.HEALTHCARE_BIO: {
        3: "병원 한의원 의료기기 바이오 제약 치과 약국 헬스케어 진단키트 의약품 신약 임상 클리닉 요양원 요양병원 요양시설 "
           "노인요양 요양보호 hospital* clinic* medical biotech* pharma* healthcare dental pharmac* diagnostic* "
           "life_science* nursing_home* elderly_care care_home*",
        2: "의료 의원 재활 검진 건강기능식품 bio",
    },
    IND.AGRI_FOOD: {
        3: "농업 농산물 스마트팜 식품 농장 축산 수산 어업 과수원 임업 버섯 재배 농가 귀농 농사 양식장 전통주 양조 "
           "장류 젓갈 축산물 수산물 가공식품 농식품 수경재배 양봉 축사 어묵 두부 막걸리 방앗간 떡집 떡공장 "
           "farm* agricultur* agri* smart_farm* fish_cake* tofu "
           "food_processing fisher* aquaculture livestock crop* brewer*",
        2: "김치 한우 유기농 식자재 건강식품 음료 비닐하우스 kimchi beverage*",
    },
    IND.CULTURE_CONTENT: {
        3: "콘텐츠 컨텐츠 게임 유튜브 웹툰 출판 음악 공연 엔터테인먼트 영화 애니메이션 캐릭터 크리에이터 뮤지컬 "
           "웹소설 e스포츠 영상제작 영상편집 디자인스튜디오 사진스튜디오 content* game* gaming video_production "
           "design_studio* youtub* webtoon* publish* music* film* animation entertainment",
        2: "영상 디자인 디자이너 엔터 방송 미디어 굿즈 일러스트 전시 예술 공방 메타버스 광고제작 design* media "
           "creative_agenc* photograph*",
    },
    IND.SERVICES: {
        3: "학원 미용실 헤어샵 네일 세탁 청소업체 세무사 법무 노무 부동산 여행사 숙박 펜션 호텔 게스트하우스 "
           "인력파견 마케팅대행 광고대행 대행사 피트니스 헬스장 요가 필라테스 번역 통역 웨딩 사진관 정비소 "
           "자동차정비 렌탈 교습소 과외 어린이집 서비스업 피부관리 세차 컨설팅회사 컨설팅업체 교육회사 교육업 교육기관 "
           "렌터카 렌트카 대여업 한복대여 공유오피스 임대업 시설관리 경비업체 용역업체 "
           "consulting_firm* consultanc* academy tutoring hair_salon* salon* laundry cleaning_service* law_firm* "
           "real_estate travel_agenc* hotel* guesthouse* marketing_agenc* fitness gym* yoga translation "
           "insurance accounting_firm* education_company car_rental* rent-a-car security_guard* "
           "facility_management building_maintenance coworking",
        2: "컨설팅 교육 미용 여행 청소 회계 세무 수리 보험 행사 뷰티 애견 돌봄 경비 에이전시 강의 코칭 대여 임대 렌트 "
           "consult* education* beauty repair* rental* agency tax accounting",
        1: "상담 서비스 service*",
    },
}
# Compounds that contain a term but mean something else (유통기한 = expiry date,
# 네이버 카페 = an online community, 국회의원 = lawmaker, 해운대 = a district of Busan,
# 스마트… = smart-anything, not 마트 the supermarket).
_STOP = ("유통기한", "네이버카페", "다음카페", "국회의원", "전원공급", "공장장", "해운대", "스마트")
# Acronyms that are ordinary words in lower case ("it", "si").
_ACRONYMS = {"IT": (IND.IT_SOFTWARE, 1), "SI": (IND.IT_SOFTWARE, 2), "AI": (IND.IT_SOFTWARE, 1), "SW": (IND.IT_SOFTWARE, 3)}

_DENIED = re.compile(
    r"아니라|아니고|아닙니다|아니에요|말고|빼고|안 ?해요|안 ?합니다|하지 않|\bnot\b|n't\b", re.IGNORECASE | re.ASCII
)


_PURPOSE = re.compile(r"용(?![접역품기])")


@dataclass(frozen=True)
class IndustryMatch:
    industry: Industry
    score: int
    matched: str
    # Other industries the same words point to, best first ("농업용 드론 만드는" is agri-food
    # and manufacturing): the reading is then a guess, and these are offered when read back.
    others: tuple[Industry, ...] = ()


def _is_english(term: str) -> bool:
    return term.isascii() and not term.isupper() and term not in ("SaaS",)


def _build() -> tuple[dict[str, tuple[Industry, int]], dict[str, tuple[Industry, int]]]:
    korean: dict[str, tuple[Industry, int]] = {}
    english: dict[str, tuple[Industry, int]] = {}
    for industry, by_weight in _TERMS.items():
        for weight, terms in by_weight.items():
            for term in terms.split():
                (english if _is_english(term) else korean)[term.lower().replace("_", " ")] = (industry, weight)
    return korean, english


_KOREAN, _ENGLISH = _build()
# Korean terms are stored without spaces; the text is matched both as written and with
# spaces removed (앱 개발 = 앱개발).
_KOREAN_RE = re.compile(terms_pattern([*_KOREAN, *(s.lower() for s in _STOP)]), re.IGNORECASE | re.ASCII)
_ENGLISH_RE = re.compile(
    r"\b(?:" + "|".join(
        re.escape(t[:-1]) + r"\w*" if t.endswith("*") else re.escape(t) + r"(?:s|es)?"
        for t in sorted(_ENGLISH, key=len, reverse=True)
    ) + r")\b",
    re.IGNORECASE | re.ASCII,
)
_ENGLISH_KEYS = sorted(_ENGLISH, key=len, reverse=True)
_ACRONYM_RE = re.compile(r"\b(" + "|".join(_ACRONYMS) + r")\b", re.ASCII)


def _english_entry(word: str) -> tuple[Industry, int] | None:
    low = word.lower()
    for key in _ENGLISH_KEYS:
        stem = key.rstrip("*")
        if (key.endswith("*") and low.startswith(stem)) or low in (stem, stem + "s", stem + "es"):
            return _ENGLISH[key]
    return None


def _hits(clause: str) -> list[tuple[Industry, int, int, str]]:
    """(industry, weight, position, term) for every lexicon term in one clause."""
    hits: list[tuple[Industry, int, int, str]] = []
    squeezed = clause.replace(" ", "")
    for m in _KOREAN_RE.finditer(squeezed):
        entry = _KOREAN.get(m.group().lower())
        if entry:
            industry, weight = entry
            # "농업용 드론", "의료용 장갑": a product's purpose names its market, not the trade.
            if _PURPOSE.match(squeezed, m.end()):
                weight = 1
            hits.append((industry, weight, m.start(), m.group()))
    for m in _ENGLISH_RE.finditer(clause):
        entry = _english_entry(m.group())
        if entry:
            hits.append((*entry, m.start(), m.group()))
    for m in _ACRONYM_RE.finditer(clause):
        industry, weight = _ACRONYMS[m.group()]
        hits.append((industry, weight, m.start(), m.group()))
    return hits


def find_industry(text: str, min_weight: int = 1) -> IndustryMatch | None:
    """The best-supported industry whose strongest term weighs at least `min_weight`."""
    norm = normalize(text)
    hits: list[tuple[Industry, int, int, str]] = []
    for start, end in clause_spans(norm):
        clause = norm[start:end]
        if not _DENIED.search(clause):
            hits.extend((ind, w, start + pos, term) for ind, w, pos, term in _hits(clause))
    if not hits:
        return None
    ranking: dict[Industry, tuple[int, int, int]] = {}
    for industry, weight, pos, _ in hits:
        best, total, first = ranking.get(industry, (0, 0, pos))
        ranking[industry] = (max(best, weight), total + weight, min(first, pos))
    industry = max(ranking, key=lambda i: (ranking[i][0], ranking[i][1], -ranking[i][2]))
    best = ranking[industry][0]
    if best < min_weight:
        return None
    term = next(t for ind, w, _, t in hits if ind == industry and w == best)
    # Another industry contests the reading when its words weigh as much, or are no passing
    # word (weight 2 or more): "어묵 공장", "의료기기 제조업", but not "카페 … 매장".
    others = sorted((i for i in ranking if i != industry and ranking[i][0] >= min(2, best)),
                    key=lambda i: (-ranking[i][0], -ranking[i][1], ranking[i][2]))
    return IndustryMatch(industry, best, term, tuple(others))


def parse_industry(text: str) -> Industry | None:
    match = find_industry(text)
    return match.industry if match else None
