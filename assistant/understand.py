"""One owner message → the commands it carries. The whole route of a message is here:

1. Whole-message replies: a quick-reply value or its label typed in either language ("모름",
   "건너뛰기", "0 · 안 써요…"), a fix button, a bare "이전으로".
2. The message is split into clauses (`assistant.language`), each with its markers.
3. Corrections: a clause with a correction marker ("아 참", "실은", "아까 … 잘못 말했어요")
   corrects the slot it names. At the summary, the consent and the contact questions a plain
   restatement ("직원 수는 30명이에요") corrects too.
4. The answer to the pending question, read from the clauses that can carry it: a clause that
   names another number topic ("작년 매출이 15억") never feeds the pending number; a clause
   that only echoes the topic ("클라우드요?") says nothing; several quantities are resolved by
   `assistant.language.quantities`; a denied clause with no other reading gives the slot's
   negative value ("아직 그런 거 없어요" → level 0), a rhetorical one too.
5. Facts volunteered for other slots.
6. With no value for the pending question: a don't-know or skip clause says so for that slot.
7. Question clauses that gave no value are side questions.

`assistant.policy` applies the commands."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from assistant.answering.cues import is_greeting
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
from assistant.flow import CONSENT_SLOT, STAGE_SLOT, FlowSpec, SlotSpec
from assistant.language import Clause, split_clauses
from assistant.language.quantities import Candidate, choose, split_by_time
from assistant.language.spelling import readable, respell
from assistant.language.topics import topic_match, topics_of
from assistant.reading import PRE_FOUNDER, Reader
from assistant.state import CONSENT
from assistant.understanding import parse_answer
from assistant.understanding.corrections import Correction, detect_correction
from assistant.understanding.counts import COUPLE, SOLO, ZERO, bare_range, find_counts, names_a_group, parse_count
from assistant.understanding.money import find_amounts
from assistant.understanding.numbers import find_numbers
from assistant.understanding.text import normalize

FIX_PREFIX = "fix:"
# Slots whose value is a number read from words: a clause about another of them never feeds them.
NUMBER_SLOTS = frozenset({
    "company.employees", "staffing.it_staff", "company.annual_revenue_krw", "costs.it_budget_krw_per_year",
    "company.founded_year",
})
# Parts of one headcount add up ("사무직 3명, 현장 12명").
# The owner covering IT on the side is not IT staff, so only the headcount adds up.
_SUMMABLE = frozenset({"company.employees"})
_MONEY = frozenset({"company.annual_revenue_krw", "costs.it_budget_krw_per_year"})
# A figure whose unit was inferred from another clause is read back before it is relied on.
_INFERRED = 0.65
# A fact said in passing, for a question not asked, is kept; when how it was routed is a
# guess — a number in a clause that does not name its topic ("부부 둘이서" as the headcount),
# an industry other words contest, a way of working — it is read back when its question's
# turn comes rather than trusted silently. A region by name or an e-mail address is plain.
VOLUNTEERED = 0.9
VOLUNTEERED_UNSURE = 0.6
# What a denial says for a slot when the slot's own reader finds nothing else in it: "아직
# 그런 거 없어요" to the cloud question is level 0, "재택이 어딨어요" is no remote work.
NEGATIVE_VALUES: Mapping[str, Any] = {
    "readiness.cloud": 0, "readiness.ai": 0, "readiness.blockchain": 0, "readiness.data": 0, "readiness.security": 0,
    "remote.status": "none", "remote.interest": False, "staffing.hiring_difficulty": False,
    "costs.funding_need": "none", "staffing.it_staff": 0, "costs.it_budget_krw_per_year": 0,
    "needs.urgency": "exploring",
}
NEGATIVE_CONFIDENCE = 0.6
# A hesitant answer ("해 보고 싶긴 해요", "글쎄요…") to a choice question is read back.
HEDGE_PENALTY = 0.15
_MAKE_UP = re.compile(r"위주|중심|대부분|거의 ?다|\b(?:mostly|mainly|largely|most of (?:them|us))\b", re.IGNORECASE)
_FREE_TEXT = frozenset({"costs.pressures", "needs.goals", "company.name", "contact.name"})
# The owner counting themself in: "그리고 저요", "나랑 …", "and me".
_SELF = re.compile(r"(?:그리고|,|\band\b|\bplus\b)\s*(?:저|나|me|myself)(?:요|도|까지)?\s*[.!~ㅎㅋ😅]*$|"
                   r"(?<![가-힣])(?:저|나) ?(?:하나|한 ?명)(?:요|이요)?\s*[.!~ㅎㅋ😅]*$|"
                   r"^(?:저|나)(?:랑|하고|와|과)\s|\bme and\b|\band me\b|^(?:저|나)(?:요|도)?\s*$", re.IGNORECASE)
_TOTAL_WORD = re.compile(r"포함|까지|in total|including|incl\b")
_SELF_ONLY = re.compile(r"^(?:그리고|and|plus)?\s*(?:저|나|me|myself)\s*(?:요|혼자|혼자예요)?\s*$|혼자", re.IGNORECASE)
# A wish or a plan next to a negation ("아직 안 쓰지만 해 보고 싶어요") is not a plain no;
# "관심 없어요" is no wish.
# Slots where a plain no about the thing overrides a positive reading of other words in it.
_DENIABLE = frozenset({"readiness.cloud", "readiness.ai", "readiness.blockchain", "readiness.security",
                       "costs.funding_need", "remote.interest", "remote.status", "needs.urgency"})
_WISH = re.compile(r"싶|관심(?!(?:이|은|도)? ?(?:없|않|안 ))|검토|고려|계획|예정|알아보|생각 ?중|해 ?보자|하자는|"
                   r"\b(?:want|would like|like to|plan|considering|interested)\b",
                   re.IGNORECASE)
_DECIDED_NOT = re.compile(r"안 ?하기로|하지 않기로|접었|접기로|포기했|그만뒀|\b(?:decided (?:not|against)|gave (?:it )?up|"
                          r"dropped (?:it|the idea))\b", re.IGNORECASE)
# "아직 안 해요" next to a wish ("해 보고 싶긴 한데", "pilot 해 보자는 얘기는 나왔는데") is
# the adoption scale's "considering": not in use, not a plain no.
_NOT_YET = re.compile(r"아직|\bnot yet\b|\byet\b", re.IGNORECASE)
CONSIDERING = 1
ACCEPTED_PLAN = 0.75
_SAID_BEFORE = re.compile(r"(?:이)?라고 ?(?:했|말했|말씀드렸|적었|썼)|\bi (?:said|told you|wrote|put)\b", re.IGNORECASE)
_CONFIRM_YES = re.compile(r"^(?:네|예|넵|응|맞아요?|맞습니다|맞죠|그래요|yes|yep|yeah|correct|right|that'?s right)"
                          r"[\s.!~,요]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What understanding needs of the dialogue state."""

    expecting: str | None  # a slot id, "consent", or None
    confirming: bool  # the pending question reads `expecting` back for a yes or a fix
    answered: Mapping[str, Any]
    today: date
    contact_allowed: bool


