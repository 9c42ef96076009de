"""Running real intakes into a store: the session runtime's dialog engine and brief builder,
with the chat and case services on the database under test, so every case is made the way
the service makes it."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from application.accounts import AccountService, NewUser, Role, User
from application.cases.service import CaseService
from application.casework.service import CaseworkService
from application.chat.service import ChatService
from application.runtime import Runtime
from tests.intake_answers import AGREE, DAEJEON_MOULD_MAKER
from tests.intake_answers import run_intake as run_chat_intake

CONSENT = AGREE
PASSWORD = "visits-6-times-a-month"
SEOUL_SHOP = {"company.industry": "서울에서 직원 10명으로 온라인 쇼핑몰 운영해요", "needs.urgency": "한 달 안에요",
              "needs.goals": "해외 고객한테도 온라인으로 팔아 보고 싶어요"}


def run_intake(chat: ChatService, answers: Mapping[str, str] = DAEJEON_MOULD_MAKER,
               partner: str | None = None) -> str:
    """The session id of a finished, consented conversation."""
    session_id = run_chat_intake(chat, answers, partner)
    assert chat.replay_session(session_id).brief_ready, "the intake did not finish with a brief"
    return session_id


@dataclass
class Clock:
    """The time the casework service stamps with, moved by the test."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class World:
    chat: ChatService
    cases: CaseService
    casework: CaseworkService
    accounts: AccountService
    clock: Clock

    def intake(self, answers: Mapping[str, str] = DAEJEON_MOULD_MAKER, partner: str | None = None) -> str:
        session_id = run_intake(self.chat, {**DAEJEON_MOULD_MAKER, **answers}, partner)
        case_id = self.cases.case_for_session(session_id)
        assert case_id is not None
        return case_id

    def user(self, role: Role, team: str | None = None, *, capacity: int = 5, name: str | None = None) -> User:
        email = f"{role.value}-{uuid.uuid4().hex[:8]}@example.kr"
        return self.accounts.create_user(
            NewUser(email=email, name=name or f"{role.value} {email[:12]}", role=role, team=team, capacity=capacity),
            password=PASSWORD)


def make_world(runtime: Runtime, writer: sessionmaker[Session], reader: sessionmaker[Session],
               accounts: AccountService) -> World:
    cases = CaseService(writer, build=runtime.cases.build_brief, contact_days=runtime.cases.contact_days)
    chat = ChatService(runtime.engine, writer, reader, on_ready=cases.ensure_case)
    clock = Clock()
    casework = CaseworkService(writer, reader, replay=chat.replay_session,
                               contact_days=runtime.engine.mentor_contact_days, clock=clock)
    return World(chat=chat, cases=cases, casework=casework, accounts=accounts, clock=clock)
