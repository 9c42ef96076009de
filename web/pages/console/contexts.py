"""Typed page contexts of the console: everything the queue and the case page show, computed
here so the templates only lay it out."""

from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from application.casework.schemas import CaseDetail, CaseFilters, CasePage, MentorLoad, Person
from application.casework.transcript import TranscriptEntry
from application.casework.workflow import STEPS, Status
from application.reassessment.schemas import ReassessmentDraft
from knowledge.loader import KnowledgeBase
from prompts import load_prompts
from prompts.console import ConsolePrompts, load_console_prompts

FILTER_NAMES = ("status", "region", "industry", "urgency", "program", "partner", "holder")


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Labels:
    """Korean names of statuses, history entries and the brief's vocabularies."""

    text: ConsolePrompts
    regions: dict[str, str]
    industries: dict[str, str]
    urgencies: dict[str, str]
    programs: dict[str, str]

    def status(self, status: str) -> str:
        return self.text.status(status)

    def event(self, kind: str) -> str:
        return self.text.events.get(kind, kind)

    def region(self, value: str | None) -> str:
        return self.regions.get(value, value) if value else "—"

    def industry(self, value: str | None) -> str:
        return self.industries.get(value, value) if value else "—"

    def urgency(self, value: str | None) -> str:
        return self.urgencies.get(value, value) if value else "—"

    def program(self, slug: str) -> str:
        return self.programs.get(slug, slug)


def _vocabulary(name: str) -> dict[str, str]:
    table = load_prompts("ko").values.get(name)
    return dict(table) if isinstance(table, dict) else {}


def labels(kb: KnowledgeBase) -> Labels:
    programs = {e.slug: e.name.ko for e in sorted(kb.of_kind("program"), key=lambda e: e.name.ko)}
    return Labels(text=load_console_prompts(), regions=_vocabulary("region"), industries=_vocabulary("industry"),
                  urgencies=_vocabulary("urgency"), programs=programs)


@dataclass(frozen=True)
class FilterField:
    name: str
    label: str
    options: tuple[Option, ...]
    selected: str


@dataclass(frozen=True)
class QueuePage:
    cases: CasePage
    labels: Labels
    filters: CaseFilters
    fields: tuple[FilterField, ...]
    holder_tabs: tuple[tuple[str, str, bool], ...]  # (href, label, current)
    any_filter: bool
    ignored_filters: tuple[str, ...]
    overdue_here: int
    pending_advice: int
    contact_days: int

    def page_href(self, number: int) -> str:
        return query_href(self.filters, page=number)


def query_href(filters: CaseFilters, **changes: str | int | None) -> str:
    """The queue's address with these filters, changed by `changes`; a changed filter starts
    again at page 1 unless `page` is given."""
    values: dict[str, str | int | None] = {name: getattr(filters, name) for name in FILTER_NAMES}
    values.update(changes)
    pairs = [(k, str(v)) for k, v in values.items() if v not in (None, "") and not (k == "page" and v == 1)]
    return "/console" + ("?" + urlencode(pairs) if pairs else "")


def filter_fields(filters: CaseFilters, labels: Labels, partners: list[str]) -> tuple[FilterField, ...]:
    names = labels.text.filters
    statuses = (Option("open", names.open), *(Option(s, labels.status(s)) for s in (*STEPS, "rejected")))

    def options(table: dict[str, str]) -> tuple[Option, ...]:
        return tuple(Option(value, label) for value, label in table.items())

    return (
        FilterField("status", names.status, statuses, filters.status or ""),
        FilterField("region", names.region, options(labels.regions), filters.region or ""),
        FilterField("industry", names.industry, options(labels.industries), filters.industry or ""),
        FilterField("urgency", names.urgency, options(labels.urgencies), filters.urgency or ""),
        FilterField("program", names.program, options(labels.programs), filters.program or ""),
        FilterField("partner", names.partner, tuple(Option(p, p) for p in partners), filters.partner or ""),
    )


def holder_tabs(filters: CaseFilters, labels: Labels) -> tuple[tuple[str, str, bool], ...]:
    names = labels.text.holders
    return tuple((query_href(filters, holder=value), label, filters.holder == value)
                 for value, label in ((None, names.all), ("mine", names.mine), ("unassigned", names.unassigned)))


@dataclass(frozen=True)
class Step:
    status: Status
    label: str
    state: str  # done, current, todo


def steps(current: Status) -> tuple[Step, ...]:
    text = load_console_prompts()
    if current == "rejected":
        return tuple(Step(s, text.status(s), "todo") for s in STEPS)
    at = STEPS.index(current)
    return tuple(Step(s, text.status(s), "done" if i < at or current == "closed" else
                      "current" if i == at else "todo") for i, s in enumerate(STEPS))


@dataclass(frozen=True)
class Confirmation:
    """An assignment or claim refused for capacity, waiting for the user to confirm it."""

    mentor: MentorLoad
    claim: bool


@dataclass(frozen=True)
class CaseView:
    detail: CaseDetail
    labels: Labels
    steps: tuple[Step, ...]
    brief_html: Markup
    mentors_html: Markup
    contact_html: Markup | None
    transcript: list[TranscriptEntry]
    mentors: list[MentorLoad]
    team_mentors: list[MentorLoad]
    experts: list[Person]
    confirmation: Confirmation | None
    brief_css: str
    contact_days: int
    # T0 → T1: what was recorded and who may record it; the change table when recorded.
    reassessment: ReassessmentDraft | None = None
    reassessment_html: Markup | None = None

    @property
    def contact_shown(self) -> bool:
        return self.contact_html is not None
