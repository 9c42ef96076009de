"""Every sentence of the needs brief (readiness advice, match reasons, the vendor disclaimer,
the owner's next step), per language, loaded from prompts/brief/<lang>.yaml and validated so
a missing sentence or a mistyped placeholder is caught at load, not in a mentor's queue."""

from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from prompts import check_placeholders, load_prompt_file, placeholders

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")
BRIEF_PROMPTS_DIR = Path(__file__).resolve().parent

DIMENSIONS: tuple[str, ...] = (
    "budget_strategy", "skills_staffing", "remote_work", "cloud", "ai", "blockchain", "data", "security",
)
BANDS: tuple[str, ...] = ("basic", "average", "moderately_advanced", "advanced")


class _Templates(BaseModel):
    """A group of templates; each field lists the placeholders it may use."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    allowed: ClassVar[dict[str, frozenset[str]]] = {}

    @model_validator(mode="after")
    def _known_placeholders(self) -> "_Templates":
        allowed = type(self).allowed
        check_placeholders(((name, getattr(self, name)) for name in allowed), allowed)
        return self


class EligibilityText(_Templates):
    region_met: str
    region_failed: str
    region_unknown: str
    region_assumed: str
    industry_met: str
    industry_failed: str
    industry_unknown: str
    industry_assumed: str
    employees_min_met: str
    employees_min_failed: str
    employees_max_met: str
    employees_max_failed: str
    employees_unknown: str
    stage_met: str
    stage_failed: str
    stage_unknown: str
    stage_assumed: str

    allowed = {
        **{f"region_{o}": frozenset({"regions", "region"}) for o in ("met", "failed", "unknown", "assumed")},
        **{f"industry_{o}": frozenset({"industries", "industry"}) for o in ("met", "failed", "unknown", "assumed")},
        **{f"employees_{b}_{o}": frozenset({"min", "max", "employees"})
           for b in ("min", "max") for o in ("met", "failed")},
        "employees_unknown": frozenset({"range"}),
        **{f"stage_{o}": frozenset({"stages", "stage"}) for o in ("met", "failed", "unknown", "assumed")},
    }


class NeedText(_Templates):
    """Why a program, vendor or mentor fits, by where the need came from. `{tags}` lists the
    capabilities that answer it."""

    said: str
    remote: str
    funding: str
    hiring: str
    skills: str
    gap: str
    stage: str
    industry: str
    region: str
    support: str
    search: str
    about: str
    refused: str
    no_remote: str
    no_funding: str

    allowed = {
        "said": frozenset({"tags", "keyword"}),
        "refused": frozenset({"words"}),
        "remote": frozenset({"tags"}),
        "funding": frozenset({"tags", "need"}),
        "hiring": frozenset({"tags"}),
        "skills": frozenset({"tags"}),
        "gap": frozenset({"tags", "dimension", "band", "score"}),
        "stage": frozenset({"tags", "stage"}),
        "industry": frozenset({"tags", "industry"}),
        "region": frozenset({"tags", "region"}),
        "support": frozenset({"types"}),
        "search": frozenset({"rank"}),
        "about": frozenset({"summary"}),
    }


class VendorText(_Templates):
    member: str
    disclaimer: str

    allowed = {"member": frozenset({"tags"}), "disclaimer": frozenset()}


class MentorText(_Templates):
    expertise: str
    industry: str
    generalist: str
    region: str
    nationwide: str
    language: str
    no_language: str
    load: str
    full: str
    field: str
    strategy: str

    allowed = {
        "expertise": frozenset({"tags"}),
        "industry": frozenset({"industry"}),
        "generalist": frozenset(),
        "region": frozenset({"region"}),
        "nationwide": frozenset(),
        "language": frozenset({"language"}),
        "no_language": frozenset({"language"}),
        "load": frozenset({"open", "capacity"}),
        "full": frozenset({"open", "capacity"}),
        "field": frozenset({"lead"}),
        "strategy": frozenset(),
    }


class OwnerText(_Templates):
    next_step: str
    next_step_without_mentor: str
    next_step_without_contact: str
    allowed = {"next_step": frozenset({"days"}), "next_step_without_mentor": frozenset(),
               "next_step_without_contact": frozenset()}


class PageText(_Templates):
    """Headings and labels of the rendered brief (HTML, PDF) and of the owner's copy."""

    title: str
    audience: str
    owner_title: str
    unnamed_company: str
    section_profile: str
    section_words: str
    section_readiness: str
    section_programs: str
    section_vendors: str
    section_mentors: str
    section_unknowns: str
    section_answers: str
    section_contact: str
    section_record: str
    partner: str
    goals: str
    pressures: str
    not_said: str
    overall: str
    points: str
    gap: str
    top_band: str
    radar_title: str
    radar_desc: str
    group_eligible: str
    group_check: str
    group_ineligible: str
    group_eligible_intro: str
    group_check_intro: str
    group_ineligible_intro: str
    fit: str
    why: str
    notes: str
    checks: str
    failed: str
    sources: str
    more: str
    none: str
    vendor_disclaimer_title: str
    tier_1: str
    tier_2: str
    tier_3: str
    lead: str
    load: str
    full: str
    ask_hint: str
    no_unknowns: str
    urgency: str
    raw_answer: str
    unknown: str
    consent: str
    consent_given: str
    consent_missing: str
    case_id: str
    session_id: str
    kb_version: str
    created_at: str
    schema_version: str
    language: str
    language_note: str
    owner_scores: str
    owner_programs: str
    owner_next: str

    allowed = {
        "points": frozenset({"score"}),
        "gap": frozenset({"gap", "band"}),
        "more": frozenset({"count"}),
        "load": frozenset({"open", "capacity"}),
        "consent_given": frozenset({"at", "version"}),
        "language_note": frozenset({"language"}),
    }

    def tier(self, tier: int) -> str:
        return {1: self.tier_1, 2: self.tier_2, 3: self.tier_3}.get(tier, str(tier))


