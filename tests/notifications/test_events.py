"""Each case event's mail reaches the right people exactly once, on SQLite and PostgreSQL,
through a real SMTP server; no mail but the assigned mentor's names the company, none carries
the owner's contact data or own words, and every link is a plain console address."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from application.accounts import Role
from application.calendar import day_start, is_working_day, korean_date
from application.cases.models import CaseRow
from application.casework.errors import OverCapacity
from application.notifications.schemas import RunReport
from tests.intake_answers import DAEJEON_MOULD_MAKER, DONT_KNOW, reply_to
from tests.notifications.conftest import CONSOLE, Mailroom
from tests.notifications.smtp import Received

OWNER_EMAIL = DAEJEON_MOULD_MAKER["contact.email"]
# What the owner told the chat that identifies them or is their own words.
OWNER_DATA = [DAEJEON_MOULD_MAKER[k] for k in ("contact.name", "contact.email", "company.name", "needs.goals")]
LINK = re.compile(r"https?://\S+")


def links(mail: Received) -> list[str]:
    return LINK.findall(mail.body)


def assert_no_owner_data(mail: Received, *, company_allowed: bool = False) -> None:
    text = mail.subject + "\n" + mail.body
    for value in OWNER_DATA:
        if company_allowed and value == DAEJEON_MOULD_MAKER["company.name"]:
            continue
        assert value not in text, f"{value!r} in a mail to {mail.to}"


def assert_console_links(mail: Received, case_id: str) -> None:
    assert links(mail) == [f"{CONSOLE}/console/cases/{case_id}"]


def test_a_new_case_tells_its_teams_leads_and_staff_and_confirms_to_the_owner(mailroom: Mailroom) -> None:
    world = mailroom.world
    lead = world.user(Role.lead, "chungcheong")
    other_lead = world.user(Role.lead, "capital")
    staff = world.user(Role.staff)
    mentor = world.user(Role.mentor, "chungcheong")
    case_id = world.intake()

    report = mailroom.send()

    inbox = mailroom.smtp.inbox
    assert report.sent == 3 and report.failed == report.retried == 0
    assert sorted(r.rcpt_tos[0] for r in inbox.received) == sorted([lead.email, staff.email, OWNER_EMAIL])
    assert not inbox.to(other_lead.email) and not inbox.to(mentor.email)
    for user in (lead, staff):
        [mail] = inbox.to(user.email)
        assert "대전" in mail.subject and "제조업" in mail.subject
        assert_no_owner_data(mail)
        assert_console_links(mail, case_id)
    [owner] = inbox.to(OWNER_EMAIL)
    assert owner.message["Content-Language"] == "ko" and "전달했어요" in owner.subject
    assert not links(owner) and case_id not in owner.body
    # A second pass finds nothing left to send.
    assert mailroom.send().sent == 0 and len(inbox.received) == 3


def test_assignment_hand_back_and_expert_request_each_tell_the_one_who_must_act(mailroom: Mailroom) -> None:
    world, inbox = mailroom.world, mailroom.smtp.inbox
    lead = world.user(Role.lead, "chungcheong", name="이리드")
    mentor = world.user(Role.mentor, "chungcheong", name="박멘토")
    full = world.user(Role.mentor, "chungcheong", capacity=0)
    expert = world.user(Role.expert, name="최전문")
    case_id = world.intake()
    mailroom.send()
    inbox.received.clear()

    # Refused (the mentor is at capacity): the assignment is rolled back, and its mail with it.
    with pytest.raises(OverCapacity):
        world.casework.assign(actor=lead, case_id=case_id, mentor_id=full.id)
    world.casework.assign(actor=lead, case_id=case_id, mentor_id=mentor.id, note="김민수 대표님, 급해요")
    assert mailroom.send().sent == 1
    [assigned] = inbox.received
    assert assigned.rcpt_tos == [mentor.email]
    # The mentor, and only the mentor, learns which company it is; contact data stays in the console.
    assert DAEJEON_MOULD_MAKER["company.name"] in assigned.subject and "이리드가" in assigned.body
    assert_no_owner_data(assigned, company_allowed=True)
    assert "김민수 대표님" not in assigned.body
    assert_console_links(assigned, case_id)

    world.casework.hand_back(actor=mentor, case_id=case_id, note="일정이 안 맞아요. 김민수 대표님께 죄송해요")
    world.casework.ask_expert(actor=lead, case_id=case_id, expert_id=expert.id, question="한빛정밀 MES 도입비는?")
    assert mailroom.send().sent == 2
    assert mailroom.send().sent == 0
    [handed_back] = inbox.to(lead.email)
    assert "박멘토가" in handed_back.body and "일정이" not in handed_back.body
    [asked] = inbox.to(expert.email)
    assert "이리드가" in asked.body and "MES" not in asked.body
    for mail in (handed_back, asked):
        assert_no_owner_data(mail)
        assert_console_links(mail, case_id)
    assert len(inbox.received) == 3 and not inbox.to(full.email)
    assert {row.status for row in mailroom.rows()} == {"sent"}


def test_an_owner_who_chatted_in_english_gets_the_confirmation_in_english(mailroom: Mailroom) -> None:
    world, inbox = mailroom.world, mailroom.smtp.inbox
    staff = world.user(Role.staff)
    started = world.chat.start(lang="en", partner=None)
    turn = started.turn
    for n in range(40):
        if turn.expecting is None:
            break
        turn = world.chat.post(session_id=started.session_id, token=started.token, client_message_id=f"m{n}",
                               text=reply_to(turn.expecting))
    case_id = world.cases.case_for_session(started.session_id)
    assert case_id is not None

    assert mailroom.send().sent == 2
    [owner] = inbox.to(OWNER_EMAIL)
    assert owner.message["Content-Language"] == "en"
    assert owner.subject == "We passed your consultation on to a mentor" and "working days" in owner.body
    assert owner.message["From"].addresses[0].display_name == "Digital transformation help desk"
    [told] = inbox.to(staff.email)
    assert told.message["Content-Language"] == "ko" and "영어로 상담했어요" in told.body
    # The owner's address is not kept once their mail went out.
    assert [row.to_address for row in mailroom.rows() if row.personal] == [None]


def next_working_morning(after: datetime, hour: int) -> datetime:
    day = korean_date(after) + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day_start(day) + timedelta(hours=hour)


def age(mailroom: Mailroom, case_id: str, created_at: datetime) -> None:
    with mailroom.writer.begin() as db:
        db.execute(update(CaseRow).where(CaseRow.id == case_id).values(created_at=created_at))


def digests(inbox_mails: list[Received]) -> list[Received]:
    return [m for m in inbox_mails if m.subject.startswith("[연락 기한 지남]")]


def test_cases_past_the_contact_deadline_reach_their_lead_in_one_digest_a_day(mailroom: Mailroom) -> None:
    world, inbox = mailroom.world, mailroom.smtp.inbox
    near = world.user(Role.lead, "chungcheong")
    capital = world.user(Role.lead, "capital")
    mentor = world.user(Role.mentor, "capital", name="서울멘토")
    staff = world.user(Role.staff)
    pooled, held = world.intake(), world.intake()
    world.casework.assign(actor=staff, case_id=held, mentor_id=mentor.id)
    morning = next_working_morning(datetime.now(UTC), 10)
    for case_id in (pooled, held):
        age(mailroom, case_id, morning - timedelta(days=14))
    mailroom.send()
    inbox.received.clear()

    # Before the digest hour nothing is queued; from it, one digest per lead.
    mailroom.clock.advance(seconds=(morning - timedelta(hours=2) - mailroom.clock()).total_seconds())
    assert mailroom.send().digests_queued == 0
    mailroom.clock.advance(hours=2)
    report = mailroom.send()
    assert (report.digests_queued, report.sent) == (2, 2)
    [near_digest] = inbox.to(near.email)
    [capital_digest] = inbox.to(capital.email)
    assert links(near_digest) == [f"{CONSOLE}/console/cases/{pooled}", f"{CONSOLE}/console"]
    assert links(capital_digest) == [f"{CONSOLE}/console/cases/{held}", f"{CONSOLE}/console"]
    assert "서울멘토" in capital_digest.body and "1건" in capital_digest.subject
    for mail in (near_digest, capital_digest):
        assert_no_owner_data(mail)
    assert not inbox.to(staff.email) and not inbox.to(mentor.email)

    # Later the same day: nothing new.
    mailroom.clock.advance(hours=5)
    assert mailroom.send() == RunReport()

    # The next working day: the contacted case drops out.
    world.casework.mark_contacted(actor=mentor, case_id=held)
    tomorrow = next_working_morning(mailroom.clock(), 9)
    mailroom.clock.advance(seconds=(tomorrow - mailroom.clock()).total_seconds())
    assert mailroom.send() == RunReport(digests_queued=1, sent=1)
    assert len(digests(inbox.to(near.email))) == 2 and len(digests(inbox.to(capital.email))) == 1


def test_an_owner_who_left_only_a_phone_number_gets_no_mail(mailroom: Mailroom) -> None:
    world, inbox = mailroom.world, mailroom.smtp.inbox
    staff = world.user(Role.staff)
    case_id = world.intake({"contact.email": DONT_KNOW, "contact.phone": "010-2222-3333"})
    assert world.cases.get_brief(case_id).contact.phone == "010-2222-3333"
    assert mailroom.send().sent == 1
    [told] = inbox.received
    assert told.rcpt_tos == [staff.email] and "010-2222-3333" not in told.body
    assert not [row for row in mailroom.rows() if row.personal]
