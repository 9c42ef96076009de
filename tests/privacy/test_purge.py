"""`purge` on both databases with cases from real intakes: contact data of a case past its
retention leaves the brief, the slots, the event log, the owner's words and the stored turns;
everything else, the access log and other cases stay as they were."""

import json
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from application.cases.models import CaseRow
from application.casework.models import CaseEventRow
from application.chat.models import ChatSessionRow, PostedMessageRow, SessionEventRow
from application.privacy.access_log import AccessKind, AccessLog
from application.privacy.models import AccessLogRow
from application.privacy.purge import PurgeReport, Retention, purge
from application.reassessment.models import ReassessmentRow
from assistant.events import event_from_dict
from assistant.state import DialogueState
from tests.privacy.conftest import EMAIL, NAME, PHONE, REFUSE, Store

RETENTION = Retention(contact_days=365, session_days=90, access_log_days=730)
LATER_PHONE = "010-9876-5432"
AFTER = [f"혹시 급하면 {LATER_PHONE}로 연락 주세요"]
CONTACT_TEXTS = (EMAIL, PHONE, NAME, LATER_PHONE, "01023456789", "minsu@")
NON_CONTACT = ("company", "readiness", "programs", "vendors", "mentors", "unknowns", "urgency", "consent",
               "goals_and_pains", "kb_version", "case_id", "session_id", "created_at")


def case_data(writer: sessionmaker[Session], case_id: str) -> dict[str, Any]:
    """Everything stored about a case's conversation."""
    with writer() as db:
        case = db.get(CaseRow, case_id)
        assert case is not None
        events = db.scalars(select(SessionEventRow).where(SessionEventRow.session_id == case.session_id)
                            .order_by(SessionEventRow.seq)).all()
        turns = db.scalars(select(PostedMessageRow.turn).where(PostedMessageRow.session_id == case.session_id)
                           .order_by(PostedMessageRow.first_seq)).all()
        return {"brief": case.brief, "purged_at": case.contact_purged_at, "status": case.status,
                "events": [(e.seq, e.type, e.payload) for e in events], "turns": list(turns),
                "notes": db.scalars(select(CaseEventRow.note).where(CaseEventRow.case_id == case_id)).all(),
                "reassessment": db.scalars(select(ReassessmentRow.summary)
                                           .where(ReassessmentRow.case_id == case_id)).all()}


def as_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def add_note(writer: sessionmaker[Session], case_id: str, note: str) -> None:
    with writer.begin() as db:
        db.add(CaseEventRow(case_id=case_id, actor_name="이멘토", kind="note", note=note))


def test_contact_of_a_case_past_retention_is_destroyed_and_the_rest_kept(store: Store) -> None:
    now = datetime.now(UTC)
    due = store.make_case(after=AFTER)
    recent, still_open = store.make_case(), store.make_case()
    store.close_case(due, status="closed", closed_at=now - timedelta(days=400))
    store.close_case(recent, status="rejected", closed_at=now - timedelta(days=30))
    add_note(store.writer, due, f"{NAME} 대표님과 {PHONE}로 통화했어요. 스마트공장 신청 예정")
    with store.writer.begin() as db:
        db.add(ReassessmentRow(case_id=due, levels={"data": 2}, programs_applied=[], recorded_by_id="m1",
                               recorded_by_name="이멘토", summary=f"{EMAIL}로 성과 자료를 받았어요"))
    log = AccessLog(store.writer)
    log.record(user_id="u1", user_email="mentor@agency.kr", case_id=due, what=AccessKind.contact_view,
               at=now - timedelta(days=380))
    before = {case_id: case_data(store.writer, case_id) for case_id in (due, recent, still_open)}
    assert all(text in as_text(before[due]) for text in CONTACT_TEXTS[:4])

    report = purge(store.writer, retention=RETENTION, now=now)

    assert (report.cases, report.failed, report.dry_run) == ([due], {}, False)
    after = case_data(store.writer, due)
    leftover = as_text(after)
    assert [text for text in CONTACT_TEXTS if text in leftover] == []
    assert after["purged_at"] == now
    brief = after["brief"]
    assert brief["contact"] == {"name": None, "email": None, "phone": None}
    assert {k: v for k, v in before[due]["brief"]["slots"].items() if not k.startswith("contact.")} == brief["slots"]
    assert {k: before[due]["brief"][k] for k in NON_CONTACT} == {k: brief[k] for k in NON_CONTACT}
    assert brief["consent"]["given_at"] is not None
    assert store.cases.get_brief(due).company.region == "daejeon"
    assert after["notes"] == ["[연락처 생략] 대표님과 [연락처 생략]로 통화했어요. 스마트공장 신청 예정"]
    assert after["reassessment"] == ["[연락처 생략]로 성과 자료를 받았어요"]
    # The log still replays: the conversation without contact, the owner's other words intact.
    state = DialogueState.replay(event_from_dict(payload) for _, _, payload in after["events"])
    assert not [slot for slot in state.slots if slot.startswith("contact.")]
    owner_lines = [line.text for line in state.transcript if line.role == "owner"]
    assert "대전에서 직원 25명으로 금형 만드는 회사입니다" in owner_lines
    assert "혹시 급하면 [연락처 생략]로 연락 주세요" in owner_lines
    assert len(after["events"]) == len(before[due]["events"])
    assert [e[1] for e in after["events"]].count("slot_cleared") >= 3
    assert len(after["turns"]) == len(before[due]["turns"])
    # Other cases and the access log are untouched.
    assert case_data(store.writer, recent) == before[recent]
    assert case_data(store.writer, still_open) == before[still_open]
    assert [e.case_id for e in log.entries()] == [due]

    again = purge(store.writer, retention=RETENTION, now=now + timedelta(days=1))
    assert again.cases == [] and again.failed == {}
    assert case_data(store.writer, due) == after


