"""The firm's needs as weighted capability tags, and how well a set of tags answers them.

Each need has an origin (why we think the firm has it), a strength in 0–1 and the tags that
answer it. Strengths:

* said (1.0): a topic of needs.yaml named in the owner's goals or cost pressures.
* remote (1.0): remote.interest is yes while remote.status is none or partial.
* funding (1.0): costs.funding_need operating/growth_investment → funding, loans;
  emergency → emergency funding, restructuring, funding, loans.
* hiring (0.8): staffing.hiring_difficulty is yes → hiring, job matching, retention,
  workforce, training (a situation more than a request, so a little below 1).
* skills (0.5, 0.7 when both hold): digital skills low, or no IT staff → training, coaching
  the IT person, IT strategy, mentoring.
* gap: a readiness level. Data and security are baseline needs of every firm:
  0.6 × (3 − level) / 3 below level 3 (0.6, 0.4, 0.2). Cloud, AI and blockchain are choices:
  level 0 means "no plans" (0.1), 1–2 "considering or piloting" (0.6), 3 "in some areas"
  (0.2), 4–5 nothing.
* stage (pre-founder 1.0, start-up 0.5), industry (0.4, needs.yaml industry_tags) and
  region (0.3: firms outside the capital area → regional growth) are weak priors.

Fit of an entry (program, vendor, mentor) = 1 − Π (1 − strength) over the needs that share
at least one tag with it: a "noisy or", so independent reasons add up, one reason counts
once however many of its tags the entry has, and the result stays in 0–1.
"""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.decision.firm import Firm
from assistant.decision.keywords import find_keyword
from assistant.decision.negation import read_mentions
from knowledge.vocabulary import CAPITAL_AREA
from prompts.brief import Lang, load_brief_prompts

LEXICON_FILE = Path(__file__).with_name("needs.yaml")

STRENGTH_SAID = 1.0
STRENGTH_REMOTE = 1.0
STRENGTH_FUNDING = 1.0
STRENGTH_HIRING = 0.8
STRENGTH_INDUSTRY = 0.4
STRENGTH_REGION = 0.3
STAGE_STRENGTH = {"pre_founder": 1.0, "startup": 0.5}
BASELINE_DIMENSIONS = ("data", "security")
CHOICE_GAP = {0: 0.1, 1: 0.6, 2: 0.6, 3: 0.2}
FUNDING_TAGS = {
    "operating": ("funding", "loan"),
    "growth_investment": ("funding", "loan"),
    "emergency": ("emergency-funding", "restructuring", "funding", "loan"),
}
# What a no to remote work or to funding refuses (remote support for customers is not remote work).
REMOTE_WORK_TAGS = ("remote-work", "daas", "virtualization", "vdi", "flexible-work")
NO_FUNDING_TAGS = ("funding", "loan", "emergency-funding")
# Typed words worth quoting, not a button's value ("no").
_IN_WORDS = re.compile(r"[가-힣]|\w+\s+\w+")
HIRING_TAGS = ("hiring", "job-matching", "retention", "workforce", "training")
SKILLS_TAGS = ("training", "it-staff-coaching", "it-strategy", "mentoring")
STAGE_TAGS = {"pre_founder": ("pre-founder", "startup", "incubation"), "startup": ("startup",)}
LARGE_FIRM = 100
MAIN_TAGS = 3
SECONDARY = 0.5
# Needs the owner stated, as against those read from their situation.
ASKED_ORIGINS = frozenset({"said", "remote", "funding"})  # employees; firms this size get a strategy-level mentor too


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    keywords: list[str] = Field(min_length=1)
    tags: list[str] = Field(min_length=1)


class Strategy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    keywords: list[str] = Field(min_length=1)


class Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    topics: dict[str, Topic]
    strategy: Strategy
    industry_tags: dict[str, list[str]]
    gap_tags: dict[str, list[str]]

    def all_tags(self) -> set[str]:
        tags = {t for topic in self.topics.values() for t in topic.tags}
        tags |= {t for ts in (*self.industry_tags.values(), *self.gap_tags.values()) for t in ts}
        return tags


