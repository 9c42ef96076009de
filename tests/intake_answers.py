"""One owner's complete answers, by slot: a Daejeon mould maker, used by tests that run a
whole intake."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from application.chat.service import ChatService

DAEJEON_MOULD_MAKER = {
    "company.industry": "대전에서 직원 25명으로 금형 만드는 회사입니다",
    "company.founded_year": "2010년",
    "company.annual_revenue_krw": "30억",
    "company.name": "한빛정밀",
    "costs.it_budget_krw_per_year": "월 100만원",
    "costs.pressures": "인건비요",
    "costs.funding_need": "운영자금이요",
    "staffing.it_staff": "없어요",
    "staffing.digital_skills": "엑셀 정도만 해요",
    "staffing.hiring_difficulty": "네",
    "remote.status": "안 해요",
    "remote.interest": "네",
    "readiness.cloud": "안 써요",
    "readiness.ai": "검토 중이에요",
    "readiness.blockchain": "전혀 몰라요",
    "readiness.data": "엑셀로 각자 관리해요",
    "readiness.security": "백신만 있어요",
    "needs.goals": "생산 데이터를 모아서 불량을 줄이고 싶어요",
    "needs.support_types": "자금이랑 멘토링이요",
    "needs.urgency": "3개월 안에요",
    "contact.name": "김민수",
    "contact.email": "minsu@example.com",
}

AGREE = "네, 동의합니다"
DONT_KNOW = "잘 모르겠어요"


def reply_to(expecting: str, answers: Mapping[str, str] = DAEJEON_MOULD_MAKER, consent: str = AGREE) -> str:
    """What the owner says when the assistant expects `expecting`: the consent answer, the
    owner's answer for that slot, or don't-know — so a test follows the flow's order, whatever it is."""
    return consent if expecting == "consent" else answers.get(expecting, DONT_KNOW)


def run_intake(chat: "ChatService", answers: Mapping[str, str] = DAEJEON_MOULD_MAKER,
               partner: str | None = None, consent: str = AGREE) -> str:
    """The session id of a conversation run to its end through the chat service."""
    started = chat.start(lang="ko", partner=partner)
    turn = started.turn
    for n in range(40):
        if turn.expecting is None:
            break
        turn = chat.post(session_id=started.session_id, token=started.token, client_message_id=f"m{n}",
                         text=reply_to(turn.expecting, answers, consent))
    assert turn.expecting is None, "the intake did not end"
    return started.session_id