def table_rows(writer: sessionmaker[Session]) -> dict[str, list[Any]]:
    with writer() as db:
        return {
            "cases": [(c.id, c.brief, c.contact_purged_at) for c in db.scalars(select(CaseRow).order_by(CaseRow.id))],
            "sessions": db.scalars(select(ChatSessionRow.id).order_by(ChatSessionRow.id)).all(),
            "events": db.scalars(select(func.count()).select_from(SessionEventRow)).all(),
            "events_text": [as_text(p) for p in db.scalars(select(SessionEventRow.payload))],
            "turns": [as_text(t) for t in db.scalars(select(PostedMessageRow.turn))],
            "access_log": db.scalars(select(AccessLogRow.id).order_by(AccessLogRow.id)).all(),
        }


def age_session(writer: sessionmaker[Session], session_id: str, at: datetime) -> None:
    with writer.begin() as db:
        db.execute(update(ChatSessionRow).where(ChatSessionRow.id == session_id).values(updated_at=at))


def test_dry_run_lists_what_would_go_and_changes_nothing(store: Store) -> None:
    now = datetime.now(UTC)
    due = store.make_case()
    store.close_case(due, status="closed", closed_at=now - timedelta(days=366))
    refused = store.run_intake(consent=REFUSE)
    age_session(store.writer, refused, now - timedelta(days=91))
    log = AccessLog(store.writer)
    log.record(user_id="u1", case_id=due, what="brief_pdf", at=now - timedelta(days=731))
    before = table_rows(store.writer)

    report = purge(store.writer, retention=RETENTION, now=now, dry_run=True)

    assert report == PurgeReport(now=now, dry_run=True, cases=[due], sessions=[refused], access_log_entries=1)
    assert "would purge contact data of 1 case(s), would delete 1 session(s)" in report.summary()
    assert table_rows(store.writer) == before


def test_conversations_without_a_case_go_after_their_retention(store: Store) -> None:
    now = datetime.now(UTC)
    refused = store.run_intake(consent=REFUSE)
    abandoned = store.chat.start(lang="ko", partner=None)
    store.chat.post(session_id=abandoned.session_id, token=abandoned.token, client_message_id="a",
                    text="부산에서 카페를 해요")
    recent = store.chat.start(lang="en", partner=None).session_id
    with_case = store.make_case()
    for session_id in (refused, abandoned.session_id):
        age_session(store.writer, session_id, now - timedelta(days=100))
    with store.writer() as db:
        case_session = db.scalar(select(CaseRow.session_id).where(CaseRow.id == with_case))
    assert case_session is not None
    age_session(store.writer, case_session, now - timedelta(days=500))
    log = AccessLog(store.writer)
    log.record(user_id="u1", case_id=with_case, what="contact_view", at=now - timedelta(days=731))
    kept = log.record(user_id="u1", case_id=with_case, what="contact_view", at=now - timedelta(days=700))

    report = purge(store.writer, retention=RETENTION, now=now)

    assert sorted(report.sessions) == sorted([refused, abandoned.session_id])
    assert report.access_log_entries == 1 and log.entries() == [kept]
    with store.writer() as db:
        left = set(db.scalars(select(ChatSessionRow.id)))
        orphans = db.scalar(select(func.count()).select_from(SessionEventRow)
                            .where(SessionEventRow.session_id.in_([refused, abandoned.session_id])))
    assert left == {recent, case_session} and orphans == 0
    # The case is open: its conversation stays whole however old it is.
    assert EMAIL in as_text(case_data(store.writer, with_case)["events"])


def test_overlapping_runs_purge_each_case_once(store: Store) -> None:
    now = datetime.now(UTC)
    due = [store.make_case() for _ in range(3)]
    for case_id in due:
        store.close_case(case_id, status="closed", closed_at=now - timedelta(days=400))
    start = threading.Barrier(2)
    reports: list[PurgeReport] = []

    def run() -> None:
        start.wait()
        reports.append(purge(store.writer, retention=RETENTION, now=now))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [r.failed for r in reports] == [{}, {}]
    purged = [case_id for r in reports for case_id in r.cases]
    assert sorted(purged) == sorted(due)
    for case_id in due:
        data = case_data(store.writer, case_id)
        assert data["purged_at"] == now and EMAIL not in as_text(data)


def test_a_case_that_cannot_be_purged_is_reported_and_stops_no_other(store: Store) -> None:
    now = datetime.now(UTC)
    broken, fine = store.make_case(), store.make_case()
    for case_id in (broken, fine):
        store.close_case(case_id, status="closed", closed_at=now - timedelta(days=400))
    # A brief that no longer reads as one (hand-edited in the database) cannot be anonymised safely.
    with store.writer.begin() as db:
        db.execute(update(CaseRow).where(CaseRow.id == broken).values(brief={"contact": {"email": EMAIL}}))
    before = case_data(store.writer, broken)

    report = purge(store.writer, retention=RETENTION, now=now)

    assert report.cases == [fine] and list(report.failed) == [broken]
    assert "1 case(s) failed" in report.summary()
    assert case_data(store.writer, broken) == before
    assert purge(store.writer, retention=RETENTION, now=now).failed.keys() == {broken}
