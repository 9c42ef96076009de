"""Each case event's mail reaches the right people exactly once, on SQLite and PostgreSQL,
through a real SMTP server; no mail but the assigned mentor's names the company, none carries
the owner's contact data or own words, and every link is a plain console address."""

import re

from application.accounts import Role
from tests.intake_answers import DAEJEON_MOULD_MAKER
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
