"""Draws the short personas that blind writers turn into evaluation data.

The attributes are crossed at random (fixed seeds) so that nobody who knows the rules picks
which situations are tested. Each set has its own seed and draws, so dev and held-out
personas never coincide. Run: python bench/data/personas/make_personas.py"""

import random
from pathlib import Path

OUT = Path(__file__).parent

BUSINESSES = [
    "어묵 공장", "수제 맥주 양조장", "치과 의원", "카페 3곳을 운영하는 작은 체인", "온라인 여성 의류 쇼핑몰",
    "아파트 인테리어 시공", "냉동 물류 창고", "웹툰 제작 스튜디오", "딸기 스마트팜", "플라스틱 사출 금형",
    "자동차 부품 도금 공장", "영어 학원", "미용실 2곳", "반찬 가게 겸 온라인 판매", "세무·회계 사무소",
    "건축 설계 사무소", "소프트웨어 외주 개발사", "모바일 게임 스타트업", "화장품 OEM 제조", "한의원",
    "동물병원", "택배 대리점", "전기 공사 업체", "원목 가구 공방", "떡 공장", "김치 제조 공장",
    "수산물 가공 (굴비·젓갈)", "한우 전문 식당", "소규모 여행사", "상업 인쇄소", "산업용 세탁 공장",
    "노인 요양원", "헬스장", "농업용 드론 제조", "반도체 장비 부품 가공", "섬유 염색 공장",
    "중고차 매매 상사", "꽃 도매·꽃집", "베이커리 2곳", "작은 출판사", "유튜브 영상 제작사",
    "3D 프린팅 시제품 서비스", "렌터카 업체", "농기계 수리점", "주류 도매상", "약국",
    "한복 대여점", "펜션·게스트하우스", "공유오피스", "반려동물 용품 예비창업자 (사업자 등록 전)",
    "의료기기(환자 모니터) 제조", "배터리 재활용 스타트업", "정밀 계측기 제조", "수출용 김 가공",
    "조경 시공", "편의점 2곳 운영", "온라인 수학 교육 플랫폼", "주얼리 공방 겸 온라인몰", "경비·시설관리 용역",
    "전통주 양조장", "친환경 포장재 제조", "물류 중개 플랫폼 스타트업",
]
REGIONS = [
    "서울 성수동", "서울 구로", "부산 사하구", "부산 기장", "대구 성서공단", "인천 남동공단", "광주 첨단지구",
    "대전 유성", "대전 대덕구", "울산 북구", "세종", "경기 화성", "경기 안산", "경기 파주", "강원 원주",
    "강원 속초", "충북 청주 오창", "충북 음성", "충남 천안", "충남 당진", "전북 전주", "전북 익산",
    "전남 순천", "전남 목포", "경북 구미", "경북 포항", "경남 창원", "경남 김해", "제주 서귀포", "제주시",
]
SIZES = ["혼자", "부부 둘이", "3~4명", "6~9명", "10~20명", "20~40명", "40~90명", "100~250명"]
STYLES = [
    "짧고 무뚝뚝하게, 맞춤법은 대충",
    "말이 많고 한 메시지에 여러 사실을 한꺼번에",
    "얼버무림이 많음 ('한 ~ 정도?', '글쎄요', '~인 것 같아요')",
    "60대, 띄어쓰기를 거의 안 함, 숫자는 한글로 말하기도 함",
    "ㅋㅋ, ㅠㅠ, 이모티콘을 섞는 30대",
    "영어로만 대화 (한국에서 창업한 외국인 대표)",
    "영어로만 대화, 짧고 캐주얼 (교포 2세 대표)",
    "한국어에 영어 단어를 섞음 (콩글리시)",
    "존댓말이 깍듯하고 긴 문장",
    "질문과 다른 얘기로 답하거나, 앞 질문의 답을 뒤늦게 함",
]
QUIRKS = [
    "중간에 앞서 말한 숫자 하나를 정정함",
    "중간에 상담 비용이나 개인정보, 이후 절차를 물어봄",
    "금액이나 인원을 범위로 말함 ('2~3천', '열댓 명')",
    "예전 수치와 지금 수치를 같이 말함 ('작년엔 ~였는데 올해는 ~')",
    "없는 것을 부정문으로 말함 ('아직 그런 거 없어요', '보안은 신경을 못 썼어요')",
    "인원을 나눠서 말함 ('사무직 몇, 현장 몇')",
    "화면의 버튼 이름('모름', '건너뛰기')을 그대로 타자로 침",
    "반어적으로 답함 ('식당이 재택이 어딨어요')",
    "마지막 요약을 보고 한 가지를 고쳐 달라고 함",
    "하고 싶은 것은 망설이며 말함 ('해 보고 싶긴 해요'), 하기 싫은 것은 분명히 거절함",
    "지원사업 하나에 대해 중간에 물어봄",
    "첫 메시지에 회사 소개를 길게 다 해 버림",
]
GOALS = [
    "설비 가동 상태를 실시간으로 보고 불량을 줄이기", "재고·입출고 관리를 전산화", "해외 온라인 판매 시작",
    "직원 재택·원격근무 체계 만들기", "문서 유출·랜섬웨어 걱정, 보안 강화", "당장 운영자금이 급함 (매출 급감)",
    "사람을 못 뽑아 자동화가 필요", "직원 AI·데이터 교육", "전자계약·이력 관리에 블록체인 검토",
    "탄소중립·RE100 요구에 대응", "메타버스·온라인 전시로 판로 확대", "기술 개발 중 막힌 문제를 연구기관과 풀기",
    "규제 때문에 신사업을 못 함", "창업 준비 중, 사업화 지원", "부채가 많아 회생·구조조정 고민",
    "청년 직원이 자꾸 그만둠, 장기근속 유도", "고객 데이터로 마케팅 개선", "오래된 서버를 클라우드로 옮기기",
    "정책자금 대출을 알아봄", "스마트공장 도입 후 유지보수가 안 돼 곤란", "IT 담당자 없이 전산을 누가 봐 줄지",
    "지역 대표 기업으로 성장하고 싶음",
]
NOS = [
    "재택근무는 필요 없다", "대출은 받고 싶지 않다", "수출은 관심 없다", "교육은 필요 없다",
    "블록체인·메타버스 같은 건 관심 없다", "컨설팅보다 돈이 필요하다", "",
    "", "",
]
QUESTION_INTENTS = [
    "이 상담 자체의 비용", "상담이 끝나면 누가 언제 연락하는지", "내 정보가 어디에 쓰이고 얼마나 보관되는지",
    "이 대화가 얼마나 걸리는지", "중간에 그만두고 나중에 이어서 할 수 있는지", "앞에서 한 답을 고칠 수 있는지",
    "이 서비스를 누가 운영하는지, 사람인지 AI인지", "특정 지원사업이 무엇인지", "특정 지원사업의 지원 대상",
    "특정 지원사업에서 무엇을 받는지", "특정 지원사업의 신청 방법·기간", "특정 지원사업의 금액·금리",
    "특정 지원사업의 담당 기관·장소", "협회 회원사(솔루션 업체)가 무엇을 하는지", "어떤 문제에 맞는 지원이 있는지",
    "세금·노무·4대보험·인허가 같은 행정 질문", "은행 대출 금리·보험 상품", "날씨·저녁 메뉴·주식 같은 잡담",
    "인사·감사·농담", "지식베이스에 없을 법한 다른 정부 지원사업",
]


