"""The intake dialog: `advance(state, message)` returns the events the message causes and
the assistant's next turn. Deterministic for the same state, message and clock (and, when a
language model is configured, the same reply from it: each consultation is an event).

A message's route: `assistant.understand` turns it into commands, `assistant.policy` applies
them, and `Engine._finish` decides what to ask next (a read-back of a weak reading, the next
question, the summary and consent, or the close)."""

from collections.abc import Callable
from datetime import UTC, datetime

from assistant.answering import ServiceFacts, SideAnswerer
from assistant.display import format_value
from assistant.events import (
    BotUttered,
    ContactErased,
    IntakeClosed,
    LanguageChanged,
    QuestionAsked,
    SessionStarted,
    SummaryShown,
    UserUttered,
)
from assistant.flow import CONDITIONS, CONSENT_SLOT, CONTACT_SLOTS, FlowSpec, SlotSpec, load_flow
from assistant.llm import CommandGenerator, GroundedPhraser, ModelAssist
from assistant.policy import CONSENT_TEXT_VERSION, Policy
from assistant.ports import KnowledgeSearch, OptionMatcher
from assistant.questions import looks_like_question
from assistant.reading import SKIP, UNKNOWN, Reader
from assistant.state import CONSENT, DialogueState
from assistant.step import Draft, Step
from assistant.turns import Option, Turn
from assistant.understand import FIX_PREFIX, Context, Understanding
from prompts import Lang, Prompts, load_prompts
from prompts.particles import format_text

__all__ = ["CONSENT_TEXT_VERSION", "FIX_PREFIX", "Engine", "Step"]


