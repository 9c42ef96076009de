"""Migration 0005 on both databases: existing cases (status `new`) become `received` and get
their filter columns from the stored brief; downgrading gives `new` back."""

from datetime import UTC, datetime
from typing import Any

from alembic import command
from sqlalchemy import JSON, Engine, bindparam, text

from application.store.database import make_engine
from application.store.migrate import alembic_config
from tests.store.conftest import database_url, postgres_admin  # noqa: F401  (shared fixtures)

# Only what 0005 reads of a stored brief (contracts.md §6 field names).
BRIEF: dict[str, Any] = {
    "company": {"name": "한빛정밀", "industry": "manufacturing", "region": "daejeon"},
    "urgency": "within_3_months",
    "programs": [
        {"id": "program:kosme-smart-factory", "eligibility": "eligible"},
        {"id": "program:kosme-emergency-fund", "eligibility": "ineligible"},
        {"id": "program:kitech-consulting", "eligibility": "check"},
        *({"id": f"program:extra-{n}", "eligibility": "check"} for n in range(5)),
    ],
}


def insert_case(engine: Engine, case_id: str, brief: dict[str, Any]) -> None:
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO chat_sessions (id, token_hash, lang, created_at, updated_at, "
                                "event_count, finished) VALUES (:id, 'x', 'ko', :now, :now, 0, :done)"),
                           {"id": f"s-{case_id}", "now": now, "done": True})
        connection.execute(
            text("INSERT INTO cases (id, session_id, status, lang, kb_version, brief, created_at, updated_at) "
                 "VALUES (:id, :sid, 'new', 'ko', 'kb1', :brief, :now, :now)").bindparams(
                bindparam("brief", type_=JSON)),
            {"id": case_id, "sid": f"s-{case_id}", "brief": brief, "now": now})


def test_existing_cases_are_received_with_filter_columns(database_url: str) -> None:  # noqa: F811
    config = alembic_config(database_url)
    command.upgrade(config, "0004")
    engine = make_engine(database_url)
    try:
        insert_case(engine, "c1", BRIEF)
        insert_case(engine, "c2", {"company": {}, "programs": []})
        command.upgrade(config, "0005")
        with engine.connect() as connection:
            rows = {r.id: r for r in connection.execute(text(
                "SELECT id, status, region, industry, urgency, programs, assignee_id, team, closed_at FROM cases"))}
        assert rows["c1"].status == "received"
        assert (rows["c1"].region, rows["c1"].industry, rows["c1"].urgency) == ("daejeon", "manufacturing",
                                                                                "within_3_months")
        assert rows["c1"].programs == ",kosme-smart-factory,kitech-consulting,extra-0,extra-1,extra-2,"
        assert (rows["c2"].region, rows["c2"].programs) == (None, "")
        assert rows["c1"].assignee_id is None and rows["c1"].team is None and rows["c1"].closed_at is None
        command.downgrade(config, "0004")
        with engine.connect() as connection:
            assert set(connection.scalars(text("SELECT status FROM cases"))) == {"new"}
    finally:
        engine.dispose()
