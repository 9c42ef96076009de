"""What the agency learns from its own conversations and cases: the chat funnel and where
owners stop, demand by month, region, industry, support type, programme and vendor, time to
first contact against the promised deadline, the mentors' load and the readiness firms come
with. Only aggregates leave this module, suppressed as application/insights/suppression.py
describes. Everything is read in one read-only session per call."""

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from application.calendar import korean_date, working_days_between
from application.cases.models import CaseRow
from application.casework.ageing import is_overdue
from application.casework.queries import mentor_loads
from application.casework.schemas import MentorLoad
from application.casework.workflow import is_open, normalise
from application.chat.models import ChatSessionRow, SessionEventRow
from application.insights.formatting import cell_text, number
from application.insights.schemas import Cell, Chart, Column, Figure, Insights, Kind, Period, Row
from application.insights.suppression import MIN_CELL, primary, protect
from application.reassessment.schemas import CaseReadiness
from application.reassessment.service import ReassessmentService
from application.settings import Settings
from application.store.database import session_factory
from application.store.migrate import migrated_engine
from application.store.models import utc_now
from assistant.decision.brief import NeedsBrief
from assistant.decision.readiness import LEVEL_DIMENSIONS
from assistant.flow import CONSENT_SLOT, load_flow
from knowledge.vocabulary import Industry, Region, SupportType
from prompts import load_prompts
from prompts.brief import BANDS, DIMENSIONS, load_brief_prompts
from prompts.insights import InsightsPrompts, load_insights_prompts

Clock = Callable[[], datetime]
# A conversation with no message for this long, and no case, has been left (owners do come
# back the next day in the same browser, so anything shorter would count them as gone).
IDLE_HOURS = 24
VENDORS_COUNTED = 3
CONTACT_BUCKETS = 4  # 0, 1, 2, 3 and "4 or more" working days
FUNNEL_TOPICS = ("company", "costs", "staffing", "remote", "readiness", "needs")
READINESS_COLUMNS = (*BANDS, "unknown")
UNKNOWN = "unknown"


@dataclass
class Conversation:
    """What the funnel needs from one conversation's events (never its words)."""

    started: datetime
    last_active: datetime
    asked: dict[str, datetime] = field(default_factory=dict)
    answer_seconds: dict[str, float] = field(default_factory=dict)
    last_question: str | None = None
    summary_at: datetime | None = None
    consent_at: datetime | None = None
    refused: bool = False
    case_at: datetime | None = None


@dataclass(frozen=True)
class Firm:
    """What the demand figures need from one case."""

    created_at: datetime
    region: str | None
    industry: str | None
    programmes: list[str]
    vendors: list[str]
    support_types: list[str]
    bands: dict[str, str]
    scores: dict[str, int | None]
    first_contact_at: datetime | None
    open_case: bool


def _count(value: int) -> Cell:
    return Cell(suppressed=True) if primary(value) else Cell(value=value)


def _share(part: int, whole: int, *, hidden: bool = False) -> Cell:
    if hidden:
        return Cell(suppressed=True)
    return Cell(value=round(100 * part / whole, 1)) if whole else Cell()


def _median(values: Sequence[float], digits: int = 1) -> Cell:
    if not values:
        return Cell()
    if len(values) < MIN_CELL:
        return Cell(suppressed=True)
    return Cell(value=round(median(values), digits))


def _published_order(rows: list[tuple[str, str, int]], hidden: list[bool]) -> list[int]:
    """Indexes of rows, largest published count first; hidden rows after the shown ones (by
    label, so their order tells nothing), zeros last."""
    def key(i: int) -> tuple[int, int, str]:
        _, label, count = rows[i]
        if hidden[i]:
            return (1, 0, label)
        return (2 if count == 0 else 0, -count, label)
    return sorted(range(len(rows)), key=key)


# T0 and T1 readiness of cases by id (application/reassessment's `before_after`).
BeforeAfter = Callable[[Collection[str]], Mapping[str, CaseReadiness]]


