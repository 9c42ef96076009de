"""Over every dev conversation: each program reason carries a citation whose sentence is
really in its seed, and no ineligible program reaches a top five."""

from pathlib import Path

import pytest

from application.runtime import Runtime
from assistant.decision.brief import NeedsBrief
from assistant.evaluation import load_cases, run_case
from assistant.state import DialogueState
from knowledge.loader import DEFAULT_SEEDS_DIR, load_knowledge_base
from tests.conftest import DATA

KB, _ = load_knowledge_base()
CASES = load_cases((DATA / "conversations_dev.jsonl").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_briefs(runtime: Runtime) -> list[tuple[str, NeedsBrief]]:
    briefs: list[tuple[str, NeedsBrief]] = []
    finished: list[DialogueState] = []

    def keep(state: DialogueState) -> tuple[list[str], list[str]]:
        finished.append(state)
        return [], []

    for case in CASES:
        before = len(finished)
        run_case(runtime.engine, case, keep)
        assert len(finished) == before + 1, f"{case.id} did not finish"
        briefs.append((case.id, runtime.cases.build_brief(finished[-1], case.id, None)))
    return briefs


def seed_text(name: str) -> str:
    return (Path(DEFAULT_SEEDS_DIR) / name).read_text(encoding="utf-8")


def test_every_program_reason_is_cited_from_its_seed(dev_briefs: list[tuple[str, NeedsBrief]]) -> None:
    checked = 0
    for case_id, brief in dev_briefs:
        for program in brief.programs:
            cited = {c.reason for c in program.citations}
            for index in range(len(program.reasons)):
                assert index in cited, f"{case_id} {program.id}: reason {index} has no citation"
            for citation in program.citations:
                assert citation.id == program.id
                seeds = [s.seed for s in KB.entries[program.id].sources if s.quote == citation.quote]
                assert seeds, f"{case_id} {program.id}: {citation.quote!r} is not one of its sources"
                assert citation.quote in seed_text(seeds[0]), f"{case_id} {program.id}: {citation.quote!r} not in {seeds[0]}"
                checked += 1
    assert checked > 100


def test_no_ineligible_program_in_a_top_five(dev_briefs: list[tuple[str, NeedsBrief]]) -> None:
    for case_id, brief in dev_briefs:
        verdicts = {p.id: p.eligibility for p in brief.programs}
        top = brief.top_program_ids(5)
        assert len(top) == 5, case_id
        assert all(verdicts[program_id] != "ineligible" for program_id in top), case_id
