"""The needs brief (contracts.md §6): everything a mentor needs to pick up a case, built
from the dialogue's slots, the knowledge base, the retriever and the mentor roster.

Beyond the contract's fields it carries `vendor_disclaimer`, and per program `checks`
(conditions a mentor must confirm) and `failed` (why it is ineligible); each citation names
the reason it backs (`reason`, an index into `reasons`)."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from assistant.decision.evidence import Citation, search_signal
from assistant.decision.firm import Firm, read_firm
from assistant.decision.mentors import MentorMatch, rank_mentors
from assistant.decision.needs import need_profile
from assistant.decision.programs import ProgramMatch, match_programs
from assistant.decision.readiness import Readiness, assess_readiness
from assistant.decision.vendors import VendorMatch, match_vendors
from assistant.flow import CONSENT_SLOT, load_flow
from assistant.ports import KnowledgeSearch
from assistant.state import SlotValue
from knowledge.loader import KnowledgeBase
from knowledge.roster import MentorEntry
from prompts.brief import Lang, load_brief_prompts

# 1.1: a citation is the article's label, the quote and its page instead of "<seed file>: <quote>";
# briefs stored as 1.0 are read in the new shape.
SCHEMA_VERSION = "1.1"
VENDORS_IN_BRIEF = 5


class Company(BaseModel):
    name: str | None = None
    industry: str | None = None
    region: str | None = None
    employees: int | None = None
    founded_year: int | None = None
    stage: str | None = None


class BriefSlot(BaseModel):
    value: Any = None
    status: Literal["answered", "unknown", "raw"]
    raw_text: str = ""
    source_message: str | None = None


class GoalsAndPains(BaseModel):
    """The owner's own words, unedited."""

    goals: str | None = None
    pressures: str | None = None


class Contact(BaseModel):
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class Consent(BaseModel):
    given_at: datetime | None = None
    text_version: str | None = None
    # The separate consent for optional items (the contact's name); briefs made before it
    # existed have none.
    optional_items: bool = False


class NeedsBrief(BaseModel):
    schema_version: str = SCHEMA_VERSION
    case_id: str | None = None
    session_id: str
    lang: Lang
    created_at: datetime
    kb_version: str
    partner: str | None = None
    company: Company
    slots: dict[str, BriefSlot] = Field(description="Every slot the conversation touched")
    goals_and_pains: GoalsAndPains
    readiness: Readiness
    programs: list[ProgramMatch] = Field(description="All programs: eligible/check by score, then ineligible")
    vendors: list[VendorMatch]
    mentors: list[MentorMatch]
    unknowns: list[str] = Field(description="Slot ids still to ask about: unknown, unreadable or missing")
    urgency: str | None = None
    contact: Contact
    consent: Consent
    vendor_disclaimer: str

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        if not isinstance(data, dict) or data.get("schema_version", "1.0") != "1.0":
            return data
        lang = str(data.get("lang", "ko"))
        upgraded = dict(data, schema_version=SCHEMA_VERSION)
        for group in ("programs", "vendors"):
            upgraded[group] = [
                dict(match, citations=[Citation.upgrade(c, lang) for c in match.get("citations", [])])
                if isinstance(match, dict) else match
                for match in data.get(group, [])
            ]
        return upgraded

    def top_program_ids(self, n: int = 5) -> list[str]:
        """The n highest-ranked programs that are not ineligible."""
        return [p.id for p in self.programs if p.eligibility != "ineligible"][:n]

    def top_vendor_ids(self, n: int = 3) -> list[str]:
        return [v.id for v in self.vendors[:n]]

    def top_slugs(self, programs: int = 5, vendors: int = 3) -> tuple[list[str], list[str]]:
        """What the conversation evaluation compares (contracts.md §4): the slugs of the best
        programs that are not ineligible and of the best vendors."""
        return ([i.split(":", 1)[1] for i in self.top_program_ids(programs)],
                [i.split(":", 1)[1] for i in self.top_vendor_ids(vendors)])


def brief_json_schema() -> dict[str, Any]:
    return NeedsBrief.model_json_schema()


def unknown_slots(slots: Mapping[str, SlotValue], firm: Firm) -> list[str]:
    """Flow slots, in asking order, whose answer is unknown or unreadable, or that were
    never answered although they apply (optional ones left out excepted)."""
    out = []
    for spec in load_flow().slots:
        if spec.id == CONSENT_SLOT:
            continue
        slot = slots.get(spec.id)
        unsettled = slot is not None and slot.status in ("unknown", "raw")
        missing = slot is None and not spec.optional and spec.applies(firm.known)
        if unsettled or missing:
            out.append(spec.id)
    return out


def _company(firm: Firm) -> Company:
    return Company(
        name=firm.str_of("company.name"),
        industry=firm.str_of("company.industry"),
        region=firm.str_of("company.region"),
        employees=firm.int_of("company.employees"),
        founded_year=firm.int_of("company.founded_year"),
        stage=firm.stage,
    )


def build_brief(
    *,
    slots: Mapping[str, SlotValue],
    lang: Lang,
    session_id: str,
    case_id: str | None,
    created_at: datetime,
    partner: str | None,
    consent_given_at: datetime | None,
    consent_text_version: str | None,
    kb: KnowledgeBase,
    consent_optional_items: bool = False,
    search: KnowledgeSearch,
    roster: Sequence[MentorEntry],
    open_load: Mapping[str, int],
) -> NeedsBrief:
    firm = read_firm(slots, created_at.date())
    needs = need_profile(firm, lang=lang)
    programs = kb.of_kind("program")
    vendors = kb.of_kind("vendor")
    program_signal = search_signal(search, firm.text, kind="program", k=len(programs), lang=lang)
    vendor_signal = search_signal(search, firm.text, kind="vendor", k=len(vendors), lang=lang)
    return NeedsBrief(
        case_id=case_id,
        session_id=session_id,
        lang=lang,
        created_at=created_at,
        kb_version=kb.version,
        partner=partner,
        company=_company(firm),
        slots={k: BriefSlot(value=v.value, status=v.status, raw_text=v.raw_text, source_message=v.source_message)
               for k, v in slots.items()},
        goals_and_pains=GoalsAndPains(goals=firm.goals or None, pressures=firm.pressures or None),
        readiness=assess_readiness(firm.known, lang),
        programs=match_programs(entries=programs, firm=firm, needs=needs, signal=program_signal, lang=lang),
        vendors=match_vendors(entries=vendors, needs=needs, signal=vendor_signal, lang=lang)[:VENDORS_IN_BRIEF],
        mentors=rank_mentors(roster=roster, firm=firm, needs=needs, lang=lang, open_load=open_load),
        unknowns=unknown_slots(slots, firm),
        urgency=firm.str_of("needs.urgency"),
        contact=Contact(name=firm.str_of("contact.name"), email=firm.str_of("contact.email"),
                        phone=firm.str_of("contact.phone")),
        consent=Consent(given_at=consent_given_at, text_version=consent_text_version,
                        optional_items=consent_optional_items),
        vendor_disclaimer=load_brief_prompts(lang).vendors.disclaimer,
    )
