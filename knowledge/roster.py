"""The mentor roster: who can take a case, at which tier, with what expertise.

Tiers follow the innovation-mentor scheme (seed 000): 1 field-support mentor (visits the
firm and works with its IT person), 2 lead mentor over 20–30 field mentors, 3 top-level
expert advising on strategy. Every tier-1 mentor names their tier-2 lead.

Mentors are operators' data, not seed facts: the shipped files in knowledge/mentors/ are a
labelled sample (`sample: true`, names say 예시 / Sample) to be replaced by the operator's
own roster, through these files or a JSON Lines import. Problems are reported as
`file: field: message`, like the knowledge-base loader."""

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from knowledge.loader import PACKAGE_DIR, Problem, parse_model_file, validation_problems
from knowledge.schema import SLUG_PATTERN, Text
from knowledge.vocabulary import Industry, Region

DEFAULT_MENTORS_DIR = PACKAGE_DIR / "mentors"
Tier = Literal[1, 2, 3]
LangCode = Literal["ko", "en"]


def _korean_only() -> list[LangCode]:
    return ["ko"]


class RosterError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class MentorEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str
    name: Text
    tier: Tier
    lead: str | None = Field(default=None, description="Slug of the tier-2 lead; tier-1 mentors only")
    expertise: list[str] = Field(default_factory=list, description="Same tags as capability_tags")
    industries: list[Industry] = Field(default_factory=list, description="Empty: any industry")
    regions: list[Region] = Field(default_factory=list, description="Empty: nationwide")
    languages: list[LangCode] = Field(default_factory=_korean_only, min_length=1)
    weekly_capacity: int = Field(ge=0, description="Open cases the mentor can hold at once")
    active: bool = True
    sample: bool = Field(default=False, description="Part of the shipped sample, not a real person")

    @field_validator("slug", "lead")
    @classmethod
    def _slug_shape(cls, value: str | None) -> str | None:
        if value is not None and not SLUG_PATTERN.match(value):
            raise ValueError("use lowercase letters, digits and single hyphens, e.g. 'field-kim'")
        return value

    @field_validator("expertise")
    @classmethod
    def _no_blank_tags(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise ValueError("blank item")
        return values

    @model_validator(mode="after")
    def _consistent(self) -> "MentorEntry":
        if self.tier == 1 and self.lead is None:
            raise ValueError("a tier-1 mentor needs a tier-2 lead")
        if self.tier != 1 and self.lead is not None:
            raise ValueError("only tier-1 mentors have a lead")
        if self.sample and not ("예시" in self.name.ko and "sample" in self.name.en.lower()):
            raise ValueError("a sample mentor's name must say 예시 (ko) and Sample (en)")
        return self

    @property
    def id(self) -> str:
        return f"mentor:{self.slug}"


def validate_roster(pairs: Iterable[tuple[str, MentorEntry]],
                    known_tags: set[str] | None = None) -> tuple[list[MentorEntry], list[Problem]]:
    """What one mentor cannot know about itself: unique slugs, leads that exist and are
    tier 2, and (given the vocabulary) expertise tags the matcher knows."""
    mentors: dict[str, MentorEntry] = {}
    origins: dict[str, str] = {}
    problems: list[Problem] = []
    for where, mentor in pairs:
        if mentor.slug in mentors:
            problems.append(Problem(where, "slug", f"'{mentor.slug}' is also defined in {origins[mentor.slug]}"))
            continue
        mentors[mentor.slug] = mentor
        origins[mentor.slug] = where
    for slug, mentor in mentors.items():
        if mentor.lead is not None:
            lead = mentors.get(mentor.lead)
            if lead is None:
                problems.append(Problem(origins[slug], "lead", f"no mentor '{mentor.lead}' in the roster"))
            elif lead.tier != 2:
                problems.append(Problem(origins[slug], "lead", f"'{mentor.lead}' is tier {lead.tier}, not 2"))
        if known_tags is not None:
            for index, tag in enumerate(mentor.expertise):
                if tag not in known_tags:
                    problems.append(Problem(origins[slug], f"expertise.{index}", f"unknown tag '{tag}'"))
    return list(mentors.values()), problems


def parse_mentor_file(path: Path, root: Path) -> tuple[MentorEntry | None, list[Problem]]:
    return parse_model_file(path, root, MentorEntry)


def load_roster(mentors_dir: Path = DEFAULT_MENTORS_DIR, *, strict: bool = True,
                known_tags: set[str] | None = None) -> tuple[list[MentorEntry], list[Problem]]:
    """Every mentor file, sorted by slug. With `strict`, any problem raises RosterError."""
    pairs: list[tuple[str, MentorEntry]] = []
    problems: list[Problem] = []
    for path in sorted(mentors_dir.glob("*.yaml")):
        mentor, file_problems = parse_mentor_file(path, mentors_dir)
        problems.extend(file_problems)
        if mentor is not None:
            pairs.append((str(path.relative_to(mentors_dir.parent)), mentor))
    mentors, more = validate_roster(pairs, known_tags)
    problems.extend(more)
    if strict and problems:
        raise RosterError(problems)
    return sorted(mentors, key=lambda m: m.slug), problems


def roster_to_jsonl(mentors: Iterable[MentorEntry]) -> Iterator[str]:
    for mentor in sorted(mentors, key=lambda m: m.slug):
        yield json.dumps(mentor.model_dump(mode="json"), ensure_ascii=False)


def parse_roster_jsonl(text: str, name: str, known_tags: set[str] | None = None
                       ) -> tuple[list[MentorEntry], list[Problem]]:
    """Mentors from JSON Lines (one object a line); problems name `file:line`."""
    pairs: list[tuple[str, MentorEntry]] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            pairs.append((where, MentorEntry.model_validate_json(line)))
        except ValidationError as exc:
            problems.extend(validation_problems(where, exc, whole="(mentor)"))
    mentors, more = validate_roster(pairs, known_tags)
    return mentors, problems + more


def mentor_yaml(mentor: MentorEntry) -> str:
    return yaml.safe_dump(mentor.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=100)


def write_mentor(mentors_dir: Path, mentor: MentorEntry) -> Path:
    """Writes through a temporary file so a crash never leaves a half-written mentor."""
    mentors_dir.mkdir(parents=True, exist_ok=True)
    path = mentors_dir / f"{mentor.slug}.yaml"
    temporary = path.with_suffix(".yaml.tmp")
    temporary.write_text(mentor_yaml(mentor), encoding="utf-8")
    temporary.replace(path)
    return path
