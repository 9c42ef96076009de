"""The intake dialog: `advance(state, message)` returns the events the message causes and
the assistant's next turn. Deterministic for the same state, message and clock."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from assistant.answering import ServiceFacts, SideAnswerer
from assistant.display import format_value
from assistant.events import (
    BotUttered,
    ConsentRecorded,
    ContactErased,
    Event,
    IntakeClosed,
    LanguageChanged,
    QuestionAsked,
    SessionStarted,
    SlotCleared,
    SlotSet,
    SummaryShown,
    UserUttered,
)
from assistant.flow import CONSENT_SLOT, CONTACT_SLOTS, FlowSpec, SlotSpec, load_flow
from assistant.ports import KnowledgeSearch, OptionMatcher
from assistant.questions import looks_like_question
from assistant.reading import Reader
from assistant.state import CONSENT, DialogueState
from assistant.turns import Option, Turn, TurnCitation
from prompts import Lang, Prompts, load_prompts

MAX_REPROMPTS = 2
# Parser confidence above which a question-shaped message still counts as the answer,
# and below which an answer is asked about again.
CONFIDENT = 0.9
MIN_ACCEPT = 0.6
SHORT_MESSAGE = 30
# The wording of both consent notices (prompts say.consent_notice, consent_optional_notice):
# a new wording gets a new version, recorded with every consent and case.
CONSENT_TEXT_VERSION = "2026-11-v2"
# Quick-reply values that mean the same in every language.
SKIP, UNKNOWN, FIX_PREFIX = "skip", "unknown", "fix:"


@dataclass
class Step:
    events: list[Event]
    turn: Turn


@dataclass
class _Compose:
    """Collects one step: every event is applied to the working state as it is emitted."""

    state: DialogueState
    now: datetime
    events: list[Event] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    citations: list[TurnCitation] = field(default_factory=list)
    # Over before this step: nothing is asked any more. (Within a step a consent answer
    # briefly leaves no question pending, which is not the end.)
    was_finished: bool = field(init=False)

    def __post_init__(self) -> None:
        self.was_finished = self.state.finished

    def emit(self, event: Event) -> None:
        self.events.append(event)
        self.state.apply(event)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Engine:
    def __init__(
        self,
        *,
        knowledge: KnowledgeSearch | None = None,
        matcher: OptionMatcher | None = None,
        flow: FlowSpec | None = None,
        clock: Callable[[], datetime] = _utcnow,
        mentor_contact_days: int = 2,
        answerer: SideAnswerer | None = None,
    ) -> None:
        self.flow = flow or load_flow()
        self.knowledge = knowledge
        self.answerer = answerer or SideAnswerer(search=knowledge, facts=ServiceFacts(contact_days=mentor_contact_days))
        self.reader = Reader(self.flow, matcher)
        self.clock = clock
        self.mentor_contact_days = mentor_contact_days

    # -- entry points ---------------------------------------------------------------

    def start(self, lang: Lang = "ko", partner: str | None = None) -> Step:
        out = _Compose(DialogueState(), self.clock())
        out.emit(SessionStarted(at=out.now, lang=lang, partner=partner))
        out.messages.append(self._prompts(out.state).greeting)
        return self._finish(out)

    def advance(self, state: DialogueState, text: str, *, message_id: str | None = None) -> Step:
        out = _Compose(state.model_copy(deep=True), self.clock())
        say = self._prompts(out.state).say
        text = text.strip()
        kept = text if state.consent_given else self.reader.redact_contact(text, say.contact_marker)
        withheld = kept != text
        out.emit(UserUttered(at=out.now, message_id=message_id or f"m{state.user_messages + 1}", text=kept,
                             contact_withheld=withheld))
        text = kept
        # Said once, and again whenever a message held nothing but contact details.
        only_contact = withheld and not any(ch.isalnum() for ch in text.replace(say.contact_marker, ""))
        if withheld and not state.finished and (only_contact or not state.contact_withheld):
            out.messages.append(say.contact_after_consent)
        if not text:
            out.messages.append(say.empty)
        elif out.state.finished:
            if looks_like_question(text):
                self._side_question(out, text)
            else:
                out.messages.append(say.finished)
        elif only_contact:
            # Nothing else was said: the pending question is simply asked again.
            pass
        elif text.startswith(FIX_PREFIX) and self._fixable(out.state, text[len(FIX_PREFIX):]):
            self._reopen(out, text[len(FIX_PREFIX):])
        elif self.reader.is_back(text):
            self._back(out)
        elif out.state.expecting == CONSENT:
            self._consent(out, text)
        else:
            self._answer(out, text)
        return self._finish(out)

    def change_language(self, state: DialogueState, lang: Lang) -> Step:
        out = _Compose(state.model_copy(deep=True), self.clock())
        out.emit(LanguageChanged(at=out.now, lang=lang))
        return self._finish(out)

    # -- what a message does ----------------------------------------------------------

    def _answer(self, out: _Compose, text: str) -> None:
        state, say = out.state, self._prompts(out.state).say
        message_id = out.state.transcript[-1].message_id
        correction = self.reader.correction(text)
        # "아까 답 틀렸어요" names no slot: go back one question. A long free-text answer
        # that merely contains a marker word ("instead", "사실은") is not a correction.
        if correction is not None and correction.slot is None and len(text) <= SHORT_MESSAGE:
            self._back(out)
            return
        if (correction is not None and correction.slot is not None and correction.slot != state.expecting
                and self._consented(state, correction.slot)):
            self._correct(out, correction.slot, correction.value, text)
            return
        expecting = state.expecting
        if expecting is None or expecting not in self.flow.by_id:
            self._note_extractions(out, text, message_id)
            return
        spec = self.flow.slot(expecting)
        if text == UNKNOWN or self.reader.is_dont_know(text):
            out.emit(SlotSet(at=out.now, slot=expecting, status="unknown", raw_text=text,
                             source_message=message_id, method="dont_know"))
            out.messages.append(say.noted_unknown)
            return
        if text == SKIP or self.reader.is_skip(text):
            out.emit(SlotSet(at=out.now, slot=expecting, status="unknown", raw_text=text,
                             source_message=message_id, method="skip"))
            out.messages.append(say.noted_skip)
            return
        today = out.now.date()
        # A message that ends like a question is a side question unless it plainly answers
        # ("월 50만원 정도면 될까요?"); free-text slots accept anything, so there the question
        # must end like one. After a few detours the text counts as the answer.
        free_text = spec.type == "text"
        detours_left = state.attempts < MAX_REPROMPTS
        parsed = None if free_text and looks_like_question(text, strict=True) and detours_left else (
            self.reader.read(spec, text, today=today, allow_fuzzy=False))
        clear_answer = parsed is not None and parsed.confidence >= CONFIDENT
        asks = looks_like_question(text, strict=parsed is not None or free_text) and not clear_answer
        if asks and detours_left:
            self._side_question(out, text)
            out.messages.append(say.resume)
            out.emit(QuestionAsked(at=out.now, slot=expecting, attempt=state.attempts + 1))
            return
        if parsed is None:
            parsed = self.reader.read(spec, text, today=today, allow_fuzzy=True)
        # A weak reading ("상담 받고 싶어요" → services?) is asked about again; only when the
        # re-asks are used up does the best guess stand.
        if parsed is not None and parsed.confidence < MIN_ACCEPT and state.attempts < MAX_REPROMPTS:
            self._note_extractions(out, text, message_id, skip=expecting)
            out.messages.append(say.reprompt)
            out.emit(QuestionAsked(at=out.now, slot=expecting, attempt=state.attempts + 1))
            return
        if parsed is not None:
            out.emit(SlotSet(at=out.now, slot=expecting, value=parsed.value, raw_text=text,
                             source_message=message_id, method=parsed.method))
            self._apply_implications(out, expecting, parsed.value, message_id)
        noted = self._note_extractions(out, text, message_id, skip=expecting,
                                       also=expecting if parsed is not None else None)
        if parsed is not None:
            return
        if noted:
            return
        if state.attempts < MAX_REPROMPTS:
            out.messages.append(say.reprompt)
            out.emit(QuestionAsked(at=out.now, slot=expecting, attempt=state.attempts + 1))
            return
        out.emit(SlotSet(at=out.now, slot=expecting, value=text, status="raw", raw_text=text,
                         source_message=message_id, method="kept_as_given"))
        out.messages.append(say.noted_raw)

    def _note_extractions(
        self, out: _Compose, text: str, message_id: str | None, skip: str | None = None, also: str | None = None
    ) -> bool:
        """Facts an owner volunteers fill their slots too, unless already answered. When a
        message filled several slots, the owner sees all of them, `also` included."""
        prompts = self._prompts(out.state)
        items = []
        shown_also = ""
        if also is not None:
            shown_also = f"{prompts.label(also)} {format_value(self.flow.slot(also), out.state.slots[also].value, prompts)}"
        for slot, value, method in self.reader.extract(text, out.now.date()):
            current = out.state.slots.get(slot)
            if slot == skip or (current is not None and current.status == "answered"):
                continue
            if not self._consented(out.state, slot):
                continue
            out.emit(SlotSet(at=out.now, slot=slot, value=value, raw_text=text,
                             source_message=message_id, method=method))
            self._apply_implications(out, slot, value, message_id)
            if slot in self.flow.by_id:
                spec = self.flow.slot(slot)
                items.append(f"{prompts.label(slot)} {format_value(spec, value, prompts)}")
        if items:
            shown = [shown_also, *items] if shown_also else items
            out.messages.append(prompts.say.noted.format(items=", ".join(shown)))
        return bool(items)

    def _apply_implications(self, out: _Compose, slot: str, value: Any, message_id: str | None) -> None:
        """Answers that settle other slots: a pre-founder has no founding year; saying the
        company is already founded makes the stage known."""
        for implied_slot, implied_value in self.reader.implications(slot, value, out.now.year):
            if implied_slot not in out.state.slots or out.state.slots[implied_slot].value != implied_value:
                out.emit(SlotSet(at=out.now, slot=implied_slot, value=implied_value,
                                 source_message=message_id, method=f"implied_by:{slot}"))

    def _correct(self, out: _Compose, slot: str, value: Any, text: str) -> None:
        prompts = self._prompts(out.state)
        message_id = out.state.transcript[-1].message_id
        if value is None:
            self._reopen(out, slot)
            return
        out.emit(SlotSet(at=out.now, slot=slot, value=value, raw_text=text,
                         source_message=message_id, method="correction", corrected=True))
        self._apply_implications(out, slot, value, message_id)
        if slot in self.flow.by_id:
            shown = format_value(self.flow.slot(slot), value, prompts)
            out.messages.append(prompts.say.corrected.format(label=prompts.label(slot), value=shown))

    def _reopen(self, out: _Compose, slot: str) -> None:
        out.emit(SlotCleared(at=out.now, slot=slot))
        out.messages.append(self._prompts(out.state).say.correction_ask)
        out.emit(QuestionAsked(at=out.now, slot=slot))

    def _back(self, out: _Compose) -> None:
        say = self._prompts(out.state).say
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

    def _consent(self, out: _Compose, text: str) -> None:
        """The answer to the required consent or, once that is given, to the optional items'."""
        say = self._prompts(out.state).say
        answer = self.reader.yes_no(text)
        if answer is None:
            if looks_like_question(text):
                self._side_question(out, text)
            else:
                out.messages.append(say.reprompt)
            return
        optional = out.state.consent is not None
        out.emit(ConsentRecorded(at=out.now, given=answer, text_version=CONSENT_TEXT_VERSION, optional=optional))
        if optional and answer:
            out.messages.append(say.consent_optional_given)
        elif optional:
            # Left over from a session that asked for the name before this question existed.
            for slot in self._optional_items():
                if slot in out.state.slots:
                    out.emit(SlotCleared(at=out.now, slot=slot))
            out.messages.append(say.consent_optional_refused)
        elif answer:
            out.messages.append(say.consent_thanks)
        else:
            out.emit(ContactErased(at=out.now))
            out.messages.append(say.consent_refused)

    def _consented(self, state: DialogueState, slot: str) -> bool:
        """Personal data is asked about and kept only after the consent that covers it."""
        spec = self.flow.by_id.get(slot)
        if spec is None or spec.consent is None:
            return True
        return state.consent_given if spec.consent == "required" else state.optional_consent_given

    def _fixable(self, state: DialogueState, slot: str) -> bool:
        return slot in self.flow.by_id and slot != CONSENT_SLOT and self._consented(state, slot)

    def _optional_items(self) -> list[str]:
        return [spec.id for spec in self.flow.slots if spec.consent == "optional"]

    def _side_question(self, out: _Compose, text: str) -> bool:
        """Answers by what is asked (assistant/answering): a service answer, the programme
        passage that states the asked aspect, small talk, or a plain refusal. Returns
        whether the question was answered."""
        said = [line.text for line in out.state.transcript if line.role == "assistant"]
        answer = self.answerer.answer(text, lang=out.state.lang, asked_before=said)
        out.messages.extend(answer.messages)
        out.citations.extend(answer.citations)
        return answer.kind != "abstain"

    # -- what to ask next -------------------------------------------------------------

    def next_slot(self, state: DialogueState) -> str | None:
        """The business questions first; then the required consent, the optional items'
        consent, and the personal data each covers."""
        known = state.known()
        for spec in self.flow.slots:
            if spec.id != CONSENT_SLOT and spec.consent is None and spec.id not in state.slots and spec.applies(known):
                return spec.id
        consent = state.consent
        if consent is None or (consent.given and consent.optional is None and self._optional_items()):
            return CONSENT
        for spec in self.flow.slots:
            if (spec.consent is not None and spec.id not in state.slots and spec.applies(known)
                    and self._consented(state, spec.id)):
                return spec.id
        return None

    def _finish(self, out: _Compose) -> Step:
        state, prompts = out.state, self._prompts(out.state)
        options: list[Option] = []
        if not out.was_finished:
            target = state.expecting if self._still_open(state) else None
            if target is None or target == CONSENT:
                target = self.next_slot(state)
            if target == CONSENT:
                options = self._ask_consent(out, prompts)
            elif target is not None:
                spec = self.flow.slot(target)
                if target == "contact.phone" and "contact.email" in state.slots:
                    out.messages.append(prompts.say.contact_required)
                out.messages.append(self._question(spec, prompts))
                options = self._options(spec, prompts)
                if state.expecting != target:
                    out.emit(QuestionAsked(at=out.now, slot=target))
            elif state.consent_given:
                self._close(out, prompts)
        turn = Turn(
            messages=out.messages,
            expecting=state.expecting if not state.finished else None,
            options=options,
            citations=out.citations,
            brief_ready=state.brief_ready,
        )
        out.emit(BotUttered(at=out.now, turn=turn.model_dump(mode="json")))
        return Step(events=out.events, turn=turn)

    def _ask_consent(self, out: _Compose, prompts: Prompts) -> list[Option]:
        """The required consent follows the summary, whose fix buttons stay on offer; the
        optional items' consent is asked on its own."""
        state, say = out.state, prompts.say
        options = [Option(label=say.consent_yes, value="yes"), Option(label=say.consent_no, value="no")]
        if state.consent is None:
            if not state.summary_shown:
                out.messages += self._summary(state, prompts)
                out.emit(SummaryShown(at=out.now))
                options += self._fix_options(state, prompts)
            out.messages += [prompts.slots[CONSENT_SLOT].question, say.consent_notice]
        else:
            out.messages += [say.consent_optional_question, say.consent_optional_notice]
        if state.expecting != CONSENT:
            out.emit(QuestionAsked(at=out.now, slot=CONSENT))
        return options

    def _close(self, out: _Compose, prompts: Prompts) -> None:
        """The end after consent: handed to a mentor when the owner can be reached; otherwise
        whatever was typed for contact is not kept, as nothing will use it."""
        if any(out.state.known().get(slot) for slot in CONTACT_SLOTS):
            out.messages.append(prompts.say.handed_over.format(days=self.mentor_contact_days))
        else:
            out.emit(ContactErased(at=out.now))
            out.messages.append(prompts.say.no_contact_finish)
        out.emit(IntakeClosed(at=out.now))

    def _still_open(self, state: DialogueState) -> bool:
        """The question asked last still wants an answer (a volunteered fact may have made
        it moot, as a phone number does the email question)."""
        expecting = state.expecting
        if expecting is None or expecting == CONSENT or expecting in state.slots:
            return False
        return self.flow.slot(expecting).applies(state.known())

    def _question(self, spec: SlotSpec, prompts: Prompts) -> str:
        text = prompts.slots[spec.id]
        return f"{text.question}\n{prompts.say.example.format(example=text.example)}"

    def _options(self, spec: SlotSpec, prompts: Prompts) -> list[Option]:
        options: list[Option] = []
        if spec.type in ("enum", "list") and spec.vocabulary:
            vocabulary = spec.vocabulary
            options = [Option(label=prompts.value_label(vocabulary, v), value=v) for v in spec.values()]
        elif spec.type == "level" and spec.scale:
            options = [Option(label=f"{i} · {d}", value=str(i)) for i, d in enumerate(prompts.scales[spec.scale])]
        elif spec.type == "bool":
            options = [Option(label=prompts.word("yes"), value="yes"), Option(label=prompts.word("no"), value="no")]
        if spec.optional:
            options.append(Option(label=prompts.word("skip"), value=SKIP))
        elif spec.topic != "contact":
            options.append(Option(label=prompts.word("unknown"), value=UNKNOWN))
        return options

    def _summary(self, state: DialogueState, prompts: Prompts) -> list[str]:
        lines = [prompts.say.summary_header]
        for spec in self.flow.slots:
            slot = state.slots.get(spec.id)
            if slot is None or spec.topic == "contact":
                continue
            shown = format_value(spec, slot.value, prompts) if slot.status == "answered" else (
                slot.raw_text if slot.status == "raw" else prompts.word("unknown"))
            lines.append(prompts.say.summary_line.format(label=prompts.label(spec.id), value=shown))
        return ["\n".join(lines)]

    def _fix_options(self, state: DialogueState, prompts: Prompts) -> list[Option]:
        return [
            Option(label=prompts.say.fix_option.format(label=prompts.label(spec.id)), value=FIX_PREFIX + spec.id)
            for spec in self.flow.slots
            if spec.id in state.slots and spec.topic != "contact"
        ]

    @staticmethod
    def _prompts(state: DialogueState) -> Prompts:
        return load_prompts(state.lang)
