"""The parsers against the owner answers of the conversation dev set (tests/data): the
expected slots must be understood from the answers, and what openings state must never
contradict them."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.understanding import extract_slots, parse_answer

DEV = Path(__file__).resolve().parent.parent / "data" / "conversations_dev.jsonl"
CASES: list[dict[str, Any]] = (
    [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()] if DEV.exists() else []
)
# The evaluator runs the engine on the real date, so relative years ("5년차") do too.
TODAY = date.today()


def _agrees(got: object, expected: object) -> bool:
    if isinstance(expected, int) and not isinstance(expected, bool) and isinstance(got, int) and expected:
        return abs(got - expected) <= 0.1 * expected  # krw within ±10%, as the evaluator counts
    return got == expected


@pytest.mark.skipif(not CASES, reason="no conversation dev set")
def test_expected_slots_are_understood_from_answers() -> None:
    checked, missed = 0, []
    for case in CASES:
        for slot, expected in case.get("expect", {}).get("slots", {}).items():
            answer = case.get("answers", {}).get(slot)
            if answer is None:
                continue
            parsed = parse_answer(slot, answer, TODAY)
            checked += 1
            if parsed is None or not _agrees(parsed.value, expected):
                missed.append((case["id"], slot, answer, parsed and parsed.value))
    assert checked
    assert len(missed) <= 0.05 * checked, missed


@pytest.mark.skipif(not CASES, reason="no conversation dev set")
def test_openings_never_contradict_expectations() -> None:
    wrong = []
    for case in CASES:
        expected = case.get("expect", {}).get("slots", {})
        for message in case.get("opening", []):
            for fact in extract_slots(message, TODAY):
                if fact.slot in expected and not _agrees(fact.value, expected[fact.slot]):
                    wrong.append((case["id"], fact.slot, fact.value, expected[fact.slot], fact.matched))
    assert wrong == []
