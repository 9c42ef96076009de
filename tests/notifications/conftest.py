"""Notifications on both databases (the store's `database_url`), cases made by real intakes,
mail delivered to a real SMTP server on a loopback port."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from application.accounts import AccountService
from application.cases.service import CaseService
from application.casework.service import CaseworkService
from application.chat.service import ChatService
from application.notifications.models import NotificationRow
from application.notifications.schemas import DeliveryPolicy, RunReport, SmtpConfig
from application.notifications.sender import Sender
from application.notifications.service import Notifier, Outbox
from application.runtime import Runtime
from application.settings import Settings
from tests.casework.conftest import stores  # noqa: F401  (shared fixtures)
from tests.casework.helpers import Clock, World
from tests.notifications.smtp import SmtpServer
from tests.store.conftest import database_url, postgres_admin  # noqa: F401

CONSOLE = "https://console.example.kr"
# New cases from Daejeon go to this team's leads.
REGION_TEAMS = {"daejeon": "chungcheong"}
POLICY = DeliveryPolicy(max_attempts=4, retry_seconds=60, retry_max_seconds=3600, lease_seconds=120)


@dataclass
class SenderClock:
    """Real time moved on by the test: mails are queued at real time, so the sender's clock
    must never fall behind it."""

    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


@dataclass
class Mailroom:
    world: World
    writer: sessionmaker[Session]
    smtp: SmtpServer
    notifier: Notifier
    outbox: Outbox
    config: SmtpConfig
    clock: SenderClock

    def sender(self) -> Sender:
        return Sender(self.outbox, self.notifier, self.config, clock=self.clock)

    def send(self) -> RunReport:
        return self.sender().run_once()

    def rows(self) -> list[NotificationRow]:
        with self.writer() as db:
            return list(db.scalars(select(NotificationRow).order_by(NotificationRow.id)))


def smtp_config(port: int) -> SmtpConfig:
    return SmtpConfig(host="127.0.0.1", port=port, security="none", user=None, password=None, timeout=10,
                      from_address="noreply@agency.example.kr")


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture
def sender_clock() -> SenderClock:
    return SenderClock()


@pytest.fixture
def writer(stores: tuple[sessionmaker[Session], sessionmaker[Session]]) -> sessionmaker[Session]:  # noqa: F811
    return stores[0]


@pytest.fixture
def outbox(writer: sessionmaker[Session], sender_clock: SenderClock) -> Outbox:
    return Outbox(writer, policy=POLICY, clock=sender_clock)


@pytest.fixture
def mailroom(stores: tuple[sessionmaker[Session], sessionmaker[Session]], runtime: Runtime,  # noqa: F811
             settings: Settings, smtp: SmtpServer, outbox: Outbox, sender_clock: SenderClock) -> Mailroom:
    writer, reader = stores
    notifier = Notifier(console_url=CONSOLE, contact_days=runtime.cases.contact_days, region_teams=REGION_TEAMS)
    cases = CaseService(writer, build=runtime.cases.build_brief, contact_days=runtime.cases.contact_days,
                        notifier=notifier)
    chat = ChatService(runtime.engine, writer, reader, on_ready=cases.ensure_case)
    clock = Clock()
    casework = CaseworkService(writer, reader, replay=chat.replay_session, contact_days=runtime.cases.contact_days,
                               clock=clock, notifier=notifier)
    world = World(chat=chat, cases=cases, casework=casework, accounts=AccountService.from_settings(writer, settings),
                  clock=clock)
    return Mailroom(world=world, writer=writer, smtp=smtp, notifier=notifier, outbox=outbox,
                    config=smtp_config(smtp.port), clock=sender_clock)
