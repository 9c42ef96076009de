"""Every sentence of the needs brief (readiness advice, match reasons, the vendor disclaimer,
the owner's next step), per language, loaded from prompts/brief/<lang>.yaml and validated so
a missing sentence or a mistyped placeholder is caught at load, not in a mentor's queue."""

import string
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")
BRIEF_PROMPTS_DIR = Path(__file__).resolve().parent

DIMENSIONS: tuple[str, ...] = (
    "budget_strategy", "skills_staffing", "remote_work", "cloud", "ai", "blockchain", "data", "security",
)
BANDS: tuple[str, ...] = ("basic", "average", "moderately_advanced", "advanced")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Templates(BaseModel):
    """A group of templates; each field lists the placeholders it may use."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    allowed: ClassVar[dict[str, frozenset[str]]] = {}

    @model_validator(mode="after")
    def _known_placeholders(self) -> "_Templates":
        for name, allowed in type(self).allowed.items():
            unknown = placeholders(getattr(self, name)) - allowed
            if unknown:
                raise ValueError(f"{name}: unknown placeholder(s) {sorted(unknown)}")
        return self


class EligibilityText(_Templates):
    region_met: str
    region_failed: str
    region_unknown: str
    industry_met: str
    industry_failed: str
    industry_unknown: str
    employees_min_met: str
    employees_min_failed: str
    employees_max_met: str
    employees_max_failed: str
    employees_unknown: str
    stage_met: str
    stage_failed: str
    stage_unknown: str

    allowed = {
        **{f"region_{o}": frozenset({"regions", "region"}) for o in ("met", "failed", "unknown")},
        **{f"industry_{o}": frozenset({"industries", "industry"}) for o in ("met", "failed", "unknown")},
        **{f"employees_{b}_{o}": frozenset({"min", "max", "employees"})
           for b in ("min", "max") for o in ("met", "failed")},
        "employees_unknown": frozenset({"range"}),
        **{f"stage_{o}": frozenset({"stages", "stage"}) for o in ("met", "failed", "unknown")},
    }


class NeedText(_Templates):
    """Why a program, vendor or mentor fits, by where the need came from. `{tags}` lists the
    capabilities that answer it."""

    said: str
    remote: str
    funding: str
    hiring: str
    skills: str
    gap: str
    stage: str
    industry: str
    region: str
    support: str
    search: str
    about: str

    allowed = {
        "said": frozenset({"tags", "keyword"}),
        "remote": frozenset({"tags"}),
        "funding": frozenset({"tags", "need"}),
        "hiring": frozenset({"tags"}),
        "skills": frozenset({"tags"}),
        "gap": frozenset({"tags", "dimension", "band", "score"}),
        "stage": frozenset({"tags", "stage"}),
        "industry": frozenset({"tags", "industry"}),
        "region": frozenset({"tags", "region"}),
        "support": frozenset({"types"}),
        "search": frozenset({"rank"}),
        "about": frozenset({"summary"}),
    }


class VendorText(_Templates):
    member: str
    disclaimer: str

    allowed = {"member": frozenset({"tags"}), "disclaimer": frozenset()}


class MentorText(_Templates):
    expertise: str
    industry: str
    generalist: str
    region: str
    nationwide: str
    language: str
    no_language: str
    load: str
    full: str
    field: str
    strategy: str

    allowed = {
        "expertise": frozenset({"tags"}),
        "industry": frozenset({"industry"}),
        "generalist": frozenset(),
        "region": frozenset({"region"}),
        "nationwide": frozenset(),
        "language": frozenset({"language"}),
        "no_language": frozenset({"language"}),
        "load": frozenset({"open", "capacity"}),
        "full": frozenset({"open", "capacity"}),
        "field": frozenset({"lead"}),
        "strategy": frozenset(),
    }


class OwnerText(_Templates):
    next_step: str
    allowed = {"next_step": frozenset({"days"})}


class BriefPrompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Lang = "ko"
    bands: dict[str, str]
    dimensions: dict[str, str]
    advice: dict[str, dict[str, str]]
    unknown_advice: str
    tags: dict[str, str]
    languages: dict[str, str]
    list_separator: str
    eligibility: EligibilityText
    needs: NeedText
    vendors: VendorText
    mentors: MentorText
    owner: OwnerText

    @model_validator(mode="after")
    def _complete(self) -> "BriefPrompts":
        missing = [b for b in (*BANDS, "unknown") if b not in self.bands]
        missing += [d for d in DIMENSIONS if d not in self.dimensions]
        missing += [f"advice.{d}.{b}" for d in DIMENSIONS for b in BANDS if b not in self.advice.get(d, {})]
        if missing:
            raise ValueError(f"missing: {', '.join(missing)}")
        if placeholders(self.unknown_advice) - {"dimension"}:
            raise ValueError("unknown_advice may only use {dimension}")
        return self

    def tag(self, tag: str) -> str:
        return self.tags.get(tag, tag)

    def join(self, items: list[str]) -> str:
        return self.list_separator.join(items)


class BriefPromptsError(Exception):
    pass


@lru_cache(maxsize=len(LANGS))
def load_brief_prompts(lang: Lang) -> BriefPrompts:
    path = BRIEF_PROMPTS_DIR / f"{lang}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return BriefPrompts.model_validate({**data, "lang": lang})
    except (OSError, yaml.YAMLError) as exc:
        raise BriefPromptsError(f"brief/{path.name}: {exc}") from exc
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise BriefPromptsError(f"brief/{path.name}: {details}") from exc
