"""Typed page contexts: everything a rendered brief shows, computed once from a NeedsBrief in
one language. The HTML templates and the PDF renderer read these and nothing else, so both
show the same sections with the same words.

Readiness labels and advice, band names, value labels and the vendor disclaimer follow the
page's language; program and vendor names and the reason sentences were written when the
brief was built, in the brief's language, and the page says so when the two differ."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from application.briefs.radar import RadarLayout, radar_svg, readiness_radar
from application.calendar import korean_time
from assistant.decision.brief import BriefSlot, NeedsBrief
from assistant.decision.evidence import Citation
from assistant.decision.mentors import MentorMatch
from assistant.decision.readiness import DimensionResult, OverallResult
from assistant.display import format_value
from assistant.flow import CONSENT_SLOT, load_flow
from prompts import load_prompts
from prompts.brief import Lang, PageText, load_brief_prompts
from prompts.particles import format_text

if TYPE_CHECKING:
    from application.briefs.reassessment import ReassessmentView

FEATURED_PROGRAMS = 6  # per group, shown in full; the rest fold away
ANSWER_TOPICS_SHOWN_ELSEWHERE = ("contact",)


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    muted: bool = False
    href: str | None = None  # a mailto: or tel: link, so a mentor's device can write or call


@dataclass(frozen=True)
class Source:
    number: int
    label: str  # "중앙일보, 2009: 「…」", never a file name
    quote: str
    url: str | None = None  # the source page with the quote marked


@dataclass(frozen=True)
class ReasonView:
    text: str
    refs: tuple[int, ...]


@dataclass(frozen=True)
class ProgramView:
    id: str
    name: str
    eligibility: str
    fit: int
    reasons: tuple[ReasonView, ...]
    checks: tuple[str, ...]
    failed: tuple[ReasonView, ...]  # why it is ineligible (the first reasons), cited
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class ProgramGroup:
    key: str
    title: str
    intro: str
    featured: tuple[ProgramView, ...]
    more: tuple[ProgramView, ...]
    more_label: str

    @property
    def count(self) -> int:
        return len(self.featured) + len(self.more)


@dataclass(frozen=True)
class VendorView:
    id: str
    name: str
    fit: int
    reasons: tuple[ReasonView, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class MentorView:
    id: str
    name: str
    tier: int
    tier_label: str
    fit: int
    reasons: tuple[str, ...]
    lead: str | None
    load: str
    full: bool


@dataclass(frozen=True)
class DimensionView:
    key: str
    label: str
    score: int | None
    score_text: str
    band: str
    band_label: str
    advice: str
    gap_text: str


@dataclass(frozen=True)
class AskView:
    slot_id: str
    label: str
    question: str


@dataclass(frozen=True)
class RowGroup:
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class BriefPage:
    lang: Lang
    text: PageText
    title: str
    company_name: str
    created_at: str
    kb_version: str
    profile: tuple[Row, ...]
    goals: str | None
    pressures: str | None
    overall: DimensionView
    dimensions: tuple[DimensionView, ...]
    radar: RadarLayout
    radar_svg: Markup
    program_groups: tuple[ProgramGroup, ...]
    vendors: tuple[VendorView, ...]
    vendor_disclaimer: str
    mentors: tuple[MentorView, ...]
    unknowns: tuple[AskView, ...]
    urgency: str | None
    contact: tuple[Row, ...]
    consent: str
    consent_ok: bool
    answers: tuple[RowGroup, ...]
    record: tuple[Row, ...]
    language_note: str | None
    # T0 → T1 once the mentor re-assessed the case (application/briefs/reassessment.py).
    reassessment: "ReassessmentView | None" = None


def local_time(moment: datetime) -> str:
    return korean_time(moment).strftime("%Y-%m-%d %H:%M KST")


def slot_text(slot_id: str, value: Any, lang: Lang) -> str:
    """A slot's value as people read it ("연 2,000만 원", "25명", "제조업")."""
    spec = load_flow().by_id.get(slot_id)
    prompts = load_prompts(lang)
    if spec is None:
        return prompts.word("unknown") if value is None else str(value)
    return format_value(spec, value, prompts)


