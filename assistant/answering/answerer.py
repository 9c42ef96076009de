"""Answers a side question by what it asks (the engine's one entry point for side questions).

Order, first match wins:
1. a question that names a programme or vendor is about that entry;
2. otherwise a question about this service (cost, next steps, privacy, duration, stopping and
   resuming, fixing answers, who answers) gets the service answer, its facts from settings;
3. thanks or a greeting that asks for nothing is small talk: a short friendly turn;
4. a question the knowledge base answers is about its best entry;
5. anything else — off-topic, or a topic deliberately not covered — is refused.

An entry answer quotes the passage that states the asked aspect; when the material names the
entry but not that aspect it says so, gives what there is and offers the mentor. An answer
already given in this conversation comes back as a short pointer instead."""

from collections.abc import Sequence
from typing import Protocol

from assistant.answering.cues import (
    Cues,
    asked_aspect,
    aspect_passage,
    is_greeting,
    is_smalltalk,
    load_cues,
    question_focus,
    service_question,
)
from assistant.answering.models import ServiceFacts, SideAnswer
from assistant.decision.evidence import best_quote
from assistant.ports import KnowledgeSearch
from assistant.turns import TurnCitation
from knowledge.schema import Entry
from knowledge.sources import quote_url, readable_citation
from prompts import Lang
from prompts.answers import AnswerPrompts, Aspect, load_answer_prompts
from retrieval.models import SearchResponse, SearchResult

CANDIDATES = 3


def cite(entry_id: str, name: str, seed: str, quote: str, lang: Lang) -> TurnCitation:
    """A citation as the owner reads it, with the page that shows the sentence in its article."""
    return TurnCitation(id=entry_id, name=name, source=readable_citation(seed, quote, lang),
                        url=quote_url(seed, quote, lang))


class EntryLookup(Protocol):
    def get(self, entry_id: str) -> Entry | None: ...


class SideAnswerer:
    def __init__(self, *, search: KnowledgeSearch | None, entries: EntryLookup | None = None,
                 facts: ServiceFacts | None = None, cues: Cues | None = None) -> None:
        self.search = search
        self.entries = entries
        self.facts = facts or ServiceFacts()
        self.cues = cues or load_cues()

    def answer(self, question: str, *, lang: Lang, asked_before: Sequence[str] = ()) -> SideAnswer:
        """`asked_before`: what the assistant has said in this conversation so far."""
        prompts = load_answer_prompts(lang)
        response = self._search(question, lang)
        results = response.results if response else []
        candidates = [r.id for r in results]
        best = results[0] if results else None
        named = best is not None and best.matched_alias is not None
        service = None if named else service_question(question, self.cues)
        if service is not None:
            answer = SideAnswer(kind="service", key=f"service:{service}", service=service, candidates=candidates,
                                messages=[prompts.service(service, self.facts.model_dump())])
        elif not named and is_greeting(question, self.cues):
            answer = SideAnswer(kind="smalltalk", key="greeting", messages=[prompts.greeting], candidates=candidates)
        elif not named and is_smalltalk(question, self.cues):
            answer = SideAnswer(kind="smalltalk", key="smalltalk", messages=[prompts.smalltalk], candidates=candidates)
        elif best is not None and (named or (response is not None and response.answerable)):
            answer = self._entry_answer(question, best, named=named, answerable=bool(response and response.answerable),
                                        prompts=prompts, lang=lang)
            answer.candidates = candidates
        else:
            answer = SideAnswer(kind="abstain", key="abstain", messages=[prompts.abstain], candidates=candidates)
        answer = self._unless_repeated(answer, asked_before, prompts)
        if response is not None and response.lexical_only and answer.kind not in ("service", "smalltalk"):
            answer.messages = [*answer.messages, prompts.lexical_only]
        return answer

    def _search(self, question: str, lang: Lang) -> SearchResponse | None:
        """The asking sentences are searched; the whole message only for a name they lack
        ("내일채움공제 말인데요. 신청은 언제 해요?")."""
        if self.search is None:
            return None
        focus = question_focus(question, self.cues)
        response = self.search.search(focus, k=CANDIDATES, lang=lang)
        if focus == question or (response.results and response.results[0].matched_alias):
            return response
        whole = self.search.search(question, k=CANDIDATES, lang=lang)
        return whole if whole.results and whole.results[0].matched_alias else response

    def _entry_answer(self, question: str, best: SearchResult, *, named: bool, answerable: bool,
                      prompts: AnswerPrompts, lang: Lang) -> SideAnswer:
        entry = self.entries.get(best.id) if self.entries else None
        aspect: Aspect = asked_aspect(question, named=named, cues=self.cues)
        if entry is None:
            # Without the entry's material only the search's own passage can be quoted.
            return SideAnswer(kind="entry", key=f"{best.id}#{aspect}", entry=best.id, aspect=aspect,
                              stated=answerable, messages=[prompts.found.format(name=best.name, passage=best.passage)],
                              passages=[best.passage],
                              citations=[cite(best.id, best.name, best.seed, best.quote, lang)])
        name, summary = entry.name.get(lang), entry.summary.get(lang)
        passage = aspect_passage(entry, aspect, lang, self.cues)
        if passage is not None and aspect == "match":
            messages = [prompts.match.format(name=name, summary=summary)]
        elif passage is not None:
            messages = [prompts.found.format(name=name, passage=passage)]
        else:
            subject = prompts.program if entry.kind == "program" else prompts.vendor
            messages = [prompts.missing.format(subject=subject, aspect=prompts.aspect(aspect), name=name,
                                               summary=summary), prompts.mentor]
        quoted = passage or summary
        quote = best_quote(entry, [w for w in entry.summary.ko.split() + quoted.split() if len(w) >= 2])
        return SideAnswer(kind="entry", key=f"{entry.id}#{aspect}", entry=entry.id, aspect=aspect,
                          stated=passage is not None, messages=messages,
                          passages=[summary if aspect == "match" else passage] if passage is not None else [],
                          citations=[cite(entry.id, name, quote.seed, quote.quote, lang)])

    @staticmethod
    def _unless_repeated(answer: SideAnswer, asked_before: Sequence[str], prompts: AnswerPrompts) -> SideAnswer:
        """The same answer again would be the same paragraph: point back to it instead.
        Small talk and refusals are short already."""
        if answer.kind in ("smalltalk", "abstain") or not answer.messages or answer.messages[0] not in asked_before:
            return answer
        topic = answer.citations[0].name if answer.citations else prompts.service_name(answer.service or "about")
        return answer.model_copy(update={"messages": [prompts.repeated.format(topic=topic)], "repeated": True})
