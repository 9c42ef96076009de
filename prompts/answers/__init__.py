"""What the assistant says to a side question, per language, from prompts/answers/<lang>.yaml:
the service answers (a small, versioned set whose facts — contact days, retention — are filled
in from settings, never from the seeds), the programme-aspect answers, small talk and the
refusal. Checked at load: a missing text or a mistyped placeholder stops the start."""

from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from prompts import Lang, check_placeholders, load_prompt_file
from prompts.particles import format_text

ANSWER_PROMPTS_DIR = Path(__file__).resolve().parent

Service = Literal["cost", "next_steps", "privacy", "duration", "resume", "change_answer", "about"]
Aspect = Literal["overview", "eligibility", "support", "amount", "apply", "operator", "match"]
SERVICES: tuple[Service, ...] = ("cost", "next_steps", "privacy", "duration", "resume", "change_answer", "about")
ASPECTS: tuple[Aspect, ...] = ("overview", "eligibility", "support", "amount", "apply", "operator", "match")
# The settings a service answer may quote.
FACTS = frozenset({"contact_days", "contact_retention_days", "session_retention_days", "resume_days"})


class ServiceTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cost: str
    next_steps: str
    privacy: str
    duration: str
    resume: str
    change_answer: str
    about: str


class AspectNames(BaseModel):
    """How an aspect is named in "이 사업의 {aspect} 자료에 없어요" (with its particle)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    overview: str
    eligibility: str
    support: str
    amount: str
    apply: str
    operator: str
    match: str


class AnswerPrompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Lang = "ko"
    version: str
    services: ServiceTexts
    service_names: ServiceTexts = Field(description="What each service answer is about, for pointing back to it")
    aspects: AspectNames
    program: str
    vendor: str
    found: str
    missing: str
    match: str
    mentor: str
    repeated: str
    smalltalk: str
    greeting: str
    abstain: str
    lexical_only: str = Field(description="Added to an answer searched by keywords only (the passage index was down)")

    allowed: ClassVar[dict[str, frozenset[str]]] = {
        **{name: FACTS for name in SERVICES},
        "found": frozenset({"name", "passage"}),
        "missing": frozenset({"subject", "aspect", "name", "summary"}),
        "match": frozenset({"name", "summary"}),
        "repeated": frozenset({"topic"}),
    }

    @model_validator(mode="after")
    def _known_placeholders(self) -> "AnswerPrompts":
        texts: list[tuple[str, object]] = [(name, getattr(self.services, name)) for name in SERVICES]
        texts += [(name, getattr(self, name)) for name in ("found", "missing", "match", "repeated", "mentor",
                                                             "smalltalk", "greeting", "abstain", "lexical_only", "program",
                                                             "vendor")]
        check_placeholders(texts, type(self).allowed)
        return self

    def service(self, service: Service, facts: dict[str, int]) -> str:
        text: str = getattr(self.services, service)
        return format_text(text, **facts)

    def service_name(self, service: Service) -> str:
        name: str = getattr(self.service_names, service)
        return name

    def aspect(self, aspect: Aspect) -> str:
        name: str = getattr(self.aspects, aspect)
        return name


@lru_cache(maxsize=2)
def load_answer_prompts(lang: Lang) -> AnswerPrompts:
    path = ANSWER_PROMPTS_DIR / f"{lang}.yaml"
    return load_prompt_file(path, AnswerPrompts, {"lang": lang}, f"answers/{path.name}")
