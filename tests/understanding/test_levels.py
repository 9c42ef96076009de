import pytest

from assistant.understanding.levels import Dimension, parse_level


@pytest.mark.parametrize(
    ("dimension", "text", "expected"),
    [
        ("cloud", "AWS를 일부 서비스에 써요", 3),
        ("cloud", "검토 중이에요", 1),
        ("ai", "알아보는 중", 1),
        ("ai", "시범적으로 써보고 있어요", 2),
        ("cloud", "테스트 중", 2),
        ("ai", "파일럿 진행 중입니다", 2),
        ("ai", "전혀 몰라요", 0),
        ("cloud", "안 써요", 0),
        ("blockchain", "관심 없어요", 0),
        ("cloud", "전사적으로 써요", 4),
        ("cloud", "모든 업무에 클라우드 써요", 4),
        ("cloud", "없으면 일이 안 돌아가요", 5),
        ("ai", "우리 업무의 핵심이에요", 5),
        ("ai", "3", 3),
        ("ai", "3단계", 3),
        ("security", "레벨 4", 4),
        ("ai", "5점 만점에 3점", 3),
        ("cloud", "아직 안 쓰지만 검토 중이에요", 1),
        ("ai", "써본 적 없어요", 0),
        ("ai", "챗GPT 가끔 써요", 2),
        ("ai", "관심은 있는데 계획은 없어요", 1),
        ("cloud", "전사 도입 검토 중", 1),
        ("cloud", "구글 드라이브 써요", 3),
        ("cloud", "대부분 클라우드로 옮겼어요", 4),
        ("blockchain", "블록체인이 뭔지 몰라요", 0),
        ("security", "백신만 깔려 있어요", 2),
        ("security", "방화벽이랑 백업 해요", 3),
        ("security", "ISMS 인증 받았어요", 4),
        ("security", "아니요", 0),
        ("cloud", "We use AWS for some services", 3),
        ("ai", "We are considering it", 1),
        ("ai", "not using it", 0),
        ("cloud", "everything runs on the cloud", 5),
        ("ai", "we are piloting a chatbot", 2),
        ("cloud", "widely used across the company", 4),
        ("cloud", "안써요", 0),
        ("cloud", "서버는 회사에 있어요", 0),
        ("ai", "AI로 불량 검사하고 있어요", 3),
        ("cloud", "클라우드가 뭔지 잘 몰라요", 0),
        ("ai", "We tried ChatGPT a few times", 2),
        ("ai", "반려동물 사진으로 건강 체크하는 AI 모델을 시험해보는 중이에요", 2),
        ("cloud", "AWS로 시험해보는 중이에요", 2),
        ("ai", "챗GPT 몇 번 써봤어요", 2),
        ("cloud", "We use Google Workspace and AWS for everything", 4),
    ],
)
def test_adoption_level(dimension: Dimension, text: str, expected: int) -> None:
    parsed = parse_level(dimension, text)
    assert parsed is not None
    assert parsed.level == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("장부는 종이로 써요", 0),
        ("수기로 적어요", 0),
        ("엑셀로 각자 관리해요", 1),
        ("액셀로 해요", 1),
        ("구글 시트로 같이 관리해요", 2),
        ("공유 폴더에 올려요", 2),
        ("ERP 써요", 3),
        ("더존 쓰고 있어요", 3),
        ("대시보드로 매주 분석해요", 4),
        ("데이터 기반으로 자동화해서 의사결정해요", 5),
        ("ERP는 없고 엑셀로 각자 해요", 1),
        ("엑셀도 안 쓰고 종이로 해요", 0),
        ("paper notebooks", 0),
        ("shared spreadsheets", 2),
        ("we have an ERP system", 3),
        ("2", 2),
        ("따로 관리 안 해요", 0),
        ("포스기 데이터만 있어요", 3),
        ("MES를 써요", 3),
        ("주문은 엑셀로 받고 재고는 종이에 적어요", 1),
        ("ERP 쓰고 있고 매주 리포트 뽑아요", 4),
    ],
)
def test_data_level(text: str, expected: int) -> None:
    parsed = parse_level("data", text)
    assert parsed is not None
    assert parsed.level == expected


@pytest.mark.parametrize(
    ("dimension", "text"),
    [("ai", "잘 모르겠어요"), ("cloud", "음"), ("cloud", ""), ("data", "ERP 도입 검토 중이에요"), ("ai", "7단계")],
)
def test_not_understood(dimension: Dimension, text: str) -> None:
    assert parse_level(dimension, text) is None


def test_explicit_digit_is_most_confident() -> None:
    digit = parse_level("ai", "3")
    words = parse_level("ai", "일부 써요")
    assert digit is not None and words is not None
    assert digit.confidence > words.confidence
    assert digit.matched == "3"