def dimension_view(key: str, label: str, result: DimensionResult | OverallResult, lang: Lang) -> DimensionView:
    brief = load_brief_prompts(lang)
    page = brief.page
    if result.score is None:
        advice = brief.unknown_advice.format(dimension=label)
        score_text, gap_text = page.unknown, ""
    else:
        advice = brief.advice[key][result.band] if key in brief.advice else ""
        score_text = format_text(page.points, score=result.score)
        next_band = {"basic": "average", "average": "moderately_advanced",
                     "moderately_advanced": "advanced"}.get(result.band)
        gap_text = (format_text(page.gap, gap=result.gap_to_next, band=brief.bands[next_band]) if next_band
                    else page.top_band)
    return DimensionView(key=key, label=label, score=result.score, score_text=score_text, band=result.band,
                         band_label=brief.bands[result.band], advice=advice, gap_text=gap_text)


def cited_reasons(reasons: Sequence[str], citations: Sequence[Citation]) -> tuple[tuple[ReasonView, ...],
                                                                                 tuple[Source, ...]]:
    """Reasons with footnote numbers; each distinct quoted sentence is listed once."""
    numbers: dict[tuple[str, str], int] = {}
    first: dict[int, Citation] = {}
    refs: dict[int, list[int]] = {}
    for citation in citations:
        number = numbers.setdefault((citation.source, citation.quote), len(numbers) + 1)
        first.setdefault(number, citation)
        if citation.reason is not None:
            refs.setdefault(citation.reason, []).append(number)
    views = tuple(ReasonView(text, tuple(sorted(set(refs.get(i, []))))) for i, text in enumerate(reasons))
    sources = tuple(Source(n, c.source, c.quote, c.url) for n, c in first.items())
    return views, sources


def _program_groups(brief: NeedsBrief, text: PageText) -> tuple[ProgramGroup, ...]:
    groups = []
    for key, title, intro in (("eligible", text.group_eligible, text.group_eligible_intro),
                              ("check", text.group_check, text.group_check_intro),
                              ("ineligible", text.group_ineligible, text.group_ineligible_intro)):
        views = []
        for p in (p for p in brief.programs if p.eligibility == key):
            reasons, sources = cited_reasons(p.reasons, p.citations)
            failed: tuple[ReasonView, ...] = tuple(ReasonView(f, ()) for f in p.failed)
            if [r.text for r in reasons[:len(failed)]] == p.failed:  # the failed rules lead the reasons
                failed, reasons = reasons[:len(failed)], reasons[len(failed):]
            views.append(ProgramView(p.id, p.name, p.eligibility, round(p.score * 100), reasons,
                                     tuple(p.checks), failed, sources))
        cut = len(views) if key == "ineligible" else FEATURED_PROGRAMS
        more = tuple(views[cut:])
        groups.append(ProgramGroup(key, title, intro, tuple(views[:cut]), more,
                                   text.more.format(count=len(more))))
    return tuple(groups)


def _answers(slots: dict[str, BriefSlot], lang: Lang) -> tuple[RowGroup, ...]:
    prompts = load_prompts(lang)
    page = load_brief_prompts(lang).page
    groups: dict[str, list[Row]] = {}
    for spec in load_flow().slots:
        slot = slots.get(spec.id)
        if slot is None or spec.id == CONSENT_SLOT or spec.topic in ANSWER_TOPICS_SHOWN_ELSEWHERE:
            continue
        if slot.status == "answered":
            row = Row(prompts.label(spec.id), slot_text(spec.id, slot.value, lang))
        elif slot.status == "raw":
            row = Row(prompts.label(spec.id), f"{page.raw_answer}: “{slot.raw_text}”", muted=True)
        else:
            row = Row(prompts.label(spec.id), page.unknown, muted=True)
        groups.setdefault(prompts.topics.get(spec.topic, spec.topic), []).append(row)
    return tuple(RowGroup(title, tuple(rows)) for title, rows in groups.items())


