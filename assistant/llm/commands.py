"""The second command generator (Rasa CALM's LLM command generator, behind the rules): when
the rule reader finds no answer to the pending question, or only a weak or conflicting one, a
language model reads the masked message against that question's slot schema and proposes
commands as JSON. The model proposes; this module decides:

- only `set_slot` for the pending question's slot; anything else (consent, contact, names,
  another slot, another command) is refused and logged;
- the value passes the slot's own vocabulary, scale or parser, and the model must quote the
  owner's words it read it from, verbatim;
- an accepted value is recorded as a weak reading, so the policy reads it back to the owner
  for a yes or a fix before it counts;
- a timeout, an error or a malformed reply changes nothing: the rules' commands stand.

Every consultation is an event (`ModelConsulted`), shown to staff on the transcript."""

import json
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

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
from assistant.events import ModelConsulted, ModelInput, ModelOutcome, ModelRefusal, RefusalReason
from assistant.flow import CONSENT_SLOT, FlowSpec, SlotSpec
from assistant.language import split_clauses
from assistant.llm.calling import ask_json
from assistant.llm.config import ModelAssist
from assistant.llm.masking import CONTACT_SLOTS, NAME_SLOTS, mask
from assistant.policy import ACCEPT, MAX_REPROMPTS, REASK_BELOW
from assistant.state import DialogueState
from assistant.understanding import parse_answer
from assistant.understanding.text import normalize
from prompts import load_prompts
from prompts.llm import ModelPrompts, load_model_prompts

log = logging.getLogger("assistant.llm")

# Between "asked again" and "accepted": a model's value is always kept and read back.
MODEL_CONFIDENCE = round((REASK_BELOW + ACCEPT) / 2, 3)
MAX_COMMANDS = 8
# With free text forbidden: at most this many statement clauses, each at most this long.
MAX_CLAUSES, MAX_CLAUSE_CHARS = 3, 80
_UNITS = {"company.employees": "명", "staffing.it_staff": "명", "company.founded_year": "년"}
# The parsers take any size an owner types; from a model, a size no SME has is a misreading.
_AT_MOST = {"company.employees": 100_000, "staffing.it_staff": 100_000, "company.annual_revenue_krw": 10**13,
            "costs.it_budget_krw_per_year": 10**12}
_SETTLED = (Back, Confirm, ConsentAnswer, CorrectSlot, DontKnow, Fix, Skip)
_COMMAND_KINDS = frozenset({"set_slot", "correct_slot", "dont_know", "skip", "back", "fix", "confirm",
                            "consent_answer", "side_question"})


class _Proposal(BaseModel):
    """One command as the model wrote it; anything malformed in it is a refusal, not a crash."""

    model_config = ConfigDict(extra="ignore")

    kind: str = ""
    slot: str | None = None
    value: Any = None
    quote: str = ""


class _Proposals(BaseModel):
    commands: list[dict[str, Any]] = Field(default_factory=list)