class Understanding:
    def __init__(self, flow: FlowSpec, reader: Reader) -> None:
        self.flow = flow
        self.reader = reader

    def commands(self, text: str, ctx: Context) -> list[Command]:
        text = text.strip()
        whole = self._whole_message(text, ctx)
        if whole is None and (respelled := respell(text)) != text:
            whole = self._whole_message(respelled, ctx)  # "몰름" is the "모름" button typed
        if whole is not None:
            return whole
        if is_greeting(text):
            # "안녕하세요~" to the first question: greeted back, then asked again.
            return [SideQuestion(text=text, span=text)]
        typed, text = text, readable(text)
        clauses = split_clauses(text)
        out: list[Command] = []
        used: set[int] = set()  # clause starts that gave a value
        spec = self.flow.by_id.get(ctx.expecting or "")
        asked_slot = spec.id if spec is not None and spec.id != CONSENT_SLOT else None

        out += self._corrections(clauses, ctx, asked_slot, used)
        if asked_slot is not None and spec is not None and not any(
                isinstance(c, SetSlot) and c.slot == asked_slot for c in out):
            answer = self._answer(spec, typed if spec.id in _FREE_TEXT else text, clauses, ctx, used)
            if answer is not None:
                out.append(answer)
            elif ctx.confirming:
                out += self._confirmation(asked_slot, text, clauses)
        if ctx.expecting == CONSENT and not out:
            # Only a message that does nothing else answers the consent: "28 아니고 31명" fixes
            # a number and refuses nothing.
            given = self._consent([c for c in clauses if not c.correction])
            if given is not None:
                out.append(ConsentAnswer(given=given, span=text))
        out += self._volunteered(text, clauses, ctx, asked_slot, out, used)
        if asked_slot is not None and not any(getattr(c, "slot", None) == asked_slot for c in out):
            out += self._no_value(asked_slot, clauses)
        out += [SideQuestion(text=c.text, span=c.text) for c in clauses
                if c.question and c.start not in used and not c.echo and not c.dont_know]
        return out

    # -- 1. whole-message replies ----------------------------------------------------

    def _whole_message(self, text: str, ctx: Context) -> list[Command] | None:
        if text.startswith(FIX_PREFIX):
            slot = text[len(FIX_PREFIX):]
            return [Fix(slot=slot, span=text)] if slot in self.flow.by_id else None
        spec = self.flow.by_id.get(ctx.expecting or "")
        if ctx.expecting == CONSENT:
            option = self.reader.consent_option(text)
            if option is not None:
                return [ConsentAnswer(given=option, span=text)]
        if spec is not None and spec.id != CONSENT_SLOT:
            if ctx.confirming:
                label = self.reader.confirm_option(text)
                if label is not None:
                    return [Confirm(slot=spec.id, yes=True, span=text)] if label else [Fix(slot=spec.id, span=text)]
                # A bare yes or no answers the read-back, not the question behind it.
                answer = self.reader.yes_no(text) if len(text) <= 8 else None
                if answer is None and _CONFIRM_YES.match(normalize(text)):
                    answer = True
                if answer is not None:
                    return [Confirm(slot=spec.id, yes=answer, span=text)]
            choice = self.reader.typed_option(spec, text)
            if choice is not None:
                kind, value = choice
                if kind == "unknown":
                    return [DontKnow(slot=spec.id, span=text)]
                if kind == "skip":
                    return [Skip(slot=spec.id, span=text)]
                return [SetSlot(slot=spec.id, value=value, confidence=1.0, method="option", asked=True, span=text)]
        if len(text) <= 20 and self.reader.is_back(text):
            return [Back(span=text)]
        return None

    # -- 3. corrections ----------------------------------------------------------------

    def _corrections(self, clauses: tuple[Clause, ...], ctx: Context, asked: str | None,
                     used: set[int]) -> list[Command]:
        out: list[Command] = []
        restating = asked is None or asked.startswith("contact.")
        for i, clause in enumerate(clauses):
            if (not clause.correction and not restating) or clause.start in used:
                continue
            scope, found = self._correction_scope(clauses, i)
            if found is None or (found.slot is not None and not self._business_or_allowed(found.slot, ctx)):
                continue
            if clause.question and found.value is None:
                continue  # "아 직원들이요?" repeats what was asked; it fixes nothing
            if found.slot is None:
                # "아까 답 틀렸어요": only a short message that says nothing else goes back.
                if clause.correction and len(clauses) == 1 and len(clause.text) <= 30 and asked is not None:
                    out.append(CorrectSlot(slot=None, span=clause.text))
                continue
            if not clause.correction and (found.value is None or ctx.answered.get(found.slot) == found.value):
                continue  # a plain restatement corrects only when it changes a value
            if found.slot == asked:
                continue  # the answer to the question itself is read below
            out.append(CorrectSlot(slot=found.slot, value=found.value, span=scope))
            used.update(c.start for c in clauses[i:] if c.text in scope)
        return _one_per_slot(out, clauses)

    @staticmethod
    def _correction_scope(clauses: tuple[Clause, ...], i: int) -> tuple[str, Correction | None]:
        """The words a correction covers: its clause, and the clauses after it while they name
        no other topic and the new value is still missing ("아 매출이요, 180억 아니고 210억")."""
        scope, last = clauses[i].text, clauses[i]
        # The clause layer decided that this is a correction; the correction reader finds the
        # slot it names and the new value.
        found = detect_correction(f"정정 {scope}")
        for following in clauses[i + 1:i + 3]:
            # A value in a denied clause ("180억 아니고") or one said before ("i said 70") is
            # the old one: the new one follows.
            if found is not None and found.value is not None and not last.denies and not _SAID_BEFORE.search(last.text):
                break
            if following.topics and (found is None or found.slot not in following.topics):
                break
            wider = detect_correction(f"정정 {scope}, {following.text}")
            if wider is None or wider.slot is None or (found is not None and found.slot not in (None, wider.slot)):
                break
            scope, found, last = f"{scope}, {following.text}", wider, following
        return scope, found

    def _business_or_allowed(self, slot: str, ctx: Context) -> bool:
        spec = self.flow.by_id.get(slot)
        return spec is not None and spec.id != CONSENT_SLOT and (spec.consent is None or ctx.contact_allowed)

    # -- 4. the answer to the pending question -----------------------------------------

    def _answer(self, spec: SlotSpec, text: str, clauses: tuple[Clause, ...], ctx: Context,
                used: set[int]) -> SetSlot | None:
        if spec.id in _FREE_TEXT:
            return self._free_text(spec, text, clauses, ctx, used)
        if spec.topic == "contact":
            # Addresses and numbers hold dots and dashes that split clauses: read the whole message.
            parsed = parse_answer(spec.id, text, ctx.today)
            if parsed is None:
                return None
            used.update(c.start for c in clauses)
            return self._set(spec, parsed.value, parsed.confidence, parsed.method, text)
        # "클라우드요?" when asked about the cloud only echoes the question.
        usable = [c for c in clauses if not (c.echo and spec.id in c.topics and (c.question or len(clauses) > 1))
                  and not self._about_other_number(spec.id, c, ctx)]
        if not usable:
            return None
        rhetorical = [c for c in usable if c.rhetorical]
        if rhetorical and spec.id in NEGATIVE_VALUES and not any(
                not c.denies and self.reader.read(spec, c.text, today=ctx.today, allow_fuzzy=False) for c in usable):
            used.update(c.start for c in rhetorical)
            return self._set(spec, NEGATIVE_VALUES[spec.id], NEGATIVE_CONFIDENCE, "rule:denial", rhetorical[0].text)
        if spec.id in NUMBER_SLOTS:
            return self._number(spec, usable, ctx, used)
        # A question next to statements is asked back, or rhetorical; the statements answer.
        statements = [c for c in usable if not c.question or c.tentative or c.rhetorical]
        usable = statements or usable
        if spec.type == "bool":
            # The slot's own reading of the clause first: "지금 좋아요" to "더 늘리고 싶으세요?"
            # is content, a no, though 좋아요 alone is a yes.
            first = (self.reader.read(spec, usable[0].text, today=ctx.today, allow_fuzzy=False)
                     if len(usable) > 1 and len(usable[0].text) <= 12 else None)
            lead = first.value if first is not None else None
            if lead is not None:
                # "Yes, very. Young people don't want…": the short first clause answers.
                used.add(usable[0].start)
                return self._set(spec, lead, 0.8, "rule:yes_no", usable[0].text)
        joined = " , ".join(c.text for c in usable)
        reading = self.reader.read(spec, joined, today=ctx.today, allow_fuzzy=False)
        content = [c for c in usable if not (c.dont_know and len(c.text) <= 6)]
        negative = NEGATIVE_VALUES.get(spec.id)
        if reading is not None and spec.id in _DENIABLE and negative is not None and _DECIDED_NOT.search(joined):
            # "결국 안 하기로 했어요": a decision against it outweighs any talk of it.
            used.update(c.start for c in content)
            return self._set(spec, negative, 0.8, "rule:decided_not", joined)
        if (reading is not None and spec.id in _DENIABLE and negative is not None and reading.value != negative
                and reading.value != 1 and not _WISH.search(joined) and content and (
                    all(c.denies for c in content) or (spec.scale == "adoption" and any(
                        c.denies and spec.id in c.topics for c in content) and not any(
                        not c.denies and spec.id in c.topics for c in content)) or (
                        spec.scale == "adoption" and any(c.denies for c in content)
                        and _names_only(spec.id, joined, ctx.today)))):
            # A no about the thing itself ("AI는 사용하고 있지 않습니다", "클라우드는 하나도 안
            # 써요! 전부 사내 서버예요", "당장 급한 건 아니고요") cannot read as a yes from the
            # words around it.
            used.update(c.start for c in content)
            return self._set(spec, negative, 0.8, "rule:denial", joined)
        if reading is None and len(statements) < len(clauses):
            # Nothing in the statements: a tentative or rhetorical question may still answer.
            joined = " , ".join(c.text for c in clauses if not c.echo)
            reading = self.reader.read(spec, joined, today=ctx.today, allow_fuzzy=False)
        if reading is None or reading.method == PRE_FOUNDER:
            denied = [c for c in usable if c.denies]
            if denied and spec.id in NEGATIVE_VALUES:
                used.update(c.start for c in denied)
                return self._set(spec, NEGATIVE_VALUES[spec.id], NEGATIVE_CONFIDENCE, "rule:denial", denied[0].text)
            if any(c.question for c in usable) or any(c.dont_know for c in usable):
                return None
            reading = self.reader.read(spec, joined, today=ctx.today, allow_fuzzy=True)
            if reading is None:
                return None
        if (spec.scale == "adoption" and reading.value != CONSIDERING and _WISH.search(joined)
                and _NOT_YET.search(joined) and any(c.denies for c in content)):
            used.update(c.start for c in content)
            return self._set(spec, CONSIDERING, ACCEPTED_PLAN, "rule:not_yet_wished", joined)
        confidence = reading.confidence
        if spec.type in ("enum", "bool", "level") and any(c.hedged for c in usable):
            confidence = max(0.0, confidence - HEDGE_PENALTY)
        used.update(c.start for c in usable if not c.question or c.tentative or c.hedged)
        return self._set(spec, reading.value, confidence, reading.method, joined)

    def _number(self, spec: SlotSpec, usable: list[Clause], ctx: Context, used: set[int]) -> SetSlot | None:
        candidates = []
        summable = spec.id in _SUMMABLE
        parts = [part for c in usable for part in split_by_time(c)]
        for i, clause in enumerate(parts):
            if summable and (len(parts) > 1 or _SELF.search(clause.text) or len(find_numbers(clause.text)) > 1):
                candidates += _headcount_parts(clause)
                continue
            parsed = parse_answer(spec.id, clause.text, ctx.today)
            if parsed is not None:
                candidates.append(Candidate(parsed.value if parsed.slot == spec.id else PRE_FOUNDER,
                                            parsed.confidence, clause, parsed.method))
            elif spec.id in _MONEY and i > 0 and (won := _amount_in_context(parts, i)) is not None:
                # "작년엔 12억, 올해는 7 정도": the bare figure takes its unit from the clause before.
                candidates.append(Candidate(won, _INFERRED, clause, "rule:money"))
        if not candidates:
            joined = " , ".join(c.text for c in usable)
            parsed = parse_answer(spec.id, joined, ctx.today)
            denied = [c for c in usable if c.denies and not c.question]
            if parsed is None and denied and spec.id in NEGATIVE_VALUES:
                # "지금 IT에 돈 쓸 상황이 아니에요": no amount, and a no.
                used.update(c.start for c in denied)
                return self._set(spec, NEGATIVE_VALUES[spec.id], NEGATIVE_CONFIDENCE, "rule:denial", denied[0].text)
            if parsed is None:
                return None
            used.update(c.start for c in usable)
            value = parsed.value if parsed.slot == spec.id else PRE_FOUNDER
            return self._set(spec, value, parsed.confidence, parsed.method, joined)
        choice = choose(candidates, summable=spec.id in _SUMMABLE)
        if choice is None:
            return None
        used.update(c.start for c in usable if any(
            cand.clause.text in c.text or c.text in cand.clause.text for cand in candidates))
        note = choice.note or ("range" if _is_range(choice.candidate.clause.text) else "")
        return self._set(spec, choice.value, choice.candidate.confidence, choice.candidate.method,
                         choice.candidate.clause.text, note=note)

    def _about_other_number(self, slot: str, clause: Clause, ctx: Context) -> bool:
        """A clause that names another number topic and not this slot's ("작년에 매출이 15억"
        while the founding year is asked) is that topic's."""
        if slot not in NUMBER_SLOTS or topic_match(slot, clause.text):
            return False
        for other in NUMBER_SLOTS - {slot}:
            if slot == "company.employees" and other == "staffing.it_staff" and _MAKE_UP.search(clause.text):
                continue  # "개발자 위주로 160명": the whole staff described by who is in it
            if topic_match(other, clause.text) and parse_answer(other, clause.text, ctx.today) is not None:
                return True
        return False

    def _free_text(self, spec: SlotSpec, text: str, clauses: tuple[Clause, ...], ctx: Context,
                   used: set[int]) -> SetSlot | None:
        statements = [c for c in clauses if not c.question]
        if not statements:
            return None
        if all(c.dont_know for c in statements) or self.reader.is_skip(text):
            return None
        source = text if len(statements) == len(clauses) else " ".join(c.text for c in statements)
        parsed = parse_answer(spec.id, source, ctx.today)
        if parsed is None:
            return None
        used.update(c.start for c in statements)
        return self._set(spec, parsed.value, parsed.confidence, parsed.method, source)

    def _set(self, spec: SlotSpec, value: Any, confidence: float, method: str, span: str, note: str = "") -> SetSlot:
        if value == PRE_FOUNDER:
            return SetSlot(slot=STAGE_SLOT, value=PRE_FOUNDER, confidence=confidence, method="rule:pre_founder",
                           asked=True, span=span)
        return SetSlot(slot=spec.id, value=value, confidence=round(confidence, 3), method=method, asked=True,
                       span=span, note=note)

    def _confirmation(self, slot: str, text: str, clauses: tuple[Clause, ...]) -> list[Command]:
        answer = self.reader.yes_no(text)
        if answer is None and _CONFIRM_YES.match(normalize(text)):
            answer = True
        if answer is None and any(c.dont_know for c in clauses):
            # Unsure whether what they said earlier is right: it stays as they said it.
            answer = True
        return [] if answer is None else [Confirm(slot=slot, yes=answer, span=text)]

    def _consent(self, clauses: list[Clause]) -> bool | None:
        statements = " , ".join(c.text for c in clauses if not c.question)
        return self.reader.yes_no(statements) if statements else None

    # -- 5. volunteered facts ------------------------------------------------------------

    def _volunteered(self, text: str, clauses: tuple[Clause, ...], ctx: Context, asked: str | None,
                     so_far: list[Command], used: set[int]) -> list[Command]:
        taken = {c.slot for c in so_far if isinstance(c, SetSlot | CorrectSlot)}
        out: list[Command] = []
        for slot, value, method, matched in self.reader.extract_with_spans(text, ctx.today):
            if slot in taken or slot == asked or slot in ctx.answered:
                continue
            if not self._business_or_allowed(slot, ctx) and slot != STAGE_SLOT:
                continue
            holder = next((c for c in clauses if matched and matched in c.text), None)
            if holder is not None and holder.echo:
                continue
            if holder is not None and holder.start in used and slot in NUMBER_SLOTS and asked in NUMBER_SLOTS:
                continue  # the clause's figure answered the question: it is not a second one
            note = ""
            if slot in NUMBER_SLOTS:
                # A volunteered number goes through the same reading as an answer: "작년엔 11명
                #이었고 지금은 16명" is 16, "사무실에 둘, 공장에 아홉 분, 그리고 저" is 12.
                related = [c for c in clauses if topic_match(slot, c.text) or matched in c.text or (
                    slot == "company.employees" and find_counts(c.text) and not topic_match("staffing.it_staff", c.text))]
                reread = self._number(self.flow.slot(slot), related, ctx, set()) if related else None
                if reread is not None and reread.slot == slot:
                    value, note = reread.value, reread.note
            confidence = VOLUNTEERED_UNSURE if self._guessed(slot, value, text, holder, matched) else VOLUNTEERED
            out.append(SetSlot(slot=slot, value=value, confidence=confidence, method=method, span=matched, note=note))
            taken.add(slot)
            if holder is not None:
                used.add(holder.start)
        return out

    def _guessed(self, slot: str, value: Any, text: str, holder: Clause | None, matched: str) -> bool:
        """Whether a volunteered reading rests on a guess (see VOLUNTEERED)."""
        if slot in NUMBER_SLOTS:
            return [s for s in topics_of(holder.text if holder else matched) if s in NUMBER_SLOTS] != [slot]
        if slot == "company.industry":
            return bool(self.reader.alternatives(slot, text, value))
        return slot == "remote.status"

    # -- 6. no value for the pending question ---------------------------------------------

    def _no_value(self, slot: str, clauses: tuple[Clause, ...]) -> list[Command]:
        whole = " ".join(c.text for c in clauses)
        if self.reader.is_skip(whole) and not any(c.dont_know for c in clauses):
            return [Skip(slot=slot, span=whole)]
        for clause in clauses:
            if clause.question:
                continue
            if self.reader.is_skip(clause.text):
                return [Skip(slot=slot, span=clause.text)]
            if clause.dont_know and (not clause.topics or slot in clause.topics):
                return [DontKnow(slot=slot, span=clause.text)]
        return []


