"""A small agency's month, made through the real services: finished intakes from two
regions, conversations left half-way, one refused consent, contacts on time and late, and a
mentor holding cases."""

from dataclasses import dataclass, field
from datetime import timedelta

from application.accounts import Role, User
from tests.casework.helpers import SEOUL_SHOP, World
from tests.intake_answers import DAEJEON_MOULD_MAKER, reply_to
from tests.intake_answers import run_intake as run_chat_intake

REFUSE = "동의하지 않아요"
DAEJEON_CASES = 6
SEOUL_CASES = 2
LEFT_EARLY = 5
# Far enough for every late contact to be past the deadline, whatever holidays fall in it.
LATE_DAYS = 16


@dataclass
class Seeded:
    daejeon: list[str] = field(default_factory=list)
    seoul: list[str] = field(default_factory=list)
    left_at: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    mentor: User | None = None

    @property
    def cases(self) -> list[str]:
        return [*self.daejeon, *self.seoul]


def leave_after(world: World, answers: int) -> str:
    """A conversation the owner leaves after `answers` answers; the question they left at."""
    started = world.chat.start(lang="ko", partner=None)
    turn = started.turn
    for n in range(answers):
        assert turn.expecting is not None
        turn = world.chat.post(session_id=started.session_id, token=started.token, client_message_id=f"m{n}",
                               text=reply_to(turn.expecting, DAEJEON_MOULD_MAKER))
    assert turn.expecting is not None
    return turn.expecting


def seed(world: World) -> Seeded:
    seeded = Seeded()
    seeded.daejeon = [world.intake() for _ in range(DAEJEON_CASES)]
    seeded.seoul = [world.intake(SEOUL_SHOP) for _ in range(SEOUL_CASES)]
    seeded.left_at = [leave_after(world, 1) for _ in range(LEFT_EARLY)]
    seeded.refused = [run_chat_intake(world.chat, consent=REFUSE)]
    staff = world.user(Role.staff)
    mentor = world.user(Role.mentor, "대전 1팀", capacity=3, name="박멘토")
    seeded.mentor = mentor
    # Five contacted the day they came in, one two weeks late; the rest wait.
    for case_id in seeded.daejeon[:5]:
        world.casework.mark_contacted(actor=staff, case_id=case_id)
    world.clock.advance(days=LATE_DAYS)
    world.casework.mark_contacted(actor=staff, case_id=seeded.daejeon[5])
    for case_id in seeded.seoul:
        world.casework.assign(actor=staff, case_id=case_id, mentor_id=mentor.id)
    world.clock.now -= timedelta(days=LATE_DAYS)
    return seeded
