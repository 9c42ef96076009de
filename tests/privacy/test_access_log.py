"""The personal-data access log on both databases: entries are recorded with who, when, which
case, what and from where, and listed by case, by user and by time, newest first."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from application.errors import NaiveTime
from application.privacy.access_log import AccessKind, AccessLog, count_before, remove_before
from application.privacy.errors import UnknownAccessKind

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def fill(log: AccessLog) -> None:
    log.record(user_id="u1", user_email="Mentor@Agency.kr", user_name="이멘토", case_id="case-a",
               what=AccessKind.contact_view, at=T0, client_address="203.0.113.7")
    log.record(user_id="u1", user_email="mentor@agency.kr", user_name="이멘토", case_id="case-b",
               what="brief_pdf", at=T0 + timedelta(days=1))
    log.record(user_id="u2", user_email="lead@agency.kr", user_name="박리드", case_id="case-a",
               what=AccessKind.transcript_view, at=T0 + timedelta(days=2), client_address="2001:db8::1")


def test_record_keeps_who_when_which_case_what_and_where(factory: sessionmaker[Session]) -> None:
    log = AccessLog(factory)
    entry = log.record(user_id="u1", user_email="Mentor@Agency.kr", user_name="이멘토", case_id="case-a",
                       what=AccessKind.contact_view, at=T0, client_address="203.0.113.7")
    [stored] = log.entries()
    assert stored == entry
    assert (stored.user_id, stored.user_email, stored.user_name) == ("u1", "mentor@agency.kr", "이멘토")
    assert (stored.case_id, stored.what, stored.client_address, stored.at) == (
        "case-a", AccessKind.contact_view, "203.0.113.7", T0)


def test_listing_by_case_user_and_time(factory: sessionmaker[Session]) -> None:
    log = AccessLog(factory)
    fill(log)
    by_case = log.entries(case_id="case-a")
    assert [e.what for e in by_case] == [AccessKind.transcript_view, AccessKind.contact_view]
    assert [e.case_id for e in log.entries(user_email="MENTOR@agency.kr")] == ["case-b", "case-a"]
    assert [e.case_id for e in log.entries(user_id="u2")] == ["case-a"]
    window = log.entries(since=T0 + timedelta(days=1), until=T0 + timedelta(days=2))
    assert [e.case_id for e in window] == ["case-b"]
    assert log.entries(case_id="case-a", user_id="u1", since=T0 + timedelta(hours=1)) == []
    assert len(log.entries(limit=2)) == 2


def test_unknown_kinds_and_naive_times_are_refused(factory: sessionmaker[Session]) -> None:
    log = AccessLog(factory)
    with pytest.raises(UnknownAccessKind):
        log.record(user_id="u1", case_id="case-a", what="looked_around", at=T0)
    with pytest.raises(NaiveTime, match="timezone"):
        log.record(user_id="u1", case_id="case-a", what="contact_view", at=datetime(2026, 3, 2, 9, 30))
    assert log.entries() == []


def test_only_entries_past_their_retention_are_removed(factory: sessionmaker[Session]) -> None:
    log = AccessLog(factory)
    fill(log)
    cutoff = T0 + timedelta(days=1)
    with factory() as db:
        assert count_before(db, cutoff) == 1
    with factory.begin() as db:
        assert remove_before(db, cutoff) == 1
    assert [e.at for e in log.entries()] == [T0 + timedelta(days=2), T0 + timedelta(days=1)]