class ReportText(_Templates):
    """The re-assessment (T0 → T1) in the brief, and the case report."""

    title: str
    audience: str
    section_change: str
    intro: str
    before: str
    after: str
    change: str
    dimension: str
    up: str
    down: str
    same: str
    up_words: str
    down_words: str
    same_words: str
    not_reassessed: str
    not_comparable: str
    recorded: str
    summary: str
    programs_applied: str
    no_programs: str
    pending: str
    section_done: str
    steps: str
    notes: str
    no_notes: str
    section_case: str
    case_id: str
    status: str
    opened: str
    closed: str
    mentor: str
    team: str
    nobody: str

    allowed = {
        **{name: frozenset({"delta"}) for name in ("up", "down", "up_words", "down_words")},
        "recorded": frozenset({"name", "at"}),
    }


class BriefPrompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Lang = "ko"
    bands: dict[str, str]
    dimensions: dict[str, str]
    advice: dict[str, dict[str, str]]
    unknown_advice: str
    tags: dict[str, str]
    languages: dict[str, str]
    list_separator: str
    eligibility: EligibilityText
    needs: NeedText
    vendors: VendorText
    mentors: MentorText
    owner: OwnerText
    page: PageText
    report: ReportText

    @model_validator(mode="after")
    def _complete(self) -> "BriefPrompts":
        missing = [b for b in (*BANDS, "unknown") if b not in self.bands]
        missing += [d for d in DIMENSIONS if d not in self.dimensions]
        missing += [f"advice.{d}.{b}" for d in DIMENSIONS for b in BANDS if b not in self.advice.get(d, {})]
        if missing:
            raise ValueError(f"missing: {', '.join(missing)}")
        if placeholders(self.unknown_advice) - {"dimension"}:
            raise ValueError("unknown_advice may only use {dimension}")
        return self

    def tag(self, tag: str) -> str:
        return self.tags.get(tag, tag)

    def join(self, items: list[str]) -> str:
        return self.list_separator.join(items)




@lru_cache(maxsize=len(LANGS))
def load_brief_prompts(lang: Lang) -> BriefPrompts:
    path = BRIEF_PROMPTS_DIR / f"{lang}.yaml"
    return load_prompt_file(path, BriefPrompts, {"lang": lang}, f"brief/{path.name}")