def draw(rng: random.Random, n: int, fields: dict[str, list[str]]) -> list[dict[str, str]]:
    return [{name: rng.choice(values) for name, values in fields.items()} for _ in range(n)]


def conversations(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    rows = draw(rng, n, {"business": BUSINESSES, "region": REGIONS, "size": SIZES, "style": STYLES})
    lines = []
    for i, row in enumerate(rows, 1):
        quirks = ", ".join(rng.sample(QUIRKS, 2))
        goal = rng.choice(GOALS)
        no = rng.choice(NOS)
        extra = f"; 분명히 말하는 것: {no}" if no else ""
        lines.append(f"{i:02d}. {row['region']}의 {row['business']}, {row['size']}. 원하는 것: {goal}{extra}. "
                     f"말투: {row['style']}. 특징: {quirks}.")
    return lines


def firms(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    rows = draw(rng, n, {"business": BUSINESSES, "region": REGIONS, "size": SIZES})
    lines = []
    for i, row in enumerate(rows, 1):
        goals = " + ".join(rng.sample(GOALS, rng.choice([1, 1, 2])))
        no = rng.choice(NOS)
        extra = f"; 분명히 말한 것: {no}" if no else ""
        lines.append(f"{i:02d}. {row['region']}의 {row['business']}, {row['size']}. 원하는 것: {goals}{extra}.")
    return lines


def questions(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    rows = draw(rng, n, {"business": BUSINESSES, "intent": QUESTION_INTENTS, "style": STYLES})
    return [f"{i:02d}. {r['business']} 대표가 묻는 것: {r['intent']}. 말투: {r['style']}." for i, r in enumerate(rows, 1)]


UNCOVERED = [
    "세금 신고", "직원 해고·근로계약 같은 노무", "4대보험료", "영업 허가·인허가", "상표·특허 출원", "상가 임대료",
    "은행 대출 금리 비교", "외국인 직원 비자", "배달앱 수수료", "소비자 환불 분쟁", "가게 인테리어 추천",
    "주식·부동산 투자", "회사 로고 디자인", "코로나 손실보상금", "다른 부처의 연구개발 과제 공고",
]


def searches(seed: int, n: int) -> list[str]:
    """Needs typed into a search box or as a side question; about a third the knowledge base cannot answer."""
    rng = random.Random(seed)
    lines = []
    for i in range(1, n + 1):
        business, style = rng.choice(BUSINESSES), rng.choice(STYLES)
        need = f"모를 법한 것: {rng.choice(UNCOVERED)}" if rng.random() < 0.3 else f"원하는 것: {rng.choice(GOALS)}"
        lines.append(f"{i:02d}. {business} 대표. {need}. 말투: {style}.")
    return lines


def main() -> None:
    sets = {
        "conversations_heldout.md": conversations(1201, 50),
        "conversations_dev.md": conversations(1202, 40),
        "conversations_dev2.md": conversations(1203, 30),
        "firms_heldout.md": firms(1301, 48),
        "firms_dev.md": firms(1302, 30),
        "questions_heldout.md": questions(1311, 100),
        "questions_dev.md": questions(1312, 70),
        "searches_heldout.md": searches(1321, 90),
    }
    for name, lines in sets.items():
        (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
