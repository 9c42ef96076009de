"""The mentor console's use cases. Each method is one transaction: it loads the case as the
acting user may see it (a case they may not see is CaseNotFound), checks the workflow and the
role rules, changes the row and appends to the case's history with who and when."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from application.accounts.models import UserRow
from application.cases.models import CaseRow
from application.casework import access, queries
from application.casework.access import Actor
from application.casework.errors import (
    AlreadyAnswered,
    AlreadyAssigned,
    AnswerRequired,
    CaseFinal,
    NotAllowed,
    NoteRequired,
    OverCapacity,
    QuestionRequired,
    TooLong,
    Unacceptable,
    UnknownExpert,
    UnknownMentor,
    UnknownRequest,
    WrongTeam,
)
from application.casework.models import AdviceRequestRow, CaseEventRow
from application.casework.schemas import Allowed, CaseDetail, CaseFilters, CasePage, MentorLoad, Person, Viewed
from application.casework.transcript import masked_transcript
from application.casework.workflow import (
    CONTACTED_FROM,
    NEEDS_ASSIGNEE,
    Status,
    is_open,
    next_step,
    normalise,
)
from application.casework.workflow import advance as advance_step
from application.casework.workflow import reject as reject_step
from application.notifications.service import Notifier
from application.privacy.access_log import AccessKind, record_access
from application.store.models import utc_now
from assistant.decision.brief import Contact, NeedsBrief
from assistant.state import DialogueState

NOTE_MAX = 4000
Clock = Callable[[], datetime]
# The conversation behind a case, by session id (ChatService.replay_session).
Replay = Callable[[str], DialogueState]


def _text(value: str | None, *, required: type[Unacceptable] | None = None) -> str | None:
    """A note, reason or question as stored: trimmed, None when blank. `required` is the
    error when it must be given."""
    text = (value or "").strip()
    if len(text) > NOTE_MAX:
        raise TooLong(f"at most {NOTE_MAX} characters")
    if not text:
        if required:
            raise required("this needs some text")
        return None
    return text


class CaseworkService:
    def __init__(self, writer: sessionmaker[Session], reader: sessionmaker[Session], *, replay: Replay,
                 contact_days: int, clock: Clock = utc_now, notifier: Notifier | None = None) -> None:
        self._writer = writer
        self._reader = reader
        self._replay = replay
        self.contact_days = contact_days
        self._clock = clock
        # Queues the mails of assignments, hand-backs and expert requests in their transaction;
        # None sends none (a service only read from).
        self._notifier = notifier

    # --- reading ---------------------------------------------------------------------------

    def list_cases(self, *, actor: Actor, filters: CaseFilters) -> CasePage:
        with self._reader() as db:
            return queries.list_cases(db, actor=actor, filters=filters, now=self._clock(),
                                      contact_days=self.contact_days)

    def partners_seen(self, *, actor: Actor) -> list[str]:
        with self._reader() as db:
            return queries.partners_seen(db, actor=actor)

    def case(self, *, actor: Actor, case_id: str) -> CaseDetail:
        """The case without contact details (brief.contact is empty)."""
        with self._reader() as db:
            return self._detail(db, actor, queries.load_case(db, actor=actor, case_id=case_id), reveal=False)

    def view(self, *, actor: Actor, case_id: str, reveal: bool = False, client_address: str | None = None) -> Viewed:
        """The case page. With `reveal` the contact details are shown, in the brief and the
        conversation, and the access log records it first (in the same transaction)."""
        # Only a reveal writes (the log entry); a plain view reads without taking the writer.
        with (self._writer if reveal else self._reader).begin() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id)
            if reveal:
                self._log(db, actor, row, AccessKind.contact_view, client_address)
            detail = self._detail(db, actor, row, reveal=reveal)
            full = NeedsBrief.model_validate(row.brief)
        state = self._replay(detail.session_id)
        return Viewed(detail=detail, transcript=masked_transcript(state.transcript, full, reveal=reveal),
                      contact_shown=reveal)

    def brief_with_contact(self, *, actor: Actor, case_id: str, what: AccessKind,
                           client_address: str | None = None) -> NeedsBrief:
        """The whole brief, contact data included (PDF download, the brief API), logged first."""
        with self._writer.begin() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id)
            self._log(db, actor, row, what, client_address)
            return NeedsBrief.model_validate(row.brief)

    def mentor_loads(self, *, team: str | None) -> list[MentorLoad]:
        with self._reader() as db:
            return queries.mentor_loads(db, team=team)

    def assignable_mentors(self, *, actor: Actor, case_id: str) -> list[MentorLoad]:
        """Whom the actor may give the case to: a lead their own team's mentors, staff every
        active mentor."""
        with self._reader() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id)
            if not access.manages(actor, self._facts(row)):
                return []
            team = actor.team if actor.role == access.LEAD else None
            return queries.mentor_loads(db, team=team) if team or actor.role in access.OFFICE else []

    def experts(self) -> list[Person]:
        with self._reader() as db:
            return queries.experts(db)

    def pending_advice(self, *, actor: Actor) -> int:
        with self._reader() as db:
            return queries.pending_advice(db, expert_id=actor.id)

    def _log(self, db: Session, actor: Actor, row: CaseRow, what: AccessKind, client_address: str | None) -> None:
        record_access(db, user_id=actor.id, case_id=row.id, what=what, at=self._clock(),
                      user_name=actor.name, user_email=getattr(actor, "email", None), client_address=client_address)

    def _detail(self, db: Session, actor: Actor, row: CaseRow, *, reveal: bool) -> CaseDetail:
        holders = queries.people(db, [row.assignee_id])
        summary = queries.summary(row, holders, now=self._clock(), contact_days=self.contact_days)
        brief = NeedsBrief.model_validate(row.brief)
        if not reveal:
            brief = brief.model_copy(update={"contact": Contact()})
        answerable = list(db.scalars(select(AdviceRequestRow).where(
            AdviceRequestRow.case_id == row.id, AdviceRequestRow.expert_id == actor.id,
            AdviceRequestRow.answer.is_(None))))
        return CaseDetail(summary=summary, session_id=row.session_id, lang=row.lang, brief=brief,
                          history=queries.history(db, row.id), advice=queries.advice(db, row.id),
                          allowed=self.allowed(actor, row, answerable))

    @staticmethod
    def _facts(row: CaseRow) -> "_Facts":
        return _Facts(status=normalise(row.status), assignee_id=row.assignee_id, team=row.team)

    def allowed(self, actor: Actor, row: CaseRow, answerable: list[AdviceRequestRow]) -> Allowed:
        facts = self._facts(row)
        works, open_case = access.works(actor, facts), is_open(facts.status)
        step = next_step(facts.status) if works else None
        return Allowed(
            advance_to=step,
            needs_assignee=step in NEEDS_ASSIGNEE and row.assignee_id is None,
            reject=works and open_case,
            note=works,
            contact=works and open_case,
            assign=access.manages(actor, facts) and open_case,
            take=access.may_take_into_team(actor, facts),
            claim=access.may_claim(actor, facts),
            hand_back=access.holds(actor, facts) and open_case,
            ask_expert=works and open_case,
            answer=[r.id for r in answerable],
        )

    # --- changing ---------------------------------------------------------------------------
    # Each checks who may act before it looks at what was sent, so a user who may not see a
    # case learns nothing about it from the answer (CaseNotFound before any input error).

    def advance(self, *, actor: Actor, case_id: str, to: str, note: str | None = None) -> None:
        with self._writer.begin() as db:
            row = self._workable(db, actor, case_id)
            note_text = _text(note)
            before = normalise(row.status)
            after = advance_step(before, to=normalise(to), has_assignee=row.assignee_id is not None)
            now = self._clock()
            row.status = after
            if after == CONTACTED_FROM and row.first_contact_at is None:
                row.first_contact_at = now
            if after == "closed":
                row.closed_at = now
            self._record(db, row, actor, "step", at=now, from_status=before, to_status=after, note=note_text)

    def reject(self, *, actor: Actor, case_id: str, reason: str, note: str | None = None) -> None:
        with self._writer.begin() as db:
            row = self._workable(db, actor, case_id)
            note_text = _text(note)
            reason_text = _text(reason) or ""
            before = normalise(row.status)
            after = reject_step(before, reason=reason_text)
            now = self._clock()
            row.status, row.closed_at = after, now
            self._record(db, row, actor, "reject", at=now, from_status=before, to_status=after, reason=reason_text,
                         note=note_text)

    def add_note(self, *, actor: Actor, case_id: str, note: str) -> None:
        with self._writer.begin() as db:
            row = self._workable(db, actor, case_id, open_only=False)
            text = _text(note, required=NoteRequired)
            self._record(db, row, actor, "note", at=self._clock(), note=text)

    def mark_contacted(self, *, actor: Actor, case_id: str, note: str | None = None) -> None:
        """연락함: the owner was reached. The first time stops the case from being overdue."""
        with self._writer.begin() as db:
            row = self._workable(db, actor, case_id)
            text = _text(note)
            now = self._clock()
            if row.first_contact_at is None:
                row.first_contact_at = now
            self._record(db, row, actor, "contact", at=now, note=text)

    def assign(self, *, actor: Actor, case_id: str, mentor_id: str, over_capacity: bool = False,
               note: str | None = None) -> Person:
        """Gives the case to a field mentor: a lead to one of their team, staff to anyone.
        A mentor at capacity is refused with OverCapacity unless `over_capacity` confirms."""
        with self._writer.begin() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id, lock=True)
            facts = self._facts(row)
            if not access.manages(actor, facts):
                raise NotAllowed("only the team's lead or staff assign cases")
            self._still_open(row)
            text = _text(note)
            mentor = self._person(db, mentor_id, role=access.MENTOR, refused=UnknownMentor)
            if actor.role == access.LEAD and (actor.team is None or mentor.team != actor.team):
                raise WrongTeam("a lead assigns to mentors of their own team")
            if mentor.id == row.assignee_id:
                raise AlreadyAssigned("the mentor already holds the case")
            self._check_capacity(db, mentor, confirmed=over_capacity)
            row.assignee_id, row.team = mentor.id, mentor.team
            event = self._record(db, row, actor, "assign", at=self._clock(), note=text, assignee=mentor)
            if self._notifier:
                self._notifier.assigned(db, row, event, mentor)
            return _person_of(mentor)

    def take_into_team(self, *, actor: Actor, case_id: str) -> None:
        """A lead takes a case from the intake pool into their team, for its mentors to claim."""
        with self._writer.begin() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id, lock=True)
            if not access.may_take_into_team(actor, self._facts(row)):
                raise NotAllowed("only a lead takes a pool case into their team")
            row.team = actor.team
            self._record(db, row, actor, "take", at=self._clock())

    def claim(self, *, actor: Actor, case_id: str, over_capacity: bool = False) -> None:
        with self._writer.begin() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id, lock=True)
            if not access.may_claim(actor, self._facts(row)):
                raise NotAllowed("a mentor claims only an open, unassigned case of their team")
            me = self._person(db, actor.id, role=access.MENTOR, refused=UnknownMentor)
            self._check_capacity(db, me, confirmed=over_capacity)
            row.assignee_id = me.id
            self._record(db, row, actor, "claim", at=self._clock(), assignee=me)

    def hand_back(self, *, actor: Actor, case_id: str, note: str) -> None:
        """The holder gives the case back to their team's unassigned cases, saying why."""
        with self._writer.begin() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id, lock=True)
            if not access.holds(actor, self._facts(row)):
                raise NotAllowed("only the mentor holding the case hands it back")
            self._still_open(row)
            text = _text(note, required=NoteRequired)
            row.assignee_id = None
            event = self._record(db, row, actor, "hand_back", at=self._clock(), note=text)
            if self._notifier:
                self._notifier.handed_back(db, row, event)

    def ask_expert(self, *, actor: Actor, case_id: str, expert_id: str, question: str) -> Person:
        with self._writer.begin() as db:
            row = self._workable(db, actor, case_id)
            text = _text(question, required=QuestionRequired) or ""
            expert = self._person(db, expert_id, role=access.EXPERT, refused=UnknownExpert)
            now = self._clock()
            request = AdviceRequestRow(case_id=row.id, expert_id=expert.id, asked_by_id=actor.id, asked_at=now,
                                       question=text)
            db.add(request)
            self._record(db, row, actor, "advice_request", at=now, note=text, assignee=expert)
            if self._notifier:
                self._notifier.expert_asked(db, row, request, expert, asker=actor.name)
            return _person_of(expert)

    def answer_advice(self, *, actor: Actor, case_id: str, request_id: int, answer: str) -> None:
        with self._writer.begin() as db:
            row = queries.load_case(db, actor=actor, case_id=case_id, lock=True)
            request = db.get(AdviceRequestRow, request_id)
            if request is None or request.case_id != row.id:
                raise UnknownRequest("no such advice request on this case")
            if request.expert_id != actor.id:
                raise NotAllowed("only the expert asked answers")
            if request.answer is not None:
                raise AlreadyAnswered("this request has its answer")
            text = _text(answer, required=AnswerRequired)
            now = self._clock()
            request.answer, request.answered_at = text, now
            self._record(db, row, actor, "advice_answer", at=now, note=text)

    # --- helpers -----------------------------------------------------------------------------

    def _workable(self, db: Session, actor: Actor, case_id: str, *, open_only: bool = True) -> CaseRow:
        row = queries.load_case(db, actor=actor, case_id=case_id, lock=True)
        if not access.works(actor, self._facts(row)):
            raise NotAllowed("only the mentor holding the case, its team lead or staff work it")
        if open_only:
            self._still_open(row)
        return row

    @staticmethod
    def _still_open(row: CaseRow) -> None:
        status = normalise(row.status)
        if not is_open(status):
            raise CaseFinal(f"the case is {status}")

    @staticmethod
    def _person(db: Session, user_id: str, *, role: str, refused: type[Unacceptable]) -> UserRow:
        # Locked, so two leads assigning to one mentor at once count each other's case.
        user = db.scalar(select(UserRow).where(UserRow.id == user_id).with_for_update())
        if user is None or not user.active or user.role != role:
            raise refused(f"no active {role} {user_id!r}")
        return user

    @staticmethod
    def _check_capacity(db: Session, mentor: UserRow, *, confirmed: bool) -> None:
        held = queries.open_cases_held(db, [mentor.id]).get(mentor.id, 0)
        if held >= mentor.capacity and not confirmed:
            raise OverCapacity(mentor_id=mentor.id, mentor_name=mentor.name, open_cases=held,
                               capacity=mentor.capacity)

    @staticmethod
    def _record(db: Session, row: CaseRow, actor: Actor, kind: str, *, at: datetime, from_status: str | None = None,
                to_status: str | None = None, note: str | None = None, reason: str | None = None,
                assignee: UserRow | None = None) -> CaseEventRow:
        row.updated_at = at
        event = CaseEventRow(case_id=row.id, at=at, actor_id=actor.id, actor_name=actor.name, kind=kind,
                             from_status=from_status, to_status=to_status, note=note, reason=reason,
                             assignee_id=assignee.id if assignee else None,
                             assignee_name=assignee.name if assignee else None)
        db.add(event)
        return event


def _person_of(row: UserRow) -> Person:
    return Person(id=row.id, name=row.name, role=row.role, team=row.team)


@dataclass(frozen=True)
class _Facts:
    status: Status
    assignee_id: str | None
    team: str | None