_RANGE = re.compile(r"[0-9일이삼사오육칠팔구십백천만억]\s?(?:~|-|–|에서|내지|or|to)\s?[0-9일이삼사오육칠팔구십백천만억]|"
                    r"(?<![가-힣])(?:일이|이삼|삼사|사오|오륙|육칠|칠팔|팔구)(?=[십백천만억])", re.IGNORECASE)


# A group and its number, counter or not: "연구원 열둘", "편집자 둘", "현장 12명".
_NUMERAL_WORD = r"(?:[0-9]|하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열|스물|서른|마흔|쉰|예순)"
_AFTER_GROUP = re.compile(r"\s*(?:명|분|사람)?\s*(?:이고|이요|이에요|예요|요|입니다|이구요|이며|이랑|하고|[,.]|$|"
                          r"\s+(?:거기에|여기에|그리고|그 ?외에|또|plus|and)(?:\s|$)|"
                          # the next group's number ends its word: "디자이너 하나", not "열면서"
                          rf"\s+(?=\S+\s+\S*?{_NUMERAL_WORD}(?:명|분|사람)?(?:이?요|이고|이에요|예요|[,.!\s]|$)))")


_OWNER_BEFORE = re.compile(r"(?<![가-힣])(?:저|나)$")


def _one_per_slot(corrections: list[Command], clauses: tuple[Clause, ...]) -> list[Command]:
    """One correction per slot in a message ("세 명 말고 네 명으로 고쳐 주세요, 한 명 입사
    확정됐어요"; "38억은 재작년 수치였고, 작년 매출은 41억"): the value its clause marks as the
    fix ("고쳐", "정정", "으로"), else the last one said — a correction puts the new value last."""
    marked = {c.start for c in clauses if c.correction and not c.denies}
    chosen: dict[str | None, Command] = {}
    for command in corrections:
        slot = getattr(command, "slot", None)
        current = chosen.get(slot)
        is_marked = any(c.start in marked and c.text in command.span for c in clauses)
        was_marked = current is not None and any(c.start in marked and c.text in current.span for c in clauses)
        if current is None or is_marked or not was_marked:
            chosen[slot] = command
    return list(chosen.values())


