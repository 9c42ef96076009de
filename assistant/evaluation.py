"""Whole-conversation evaluation (contracts.md §4): the real engine, in process, answering
each question from the case file the way an owner would.

Beyond the contract's fields a case may give `rephrase` (what the owner says when the same
slot is asked again), `at_summary` (messages sent at the summary, before agreeing) and
`null` expectations (the slot must stay unrecorded). Besides slot accuracy the report counts
conversations that never reach a brief, re-asks and read-backs per conversation, and silent
misreads: a wrong value stored without ever being read back to the owner."""

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.engine import Engine
from assistant.events import Event, ModelConsulted, QuestionAsked
from assistant.state import CONSENT, DialogueState
from assistant.understand import NUMBER_SLOTS

MAX_TURNS = 40
DONT_KNOW = {"ko": "잘 모르겠어요", "en": "I don't know"}
AGREE = {"ko": "네, 동의합니다", "en": "Yes, I agree"}
KRW_TOLERANCE = 0.10

# Programs (top five that are not ineligible) and vendors (top three) a finished
# conversation leads to; supplied by the matcher.
Ranker = Callable[[DialogueState], tuple[list[str], list[str]]]


class Expect(BaseModel):
    slots: dict[str, Any] = Field(default_factory=dict)
    programs_top5_any: list[str] = Field(default_factory=list)
    vendors_top3_any: list[str] = Field(default_factory=list)


class ConversationCase(BaseModel):
    id: str
    lang: Literal["ko", "en"] = "ko"
    opening: list[str] = Field(default_factory=list)
    answers: dict[str, str] = Field(default_factory=dict)
    rephrase: dict[str, str] = Field(default_factory=dict)
    at_summary: list[str] = Field(default_factory=list)
    expect: Expect = Field(default_factory=Expect)


class CaseResult(BaseModel):
    id: str
    passed: bool
    brief_ready: bool
    turns: int
    slots_expected: dict[str, Any]
    slots_got: dict[str, Any]
    wrong_slots: list[str]
    top_programs: list[str]
    top_vendors: list[str]
    program_hit: bool | None
    vendor_hit: bool | None
    reasks: int
    read_backs: int
    silent_misreads: list[str]
    # With a language model (INTAKE_LLM): the times it was asked for commands, the commands
    # it proposed that were used, and those refused.
    model_consulted: int = 0
    model_used: int = 0
    model_refused: int = 0


class ConversationReport(BaseModel):
    n: int
    passed: int
    slot_accuracy: float
    program_hit_rate: float | None
    vendor_hit_rate: float | None
    no_brief: int
    reasks_per_conversation: float
    read_backs_per_conversation: float
    silent_misreads: int
    silent_number_misreads: int
    model_consulted: int = 0
    model_used: int = 0
    model_refused: int = 0
    cases: list[CaseResult]


def slot_matches(slot: str, expected: Any, got: Any) -> bool:
    if expected is None:
        return got is None
    if got is None:
        return False
    if slot.endswith("_krw") or slot.endswith("_krw_per_year"):
        try:
            return abs(int(got) - int(expected)) <= KRW_TOLERANCE * max(abs(int(expected)), 1)
        except (TypeError, ValueError):
            return False
    if isinstance(expected, list):
        return isinstance(got, list) and sorted(map(str, got)) == sorted(map(str, expected))
    return bool(got == expected)


def run_case(engine: Engine, case: ConversationCase, rank: Ranker | None) -> CaseResult:
    step = engine.start(case.lang)
    events: list[Event] = list(step.events)
    sent = 0
    replies: dict[str, int] = {}
    summary_said = False

    def send(text: str) -> None:
        nonlocal step, sent
        step = engine.advance(DialogueState.replay(events), text)
        events.extend(step.events)
        sent += 1

    for message in case.opening:
        send(message)
    while sent < MAX_TURNS and step.turn.expecting is not None and not step.turn.brief_ready:
        expecting = step.turn.expecting
        if expecting == CONSENT:
            if not summary_said:
                summary_said = True
                for message in case.at_summary:
                    send(message)
                continue
            send(AGREE[case.lang])
            continue
        replies[expecting] = replies.get(expecting, 0) + 1
        again = replies[expecting] > 1 and expecting in case.rephrase
        send(case.rephrase[expecting] if again else case.answers.get(expecting, DONT_KNOW[case.lang]))
    state = DialogueState.replay(events)
    got = {slot: (state.slots[slot].value if slot in state.slots and state.slots[slot].status != "unknown" else None)
           for slot in case.expect.slots}
    wrong = [slot for slot, value in case.expect.slots.items() if not slot_matches(slot, value, got[slot])]
    asked = [e for e in events if isinstance(e, QuestionAsked)]
    read_back = {e.slot for e in asked if e.confirm}
    silent = [slot for slot in wrong if got[slot] is not None and slot not in read_back]
    programs, vendors = rank(state) if rank and state.brief_ready else ([], [])
    consulted = [e for e in events if isinstance(e, ModelConsulted) and e.purpose == "commands"]
    program_hit = bool(set(programs[:5]) & set(case.expect.programs_top5_any)) if case.expect.programs_top5_any else None
    vendor_hit = bool(set(vendors[:3]) & set(case.expect.vendors_top3_any)) if case.expect.vendors_top3_any else None
    return CaseResult(
        id=case.id,
        passed=state.brief_ready and not wrong and program_hit is not False and vendor_hit is not False,
        brief_ready=state.brief_ready,
        turns=sent,
        slots_expected=case.expect.slots,
        slots_got=got,
        wrong_slots=wrong,
        top_programs=programs[:5],
        top_vendors=vendors[:3],
        program_hit=program_hit,
        vendor_hit=vendor_hit,
        reasks=sum(1 for e in asked if e.attempt > 0 and not e.confirm),
        read_backs=len([e for e in asked if e.confirm]),
        silent_misreads=silent,
        model_consulted=len(consulted),
        model_used=sum(len(e.accepted) for e in consulted),
        model_refused=sum(len(e.refused) for e in consulted),
    )


def evaluate(engine: Engine, cases: list[ConversationCase], rank: Ranker | None = None) -> ConversationReport:
    results = [run_case(engine, case, rank) for case in cases]
    expected = sum(len(r.slots_expected) for r in results)
    correct = sum(len(r.slots_expected) - len(r.wrong_slots) for r in results)

    def rate(hits: list[bool | None]) -> float | None:
        judged = [h for h in hits if h is not None]
        return round(sum(judged) / len(judged), 4) if judged else None

    return ConversationReport(
        n=len(results),
        passed=sum(r.passed for r in results),
        slot_accuracy=round(correct / expected, 4) if expected else 1.0,
        program_hit_rate=rate([r.program_hit for r in results]),
        vendor_hit_rate=rate([r.vendor_hit for r in results]),
        no_brief=sum(not r.brief_ready for r in results),
        reasks_per_conversation=round(sum(r.reasks for r in results) / len(results), 3) if results else 0.0,
        read_backs_per_conversation=round(sum(r.read_backs for r in results) / len(results), 3) if results else 0.0,
        silent_misreads=sum(len(r.silent_misreads) for r in results),
        silent_number_misreads=sum(len([s for s in r.silent_misreads if s in NUMBER_SLOTS]) for r in results),
        model_consulted=sum(r.model_consulted for r in results),
        model_used=sum(r.model_used for r in results),
        model_refused=sum(r.model_refused for r in results),
        cases=results,
    )


def load_cases(text: str) -> list[ConversationCase]:
    return [ConversationCase.model_validate_json(line) for line in text.splitlines() if line.strip()]