@lru_cache(maxsize=2)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    return Lexicon.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Need:
    origin: str
    key: str
    strength: float
    tags: frozenset[str]
    detail: dict[str, str | int] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Refusal:
    """A topic the owner said they do not want, with the clause that says so."""

    key: str
    tags: frozenset[str]
    words: str


@dataclass(frozen=True)
class Fit:
    score: float
    hits: list[tuple[Need, frozenset[str]]]

    @property
    def tags(self) -> set[str]:
        return {t for _, shared in self.hits for t in shared}


@dataclass(frozen=True)
class NeedProfile:
    needs: list[Need]
    strategy: bool = False
    refused: list[Refusal] = field(default_factory=list)

    def conflicts(self, tags: Sequence[str]) -> list[str]:
        """The owner's refusing words an entry goes against: its main capability (the first
        tag) is what they refused, or most of what it does is."""
        if not tags:
            return []
        return [r.words for r in self.refused
                if tags[0] in r.tags or 2 * len(r.tags & set(tags)) >= len(tags)]

    def asked(self) -> "NeedProfile":
        """Only the needs the owner stated: their words, a remote-work wish, a funding need."""
        return NeedProfile([n for n in self.needs if n.origin in ASKED_ORIGINS], self.strategy, self.refused)

    def inferred(self) -> "NeedProfile":
        """The needs read from the situation: readiness gaps, skills, hiring, stage, sector, region."""
        return NeedProfile([n for n in self.needs if n.origin not in ASKED_ORIGINS], self.strategy, self.refused)

    def fit(self, tags: Iterable[str]) -> Fit:
        tagset = frozenset(tags)
        hits = [(n, n.tags & tagset) for n in self.needs if n.strength > 0 and n.tags & tagset]
        hits.sort(key=lambda hit: -hit[0].strength)
        return Fit(score=1 - math.prod(1 - n.strength for n, _ in hits), hits=hits)

    def main_strongest(self, tags: Sequence[str]) -> float:
        """The strongest need the entry answers, counted half when only a secondary
        capability answers it (as in `main_fit`)."""
        main = frozenset(tags[:MAIN_TAGS])
        return max((n.strength if shared & main else SECONDARY * n.strength for n, shared in self.fit(tags).hits),
                   default=0.0)

    def main_fit(self, tags: Sequence[str]) -> float:
        """Like `fit`, but a need that only a secondary capability answers (beyond an entry's
        first MAIN_TAGS, which the entries list first) counts half: remote-work support that
        also "covers security" is not a security programme."""
        main = frozenset(tags[:MAIN_TAGS])
        return 1 - math.prod(1 - (n.strength if shared & main else SECONDARY * n.strength)
                             for n, shared in self.fit(tags).hits)


def gap_strength(dimension: str, level: int) -> float:
    if dimension in BASELINE_DIMENSIONS:
        return round(0.6 * (3 - level) / 3, 3) if level < 3 else 0.0
    return CHOICE_GAP.get(level, 0.0)


def said_needs(text: str, lexicon: Lexicon) -> tuple[list[Need], list[Refusal]]:
    """Topics the owner's words ask for, and those they refuse ("블록체인은 관심 없어요"): a
    topic counts as a need only where a clause mentions it without refusing it."""
    needs: list[Need] = []
    refused: list[Refusal] = []
    if not text:
        return needs, refused
    for name, topic in lexicon.topics.items():
        mentions = read_mentions(text, topic.keywords)
        if mentions.wanted:
            needs.append(Need("said", name, STRENGTH_SAID, frozenset(topic.tags), {"keyword": mentions.wanted[0]}))
        elif mentions.refused:
            refused.append(Refusal(name, frozenset(topic.tags), mentions.refused[0]))
    return needs, refused


