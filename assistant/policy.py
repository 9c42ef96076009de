"""State + commands → events and replies, in one fixed order:

1. Navigation the owner asked for: a fix button (the slot is asked again), "이전으로", or a
   correction that names nothing ("아까 답 틀렸어요") — nothing else in that message applies.
2. Facts: corrections of earlier answers, the answer to the pending question, facts
   volunteered for other slots, acknowledged in one line. A weak reading is kept but read
   back — an answer at once, a volunteered fact when its question's turn comes; a reading
   too weak to keep is asked again, saying what was unclear.
3. The answer to a read-back, then a consent answer.
4. A don't-know or a skip for the pending question.
5. A question in the message is answered.
6. The pending question, if still open: asked again (after a side question, or when nothing
   could be read) — at most twice; the third time whatever was said is kept as said (or as
   unknown when it held other facts), so no question is entered more than three times in a
   row and every conversation reaches the summary."""

from collections.abc import Callable
from typing import Any

from assistant.commands import (
    Back,
    Command,
    Confirm,
    ConsentAnswer,
    CorrectSlot,
    DontKnow,
    Fix,
    SetSlot,
    SideQuestion,
    Skip,
)
from assistant.display import format_value
from assistant.events import (
    ConsentRecorded,
    ContactErased,
    QuestionAsked,
    SlotCleared,
    SlotConfirmed,
    SlotSet,
)
from assistant.flow import CONSENT_SLOT, FlowSpec
from assistant.reading import Reader
from assistant.state import CONSENT, DialogueState
from assistant.step import Draft
from prompts import Prompts, load_prompts

MAX_REPROMPTS = 2
# A reading at least this sure is recorded and acknowledged; below it, down to REASK_BELOW,
# it is recorded and read back for a yes or a fix; below that it is asked again.
ACCEPT = 0.7
REASK_BELOW = 0.45
# At a read-back, a different value replaces the one read back only when read this surely.
RESTATED = 0.85
# The wording of both consent notices (prompts say.consent_notice, consent_optional_notice):
# a new wording gets a new version, recorded with every consent and case.
CONSENT_TEXT_VERSION = "2026-11-v2"

SideAnswerer = Callable[[Draft, str], bool]


