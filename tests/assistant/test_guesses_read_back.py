"""Nothing filed silently on a guess: a volunteered fact whose routing is a guess is read back
in its question's place, a contested industry is read back with the other readings on offer,
and at a read-back only a clear restatement replaces what was read back."""

from datetime import UTC, datetime

from assistant.engine import Engine
from assistant.events import QuestionAsked
from assistant.understanding.counts import find_counts
from assistant.understanding.industries import find_industry
from prompts import load_prompts
from tests.assistant.conftest import Chat

KO = load_prompts("ko")
# The rules alone (no knowledge base, no meaning matcher): these are the policy's guarantees.
ENGINE = Engine(clock=lambda: datetime(2026, 12, 7, 9, tzinfo=UTC), mentor_contact_days=2)


def read_backs(chat: Chat) -> list[str]:
    return [e.slot for e in chat.events if isinstance(e, QuestionAsked) and e.confirm]


def test_a_headcount_said_in_passing_without_its_topic_is_read_back_in_its_place() -> None:
    chat = Chat(ENGINE)
    chat.say("미용실 하는데 남편이랑 둘이서 해요")
    assert chat.value("company.employees") == 2
    assert any("직원 수 2명" in m for m in chat.turn.messages)  # acknowledged at once
    assert read_backs(chat) == [] and chat.turn.expecting == "company.region"
    chat.say("서울 성수동이요")
    assert read_backs(chat) == ["company.employees"]
    assert any(KO.say.readback.format(item="직원 수 2명") == m for m in chat.turn.messages)
    chat.say("맞아요")
    assert chat.state.slots["company.employees"].confirmed
    assert chat.turn.expecting == "company.founded_year"


def test_a_headcount_said_with_its_topic_is_kept_without_a_read_back() -> None:
    chat = Chat(ENGINE)
    chat.say("대전에서 직원 25명으로 금형 만드는 회사입니다")
    assert chat.value("company.employees") == 25
    assert read_backs(chat) == [] and chat.turn.expecting == "company.founded_year"


def test_a_contested_industry_is_read_back_with_the_other_reading_on_offer() -> None:
    chat = Chat(ENGINE)
    chat.say("농업용 드론 만드는 회사예요")
    assert read_backs(chat) == ["company.industry"]
    offered = {o.value: o.label for o in chat.turn.options}
    assert offered.get("manufacturing") == "제조업" and "yes" in offered
    chat.say("제조업")  # the offered reading, typed as its label
    assert chat.value("company.industry") == "manufacturing"
    assert chat.turn.expecting == "company.region"


def test_a_product_purpose_does_not_name_the_trade() -> None:
    match = find_industry("농업용 드론 만드는 회사")
    assert match is not None and match.score == 1 and match.others
    farm = find_industry("농업 법인이에요")  # without 용 the word names the trade
    assert farm is not None and farm.score == 3 and farm.industry.value == "agri_food"
    welding = find_industry("용접 공장")  # 용접 is a word of its own
    assert welding is not None and welding.industry.value == "manufacturing" and welding.score == 3


def test_at_a_read_back_talk_of_something_else_keeps_what_was_read_back() -> None:
    chat = Chat(ENGINE)
    chat.say("창원 전기공사 업체. 배전반 제작공장도 있어요")
    assert read_backs(chat) == ["company.industry"] and chat.value("company.industry") == "construction"
    chat.say("스마트공장 깔았는데 유지보수가 안 돼서 문의드려요")
    assert chat.value("company.industry") == "construction"


def test_at_a_read_back_a_clear_restatement_replaces_it() -> None:
    chat = Chat(ENGINE)
    chat.say("안녕하세요 상담 좀 받고 싶어서요")
    assert read_backs(chat) == ["company.industry"]
    chat.say("베이커리 카페 3개 매장 운영해요")
    assert chat.value("company.industry") == "food_service"


def test_earlier_said_to_go_on_about_something_is_not_a_correction() -> None:
    chat = Chat(ENGINE)
    chat.say("반찬가게 해요")
    before = chat.value("company.industry")
    chat.say("아까 온라인 판매 얘기를 더 하면 스마트스토어에서도 팔아요")
    assert chat.value("company.industry") == before
    assert not any(m.startswith(KO.say.corrected.split("{")[0]) for m in chat.turn.messages)


def test_only_us_two_is_a_headcount_but_only_one_server_is_not() -> None:
    assert [c.value for c in find_counts("지금은 진짜 저희 둘뿐이에요")] == [2]
    assert [c.value for c in find_counts("우리 넷밖에 없어요")] == [4]
    assert find_counts("서버가 하나밖에 없어요") == []
