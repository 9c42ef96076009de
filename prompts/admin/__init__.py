"""What the staff knowledge-base admin pages say from code: notices after a save and the
Korean explanation of each validation problem (prompts/admin/ko.yaml, checked at load).
Page copy lives in the templates."""

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from prompts import check_placeholders, load_prompt_file
from prompts.particles import format_text

ADMIN_PROMPTS_DIR = Path(__file__).resolve().parent

# The values the code fills into each notice.
NOTICE_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "saved": frozenset({"name", "version"}),
    "created": frozenset({"name"}),
    "restored": frozenset({"name", "restored", "version"}),
    "imported": frozenset({"created", "updated", "unchanged"}),
    "unchanged": frozenset(),
    "stale": frozenset(),
    "import_empty": frozenset(),
    "import_too_large": frozenset({"megabytes"}),
    "import_not_utf8": frozenset(),
}


class MessageRule(BaseModel):
    """A validator message (English, as `intake kb validate` prints it) containing `match`
    is explained with `text`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    match: str = Field(min_length=1)
    text: str = Field(min_length=1)


class ProblemTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    by_code: dict[str, str]
    by_message: list[MessageRule]
    fallback: str = Field(min_length=1)


class AdminPrompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    notices: dict[str, str]
    problems: ProblemTexts

    @model_validator(mode="after")
    def _notices_complete(self) -> "AdminPrompts":
        missing = set(NOTICE_PLACEHOLDERS) - set(self.notices)
        if missing:
            raise ValueError(f"notices: missing {sorted(missing)}")
        check_placeholders(self.notices.items(), NOTICE_PLACEHOLDERS, prefix="notices.")
        return self

    def notice(self, key: str, /, **values: object) -> str:
        return format_text(self.notices[key], **values)

    def explain(self, code: str, message: str) -> str:
        """Korean for one problem: a rule on the message first (custom validators and the
        loaders' checks say what is wrong only in their message), then the error code."""
        for rule in self.problems.by_message:
            if rule.match in message:
                return rule.text
        return self.problems.by_code.get(code, self.problems.fallback)


@lru_cache(maxsize=1)
def load_admin_prompts() -> AdminPrompts:
    path = ADMIN_PROMPTS_DIR / "ko.yaml"
    return load_prompt_file(path, AdminPrompts, {}, f"admin/{path.name}")