class Policy:
    def __init__(self, flow: FlowSpec, reader: Reader, answer_side_question: SideAnswerer) -> None:
        self.flow = flow
        self.reader = reader
        self.answer_side_question = answer_side_question

    def apply(self, out: Draft, text: str, commands: list[Command]) -> None:
        state = out.state
        expecting = state.expecting
        asked = expecting if expecting in self.flow.by_id else None
        # 1. navigation
        for command in commands:
            if isinstance(command, Fix) and self.fixable(state, command.slot):
                self.reopen(out, command.slot)
                return
            if isinstance(command, Back) or (isinstance(command, CorrectSlot) and command.slot is None):
                self.back(out)
                return
        noted: list[str] = []
        answered = False
        # 2. facts
        for command in commands:
            if isinstance(command, CorrectSlot) and command.slot is not None:
                self._correct(out, command.slot, command.value, text)
            elif isinstance(command, SetSlot):
                kept = self._set(out, command, text, noted)
                answered = answered or (kept and command.slot == asked) or (
                    command.slot == "company.stage" and asked == "company.founded_year")
        if noted:
            out.messages.append(self._say(state).noted.format(items=", ".join(noted)))
        # 3. read-back answers and consent
        for command in commands:
            if isinstance(command, Confirm):
                answered = self._confirm(out, command) or answered
            elif isinstance(command, ConsentAnswer) and expecting == CONSENT:
                self.consent(out, command.given)
        # 4. don't know / skip
        for command in commands:
            if isinstance(command, DontKnow | Skip) and command.slot == asked and not answered:
                method = "dont_know" if isinstance(command, DontKnow) else "skip"
                out.emit(SlotSet(at=out.now, slot=command.slot, status="unknown", raw_text=text,
                                 source_message=out.message_id, method=method))
                out.messages.append(self._say(state).noted_unknown if method == "dont_know"
                                    else self._say(state).noted_skip)
                answered = True
        # 5. a question in the message
        questions = [c.text for c in commands if isinstance(c, SideQuestion)]
        if questions:
            self.answer_side_question(out, " ".join(questions))
        # 6. the pending question
        if (asked is not None and not answered and state.expecting == asked and asked not in state.slots
                and self.flow.slot(asked).applies(state.known())):
            self._unresolved(out, asked, text, bool(questions), bool(noted) or any(
                isinstance(c, CorrectSlot) for c in commands))
        elif expecting == CONSENT and state.expecting == CONSENT and not any(
                isinstance(c, ConsentAnswer | SideQuestion | CorrectSlot) for c in commands):
            out.messages.append(self._say(state).reprompt)

    def repeat(self, out: Draft) -> None:
        """A message that said nothing usable (only withheld contact details): the question
        counts as asked again, so it too ends after three tries."""
        asked = out.state.expecting
        if asked in self.flow.by_id and asked not in out.state.slots:
            self._unresolved(out, asked, "", detoured=True, said_other=False)

    # -- facts -----------------------------------------------------------------------

    def _set(self, out: Draft, command: SetSlot, text: str, noted: list[str]) -> bool:
        """Records a reading; returns whether it was kept."""
        state = out.state
        retries_left = state.attempts < MAX_REPROMPTS
        if command.asked and command.confidence < REASK_BELOW and retries_left:
            return False
        current = state.slots.get(command.slot)
        if (command.asked and state.confirming and current is not None and current.value != command.value
                and command.confidence < RESTATED):
            # Read back "…로 적었어요. 맞나요?", the owner talked of something else that
            # loosely suggests another value: what was read back stands (a "no" or the fix
            # button reopens it; a clear restatement replaces it).
            return False
        if not command.asked and current is not None and current.status == "answered":
            return False
        out.emit(SlotSet(at=out.now, slot=command.slot, value=command.value, raw_text=text,
                         source_message=out.message_id, method=command.method, confidence=command.confidence))
        self.apply_implications(out, command.slot, command.value)
        # A weak answer to the question asked is read back at once; a weak fact volunteered
        # for another question is acknowledged now and read back in that question's place
        # (`unchecked`), so a message with several facts does not become several read-backs.
        weak = command.confidence < ACCEPT and command.slot not in state.read_back and retries_left
        if weak and command.asked and command.slot in self.flow.by_id:
            out.weak.append(command.slot)
        elif command.slot in self.flow.by_id:
            noted.append(self.item(state, command.slot, command.value, command.note))
        return True

    def unchecked(self, state: DialogueState) -> list[str]:
        """Slots, in the flow's order, holding a weak reading never read back or confirmed."""
        return [spec.id for spec in self.flow.slots
                if (value := state.slots.get(spec.id)) is not None and value.status == "answered"
                and not value.confirmed and value.confidence < ACCEPT and spec.id not in state.read_back]

    def _correct(self, out: Draft, slot: str, value: Any, text: str) -> None:
        if value is None:
            self.reopen(out, slot)
            return
        out.emit(SlotSet(at=out.now, slot=slot, value=value, raw_text=text, source_message=out.message_id,
                         method="correction", corrected=True))
        self.apply_implications(out, slot, value)
        if slot in self.flow.by_id:
            prompts = self._prompts(out.state)
            shown = format_value(self.flow.slot(slot), value, prompts)
            out.messages.append(prompts.say.corrected.format(label=prompts.label(slot), value=shown))

    def _confirm(self, out: Draft, command: Confirm) -> bool:
        """Returns whether the read-back question is settled."""
        if command.yes:
            if command.slot in out.state.slots:
                out.emit(SlotConfirmed(at=out.now, slot=command.slot))
                out.messages.append(self._say(out.state).confirmed)
            return True
        self.reopen(out, command.slot)
        return False

    def apply_implications(self, out: Draft, slot: str, value: Any) -> None:
        """Answers that settle other slots: a pre-founder has no founding year; saying the
        company is already founded makes the stage known."""
        for implied_slot, implied_value in self.reader.implications(slot, value, out.now.year):
            current = out.state.slots.get(implied_slot)
            if current is None or current.value != implied_value:
                out.emit(SlotSet(at=out.now, slot=implied_slot, value=implied_value,
                                 source_message=out.message_id, method=f"implied_by:{slot}"))

    def item(self, state: DialogueState, slot: str, value: Any, note: str = "") -> str:
        prompts = self._prompts(state)
        shown = f"{prompts.label(slot)} {format_value(self.flow.slot(slot), value, prompts)}"
        notes = {"range": prompts.say.note_range, "sum": prompts.say.note_sum, "current": prompts.say.note_current}
        return f"{shown} ({notes[note]})" if note in notes else shown

    # -- the pending question ----------------------------------------------------------

    def _unresolved(self, out: Draft, slot: str, text: str, detoured: bool, said_other: bool) -> None:
        state, say = out.state, self._say(out.state)
        if state.attempts < MAX_REPROMPTS:
            if detoured:
                out.messages.append(say.resume)
            elif not said_other:
                prompts = self._prompts(state)
                hint = prompts.slots[slot].hint
                out.messages.append(say.unclear.format(label=prompts.label(slot), hint=hint) if hint
                                    else say.reprompt)
            out.emit(QuestionAsked(at=out.now, slot=slot, attempt=state.attempts + 1))
            return
        # Asked three times: keep what was said, for the mentor, and move on.
        if detoured or said_other or not text:
            out.emit(SlotSet(at=out.now, slot=slot, status="unknown", raw_text=text,
                             source_message=out.message_id, method="unanswered"))
            out.messages.append(say.noted_unknown)
            return
        out.emit(SlotSet(at=out.now, slot=slot, value=text, status="raw", raw_text=text,
                         source_message=out.message_id, method="kept_as_given"))
        out.messages.append(say.noted_raw)

    # -- navigation ----------------------------------------------------------------------

    def reopen(self, out: Draft, slot: str) -> None:
        out.emit(SlotCleared(at=out.now, slot=slot))
        out.messages.append(self._say(out.state).correction_ask)
        out.emit(QuestionAsked(at=out.now, slot=slot))

    def back(self, out: Draft) -> None:
        say = self._say(out.state)
        previous = self._previous_slot(out.state)
        if previous is None:
            out.messages.append(say.back_none)
            return
        out.emit(SlotCleared(at=out.now, slot=previous))
        out.messages.append(say.back)
        out.emit(QuestionAsked(at=out.now, slot=previous))

    def _previous_slot(self, state: DialogueState) -> str | None:
        order = [s.id for s in self.flow.slots if s.id != CONSENT_SLOT]
        current = state.expecting
        stop = len(order) if current in (None, CONSENT) else order.index(current) if current in order else 0
        for slot in reversed(order[:stop]):
            if slot in state.slots:
                return slot
        return None

    def fixable(self, state: DialogueState, slot: str) -> bool:
        return slot in self.flow.by_id and slot != CONSENT_SLOT and self.consented(state, slot)

    def consented(self, state: DialogueState, slot: str) -> bool:
        """Personal data is asked about and kept only after the consent that covers it."""
        spec = self.flow.by_id.get(slot)
        if spec is None or spec.consent is None:
            return True
        return state.consent_given if spec.consent == "required" else state.optional_consent_given

    # -- consent -------------------------------------------------------------------------

    def consent(self, out: Draft, answer: bool) -> None:
        """The answer to the required consent or, once that is given, to the optional items'."""
        say = self._say(out.state)
        optional = out.state.consent is not None
        out.emit(ConsentRecorded(at=out.now, given=answer, text_version=CONSENT_TEXT_VERSION, optional=optional))
        if optional and answer:
            out.messages.append(say.consent_optional_given)
        elif optional:
            # Left over from a session that asked for the name before this question existed.
            for slot in self.optional_items():
                if slot in out.state.slots:
                    out.emit(SlotCleared(at=out.now, slot=slot))
            out.messages.append(say.consent_optional_refused)
        elif answer:
            out.messages.append(say.consent_thanks)
        else:
            out.emit(ContactErased(at=out.now))
            out.messages.append(say.consent_refused)

    def optional_items(self) -> list[str]:
        return [spec.id for spec in self.flow.slots if spec.consent == "optional"]

    @staticmethod
    def _prompts(state: DialogueState) -> Prompts:
        return load_prompts(state.lang)

    def _say(self, state: DialogueState) -> Any:
        return self._prompts(state).say
