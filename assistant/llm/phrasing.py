"""Side answers phrased by a language model from their passages only, and kept only when
every sentence is borne out by the passage it cites; otherwise the plain quoted answer stands.

A sentence is borne out when it is polite 해요체, every number and every Latin-script or quoted
name in it occurs in its passage, it adds no negation the passage lacks, and most of its
character pairs occur in the passage (or the entry's name). Citations stay the answer's own:
the model never adds one."""

import re
from datetime import datetime

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.answering import SideAnswer
from assistant.events import ModelConsulted, ModelInput, ModelOutcome, ModelRefusal
from assistant.llm.calling import ask_json
from assistant.llm.config import ModelAssist
from assistant.llm.masking import mask
from assistant.state import DialogueState
from assistant.understanding.text import normalize
from prompts.answers import load_answer_prompts
from prompts.llm import ModelPrompts, load_model_prompts

MAX_SENTENCES = 4
# Share of a sentence's character pairs that must occur in its passage or the entry's name.
MIN_OVERLAP = 0.6
_HAEYO = re.compile(r"요[.!?~]?$")
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9&+.-]*[A-Za-z0-9]")
_QUOTED = re.compile(r"[「『“‘\"']([^」』”’\"']{2,})[」』”’\"']")
_NEGATIONS = ("안 ", "않", "없", "못", "불가", "제외", "아니")
_NOT_TEXT = re.compile(r"[^0-9A-Za-z가-힣]+")


class _Sentence(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1, max_length=400)
    passage: int


class _Phrased(BaseModel):
    sentences: list[_Sentence] = Field(min_length=1)


class GroundedPhraser:
    def __init__(self, assist: ModelAssist, prompts: ModelPrompts | None = None) -> None:
        self.assist = assist
        self.prompts = prompts or load_model_prompts()

    def rephrase(self, state: DialogueState, question: str, answer: SideAnswer,
                 now: datetime) -> tuple[SideAnswer, ModelConsulted | None]:
        """The answer in the model's words when every sentence holds, else as it was."""
        passages = [p for p in answer.passages if p and answer.messages and p in answer.messages[0]]
        if (answer.kind != "entry" or answer.repeated or not passages or not answer.citations
                or state.lang != "ko"):
            return answer, None
        name = answer.citations[0].name
        reply = ask_json(self.assist.model, self._messages(question, answer, name, passages),
                         timeout=self.assist.timeout_seconds, purpose="phrasing")
        if reply.outcome != "ok":
            outcome: ModelOutcome = "error" if reply.outcome == "error" else reply.outcome
            return answer, self._event(now, outcome)
        try:
            phrased = _Phrased.model_validate(reply.data)
        except ValidationError:
            return answer, self._event(now, "malformed")
        sentences = phrased.sentences[:MAX_SENTENCES]
        if len(phrased.sentences) > MAX_SENTENCES or not all(
                0 < s.passage <= len(passages) and supported(s.text, passages[s.passage - 1], name)
                for s in sentences):
            return answer, self._event(now, "refused", refused=[ModelRefusal(command="phrasing",
                                                                             reason="unsupported")])
        # One passage is quoted per answer: the rewrite takes its place in the same message.
        rewritten = " ".join(normalize(s.text).strip() for s in sentences)
        first = answer.messages[0].replace(passages[0], rewritten, 1)
        return answer.model_copy(update={"messages": [first, *answer.messages[1:]]}), self._event(
            now, "used", accepted=["phrasing"])

    def _messages(self, question: str, answer: SideAnswer, name: str,
                  passages: list[str]) -> list[SystemMessage | HumanMessage]:
        p = self.prompts
        numbered = "\n".join(f"[{i}] {name}: {text}" for i, text in enumerate(passages, 1))
        system = p.phrasing_system.format(passages=numbered, max_sentences=MAX_SENTENCES)
        aspect = load_answer_prompts("ko").aspect(answer.aspect) if answer.aspect else name
        if self.assist.send_free_text:
            masked = mask(question, names=[], contacts=[], name_marker=p.markers.name,
                          contact_marker=p.markers.contact)
            user = p.phrasing_user.format(question=masked, aspect=aspect)
        else:
            user = p.phrasing_user_no_question.format(aspect=aspect)
        return [SystemMessage(content=system), HumanMessage(content=user)]

    def _event(self, now: datetime, outcome: ModelOutcome, *, accepted: list[str] | None = None,
               refused: list[ModelRefusal] | None = None) -> ModelConsulted:
        sent: ModelInput = "message" if self.assist.send_free_text else "passages"
        return ModelConsulted(at=now, purpose="phrasing", model=self.assist.name, sent=sent, outcome=outcome,
                              accepted=accepted or [], refused=refused or [])


def supported(sentence: str, passage: str, name: str = "") -> bool:
    """Whether `sentence` says nothing its passage does not."""
    text, source = normalize(sentence).strip(), normalize(f"{passage} {name}")
    if not _HAEYO.search(text):
        return False
    digits = source.replace(",", "")
    if any(n.replace(",", "") not in digits for n in _NUMBER.findall(text)):
        return False
    folded = source.casefold()
    if any(word.casefold() not in folded for word in _LATIN.findall(text)):
        return False
    if any(quoted not in source for quoted in _QUOTED.findall(text)):
        return False
    if any(neg in text and neg not in source for neg in _NEGATIONS):
        return False
    pairs = _pairs(text)
    return bool(pairs) and len(pairs & _pairs(source)) / len(pairs) >= MIN_OVERLAP


def _pairs(text: str) -> set[str]:
    compact = _NOT_TEXT.sub("", text)
    return {compact[i:i + 2] for i in range(len(compact) - 1)}