def _profile(brief: NeedsBrief, lang: Lang, text: PageText) -> tuple[Row, ...]:
    prompts = load_prompts(lang)
    company = brief.company
    rows = [
        ("company.industry", company.industry), ("company.region", company.region),
        ("company.employees", company.employees), ("company.founded_year", company.founded_year),
    ]
    out = [Row(prompts.label(slot_id), slot_text(slot_id, value, lang), muted=value is None)
           for slot_id, value in rows]
    if company.stage:
        out.append(Row(prompts.label("company.stage"), prompts.value_label("stage", company.stage)))
    revenue = brief.slots.get("company.annual_revenue_krw")
    if revenue is not None and revenue.status == "answered":
        out.append(Row(prompts.label("company.annual_revenue_krw"),
                       slot_text("company.annual_revenue_krw", revenue.value, lang)))
    support = brief.slots.get("needs.support_types")
    if support is not None and support.status == "answered" and support.value:
        out.append(Row(prompts.label("needs.support_types"), slot_text("needs.support_types", support.value, lang)))
    if brief.partner:
        out.append(Row(text.partner, brief.partner))
    return tuple(out)


def _mentor(m: MentorMatch, text: PageText) -> MentorView:
    return MentorView(m.id, m.name, m.tier, text.tier(m.tier), round(m.score * 100), tuple(m.reasons),
                      m.lead.name if m.lead else None,
                      text.load.format(open=m.open_cases, capacity=m.capacity), not m.available)


def contact_link(field: str, value: str | None) -> str | None:
    """mailto: for an e-mail address, tel: (digits and a leading +) for a phone number."""
    if not value:
        return None
    if field == "email":
        return f"mailto:{value}"
    if field == "phone":
        digits = "".join(char for char in value if char.isdigit() or char == "+")
        return f"tel:{digits}" if digits else None
    return None


def brief_page(brief: NeedsBrief, lang: Lang | None = None) -> BriefPage:
    lang = lang or brief.lang
    prompts = load_prompts(lang)
    brief_prompts = load_brief_prompts(lang)
    text = brief_prompts.page
    dimensions = tuple(dimension_view(k, brief_prompts.dimensions.get(k, d.label), d, lang)
                       for k, d in brief.readiness.dimensions.items())
    radar = readiness_radar(brief.readiness, lang)
    vendors = []
    for v in brief.vendors:
        reasons, sources = cited_reasons(v.reasons, v.citations)
        vendors.append(VendorView(v.id, v.name, round(v.score * 100), reasons, sources))
    contact = tuple(Row(prompts.label(f"contact.{field}"), value or prompts.word("unknown"), muted=not value,
                        href=contact_link(field, value))
                    for field, value in (("name", brief.contact.name), ("email", brief.contact.email),
                                         ("phone", brief.contact.phone)))
    consent = brief.consent
    consent_ok = consent.given_at is not None
    consent_text = (text.consent_given.format(at=local_time(consent.given_at), version=consent.text_version or "—")
                    if consent.given_at is not None else text.consent_missing)
    record = (Row(text.case_id, brief.case_id or "—"), Row(text.session_id, brief.session_id),
              Row(text.created_at, local_time(brief.created_at)), Row(text.kb_version, brief.kb_version),
              Row(text.schema_version, brief.schema_version),
              Row(text.language, brief_prompts.languages.get(brief.lang, brief.lang)))
    note = (text.language_note.format(language=brief_prompts.languages.get(brief.lang, brief.lang))
            if lang != brief.lang else None)
    return BriefPage(
        lang=lang, text=text, title=text.title,
        company_name=brief.company.name or text.unnamed_company,
        created_at=local_time(brief.created_at), kb_version=brief.kb_version,
        profile=_profile(brief, lang, text),
        goals=brief.goals_and_pains.goals, pressures=brief.goals_and_pains.pressures,
        overall=dimension_view("overall", text.overall, brief.readiness.overall, lang),
        dimensions=dimensions, radar=radar, radar_svg=Markup(radar_svg(radar, element_id="readiness-radar")),
        program_groups=_program_groups(brief, text),
        vendors=tuple(vendors), vendor_disclaimer=brief_prompts.vendors.disclaimer,
        mentors=tuple(_mentor(m, text) for m in brief.mentors),
        unknowns=tuple(AskView(s, prompts.label(s) if s in prompts.slots else s,
                               prompts.slots[s].question if s in prompts.slots else "") for s in brief.unknowns),
        urgency=prompts.value_label("urgency", brief.urgency) if brief.urgency else None,
        contact=contact, consent=consent_text, consent_ok=consent_ok,
        answers=_answers(brief.slots, lang), record=record, language_note=note,
    )
