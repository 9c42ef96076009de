"""Whether a program's structured eligibility fits the firm, rule by rule.

Rules read `entry.eligibility`: regions (company.region), industries (company.industry),
employees_min / employees_max (company.employees) and stages (company.stage, or the stage
the founding year implies). Each rule the entry sets is

* met — the answer satisfies it;
* failed — the answer contradicts it: the program is **ineligible**, and the failed rule is
  named;
* unknown — the answer is unknown, unreadable or missing: the program is at best **check**,
  naming what must be confirmed.

Programs with no failed and no unknown rule are **eligible**. The free-text `conditions`
(what the metadata cannot express, e.g. "must be selected after a needs survey") can never
be settled from the intake, so they never make a program ineligible and never hide an
eligible one: every one is listed under `conditions` for the mentor to verify with the firm
(in the brief: `checks`).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.decision.evidence import Reason, best_quote
from assistant.decision.firm import Firm
from assistant.decision.reasons import label
from knowledge.schema import Entry
from prompts.brief import Lang, load_brief_prompts

Verdict = Literal["eligible", "check", "ineligible"]
Outcome = Literal["met", "failed", "unknown"]
STAGE_WORDS = {"pre_founder": ["예비창업", "pre-founder"], "startup": ["창업", "스타트업", "start-up"],
               "established": ["중소기업", "SME"]}
EMPLOYEE_WORDS = ["중소기업", "직원", "명", "SME", "employees"]


@dataclass(frozen=True)
class Finding:
    rule: str
    outcome: Outcome
    reason: Reason


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    findings: list[Finding]
    conditions: list[str]

    def by_outcome(self, outcome: Outcome) -> list[Finding]:
        return [f for f in self.findings if f.outcome == outcome]


def _labels(vocabulary: str, values: Sequence[str], lang: Lang) -> list[str]:
    return [label(lang, vocabulary, v) for v in values]


def _both_labels(vocabulary: str, values: Sequence[str]) -> list[str]:
    return _labels(vocabulary, values, "ko") + _labels(vocabulary, values, "en")


def _finding(entry: Entry, rule: str, outcome: Outcome, template: str, keywords: list[str],
             **values: object) -> Finding:
    text = template.format(**values)
    return Finding(rule, outcome, Reason(text, best_quote(entry, keywords)))


def _choice_rule(entry: Entry, rule: str, vocabulary: str, allowed: Sequence[str], value: str | None,
                 lang: Lang, keywords: list[str]) -> Finding:
    """region, industry and stage: the firm's value must be one of the allowed values. A rule
    the editor only assumed (`eligibility.assumed`) is never failed: outside it, a mentor checks."""
    text = load_brief_prompts(lang).eligibility
    join = load_brief_prompts(lang).join
    names = join(_labels(vocabulary, allowed, lang))
    plural = {"region": "regions", "industry": "industries", "stage": "stages"}[rule]
    if value is None:
        return _finding(entry, rule, "unknown", getattr(text, f"{rule}_unknown"), keywords, **{plural: names})
    outcome: Outcome = "met" if value in allowed else "failed"
    template = getattr(text, f"{rule}_{outcome}")
    if outcome == "failed" and plural in entry.eligibility.assumed:
        outcome, template = "unknown", getattr(text, f"{rule}_assumed")
    return _finding(entry, rule, outcome, template, keywords, **{plural: names, rule: label(lang, vocabulary, value)})


def _employee_rules(entry: Entry, employees: int | None, lang: Lang) -> list[Finding]:
    text = load_brief_prompts(lang).eligibility
    low, high = entry.eligibility.employees_min, entry.eligibility.employees_max
    if low is None and high is None:
        return []
    if employees is None:
        span = f"{low if low is not None else 0}–{high if high is not None else ''}"
        return [_finding(entry, "employees", "unknown", text.employees_unknown, EMPLOYEE_WORDS, range=span)]
    findings = []
    for bound, value, ok in (("min", low, low is not None and employees >= low),
                             ("max", high, high is not None and employees <= high)):
        if value is None:
            continue
        outcome: Outcome = "met" if ok else "failed"
        findings.append(_finding(entry, f"employees_{bound}", outcome, getattr(text, f"employees_{bound}_{outcome}"),
                                 EMPLOYEE_WORDS, employees=employees, **{bound: value}))
    return findings


def judge(entry: Entry, firm: Firm, lang: Lang) -> Judgement:
    rules = entry.eligibility
    findings: list[Finding] = []
    if rules.regions:
        allowed = [r.value for r in rules.regions]
        findings.append(_choice_rule(entry, "region", "region", allowed, firm.str_of("company.region"), lang,
                                     [*_both_labels("region", allowed), "지역", "관외"]))
    if rules.industries:
        allowed = [i.value for i in rules.industries]
        findings.append(_choice_rule(entry, "industry", "industry", allowed, firm.str_of("company.industry"), lang,
                                     _both_labels("industry", allowed)))
    findings.extend(_employee_rules(entry, firm.int_of("company.employees"), lang))
    if rules.stages:
        allowed = [s.value for s in rules.stages]
        words = [w for s in allowed for w in STAGE_WORDS.get(s, [])]
        findings.append(_choice_rule(entry, "stage", "stage", allowed, firm.stage, lang, words))
    outcomes = {f.outcome for f in findings}
    verdict: Verdict = "ineligible" if "failed" in outcomes else "check" if "unknown" in outcomes else "eligible"
    return Judgement(verdict, findings, [c.get(lang) for c in rules.conditions])