# At most this many other readings are offered when a guess is read back.
READ_BACK_ALTERNATIVES = 2


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
        mentor_contact_days: int,
        answerer: SideAnswerer | None = None,
        model: ModelAssist | None = None,
    ) -> None:
        self.flow = flow or load_flow()
        self.knowledge = knowledge
        self.answerer = answerer or SideAnswerer(search=knowledge, facts=ServiceFacts(contact_days=mentor_contact_days))
        self.reader = Reader(self.flow, matcher)
        self.understanding = Understanding(self.flow, self.reader)
        self.policy = Policy(self.flow, self.reader, self._side_question)
        self._order = {spec.id: index for index, spec in enumerate(self.flow.slots)}
        # A configured language model: read answers the rules cannot, phrase side answers.
        self.commands_model = CommandGenerator(self.flow, model) if model is not None else None
        self.phraser = GroundedPhraser(model) if model is not None and model.phrasing else None
        self.clock = clock
        # Working days within which a mentor contacts the owner after the handover: the
        # service's setting, said to the owner here and on their copy.
        self.mentor_contact_days = mentor_contact_days

    # -- entry points ---------------------------------------------------------------

    def start(self, lang: Lang = "ko", partner: str | None = None) -> Step:
        out = Draft(DialogueState(), self.clock())
        out.emit(SessionStarted(at=out.now, lang=lang, partner=partner))
        out.messages.append(self._prompts(out.state).greeting)
        return self._finish(out)

    def advance(self, state: DialogueState, text: str, *, message_id: str | None = None) -> Step:
        out = Draft(state.model_copy(deep=True), self.clock())
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
            # Nothing else was said: the question is asked again.
            self.policy.repeat(out)
        else:
            commands = self.understanding.commands(text, self._context(out))
            if self.commands_model is not None:
                commands, consulted = self.commands_model.review(out.state, text, commands, out.now)
                if consulted is not None:
                    out.emit(consulted)
            self.policy.apply(out, text, commands)
        return self._finish(out)

    def change_language(self, state: DialogueState, lang: Lang) -> Step:
        out = Draft(state.model_copy(deep=True), self.clock())
        out.emit(LanguageChanged(at=out.now, lang=lang))
        return self._finish(out)

    def _context(self, out: Draft) -> Context:
        state = out.state
        return Context(expecting=state.expecting, confirming=state.confirming, answered=state.known(),
                       today=out.now.date(), contact_allowed=state.consent_given)

    def _side_question(self, out: Draft, text: str) -> bool:
        """Answers by what is asked (assistant/answering): a service answer, the programme
        passage that states the asked aspect, small talk, or a plain refusal. Returns
        whether the question was answered."""
        said = [line.text for line in out.state.transcript if line.role == "assistant"]
        answer = self.answerer.answer(text, lang=out.state.lang, asked_before=said)
        if self.phraser is not None:
            answer, consulted = self.phraser.rephrase(out.state, text, answer, out.now)
            if consulted is not None:
                out.emit(consulted)
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
        if consent is None or (consent.given and consent.optional is None and self.policy.optional_items()):
            return CONSENT
        for spec in self.flow.slots:
            if (spec.consent is not None and spec.id not in state.slots and spec.applies(known)
                    and self.policy.consented(state, spec.id)):
                return spec.id
        return None

    def _finish(self, out: Draft) -> Step:
        state, prompts = out.state, self._prompts(out.state)
        options: list[Option] = []
        weak = next((slot for slot in out.weak if slot in state.slots and not state.slots[slot].confirmed), None)
        if weak is not None and not state.finished:
            options = self._read_back(out, weak, prompts)
        elif not out.was_finished:
            target = state.expecting if self._still_open(state) else None
            pending = None
            if target is None or target == CONSENT:
                target = self.next_slot(state)
                pending = self._unchecked_before(state, target)
            if pending is not None:
                options = self._read_back(out, pending, prompts)
            elif target == CONSENT:
                options = self._ask_consent(out, prompts)
            elif target is not None:
                spec = self.flow.slot(target)
                if target == "contact.phone" and "contact.email" in state.slots:
                    out.messages.append(prompts.say.contact_required)
                out.messages.append(self._question(spec, prompts, state))
                options = self._options(spec, prompts)
                if spec.topic == "contact":
                    # Until the brief is made, every earlier answer can still be fixed.
                    options += self._fix_options(state, prompts)
                if state.expecting != target or state.confirming:
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

    def _unchecked_before(self, state: DialogueState, target: str | None) -> str | None:
        """A volunteered fact too weak to rely on whose question comes before `target` (the
        next question, or the consent): it is read back in its question's place."""
        limit = self._order.get(target or "", len(self._order)) if target != CONSENT else len(self._order)
        return next((slot for slot in self.policy.unchecked(state) if self._order[slot] < limit), None)

    def _ask_consent(self, out: Draft, prompts: Prompts) -> list[Option]:
        """The required consent follows the summary, whose fix buttons stay on offer; the
        optional items' consent is asked on its own."""
        state, say = out.state, prompts.say
        options = [Option(label=say.consent_yes, value="yes"), Option(label=say.consent_no, value="no")]
        if state.consent is None:
            if not state.summary_shown:
                out.messages += self._summary(state, prompts)
                out.emit(SummaryShown(at=out.now))
            out.messages += [prompts.slots[CONSENT_SLOT].question, say.consent_notice]
            # Corrections work at the consent step too: the fix buttons stay on offer.
            options += self._fix_options(state, prompts)
        else:
            out.messages += [say.consent_optional_question, say.consent_optional_notice]
        if state.expecting != CONSENT:
            out.emit(QuestionAsked(at=out.now, slot=CONSENT))
        return options

    def _read_back(self, out: Draft, slot: str, prompts: Prompts) -> list[Option]:
        """A weak reading is shown for a yes or a fix before the conversation goes on."""
        state, spec = out.state, self.flow.slot(slot)
        current = state.slots[slot]
        item = self.policy.item(state, slot, current.value)
        out.messages.append(prompts.say.readback.format(item=item))
        attempt = state.attempts + 1 if state.expecting == slot else 1
        out.emit(QuestionAsked(at=out.now, slot=slot, attempt=attempt, confirm=True))
        # A guess between readings offers the others as they are: one press settles it.
        others = self.reader.alternatives(slot, current.raw_text, current.value)[:READ_BACK_ALTERNATIVES]
        return [Option(label=prompts.say.confirm_yes, value="yes"),
                *(Option(label=prompts.value_label(spec.vocabulary, v), value=v) for v in others if spec.vocabulary),
                Option(label=prompts.say.confirm_fix, value=FIX_PREFIX + slot)]

    def _close(self, out: Draft, prompts: Prompts) -> None:
        """The end after consent: handed to a mentor when the owner can be reached; otherwise
        whatever was typed for contact is not kept, as nothing will use it."""
        if any(out.state.known().get(slot) for slot in CONTACT_SLOTS):
            out.messages.append(format_text(prompts.say.handed_over, days=self.mentor_contact_days))
        else:
            out.emit(ContactErased(at=out.now))
            out.messages.append(prompts.say.no_contact_finish)
        out.emit(IntakeClosed(at=out.now))

    def _still_open(self, state: DialogueState) -> bool:
        """The question asked last still wants an answer (a volunteered fact may have made
        it moot, as a phone number does the email question)."""
        expecting = state.expecting
        if expecting is None or expecting == CONSENT or expecting in state.slots or state.confirming:
            return False
        return self.flow.slot(expecting).applies(state.known())

    def _question(self, spec: SlotSpec, prompts: Prompts, state: DialogueState) -> str:
        """The slot's question, or its variant for what is known already ("더 늘리고 싶으세요?"
        only to an owner who has some remote work)."""
        text = prompts.slots[spec.id]
        known = state.known()
        question = next((variant for condition, variant in text.question_if.items() if CONDITIONS[condition](known)),
                        text.question)
        return f"{question}\n{prompts.say.example.format(example=text.example)}"

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
            if slot.status == "answered":
                shown = format_value(spec, slot.value, prompts)
            elif slot.status == "raw":
                shown = slot.raw_text
            else:
                shown = prompts.say.summary_skipped if slot.method == "skip" else prompts.say.summary_unknown
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
