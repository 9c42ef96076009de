import pytest

from assistant.understanding.industries import find_industry, parse_industry
from knowledge.vocabulary import Industry


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("금형", "manufacturing"), ("용접해요", "manufacturing"), ("부품 가공 공장", "manufacturing"),
        ("제조업이에요", "manufacturing"), ("사출 성형", "manufacturing"), ("도금 공장", "manufacturing"),
        ("주물", "manufacturing"), ("CNC 가공", "manufacturing"), ("자동차 부품 만들어요", "manufacturing"),
        ("쇼핑몰 운영", "retail_ecommerce"), ("온라인 판매", "retail_ecommerce"), ("스마트스토어 해요", "retail_ecommerce"),
        ("도소매", "retail_ecommerce"), ("유통업", "retail_ecommerce"), ("화장품 쇼핑몰", "retail_ecommerce"),
        ("식당", "food_service"), ("카페 해요", "food_service"), ("음식점", "food_service"), ("베이커리", "food_service"),
        ("치킨집", "food_service"), ("인테리어", "construction"), ("건설", "construction"), ("시공", "construction"),
        ("리모델링 업체", "construction"), ("소프트웨어 개발", "it_software"), ("앱 개발", "it_software"),
        ("앱개발 회사", "it_software"), ("SI 업체", "it_software"), ("IT 서비스", "it_software"),
        ("물류", "logistics"), ("택배", "logistics"), ("운송업", "logistics"), ("창고 보관", "logistics"),
        ("병원", "healthcare_bio"), ("의료기기", "healthcare_bio"), ("바이오 벤처", "healthcare_bio"),
        ("제약", "healthcare_bio"), ("농업", "agri_food"), ("농산물 유통", "agri_food"), ("스마트팜", "agri_food"),
        ("식품 가공", "agri_food"), ("콘텐츠 제작", "culture_content"), ("게임 개발", "culture_content"),
        ("영상 제작", "culture_content"), ("디자인 스튜디오", "culture_content"), ("컨설팅", "services"),
        ("교육", "services"), ("미용실", "services"), ("세탁소", "services"), ("학원 운영", "services"),
        ("의료기기 제조", "healthcare_bio"), ("식품 제조 공장", "agri_food"), ("금형 공장", "manufacturing"),
        ("We are a manufacturer of auto parts", "manufacturing"), ("online shop selling clothes", "retail_ecommerce"),
        ("we run a restaurant", "food_service"), ("software company", "it_software"), ("logistics", "logistics"),
        ("hospital", "healthcare_bio"), ("design studio", "culture_content"), ("hair salon", "services"),
        ("We make mobile games", "culture_content"), ("dental clinic", "healthcare_bio"),
        ("interior design and remodeling", "construction"), ("smart farm", "agri_food"),
        ("제조가 아니라 유통이에요", "retail_ecommerce"), ("We develop mobile apps", "it_software"),
        ("We are a trucking company", "logistics"), ("We make kimchi", "agri_food"), ("Accounting firm", "services"), ("커피 원두를 온라인으로 팔아요", "retail_ecommerce"),
    ],
)
def test_industry(text: str, expected: str) -> None:
    assert parse_industry(text) == Industry(expected)


@pytest.mark.parametrize(
    "text",
    ["유통기한 관리", "네이버 카페 운영", "Changwon-si", "It is what it is", "잘 모르겠어요", "", "대전에 있어요", "네"],
)
def test_no_industry(text: str) -> None:
    assert parse_industry(text) is None


def test_sector_noun_outweighs_generic_words() -> None:
    match = find_industry("의료기기 제조 공장")
    assert match is not None
    assert (match.industry, match.score, match.matched) == (Industry.HEALTHCARE_BIO, 3, "의료기기")


def test_minimum_weight_filters_weak_hints() -> None:
    assert find_industry("제조", min_weight=3) is None
    assert find_industry("제조") is not None
