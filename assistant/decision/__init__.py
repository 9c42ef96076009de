"""The decision core: readiness scores, program / vendor / mentor matching and the needs
brief. Plain Python: it reads the knowledge base, a KnowledgeSearch and the mentor roster
it is handed, and never touches the web, a database or Chroma."""

from assistant.decision.brief import NeedsBrief, brief_json_schema, build_brief
from assistant.decision.mentors import MentorMatch, rank_mentors
from assistant.decision.owner import OwnerCopy, owner_copy
from assistant.decision.programs import ProgramMatch, match_programs
from assistant.decision.readiness import Readiness, assess_readiness, dimension_scores
from assistant.decision.vendors import VendorMatch, match_vendors

__all__ = [
    "MentorMatch",
    "NeedsBrief",
    "OwnerCopy",
    "ProgramMatch",
    "Readiness",
    "VendorMatch",
    "assess_readiness",
    "brief_json_schema",
    "build_brief",
    "dimension_scores",
    "match_programs",
    "match_vendors",
    "owner_copy",
    "rank_mentors",
]
