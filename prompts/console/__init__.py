"""What the mentor console says, loaded from prompts/console/ko.yaml and checked at load:
the names of the workflow's steps and of history entries (tests/casework check there is one
per status and event kind) and the notices the code picks after an action. Page copy lives in the templates; the staff side is Korean only."""

from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from prompts import check_placeholders, load_prompt_file

CONSOLE_PROMPTS_DIR = Path(__file__).resolve().parent


class Notices(BaseModel):
    """After an action succeeded; a refusal says its error's text (prompts/errors)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    placeholders: ClassVar[dict[str, frozenset[str]]] = {
        "advanced": frozenset({"status"}),
        "assigned": frozenset({"name"}),
        "asked": frozenset({"name"}),
    }

    advanced: str
    rejected: str
    noted: str
    contacted: str
    assigned: str
    taken: str
    claimed: str
    handed_back: str
    asked: str
    answered: str
    reassessed: str

    @model_validator(mode="after")
    def _known_placeholders(self) -> "Notices":
        check_placeholders(self, self.placeholders)
        return self


class FilterNames(BaseModel):
    """Labels of the queue's filters; `open` is the status choice for every open step."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    open: str
    status: str
    region: str
    industry: str
    urgency: str
    program: str
    partner: str


class HolderNames(BaseModel):
    """The queue's tabs by who holds the case."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    all: str
    mine: str
    unassigned: str


class ConsolePrompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    statuses: dict[str, str]
    events: dict[str, str]
    filters: FilterNames
    holders: HolderNames
    notices: Notices

    def status(self, status: str) -> str:
        return self.statuses.get(status, status)


@lru_cache(maxsize=1)
def load_console_prompts() -> ConsolePrompts:
    path = CONSOLE_PROMPTS_DIR / "ko.yaml"
    return load_prompt_file(path, ConsolePrompts, {}, f"console/{path.name}")
