"""Mentor suggestions from the roster (knowledge/roster.py).

Score, 0–1 = (0.5 × fit + 0.2 × industry + 0.2 × region + 0.1 × language)
            × language factor × load factor, where

* fit — the noisy-or of the firm's needs the mentor's expertise tags answer (needs.py);
* industry / region — 1 when the mentor covers the firm's industry / region, 0.5 when the
  mentor covers all (empty list) or the firm's answer is unknown, else 0;
* language — 1 when the mentor consults in the brief's language; otherwise 0, the
  language factor halves the score and the mentor comes after all who do;
* load factor — 1 − 0.2 × open cases / weekly capacity. A mentor whose open cases reach
  the capacity is fully booked: still listed, after every mentor with room, with the reason.

Tiers follow the need (seed 000): field work goes to tier-1 field mentors, each shown with
their tier-2 lead; when the needs look strategic (strategy words, a firm of 100 or more, or
a wish for consulting: needs.wants_strategy) a tier-3 expert is suggested as well.
Inactive mentors are never suggested.
"""

from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from assistant.decision.firm import Firm
from assistant.decision.needs import NeedProfile
from assistant.decision.reasons import label, tag_list
from knowledge.roster import MentorEntry
from prompts.brief import Lang, load_brief_prompts

WEIGHT_FIT = 0.5
WEIGHT_INDUSTRY = 0.2
WEIGHT_REGION = 0.2
WEIGHT_LANGUAGE = 0.1
LOAD_PENALTY = 0.2
FIELD_MENTORS = 3
STRATEGY_MENTORS = 1


class MentorLead(BaseModel):
    id: str
    name: str


class MentorMatch(BaseModel):
    id: str
    name: str
    tier: int
    score: float
    reasons: list[str]
    lead: MentorLead | None = None
    open_cases: int
    capacity: int
    available: bool
    speaks_language: bool


def coverage(value: str | None, covered: Sequence[str]) -> float:
    if not covered or value is None:
        return 0.5
    return 1.0 if value in covered else 0.0


def score_mentor(mentor: MentorEntry, firm: Firm, needs: NeedProfile, lang: Lang, open_cases: int,
                 leads: Mapping[str, MentorEntry]) -> MentorMatch:
    prompts = load_brief_prompts(lang)
    say = prompts.mentors
    industry, region = firm.str_of("company.industry"), firm.str_of("company.region")
    fit = needs.fit(mentor.expertise)
    industries = [i.value for i in mentor.industries]
    regions = [r.value for r in mentor.regions]
    speaks = lang in mentor.languages
    raw = (WEIGHT_FIT * fit.score + WEIGHT_INDUSTRY * coverage(industry, industries)
           + WEIGHT_REGION * coverage(region, regions) + WEIGHT_LANGUAGE * (1.0 if speaks else 0.0))
    available = open_cases < mentor.weekly_capacity
    load = min(1.0, open_cases / mentor.weekly_capacity) if mentor.weekly_capacity else 1.0
    score = raw * (1.0 if speaks else 0.5) * (1 - LOAD_PENALTY * load)

    reasons: list[str] = []
    if mentor.tier == 3:
        reasons.append(say.strategy)
    if fit.hits:
        reasons.append(say.expertise.format(tags=tag_list(fit.tags, lang)))
    if industry and industry in industries:
        reasons.append(say.industry.format(industry=label(lang, "industry", industry)))
    elif not industries:
        reasons.append(say.generalist)
    if region and region in regions:
        reasons.append(say.region.format(region=label(lang, "region", region)))
    elif not regions:
        reasons.append(say.nationwide)
    language = prompts.languages.get(lang, lang)
    if not speaks:
        reasons.append(say.no_language.format(language=language))
    elif lang != "ko":
        reasons.append(say.language.format(language=language))
    template = say.load if available else say.full
    reasons.append(template.format(open=open_cases, capacity=mentor.weekly_capacity))
    lead = leads.get(mentor.lead) if mentor.lead else None
    if mentor.tier == 1 and lead is not None:
        reasons.append(say.field.format(lead=lead.name.get(lang)))
    return MentorMatch(
        id=mentor.id, name=mentor.name.get(lang), tier=mentor.tier, score=round(score, 4), reasons=reasons,
        lead=MentorLead(id=lead.id, name=lead.name.get(lang)) if lead else None,
        open_cases=open_cases, capacity=mentor.weekly_capacity, available=available, speaks_language=speaks,
    )


def order(matches: Sequence[MentorMatch]) -> list[MentorMatch]:
    return sorted(matches, key=lambda m: (not m.available, not m.speaks_language, -m.score, m.id))


def rank_mentors(*, roster: Sequence[MentorEntry], firm: Firm, needs: NeedProfile, lang: Lang,
                 open_load: Mapping[str, int], field_limit: int | None = FIELD_MENTORS,
                 strategy_limit: int = STRATEGY_MENTORS) -> list[MentorMatch]:
    """The best tier-1 field mentors (with their leads), then, for strategic needs, the
    best tier-3 experts. `open_load` maps a mentor's slug to the cases they hold now."""
    active = [m for m in roster if m.active]
    leads = {m.slug: m for m in roster if m.tier == 2}

    def ranked(tier: int) -> list[MentorMatch]:
        return order([score_mentor(m, firm, needs, lang, max(0, open_load.get(m.slug, 0)), leads)
                      for m in active if m.tier == tier])

    field = ranked(1)
    suggestions = field if field_limit is None else field[:field_limit]
    if needs.strategy and strategy_limit > 0:
        suggestions += ranked(3)[:strategy_limit]
    return suggestions
