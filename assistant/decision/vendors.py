"""Vendor matching: the digital-innovation association's member firms, ranked by how their
capabilities answer the firm's needs.

Score, 0–1 = 0.6 × fit + 0.4 × search, where fit is the noisy-or of the firm's needs the
vendor's capability_tags answer (needs.py: e.g. wanting remote work while working on site
→ DaaS, virtualisation, remote support; leaking files or low security → file, document and
PC security; scattered data → big data and databases; machines to watch → monitoring and
control systems) and search the retriever's relative score for the vendor on the owner's
goals and cost pressures (kind="vendor"). Tags weigh more than search here because vendor
profiles are short and alike, which makes their text similarity noisy.

A vendor whose main capability the owner said they do not want ("재택은 필요 없어요" for a
remote-desktop firm) comes after all others, with that as its first reason.

Vendors are suggestions from the association's member list, never endorsements; the brief
says so (`vendor_disclaimer`).
"""

from collections.abc import Sequence

from pydantic import BaseModel, Field

from assistant.decision.evidence import (
    Citation,
    Reason,
    SearchSignal,
    best_quote,
    cite,
    refusal_reasons,
    tag_keywords,
)
from assistant.decision.needs import NeedProfile
from assistant.decision.reasons import need_reasons, tag_list
from knowledge.schema import Entry
from prompts.brief import Lang, load_brief_prompts

WEIGHT_FIT = 0.6
WEIGHT_SEARCH = 0.4
NEED_REASONS = 2
SEARCH_REASON_RANK = 3
SEARCH_REASON_MIN = 0.5


class VendorMatch(BaseModel):
    id: str
    name: str
    score: float
    reasons: list[str]
    citations: list[Citation]
    conflicts: list[str] = Field(default_factory=list, description="The owner's words refusing what it mainly does")


def score_vendor(entry: Entry, needs: NeedProfile, signal: SearchSignal, lang: Lang) -> VendorMatch:
    fit = needs.fit(entry.capability_tags)
    score = WEIGHT_FIT * fit.score + WEIGHT_SEARCH * signal.of(entry.id)
    prompts = load_brief_prompts(lang)
    tags = set(entry.capability_tags)
    member = Reason(prompts.vendors.member.format(tags=tag_list(tags, lang, limit=len(tags))),
                    best_quote(entry, tag_keywords(tags, [prompts.tag(t) for t in tags])))
    conflicts = needs.conflicts(entry.capability_tags)
    refused = refusal_reasons(entry, conflicts, lang)
    reasons = [*refused, member, *need_reasons(entry, fit, lang, NEED_REASONS)]
    rank = signal.ranks.get(entry.id)
    if rank is not None and rank <= SEARCH_REASON_RANK and signal.of(entry.id) >= SEARCH_REASON_MIN:
        reasons.append(Reason(prompts.needs.search.format(rank=rank)))
    return VendorMatch(id=entry.id, name=entry.name.get(lang), score=round(score, 4),
                       reasons=[r.text for r in reasons], citations=cite(entry, reasons, lang), conflicts=conflicts)


def match_vendors(*, entries: Sequence[Entry], needs: NeedProfile, signal: SearchSignal,
                  lang: Lang) -> list[VendorMatch]:
    """Every vendor entry, best first (ties by id, so the order is stable)."""
    scored = [score_vendor(e, needs, signal, lang) for e in entries if e.kind == "vendor"]
    return sorted(scored, key=lambda v: (bool(v.conflicts), -v.score, v.id))
