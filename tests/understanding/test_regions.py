import pytest

from assistant.understanding.regions import find_region, parse_region
from knowledge.vocabulary import Region


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("서울", "seoul"), ("서울시", "seoul"), ("서울특별시 강남구", "seoul"), ("경기도", "gyeonggi"),
        ("경남", "gyeongnam"), ("경상남도 김해시", "gyeongnam"), ("충북", "chungbuk"), ("전라북도", "jeonbuk"),
        ("전북특별자치도", "jeonbuk"), ("강원특별자치도", "gangwon"), ("제주도", "jeju"), ("세종시", "sejong"),
        ("창원", "gyeongnam"), ("수원", "gyeonggi"), ("판교", "gyeonggi"), ("성남시 분당구", "gyeonggi"),
        ("해운대", "busan"), ("청주", "chungbuk"), ("천안", "chungnam"), ("아산이요", "chungnam"),
        ("포항", "gyeongbuk"), ("구미에서 공장해요", "gyeongbuk"), ("경주", "gyeongbuk"), ("전주에 있어요", "jeonbuk"),
        ("군산", "jeonbuk"), ("익산", "jeonbuk"), ("여수", "jeonnam"), ("순천", "jeonnam"), ("목포", "jeonnam"),
        ("원주", "gangwon"), ("춘천", "gangwon"), ("강릉", "gangwon"), ("김해", "gyeongnam"), ("진주", "gyeongnam"),
        ("거제", "gyeongnam"), ("유성구", "daejeon"), ("대덕연구단지", "daejeon"), ("강남", "seoul"),
        ("역삼동", "seoul"), ("구로디지털단지", "seoul"), ("가산", "seoul"), ("송도", "incheon"), ("부평", "incheon"),
        ("서귀포", "jeju"), ("경기 광주", "gyeonggi"), ("경기도 광주시", "gyeonggi"), ("경기도광주시", "gyeonggi"),
        ("광주", "gwangju"), ("광주광역시", "gwangju"), ("대구 중구", "daegu"), ("충남 예산군", "chungnam"),
        ("부산에있어요", "busan"), ("울산이요", "ulsan"), ("대전이고요", "daejeon"), ("인천 남동공단", "incheon"),
        ("양산시", "gyeongnam"), ("고양시 일산", "gyeonggi"), ("서울 강서구", "seoul"), ("수원시청 근처", "gyeonggi"),
        ("Gyeonggi province", "gyeonggi"), ("Seoul", "seoul"), ("Busan", "busan"), ("Changwon", "gyeongnam"),
        ("Daejeon city", "daejeon"), ("South Gyeongsang", "gyeongnam"), ("Gyeongsangnam-do", "gyeongnam"),
        ("Gwangju, Gyeonggi", "gyeonggi"), ("We are located in Gwangju", "gwangju"), ("Pangyo", "gyeonggi"),
        ("대전에서 직원 25명으로 금형 만드는 회사입니다", "daejeon"), ("본사는 서울, 공장은 창원", "seoul"),
        ("본사는 서울이고 공장은 충남 아산", "seoul"), ("경기 남부요", "gyeonggi"), ("대구 달서구", "daegu"),
        ("남양주", "gyeonggi"), ("전주에요", "jeonbuk"), ("경기요", "gyeonggi"), ("세종", "sejong"), ("광산구", "gwangju"),
    ],
)
def test_region(text: str, expected: str) -> None:
    assert parse_region(text) == Region(expected)


@pytest.mark.parametrize(
    "text",
    [
        "부산물 처리 업체", "대구경 파이프", "중구", "남구 북구", "강서구", "예산은 월 100만원", "경기가 어려워요",
        "경기 침체로 힘들어요", "서울대 나왔어요", "고양이 키워요", "전주 대비 매출이 늘었어요", "양산 체제예요",
        "음성 인식 써요", "보안 강화가 필요해요", "목표 달성", "서면으로 주세요", "수영 강습", "잘 모르겠어요", "",
        "충청도", "수도권", "it's on the way", "동작 인식", "상주 인력이 있어요",
    ],
)
def test_no_region(text: str) -> None:
    assert parse_region(text) is None


def test_matched_span_covers_the_deciding_mentions() -> None:
    match = find_region("경기도 광주시에 있어요")
    assert match is not None
    assert match.matched == "경기도 광주시"
