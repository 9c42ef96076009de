"""Program matching: an eligibility verdict (see eligibility.py) and a relevance score for
every program in the knowledge base, with reasons and citations.

Programs are ranked first by what the owner asked for, then by what their situation
suggests. Relevance, 0–1, is a weighted sum of five signals, each 0–1:

* 0.40 × asked — how well the program's capability_tags answer the needs the owner stated
  (needs.py: topics in their goals and cost pressures, read with negation; a remote-work
  wish; a funding need), a noisy-or of the matched needs' strengths, a need that only one
  of the program's secondary capabilities answers counting half (NeedProfile.main_fit);
* 0.25 × search — the retriever's score for the program on the owner's goals and cost
  pressures (kind="program"), relative to the best hit, halved when the retriever finds
  the text not really answered (evidence.search_signal);
* 0.15 × support — share of the support types the owner asked for (needs.support_types)
  that the program offers;
* 0.15 × situation — the strongest of the needs read from the answers rather than asked
  for (readiness gaps, skills, hiring difficulty, stage, industry, region) that the program
  answers (half when only a secondary capability answers it): the strongest, not all
  together, so a program touching many weak needs does not outrank one that answers what
  was asked;
* 0.05 × target — for programs aimed at a region, industry, size or stage: the share of
  those rules the firm is known to meet (0 if one fails, 0 for programs open to all).

Order: programs that are not ineligible, then ineligible ones; within each, programs that go
against something the owner said they do not want ("블록체인은 관심 없어요") come last, with
that as a reason; otherwise by score, highest first.
"""

import re
from collections.abc import Sequence

from pydantic import BaseModel, Field

from assistant.decision.eligibility import Judgement, Verdict, judge
from assistant.decision.evidence import Citation, Reason, SearchSignal, best_quote, cite, refusal_reasons
from assistant.decision.firm import Firm
from assistant.decision.needs import NeedProfile
from assistant.decision.reasons import label, need_reasons
from knowledge.schema import Entry
from prompts.brief import Lang, load_brief_prompts

WEIGHT_ASKED = 0.40
WEIGHT_SEARCH = 0.25
WEIGHT_SUPPORT = 0.15
WEIGHT_SITUATION = 0.15
WEIGHT_TARGET = 0.05
NEED_REASONS = 3
SEARCH_REASON_RANK = 3  # say "close to what you described" for the top three hits
SEARCH_REASON_MIN = 0.5


class ProgramMatch(BaseModel):
    id: str
    name: str
    eligibility: Verdict
    score: float
    reasons: list[str]
    citations: list[Citation]
    checks: list[str]
    failed: list[str]
    conflicts: list[str] = Field(default_factory=list, description="The owner's words refusing what it mainly does")


def support_share(entry: Entry, wanted: Sequence[str]) -> float:
    if not wanted:
        return 0.0
    offered = {s.value for s in entry.support_types}
    return len(offered & set(wanted)) / len(set(wanted))


def target_share(judgement: Judgement) -> float:
    if not judgement.findings or judgement.verdict == "ineligible":
        return 0.0
    return len(judgement.by_outcome("met")) / len(judgement.findings)


def _support_reason(entry: Entry, wanted: Sequence[str], lang: Lang) -> Reason | None:
    shared = [s.value for s in entry.support_types if s.value in wanted]
    if not shared:
        return None
    labels = [label(lang, "support_type", s) for s in shared]
    keywords = labels + [label("ko", "support_type", s) for s in shared]
    text = load_brief_prompts(lang).needs.support.format(types=load_brief_prompts(lang).join(labels))
    return Reason(text, best_quote(entry, keywords))


def _search_reason(entry: Entry, signal: SearchSignal, query: str, lang: Lang) -> Reason | None:
    rank = signal.ranks.get(entry.id)
    if rank is None or rank > SEARCH_REASON_RANK or signal.of(entry.id) < SEARCH_REASON_MIN:
        return None
    words = [w for w in query.split() if len(w) >= 2]
    return Reason(load_brief_prompts(lang).needs.search.format(rank=rank), best_quote(entry, words))


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?。])(\s|$)", text.strip(), re.DOTALL)
    return match.group(1) if match else text.strip()


def _about_reason(entry: Entry, lang: Lang) -> Reason:
    """What the program is, for programs nothing else speaks for."""
    summary = first_sentence(entry.summary.get(lang))
    return Reason(load_brief_prompts(lang).needs.about.format(summary=summary),
                  best_quote(entry, [w for w in first_sentence(entry.summary.ko).split() if len(w) >= 2]))


def score_program(entry: Entry, firm: Firm, needs: NeedProfile, signal: SearchSignal, lang: Lang) -> ProgramMatch:
    judgement = judge(entry, firm, lang)
    fit = needs.fit(entry.capability_tags)
    wanted = firm.list_of("needs.support_types")
    score = (WEIGHT_ASKED * needs.asked().main_fit(entry.capability_tags) + WEIGHT_SEARCH * signal.of(entry.id)
             + WEIGHT_SUPPORT * support_share(entry, wanted)
             + WEIGHT_SITUATION * needs.inferred().main_strongest(entry.capability_tags)
             + WEIGHT_TARGET * target_share(judgement))
    conflicts = needs.conflicts(entry.capability_tags)
    failed = [f.reason for f in judgement.by_outcome("failed")]
    unknown = [f.reason for f in judgement.by_outcome("unknown")]
    met = [f.reason for f in judgement.by_outcome("met")]
    relevance = need_reasons(entry, fit, lang, NEED_REASONS)
    relevance += [r for r in (_support_reason(entry, wanted, lang), _search_reason(entry, signal, firm.text, lang)) if r]
    refused = refusal_reasons(entry, conflicts, lang)
    reasons = [*failed, *refused, *(relevance or [_about_reason(entry, lang)]), *met, *unknown]
    return ProgramMatch(
        id=entry.id,
        name=entry.name.get(lang),
        eligibility=judgement.verdict,
        score=round(score, 4),
        reasons=[r.text for r in reasons],
        citations=cite(entry, reasons, lang),
        checks=[r.text for r in unknown] + judgement.conditions,
        failed=[r.text for r in failed],
        conflicts=conflicts,
    )


def rank_programs(programs: Sequence[ProgramMatch]) -> list[ProgramMatch]:
    return sorted(programs, key=lambda p: (p.eligibility == "ineligible", bool(p.conflicts), -p.score, p.id))


def match_programs(*, entries: Sequence[Entry], firm: Firm, needs: NeedProfile, signal: SearchSignal,
                   lang: Lang) -> list[ProgramMatch]:
    """Every program entry, judged and scored, in brief order."""
    return rank_programs([score_program(e, firm, needs, signal, lang) for e in entries if e.kind == "program"])