def _headcount_parts(clause: Clause) -> list[Candidate]:
    """The people one clause of a headcount adds: counted groups ("현장 12명"), groups named
    with a bare number ("편집자 둘 디자이너 하나"), a couple or the owner alone, and the owner
    named beside others ("…, 그리고 저요", "나랑 간호조무사 두 명")."""
    text = clause.text
    counts = find_counts(text)
    out = [Candidate(n.value, 0.9, replace(clause, start=clause.start + n.start), "rule:count") for n in counts]
    if not counts:
        ranged = bare_range(text)
        if ranged is not None:
            return [Candidate(ranged.value, 0.7, replace(clause, start=clause.start + ranged.start), "rule:count")]
        numbers = find_numbers(text)
        for n in numbers:
            if names_a_group(text, n):
                out.append(Candidate(int(n.value), 0.85, replace(clause, start=clause.start + n.start), "rule:count"))
                continue
            before = text[:n.start].rstrip()
            if _OWNER_BEFORE.search(before):
                continue  # "저 하나" is the owner, counted below
            if before and ("\uac00" <= before[-1] <= "\ud7a3" or (before[-1].isascii() and before[-1].isalpha())) and (
                    text[n.start - 1:n.start] == " ") and (
                    _AFTER_GROUP.match(text, n.end)) and n.value == int(n.value) and 0 < n.value < 10_000:
                out.append(Candidate(int(n.value), 0.85, replace(clause, start=clause.start + n.start), "rule:count"))
    if not out:
        value = parse_count(text)
        # "없어요", "혼자", "부부" and the like give 0, 1 and 2 without a number.
        if value is not None and (_SELF_ONLY.search(text) or any(p.search(text) for p in (ZERO, SOLO, COUPLE))):
            out.append(Candidate(value, 0.85, clause, "rule:count"))
        elif (value is None and _SELF_ONLY.search(text)) or _SELF.search(text):
            out.append(Candidate(1, 0.9, clause, "rule:count"))
        return out
    if _SELF.search(text) and not _TOTAL_WORD.search(text):
        out.append(Candidate(1, 0.9, replace(clause, start=clause.start - 1), "rule:count"))
    return out


def _amount_in_context(parts: list[Clause], i: int) -> int | None:
    """The amount in `parts[i]` read together with the clauses before it, if one ends there."""
    before = " , ".join(p.text for p in parts[:i])
    joined = normalize(f"{before} , {parts[i].text}")
    amounts = find_amounts(joined)
    if amounts and amounts[-1].start >= len(normalize(before)) + 3:
        return amounts[-1].per_year
    return None


_BARE_NAMES = re.compile(r"^(?:클라우드|cloud|ai|인공지능|블록체인|blockchain|nft|보안|security)$", re.IGNORECASE)


def _names_only(slot: str, text: str, today: date) -> bool:
    """Whether the reading rests on nothing but the technology's name ("블록체인은…")."""
    parsed = parse_answer(slot, text, today)
    return parsed is not None and bool(_BARE_NAMES.match(parsed.matched.strip()))


def _is_range(text: str) -> bool:
    return bool(_RANGE.search(text))