class InsightsService:
    def __init__(self, reader: sessionmaker[Session], *, contact_days: int, session_retention_days: int,
                 before_after: BeforeAfter, clock: Clock = utc_now) -> None:
        self._reader = reader
        self._before_after = before_after
        self.contact_days = contact_days
        self.session_retention_days = session_retention_days
        self._clock = clock
        self._text: InsightsPrompts = load_insights_prompts()

    @classmethod
    def open(cls, settings: Settings) -> "InsightsService":
        """For the command line: reads the database without loading the knowledge base."""
        engine = migrated_engine(settings.effective_database_url)
        reader = session_factory(engine, read_only=True)
        # Only read here; the re-assessment service's writer is never used by the report.
        before_after = ReassessmentService(session_factory(engine), reader).before_after
        return cls(reader, contact_days=settings.mentor_contact_working_days,
                   session_retention_days=settings.session_retention_days, before_after=before_after)

    def insights(self, period: Period) -> Insights:
        now = self._clock()
        with self._reader() as db:
            conversations = self._conversations(db, period)
            cases = list(db.scalars(select(CaseRow).where(CaseRow.created_at >= period.start,
                                                          CaseRow.created_at < period.end)))
            loads = mentor_loads(db, team=None)
        firms = [self._firm(row) for row in cases]
        names = self._names(cases)
        figures = [
            self._funnel(conversations),
            self._questions(conversations, now),
            self._months(firms, period),
            self._partition_figure("regions", firms, [r.value for r in Region], "region", lambda f: f.region),
            self._partition_figure("industries", firms, [i.value for i in Industry], "industry",
                                   lambda f: f.industry),
            self._multi_figure("support_types", firms, {s.value: self._value("support_type", s.value)
                                                        for s in SupportType}, lambda f: f.support_types,
                               keep_zero=True, unanswered=True),
            self._multi_figure("programmes", firms, names, lambda f: f.programmes),
            self._multi_figure("vendors", firms, names, lambda f: f.vendors),
            self._contact_days(firms),
            self._contact_deadline(firms, now),
            self._readiness(firms),
            self._readiness_change(self._before_after([row.id for row in cases])),
            self._mentors(loads),
        ]
        retention_start = now - timedelta(days=self.session_retention_days)
        return Insights(period=period, generated_at=now, funnel_incomplete=period.start < retention_start,
                        session_retention_days=self.session_retention_days, figures=figures)

    # --- reading -----------------------------------------------------------------------------

    def _conversations(self, db: Session, period: Period) -> list[Conversation]:
        in_period = (select(ChatSessionRow.id)
                     .where(ChatSessionRow.created_at >= period.start, ChatSessionRow.created_at < period.end))
        found: dict[str, Conversation] = {
            id_: Conversation(started=created, last_active=updated)
            for id_, created, updated in db.execute(
                select(ChatSessionRow.id, ChatSessionRow.created_at, ChatSessionRow.updated_at)
                .where(ChatSessionRow.id.in_(in_period)))
        }
        # The owners' messages are read without their text: only when they were sent.
        marks = db.execute(
            select(SessionEventRow.session_id, SessionEventRow.seq, SessionEventRow.type, SessionEventRow.created_at)
            .where(SessionEventRow.session_id.in_(in_period),
                   SessionEventRow.type.in_(("user_uttered", "summary_shown"))))
        payloads = db.execute(
            select(SessionEventRow.session_id, SessionEventRow.seq, SessionEventRow.type, SessionEventRow.created_at,
                   SessionEventRow.payload)
            .where(SessionEventRow.session_id.in_(in_period),
                   SessionEventRow.type.in_(("question_asked", "consent_recorded"))))
        events: dict[str, list[tuple[int, str, datetime, dict[str, Any]]]] = defaultdict(list)
        for session_id, seq, type_, at in marks:
            events[session_id].append((seq, type_, at, {}))
        for session_id, seq, type_, at, payload in payloads:
            events[session_id].append((seq, type_, at, payload))
        for session_id, conversation in found.items():
            _replay(conversation, sorted(events.get(session_id, []), key=lambda e: e[0]))
        for session_id, created in db.execute(
                select(CaseRow.session_id, CaseRow.created_at).where(CaseRow.session_id.in_(in_period))):
            found[session_id].case_at = created
        return list(found.values())

    @staticmethod
    def _firm(row: CaseRow) -> Firm:
        brief = NeedsBrief.model_validate(row.brief)
        support = brief.slots.get("needs.support_types")
        wanted = support.value if support is not None and support.status == "answered" else None
        dimensions = brief.readiness.dimensions
        return Firm(
            created_at=row.created_at, region=row.region, industry=row.industry,
            programmes=[p for p in row.programs.split(",") if p],
            vendors=[v.split(":", 1)[-1] for v in brief.top_vendor_ids(VENDORS_COUNTED)],
            support_types=sorted({str(s) for s in wanted}) if isinstance(wanted, list) else [],
            bands={name: dimensions[name].band if name in dimensions else UNKNOWN for name in DIMENSIONS},
            scores={name: dimensions[name].score if name in dimensions else None for name in DIMENSIONS},
            first_contact_at=row.first_contact_at, open_case=is_open(normalise(row.status)),
        )

    @staticmethod
    def _names(cases: Iterable[CaseRow]) -> dict[str, str]:
        """Programme and vendor names by slug, as the briefs give them (Korean ones first)."""
        names: dict[str, str] = {}
        for row in sorted(cases, key=lambda r: r.lang != "ko"):
            for item in (*row.brief.get("programs", []), *row.brief.get("vendors", [])):
                slug = str(item.get("id", "")).split(":", 1)[-1]
                if slug and slug not in names and item.get("name"):
                    names[slug] = str(item["name"])
        return names

    # --- the figures --------------------------------------------------------------------------

    def _columns(self, figure: str, kinds: Sequence[tuple[str, Kind]]) -> list[Column]:
        labels = self._text.figure(figure).columns
        return [Column(key=key, label=labels[key], kind=kind) for key, kind in kinds]

    def _figure(self, key: str, columns: Sequence[tuple[str, Kind]], rows: list[Row], *, total: Row | None = None,
                chart: Chart | None = None, remarks: Sequence[str] = (), note: str | None = None) -> Figure:
        text = self._text.figure(key)
        return Figure(key=key, title=text.title, note=note or text.note, columns=self._columns(key, columns),
                      rows=rows, total=total, chart=chart, remarks=list(remarks), empty=text.empty)

    def _funnel(self, conversations: list[Conversation]) -> Figure:
        flow = load_flow()
        topics = load_prompts("ko").topics
        stages: list[tuple[str, str, Callable[[Conversation], datetime | None]]] = [
            ("started", self._text.stages["started"], lambda c: c.started)]
        for topic in FUNNEL_TOPICS:
            slots = [s.id for s in flow.slots if s.topic == topic]
            stages.append((f"topic:{topic}", topics[topic], _first_of(slots)))
        stages += [("summary", self._text.stages["summary"], lambda c: c.summary_at),
                   ("consent", self._text.stages["consent"], lambda c: c.consent_at),
                   ("case", self._text.stages["case"], lambda c: c.case_at)]
        rows, started, previous = [], len(conversations), None
        for key, label, reached_at in stages:
            times = [(at - c.started).total_seconds() / 60 for c in conversations
                     if (at := reached_at(c)) is not None]
            reached = len(times)
            hidden = primary(reached)
            rows.append(Row(key=key, label=label, cells=[
                _count(reached),
                _share(reached, started, hidden=hidden or primary(started)),
                _share(reached, previous, hidden=hidden or primary(previous)) if previous is not None else Cell(),
                _median(times),
            ]))
            previous = reached
        return self._figure("funnel", (("reached", "count"), ("of_start", "percent"), ("of_previous", "percent"),
                                       ("minutes", "minutes")), rows, chart=Chart(column="reached"))

    def _questions(self, conversations: list[Conversation], now: datetime) -> Figure:
        idle_since = now - timedelta(hours=IDLE_HOURS)
        left: Counter[str] = Counter()
        going = 0
        for c in conversations:
            if c.case_at is not None:
                continue
            if c.refused:
                left["refused"] += 1
            elif c.last_active > idle_since:
                going += 1
            elif c.consent_at is None and c.summary_at is not None:
                left["summary"] += 1
            elif c.last_question is not None:
                left[c.last_question] += 1
        prompts = load_prompts("ko")
        specs = [s for s in load_flow().slots if s.id != CONSENT_SLOT]
        business = [s.id for s in specs if s.topic != "contact"]
        contact = [s.id for s in specs if s.topic == "contact"]
        keys = [*[(s, prompts.label(s)) for s in business],
                *[(k, self._text.questions_extra[k]) for k in ("summary", "refused")],
                *[(s, prompts.label(s)) for s in contact]]
        reached = {
            "summary": sum(c.summary_at is not None for c in conversations),
            "refused": sum(c.summary_at is not None for c in conversations),
        }
        rows = []
        for key, label in keys:
            asked = reached.get(key, sum(key in c.asked for c in conversations))
            stopped = left[key]
            seconds = [c.answer_seconds[key] for c in conversations if key in c.answer_seconds]
            rows.append(Row(key=key, label=label, cells=[
                _count(asked), _count(stopped), _share(stopped, asked, hidden=primary(stopped) or primary(asked)),
                _median(seconds, 0)]))
        text = self._text.figure("questions")
        remarks = [text.in_progress.format(count=going)] if going and text.in_progress else []
        note = text.note.format(hours=IDLE_HOURS)
        return self._figure("questions", (("asked", "count"), ("left", "count"), ("left_share", "percent"),
                                          ("seconds", "seconds")), rows, chart=Chart(column="left"),
                            remarks=remarks, note=note)

    def _count_rows(self, items: list[tuple[str, str, int]], total: int, *, partition: bool,
                    ordered: bool = True) -> tuple[list[Row], Row]:
        hidden, total_hidden = protect([n for _, _, n in items], partition=partition)
        order = _published_order(items, hidden) if ordered else list(range(len(items)))
        rows = []
        for i in order:
            key, label, n = items[i]
            rows.append(Row(key=key, label=label, cells=[
                Cell(suppressed=True) if hidden[i] else Cell(value=n),
                _share(n, total, hidden=hidden[i] or total_hidden)]))
        total_row = Row(key="total", label=self._text.total, cells=[
            Cell(suppressed=True) if total_hidden or primary(total) else Cell(value=total),
            _share(total, total, hidden=total_hidden or primary(total))])
        return rows, total_row

    def _months(self, firms: list[Firm], period: Period) -> Figure:
        counts = Counter(korean_date(f.created_at).replace(day=1) for f in firms)
        items = [(m.strftime("%Y-%m"), self._text.month.format(year=m.year, month=m.month), counts[m])
                 for m in period.months()]
        rows, total = self._count_rows(items, len(firms), partition=True, ordered=False)
        return self._figure("months", (("cases", "count"), ("share", "percent")), rows, total=total,
                            chart=Chart(column="cases"))

    def _value(self, vocabulary: str, value: str) -> str:
        return load_prompts("ko").value_label(vocabulary, value)

    def _partition_figure(self, key: str, firms: list[Firm], values: list[str], vocabulary: str,
                          of: Callable[[Firm], str | None]) -> Figure:
        counts = Counter(of(f) if of(f) in values else UNKNOWN for f in firms)
        items = [(v, self._value(vocabulary, v), counts[v]) for v in values]
        items.append((UNKNOWN, self._text.unknown, counts[UNKNOWN]))
        rows, total = self._count_rows(items, len(firms), partition=True)
        return self._figure(key, (("cases", "count"), ("share", "percent")), rows, total=total,
                            chart=Chart(column="cases", skip_zero=True))

    def _multi_figure(self, key: str, firms: list[Firm], labels: dict[str, str], of: Callable[[Firm], list[str]],
                      *, keep_zero: bool = False, unanswered: bool = False) -> Figure:
        counts = Counter(item for f in firms for item in set(of(f)))
        wanted = list(labels) if keep_zero else sorted(counts)
        items = [(k, labels.get(k, k), counts[k]) for k in wanted]
        if unanswered:
            items.append((UNKNOWN, self._text.unknown, sum(not of(f) for f in firms)))
        rows, total = self._count_rows(items, len(firms), partition=False)
        return self._figure(key, (("cases", "count"), ("share", "percent")), rows, total=total,
                            chart=Chart(column="cases", skip_zero=True))

    def _contact_days(self, firms: list[Firm]) -> Figure:
        waits = [working_days_between(f.created_at, f.first_contact_at) for f in firms
                 if f.first_contact_at is not None]
        buckets = Counter(min(w, CONTACT_BUCKETS) for w in waits)
        items = [(str(b), self._text.day_buckets[str(b)], buckets[b]) for b in range(CONTACT_BUCKETS + 1)]
        rows, total = self._count_rows(items, len(waits), partition=True, ordered=False)
        text = self._text.figure("contact_days")
        middle = _median([float(w) for w in waits])
        remarks = [text.median.format(value=number(middle.value))] if middle.value is not None and text.median else []
        return self._figure("contact_days", (("cases", "count"), ("share", "percent")), rows, total=total,
                            chart=Chart(column="cases"), remarks=remarks,
                            note=text.note.format(days=self.contact_days))

    def _contact_deadline(self, firms: list[Firm], now: datetime) -> Figure:
        states: Counter[str] = Counter()
        for f in firms:
            if f.first_contact_at is not None:
                late = working_days_between(f.created_at, f.first_contact_at) > self.contact_days
                states["late" if late else "on_time"] += 1
            elif not f.open_case:
                states["closed_without"] += 1
            elif is_overdue(created_at=f.created_at, now=now, contacted=False, open_case=True,
                            contact_days=self.contact_days):
                states["overdue"] += 1
            else:
                states["waiting"] += 1
        keys = ("on_time", "late", "overdue", "waiting", "closed_without")
        items = [(k, self._text.deadline[k], states[k]) for k in keys]
        rows, total = self._count_rows(items, len(firms), partition=True, ordered=False)
        # The share overdue adds two cells up: published only when both are.
        parts = [r for r in rows if r.key in ("late", "overdue")]
        exposed = total.cells[0].suppressed or any(r.cells[0].suppressed for r in parts)
        share = _share(states["late"] + states["overdue"], len(firms), hidden=exposed)
        note = self._text.figure("contact_deadline").note.format(days=self.contact_days,
                                                                 share=cell_text(share, "percent", self._text))
        return self._figure("contact_deadline", (("cases", "count"), ("share", "percent")), rows, total=total,
                            chart=Chart(column="cases"), note=note)

    def _readiness(self, firms: list[Firm]) -> Figure:
        brief_text = load_brief_prompts("ko")
        rows = []
        for name in DIMENSIONS:
            counts = Counter(f.bands[name] for f in firms)
            hidden, total_hidden = protect([counts[b] for b in READINESS_COLUMNS], partition=True)
            cells = [Cell(suppressed=True) if h or total_hidden else Cell(value=counts[b])
                     for b, h in zip(READINESS_COLUMNS, hidden, strict=True)]
            scores = [float(s) for f in firms if (s := f.scores[name]) is not None]
            rows.append(Row(key=name, label=brief_text.dimensions[name], cells=[*cells, _median(scores, 0)]))
        labels = {**brief_text.bands, **self._text.figure("readiness").columns}
        columns = [Column(key=b, label=labels[b], kind="count") for b in READINESS_COLUMNS]
        columns.append(Column(key="median", label=labels["median"], kind="score"))
        text = self._text.figure("readiness")
        return Figure(key="readiness", title=text.title, note=text.note, columns=columns, rows=rows,
                      chart=Chart(kind="stacked", segments=list(READINESS_COLUMNS)), base=_count(len(firms)))

    def _readiness_change(self, measured: Mapping[str, CaseReadiness]) -> Figure:
        """T0 → T1 per re-assessed dimension, over the period's cases whose mentor recorded T1
        with both scores known: medians before, after and of the change, and the share that rose."""
        brief_text = load_brief_prompts("ko")
        rows = []
        for name in LEVEL_DIMENSIONS:
            pairs = [(before, after) for r in measured.values() if r.after is not None
                     and (before := r.before.get(name)) is not None and (after := r.after.get(name)) is not None]
            rose = sum(1 for before, after in pairs if after > before)
            hidden, total_hidden = protect([rose, len(pairs) - rose], partition=True)
            rows.append(Row(key=name, label=brief_text.dimensions[name], cells=[
                _count(len(pairs)),
                _median([float(b) for b, _ in pairs], 0), _median([float(a) for _, a in pairs], 0),
                _median([float(a - b) for b, a in pairs], 0),
                _share(rose, len(pairs), hidden=hidden[0] or total_hidden)]))
        return self._figure("readiness_change", (("measured", "count"), ("before", "score"), ("after", "score"),
                                                 ("change", "score"), ("rose", "percent")), rows,
                            chart=Chart(column="rose"))

    def _mentors(self, loads: list[MentorLoad]) -> Figure:
        rows = [Row(key=m.id, label=m.name, sub=m.team, cells=[
            Cell(value=m.open_cases), Cell(value=m.capacity),
            Cell(value=round(100 * m.open_cases / m.capacity, 1)) if m.capacity else Cell()]) for m in loads]
        return self._figure("mentors", (("open", "count"), ("capacity", "count"), ("load", "percent")), rows,
                            chart=Chart(column="open", reference="capacity"))


def _first_of(slots: list[str]) -> Callable[[Conversation], datetime | None]:
    def reached(c: Conversation) -> datetime | None:
        times = [c.asked[s] for s in slots if s in c.asked]
        return min(times) if times else None
    return reached


def _replay(c: Conversation, events: list[tuple[int, str, datetime, dict[str, Any]]]) -> None:
    """Fills in when each question was first asked and answered, the summary, the consent."""
    waiting: str | None = None
    for _, type_, at, payload in events:
        if type_ == "question_asked":
            slot = str(payload.get("slot", ""))
            c.last_question = slot
            if slot not in c.asked:
                c.asked[slot] = at
                waiting = slot
        elif type_ == "user_uttered":
            if waiting is not None:
                c.answer_seconds[waiting] = (at - c.asked[waiting]).total_seconds()
                waiting = None
        elif type_ == "summary_shown":
            c.summary_at = c.summary_at or at
        elif type_ == "consent_recorded" and not payload.get("optional", False):
            if payload.get("given"):
                c.consent_at = c.consent_at or at
                c.refused = False
            else:
                c.refused = c.consent_at is None

