"""The shape of a knowledge-base entry: what staff edit, what the loader validates and
what retrieval and matching read."""

import hashlib
import json
import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from knowledge.vocabulary import CompanyStage, Industry, Region, SupportType

EntryKind = Literal["program", "vendor"]

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Text(BaseModel):
    """A sentence or paragraph in Korean (required: the product is Korean first) and English."""

    model_config = ConfigDict(extra="forbid")

    ko: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ko


class SourceQuote(BaseModel):
    """A seed sentence an entry rests on, quoted exactly so it can be checked and cited."""

    model_config = ConfigDict(extra="forbid")

    seed: str = Field(description="File name in knowledge/seeds/, e.g. 001_a2cb842997b38146.txt")
    quote: str = Field(min_length=8, description="Exact text as it occurs in the seed file")


class PublicFact(BaseModel):
    """A widely known public fact about a named organisation, not found in the seeds.

    Kept apart from seed facts so nobody mistakes it for something the sources say."""

    model_config = ConfigDict(extra="forbid")

    text: Text
    note: str = Field(min_length=1, description="Why this is public knowledge")


AssumedRule = Literal["industries", "regions", "stages"]


class Eligibility(BaseModel):
    """Conditions a firm must meet. An empty list or a missing bound means 'no condition'."""

    model_config = ConfigDict(extra="forbid")

    industries: list[Industry] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    employees_min: int | None = Field(default=None, ge=0)
    employees_max: int | None = Field(default=None, ge=0)
    stages: list[CompanyStage] = Field(default_factory=list)
    assumed: list[AssumedRule] = Field(
        default_factory=list,
        description="Rules the source does not state but the editor inferred (\"제조업 대상으로 봤어요\"): a firm "
                    "outside them is to be checked by a mentor, never ruled out",
    )
    conditions: list[Text] = Field(
        default_factory=list,
        description="Conditions the structured fields cannot express; a mentor checks them",
    )

    @model_validator(mode="after")
    def _bounds_in_order(self) -> "Eligibility":
        if (
            self.employees_min is not None
            and self.employees_max is not None
            and self.employees_min > self.employees_max
        ):
            raise ValueError("employees_min is larger than employees_max")
        return self


class OwnerNeeds(BaseModel):
    """Situations this entry helps with, said the way an owner would say them. Retrieval
    matches owners' questions against these as well as the official wording."""

    model_config = ConfigDict(extra="forbid")

    ko: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class Dates(BaseModel):
    model_config = ConfigDict(extra="forbid")

    announced: date | None = None
    starts: date | None = None
    ends: date | None = None
    note: Text | None = Field(default=None, description="Timing the seeds give without a date")


# Text no database can store (PostgreSQL refuses NUL; neither takes a lone surrogate): an
# imported line that spells one ("\u0000" in JSON) is refused with the field it is in.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable_at(value: Any, path: str = "") -> str | None:
    if isinstance(value, str):
        return path or "(entry)" if _UNSTORABLE.search(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _unstorable_at(item, f"{path}.{key}" if path else str(key))
        if found is not None:
            return found
    return None


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        where = _unstorable_at(data)
        if where is not None:
            raise ValueError(f"{where} holds a NUL character or a lone surrogate")
        return data

    slug: str
    kind: EntryKind
    name: Text
    operator: Text
    summary: Text
    body: Text
    eligibility: Eligibility = Field(default_factory=Eligibility)
    support_types: list[SupportType] = Field(default_factory=list)
    capability_tags: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(
        default_factory=list, description="Other names, abbreviations and spellings owners use"
    )
    owner_needs: OwnerNeeds = Field(default_factory=OwnerNeeds)
    sources: list[SourceQuote] = Field(min_length=1)
    public_facts: list[PublicFact] = Field(default_factory=list)
    dates: Dates | None = None

    @field_validator("slug")
    @classmethod
    def _slug_shape(cls, value: str) -> str:
        if not SLUG_PATTERN.match(value):
            raise ValueError("use lowercase letters, digits and single hyphens, e.g. 'smart-factory'")
        return value

    @field_validator("aliases", "capability_tags")
    @classmethod
    def _no_blank_items(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise ValueError("blank item")
        return values

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.slug}"

    def content_hash(self) -> str:
        """Changes exactly when the indexed content changes, so reindexing can skip the rest."""
        payload = json.dumps(self.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()
