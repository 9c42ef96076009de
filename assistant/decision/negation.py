"""Whether the owner's words want a thing or refuse it ("재택은 필요 없어요", "not interested in
exporting"), read clause by clause: a refusal governs the clause it is in, never the whole
message. One function on purpose, so the shared linguistic layer can replace it."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.decision.keywords import keyword_pattern

# Where one clause ends: sentence ends, commas and semicolons, and the connectives that
# join two statements ("…없고요, …", "…는데 …", "…but …").
CLAUSE_BREAK = re.compile(
    r"[.!?;\n。]+|(?<=[요다고데서면음함])\s*,|(?<=[a-z])\s*,|(?<=[고구])요\s|(?<=지만)\s|(?<=는데)\s|\s(?:but|and|although|though)\s", re.IGNORECASE
)
REFUSAL = re.compile(
    r"관심\s*(?:이|은|도)?\s*없|필요\s*(?:가|는|도)?\s*없|필요\s*없|안\s*필요|생각\s*(?:이|은|도)?\s*없|빼\s*주|빼고|빼 주|말고|"
    r"원하지\s*않|원치\s*않|안\s*해도|안\s*할\s*거|하지\s*않을|싫|제외|보다는|보다\s*(?:는|도)?\s*돈|"
    r"\bnot\s+(?:interested|needed|necessary|looking|planning|into)\b|\bno\s+(?:need|interest|plans?)\b|"
    r"\b(?:don'?t|do not|doesn'?t|does not|won'?t|never)\s+(?:need|want|care|plan|do|use)\b|"
    r"\b(?:rather than|instead of|more than)\b|\bskip\b|\bleave out\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mentions:
    wanted: list[str]
    refused: list[str]  # the clauses that refuse it, in the owner's words


def clauses(text: str) -> list[str]:
    return [c.strip() for c in CLAUSE_BREAK.split(text) if c and c.strip()]


def read_mentions(text: str, keywords: Iterable[str]) -> Mentions:
    """The keywords the text mentions, as wanted or, when their clause refuses, as refused."""
    wanted: list[str] = []
    refused: list[str] = []
    keywords = list(keywords)
    for clause in clauses(text):
        found = next((k for k in keywords if keyword_pattern(k).search(clause)), None)
        if found is None:
            continue
        if REFUSAL.search(clause):
            refused.append(clause)
        else:
            wanted.append(found)
    return Mentions(wanted=wanted, refused=refused)
