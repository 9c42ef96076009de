"""Privacy tests run on both databases (the store's fixtures) with cases made by real intakes
through the chat service."""

from dataclasses import dataclass
from datetime import datetime

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session, sessionmaker

from application.cases.models import CaseRow
from application.cases.service import CaseService
from application.chat.service import ChatService
from application.runtime import Runtime
from application.store.database import session_factory
from tests.intake_answers import DAEJEON_MOULD_MAKER
from tests.store.conftest import database_url, engine, factory, postgres_admin

__all__ = ["database_url", "engine", "factory", "postgres_admin"]

EMAIL = "minsu@example.com"
PHONE = "010-2345-6789"
NAME = "김민수"
# Contact details given after consent, in the words an owner might use; the name only with the
# consent for optional items.
ANSWERS = {
    **DAEJEON_MOULD_MAKER,
    "contact.email": f"{EMAIL} 이에요. 급하면 {PHONE}로 전화 주세요",
    "contact.phone": PHONE,
    "contact.name": f"제 이름은 {NAME}입니다",
}
AGREE = "네, 동의합니다"
REFUSE = "동의하지 않아요"
DONT_KNOW = "잘 모르겠어요"
MAX_TURNS = 60


@dataclass
class Store:
    writer: sessionmaker[Session]
    chat: ChatService
    cases: CaseService

    def run_intake(self, *, consent: str = AGREE, after: list[str] | None = None) -> str:
        """A whole conversation answered by what the assistant says it expects (so it follows the
        flow's order, whatever it is); `after` is said once the intake is over. The session id."""
        started = self.chat.start(lang="ko", partner=None)
        turn = started.turn
        said = 0

        def say(text: str) -> None:
            nonlocal turn, said
            turn = self.chat.post(session_id=started.session_id, token=started.token,
                                  client_message_id=f"m{said}", text=text)
            said += 1

        while turn.expecting is not None:
            assert said < MAX_TURNS, f"the intake did not end; still expecting {turn.expecting}"
            expecting = turn.expecting
            say(consent if expecting.startswith("consent") else ANSWERS.get(expecting, DONT_KNOW))
        for text in after or []:
            say(text)
        return started.session_id

    def make_case(self, *, after: list[str] | None = None) -> str:
        session_id = self.run_intake(after=after)
        case_id = self.cases.case_for_session(session_id)
        assert case_id is not None
        return case_id

    def close_case(self, case_id: str, *, status: str, closed_at: datetime) -> None:
        # Written directly: walking the workflow step by step is the casework tests' business;
        # the purge reads only these two fields.
        with self.writer.begin() as db:
            db.execute(update(CaseRow).where(CaseRow.id == case_id).values(status=status, closed_at=closed_at))


@pytest.fixture
def store(engine: Engine, runtime: Runtime) -> Store:
    writer = session_factory(engine)
    cases = CaseService(writer, build=runtime.cases.build_brief, contact_days=runtime.cases.contact_days)
    chat = ChatService(runtime.engine, writer, session_factory(engine, read_only=True), on_ready=cases.ensure_case)
    return Store(writer=writer, chat=chat, cases=cases)

