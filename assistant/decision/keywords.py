"""Finding the lexicon's keywords in an owner's words."""

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=4096)
def keyword_pattern(keyword: str) -> re.Pattern[str]:
    """Korean keywords match inside words (particles follow them) but never across a word
    boundary the keyword lacks; a space in a keyword matches any spacing, or none. ASCII
    keywords match whole words, ignoring case except for acronyms (AI, OS, DB)."""
    parts = [re.escape(part) for part in keyword.split()]
    if not keyword.isascii():
        return re.compile(r"\s*".join(parts))
    flags = 0 if keyword.upper() == keyword and keyword.lower() != keyword else re.IGNORECASE
    return re.compile(r"(?<![A-Za-z0-9])" + r"\s+".join(parts) + r"(?![A-Za-z0-9])", flags)


def find_keyword(text: str, keywords: Iterable[str]) -> str | None:
    """The first keyword the text contains."""
    for keyword in keywords:
        if keyword_pattern(keyword).search(text):
            return keyword
    return None