class CommandGenerator:
    def __init__(self, flow: FlowSpec, assist: ModelAssist, prompts: ModelPrompts | None = None) -> None:
        self.flow = flow
        self.assist = assist
        self.prompts = prompts or load_model_prompts()

    # -- when ----------------------------------------------------------------------------

    def askable(self, state: DialogueState) -> SlotSpec | None:
        """The pending question, when the model may answer it: a business question whose
        reading can still be read back (not after two re-asks, not read back already), never
        consent, contact details or names, nor free text when that may not be sent."""
        spec = self.flow.by_id.get(state.expecting or "")
        if spec is None or state.confirming or spec.id == CONSENT_SLOT or spec.consent is not None:
            return None
        if spec.id in NAME_SLOTS | CONTACT_SLOTS or (spec.type == "text" and not self.assist.send_free_text):
            return None
        if state.attempts >= MAX_REPROMPTS or spec.id in state.read_back:
            return None
        return spec

    @staticmethod
    def needed(spec: SlotSpec, commands: Sequence[Command]) -> bool:
        """The rules found nothing for the pending question, or only a weak or conflicting
        reading. A message that asks something is answered and the question asked again, not
        sent: an owner's question is no answer for the model to read."""
        if any(isinstance(c, (*_SETTLED, SideQuestion)) for c in commands):
            return False
        readings = [c for c in commands if isinstance(c, SetSlot) and c.slot == spec.id]
        if not readings:
            return True
        values = {json.dumps(c.value, sort_keys=True, default=str) for c in readings}
        return len(values) > 1 or min(c.confidence for c in readings) < ACCEPT

    # -- the consultation -----------------------------------------------------------------

    def review(self, state: DialogueState, text: str, commands: list[Command],
               now: datetime) -> tuple[list[Command], ModelConsulted | None]:
        """The commands to apply, and the record of the consultation when there was one."""
        spec = self.askable(state)
        if spec is None or not self.needed(spec, commands):
            return commands, None
        sent_kind, sent = self._what_to_send(state, text, spec)
        if not sent:
            return commands, None
        reply = ask_json(self.assist.model, self._messages(state, spec, sent_kind, sent),
                         timeout=self.assist.timeout_seconds, purpose="commands")
        if reply.outcome != "ok":
            outcome: ModelOutcome = "error" if reply.outcome == "error" else reply.outcome
            return commands, self._event(now, sent_kind, outcome)
        try:
            proposals = _Proposals.model_validate(reply.data).commands[:MAX_COMMANDS]
        except ValidationError:
            return commands, self._event(now, sent_kind, "malformed")
        accepted: SetSlot | None = None
        refused: list[ModelRefusal] = []
        for raw in proposals:
            command, refusal = self._check(raw, spec, state, sent, accepted, now)
            if refusal is not None:
                refused.append(refusal)
                log.info("language model command refused: %s %s (%s)", refusal.command, refusal.slot or "-",
                         refusal.reason)
            elif command is not None:
                accepted = command
        if accepted is None:
            return commands, self._event(now, sent_kind, "refused" if refused else "nothing", refused=refused)
        kept = [c for c in commands if not (isinstance(c, SetSlot) and c.slot == spec.id)]
        return [accepted, *kept], self._event(now, sent_kind, "used", accepted=[f"set_slot:{spec.id}"],
                                              refused=refused)

    def _what_to_send(self, state: DialogueState, text: str, spec: SlotSpec) -> tuple[ModelInput, str]:
        known = state.known()
        markers = self.prompts.markers
        masked = mask(text, names=[str(known[s]) for s in NAME_SLOTS if known.get(s)],
                      contacts=[str(known[s]) for s in CONTACT_SLOTS if known.get(s)],
                      name_marker=markers.name, contact_marker=markers.contact)
        if self.assist.send_free_text:
            return "message", masked
        # Before consent the engine has already put its own marker where contact details were.
        withheld = (markers.name, markers.contact, load_prompts(state.lang).say.contact_marker)
        clauses = [c.text for c in split_clauses(masked)
                   if not c.question and not any(marker in c.text for marker in withheld)]
        return "clauses", "\n".join(f"- {c[:MAX_CLAUSE_CHARS]}" for c in clauses[:MAX_CLAUSES])

    def _messages(self, state: DialogueState, spec: SlotSpec, sent_kind: ModelInput, sent: str) -> list[BaseMessage]:
        p = self.prompts
        system = p.commands_system.format(slot_schema=self._schema(state, spec), marker_contact=p.markers.contact,
                                          marker_name=p.markers.name)
        user = p.commands_user.format(message=sent) if sent_kind == "message" else (
            p.commands_user_clauses.format(clauses=sent))
        return [SystemMessage(content=system), HumanMessage(content=user)]

    def _schema(self, state: DialogueState, spec: SlotSpec) -> str:
        """The pending slot as the model needs it: id, type, question, and the values or scale
        with the owner's language's labels."""
        prompts = load_prompts(state.lang)
        lines = [f"slot: {spec.id}", f"question: {prompts.slots[spec.id].question}"]
        if spec.type in ("enum", "list") and spec.vocabulary:
            many = "a list of one or more" if spec.type == "list" else "exactly one"
            lines.append(f"type: {many} of these values (use the value before the colon)")
            lines += [f"- {v}: {prompts.value_label(spec.vocabulary, v)}" for v in spec.values()]
        elif spec.type == "level" and spec.scale:
            lines.append("type: a whole number on this scale")
            lines += [f"- {i}: {d}" for i, d in enumerate(prompts.scales[spec.scale])]
        elif spec.type == "bool":
            lines.append("type: true or false")
        elif spec.type == "krw":
            lines.append("type: an amount in won per year, as a whole number (3억 → 300000000)")
        elif spec.type == "int":
            lines.append("type: a four-digit year" if spec.id == "company.founded_year" else
                         "type: a whole number of people")
        else:
            lines.append("type: the owner's own words that answer the question, copied exactly")
        return "\n".join(lines)

    # -- checking what the model proposed --------------------------------------------------

    def _check(self, raw: dict[str, Any], spec: SlotSpec, state: DialogueState, sent: str,
               accepted: SetSlot | None, now: datetime) -> tuple[SetSlot | None, ModelRefusal | None]:
        try:
            proposal = _Proposal.model_validate(raw)
        except ValidationError:
            return None, ModelRefusal(command="other", reason="unknown_command")
        kind = proposal.kind if proposal.kind in _COMMAND_KINDS else "other"
        slot = proposal.slot if isinstance(proposal.slot, str) and proposal.slot in self.flow.by_id else None

        def refuse(reason: RefusalReason) -> tuple[None, ModelRefusal]:
            return None, ModelRefusal(command=kind, slot=slot, reason=reason)

        target = self.flow.by_id.get(slot or "")
        if kind == "consent_answer" or slot == CONSENT_SLOT:
            return refuse("consent")
        if target is not None and (target.consent is not None or target.id in NAME_SLOTS | CONTACT_SLOTS):
            return refuse("personal_data")
        if kind != "set_slot":
            return refuse("unknown_command")
        if slot != spec.id:
            return refuse("not_asked")
        if accepted is not None:
            return refuse("duplicate")
        quote = normalize(proposal.quote).strip()
        markers = self.prompts.markers
        if not quote or quote not in normalize(sent):
            return refuse("unquoted")
        if any(marker in quote for marker in (markers.name, markers.contact, load_prompts(state.lang).say.contact_marker)):
            return refuse("personal_data")
        value = self._value(spec, proposal.value, quote, state, now)
        if value is None:
            return refuse("invalid_value")
        return SetSlot(slot=spec.id, value=value, confidence=MODEL_CONFIDENCE, method=f"llm:{self.assist.name}",
                       asked=True, span=quote), None

    def _value(self, spec: SlotSpec, value: Any, quote: str, state: DialogueState, now: datetime) -> Any:
        """The value when the slot's own vocabulary, scale or parser accepts it, else None."""
        if spec.type == "enum":
            return value if isinstance(value, str) and value in spec.values() else None
        if spec.type == "list":
            items = value if isinstance(value, list) else [value]
            if not items or not all(isinstance(v, str) and v in spec.values() for v in items):
                return None
            return list(dict.fromkeys(items))
        if spec.type == "bool":
            return value if isinstance(value, bool) else None
        if spec.type == "text":
            # The owner's words only: a value the model wrote itself is not theirs.
            return value.strip() if isinstance(value, str) and value.strip() and normalize(value) in quote else None
        number = _whole_number(value)
        if number is None or not 0 <= number <= _AT_MOST.get(spec.id, number):
            return None
        if spec.type == "level":
            scale = load_prompts(state.lang).scales[spec.scale or "adoption"]
            return number if number < len(scale) else None
        # The slot's parser reads the number back as the owner would have written it: a year
        # in the future or a headcount the parser would not take is refused.
        rendered = f"{number}{_UNITS.get(spec.id, '원')}"
        parsed = parse_answer(spec.id, rendered, now.date())
        if parsed is None or parsed.slot != spec.id or parsed.value != number:
            return None
        employees = state.known().get("company.employees")
        if spec.id == "staffing.it_staff" and isinstance(employees, int) and number > employees:
            return None
        return number

    def _event(self, now: datetime, sent: ModelInput, outcome: ModelOutcome, *, accepted: list[str] | None = None,
               refused: list[ModelRefusal] | None = None) -> ModelConsulted:
        return ModelConsulted(at=now, purpose="commands", model=self.assist.name, sent=sent, outcome=outcome,
                              accepted=accepted or [], refused=refused or [])


_INT: TypeAdapter[int] = TypeAdapter(int)


def _whole_number(value: Any) -> int | None:
    """A whole number written as a number or a numeral string; never a bool."""
    if isinstance(value, bool):
        return None
    try:
        return _INT.validate_python(value)
    except ValidationError:
        return None
