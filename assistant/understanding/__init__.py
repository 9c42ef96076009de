"""Answer understanding: turning an owner's Korean or English reply into slot values
(contracts.md §1) with plain rules. `parse_answer` reads the answer to one question,
`extract_slots` every fact in a free message, `detect_correction` a fix to an earlier
answer."""

from assistant.understanding.answers import SLOT_IDS, ParsedAnswer, parse_answer
from assistant.understanding.corrections import Correction, detect_correction
from assistant.understanding.extract import Extraction, extract_slots
from assistant.understanding.levels import LevelParse, parse_level
from assistant.understanding.yesno import is_back, is_dont_know, is_skip, parse_yes_no

__all__ = [
    "SLOT_IDS",
    "Correction",
    "Extraction",
    "LevelParse",
    "ParsedAnswer",
    "detect_correction",
    "extract_slots",
    "is_back",
    "is_dont_know",
    "is_skip",
    "parse_answer",
    "parse_level",
    "parse_yes_no",
]
