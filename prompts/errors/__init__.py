"""Error messages an owner or a partner's developer may read in an API answer, per language,
loaded from prompts/errors/<lang>.yaml and checked at load: a missing message or a mistyped
placeholder stops the service at start, not when the first owner is throttled."""

from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from prompts import Lang, check_placeholders, load_prompt_file

ERROR_PROMPTS_DIR = Path(__file__).resolve().parent


class ErrorPrompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Lang = "ko"
    unauthorized: str
    forbidden: str
    not_found: str
    not_ready: str
    too_large: str
    rate_limited_messages: str
    rate_limited_sessions: str
    rate_limited_resume: str
    unknown_resume_code: str
    unknown_partner: str
    origin_not_allowed: str

    # The values the code fills in; every other message is plain text.
    placeholders: ClassVar[dict[str, frozenset[str]]] = {
        "too_large": frozenset({"limit"}),
        "unknown_resume_code": frozenset({"days"}),
        "unknown_partner": frozenset({"key"}),
        "origin_not_allowed": frozenset({"origin"}),
    }

    @model_validator(mode="after")
    def _known_placeholders(self) -> "ErrorPrompts":
        check_placeholders(((name, text) for name, text in self if name != "lang"), type(self).placeholders)
        return self

    def message(self, code: str, **values: object) -> str | None:
        """The message for an error code, filled in; None for a code without one."""
        if code == "lang" or code not in type(self).model_fields:
            return None
        text: str = getattr(self, code)
        return text.format(**values)


@lru_cache(maxsize=2)
def load_error_prompts(lang: Lang) -> ErrorPrompts:
    path = ERROR_PROMPTS_DIR / f"{lang}.yaml"
    return load_prompt_file(path, ErrorPrompts, {"lang": lang}, f"errors/{path.name}")
