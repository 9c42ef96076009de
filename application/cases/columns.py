"""The brief's facts the queue filters on, copied onto the case row so a filter is a plain
indexed comparison on SQLite and PostgreSQL alike instead of a query inside JSON.

`programs` holds the slugs of the brief's five best programs that are not ineligible (what
the brief recommends), wrapped in commas (",kosme-smart-factory,kitech-consulting,") so that
one program is found with LIKE '%,slug,%'; slugs never contain commas or LIKE wildcards."""

from pydantic import BaseModel

from assistant.decision.brief import NeedsBrief

RECOMMENDED_PROGRAMS = 5
PROGRAM_PREFIX = "program:"


class FilterColumns(BaseModel):
    region: str | None
    industry: str | None
    urgency: str | None
    programs: str


def pack_programs(slugs: list[str]) -> str:
    return "," + ",".join(slugs) + "," if slugs else ""


def program_pattern(slug: str) -> str:
    return f"%,{slug},%"


def filter_columns(brief: NeedsBrief) -> FilterColumns:
    slugs = [i.removeprefix(PROGRAM_PREFIX) for i in brief.top_program_ids(RECOMMENDED_PROGRAMS)]
    return FilterColumns(region=brief.company.region, industry=brief.company.industry, urgency=brief.urgency,
                         programs=pack_programs(slugs))
