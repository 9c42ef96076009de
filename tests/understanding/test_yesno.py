import pytest

from assistant.understanding.yesno import is_back, is_dont_know, is_skip, parse_yes_no


@pytest.mark.parametrize(
    "text",
    [
        "네", "예", "응", "넵", "ㅇㅇ", "맞아요", "그렇죠", "있어요", "좋아요", "동의해요", "네, 동의합니다", "동의합니다",
        "yes", "Yes, I agree", "yeah", "yep", "sure", "of course", "I agree", "관심 있어요", "재택 하고 싶어요",
        "필요해요", "네 필요합니다", "문제 없어요", "물론이죠", "ok", "Absolutely", "당연하죠", "있으면 좋겠어요",
        "직원들이 원하긴 해요",
    ],
)
def test_yes(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "아니요", "아뇨", "아니오", "없어요", "안 해요", "싫어요", "no", "nope", "not really", "원하지 않아요",
        "필요 없어요", "아니요 괜찮아요", "of course not", "I don't agree", "별로요", "관심 없어요", "동의하지 않습니다",
        "No thanks", "ㄴㄴ", "never", "글쎄요, 필요성은 못 느껴요", "잘 모르겠는데 아마 없을 거예요",
    ],
)
def test_no(text: str) -> None:
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", ["잘 모르겠어요", "음", "", "I don't know", "어렵습니다", "글쎄요"])
def test_neither(text: str) -> None:
    assert parse_yes_no(text) is None


@pytest.mark.parametrize(
    "text",
    ["잘 모르겠어요", "몰라요", "글쎄요", "모르겠는데요", "I don't know", "not sure", "no idea", "잘모르겠어요", "dunno",
     "기억이 안 나요", "확실하지 않아요"],
)
def test_dont_know(text: str) -> None:
    assert is_dont_know(text)


@pytest.mark.parametrize("text", ["네", "30명", "알아요", "I know exactly"])
def test_not_dont_know(text: str) -> None:
    assert not is_dont_know(text)


@pytest.mark.parametrize(
    "text",
    ["건너뛸게요", "건너뛰기", "패스", "패스요", "다음으로", "다음 질문이요", "skip", "Skip this one", "next",
     "나중에 말할게요", "넘어가 주세요", "말하기 곤란해요", "I'd rather not say", "pass"],
)
def test_skip(text: str) -> None:
    assert is_skip(text)


@pytest.mark.parametrize("text", ["next month", "다음 달", "다음 주에 필요해요", "later this year", "패스트푸드 가게", "30명"])
def test_not_skip(text: str) -> None:
    assert not is_skip(text)


@pytest.mark.parametrize(
    "text", ["이전으로", "뒤로", "back", "go back", "이전 질문", "뒤로 가주세요", "앞 질문으로 돌아가요", "previous question"]
)
def test_back(text: str) -> None:
    assert is_back(text)


@pytest.mark.parametrize(
    "text", ["회사가 안 돌아가요", "feedback", "I will get back to you", "뒤로 미뤄도 돼요?", "backup을 해요"]
)
def test_not_back(text: str) -> None:
    assert not is_back(text)