def answer_needs(firm: Firm, lexicon: Lexicon) -> list[Need]:
    needs: list[Need] = []
    if firm.bool_of("remote.interest") and firm.get("remote.status") in ("none", "partial"):
        topic = lexicon.topics["remote_work"]
        needs.append(Need("remote", "remote", STRENGTH_REMOTE, frozenset(topic.tags)))
    funding = firm.str_of("costs.funding_need")
    if funding in FUNDING_TAGS:
        needs.append(Need("funding", funding, STRENGTH_FUNDING, frozenset(FUNDING_TAGS[funding]),
                          {"need": funding}))
    if firm.bool_of("staffing.hiring_difficulty"):
        needs.append(Need("hiring", "hiring", STRENGTH_HIRING, frozenset(HIRING_TAGS)))
    signals = [firm.get("staffing.digital_skills") == "low", firm.int_of("staffing.it_staff") == 0]
    if any(signals):
        needs.append(Need("skills", "skills", 0.7 if all(signals) else 0.5, frozenset(SKILLS_TAGS)))
    for dimension, tags in lexicon.gap_tags.items():
        level = firm.int_of(f"readiness.{dimension}")
        if level is not None and gap_strength(dimension, level) > 0:
            needs.append(Need("gap", dimension, gap_strength(dimension, level), frozenset(tags),
                              {"dimension": dimension, "score": level * 20}))
    return needs


def prior_needs(firm: Firm, lexicon: Lexicon) -> list[Need]:
    needs: list[Need] = []
    if firm.stage in STAGE_TAGS:
        needs.append(Need("stage", firm.stage, STAGE_STRENGTH[firm.stage], frozenset(STAGE_TAGS[firm.stage]),
                          {"stage": firm.stage}))
    industry = firm.str_of("company.industry")
    if industry in lexicon.industry_tags:
        needs.append(Need("industry", industry, STRENGTH_INDUSTRY, frozenset(lexicon.industry_tags[industry]),
                          {"industry": industry}))
    region = firm.str_of("company.region")
    if region and region not in {r.value for r in CAPITAL_AREA}:
        needs.append(Need("region", region, STRENGTH_REGION, frozenset({"regional-growth"}), {"region": region}))
    return needs


def wants_strategy(firm: Firm, lexicon: Lexicon) -> bool:
    """Strategy-level questions: the owner's words ask for strategy, the firm is large, or
    they want consulting."""
    employees = firm.int_of("company.employees")
    return bool(
        (firm.text and find_keyword(firm.text, lexicon.strategy.keywords))
        or (employees is not None and employees >= LARGE_FIRM)
        or "consulting" in firm.list_of("needs.support_types")
    )


def answer_refusals(firm: Firm, lang: Lang) -> list[Refusal]:
    """A plain no to a question is a refusal as much as one in the owner's goals: no interest
    in remote work refuses remote-work programmes, no funding need refuses loans. It quotes
    what the owner typed, or says it in words when they pressed a button."""
    prompts = load_brief_prompts(lang).needs
    out: list[Refusal] = []
    for slot, refused, key, tags, fallback in (
            ("remote.interest", firm.bool_of("remote.interest") is False, "remote_work", REMOTE_WORK_TAGS,
             prompts.no_remote),
            ("costs.funding_need", firm.str_of("costs.funding_need") == "none", "funding", NO_FUNDING_TAGS,
             prompts.no_funding)):
        if refused:
            typed = firm.said.get(slot, "")
            words = typed if _IN_WORDS.search(typed) else fallback
            out.append(Refusal(key, frozenset(tags), words))
    return out


def need_profile(firm: Firm, lexicon: Lexicon | None = None, lang: Lang = "ko") -> NeedProfile:
    lexicon = lexicon or load_lexicon()
    said, refused = said_needs(firm.text, lexicon)
    refused += [r for r in answer_refusals(firm, lang) if r.key not in {s.key for s in refused}]
    needs = said + answer_needs(firm, lexicon) + prior_needs(firm, lexicon)
    return NeedProfile(needs=needs, strategy=wants_strategy(firm, lexicon), refused=refused)
