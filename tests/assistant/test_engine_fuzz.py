"""Nothing crashes on any input: random messages at random points of the intake."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.runtime import Runtime
from tests.assistant.conftest import Chat

# Korean syllables, jamo, Latin, digits, punctuation and control characters.
messy_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
        st.characters(min_codepoint=0x3131, max_codepoint=0x318E),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from(["\n", "\t", "\u200b", "\x00", "?", "원", "명", "만", "억"]),
    ),
    max_size=80,
)
owner_like = st.sampled_from([
    "네", "아니요", "잘 모르겠어요", "건너뛸게요", "이전으로", "월 50만원", "직원 3명", "부산", "식당해요",
    "아 직원 수는 30명이에요", "아까 예산 틀렸어요", "스마트공장이 뭐예요?", "a@example.com", "동의해요",
    "0", "5", "yes", "no", "skip", "unknown", "fix:contact.email", "fix:company.employees", "fix:nope", "",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(messy_text, owner_like), min_size=1, max_size=12))
def test_advance_never_crashes_and_stays_consistent(runtime: Runtime, messages: list[str]) -> None:
    chat = Chat(runtime.engine)
    for text in messages:
        step = chat.say(text)
        turn = step.turn
        assert turn.messages, "every turn says something"
        assert turn.expecting is None or turn.expecting == "consent" or turn.expecting in runtime.engine.flow.by_id
        if turn.expecting is not None and not chat.state.confirming:
            # Only a read-back asks about a slot that already holds a (weak) value.
            assert turn.expecting not in chat.state.slots
    assert chat.state.user_messages == len(messages)
