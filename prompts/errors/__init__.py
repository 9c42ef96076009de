"""What a refusal says, per language, loaded from prompts/errors/<lang>.yaml: one text per
error key (the error's code, or its own key where several errors share a code). The API
answers carry it as `message`, the pages show it; tests/test_errors.py checks that every error
class of the service has a text in each language and uses only the placeholders it fills."""

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from prompts import Lang, PromptsError
from prompts.particles import format_text

ERROR_PROMPTS_DIR = Path(__file__).resolve().parent


class ErrorPrompts(BaseModel):
    model_config = ConfigDict(frozen=True)

    lang: Lang
    texts: dict[str, str]

    def message(self, key: str, /, **values: object) -> str | None:
        """The text for an error key, filled in; None for a key without one."""
        text = self.texts.get(key)
        return format_text(text, **values) if text is not None else None


@lru_cache(maxsize=2)
def load_error_prompts(lang: Lang) -> ErrorPrompts:
    path = ERROR_PROMPTS_DIR / f"{lang}.yaml"
    try:
        return ErrorPrompts(lang=lang, texts=yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise PromptsError(f"errors/{path.name}: {exc}") from exc
