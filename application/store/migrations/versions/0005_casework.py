"""Case workflow: assignments, steps, notes (issue 7)

Cases get who holds them (assignee, team), when the owner was first contacted and when the
case was closed or rejected, and copies of the brief's region, industry, urgency and
recommended programs for the queue's filters, filled in here from each stored brief. The old
status `new` becomes `received`, the workflow's first step. Two tables: the case history and
the advice requests to experts.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What intake/casework/columns.py computed when this migration was written; a migration keeps
# its own copy so that later changes to that module cannot change what an old upgrade does.
RECOMMENDED_PROGRAMS = 5

cases = sa.table(
    "cases",
    sa.column("id", sa.String),
    sa.column("status", sa.String),
    sa.column("brief", sa.JSON),
    sa.column("region", sa.String),
    sa.column("industry", sa.String),
    sa.column("urgency", sa.String),
    sa.column("programs", sa.String),
)


def filter_values(brief: dict[str, Any]) -> dict[str, Any]:
    company = brief.get("company") or {}
    recommended = [p["id"].removeprefix("program:") for p in brief.get("programs") or []
                   if p.get("eligibility") != "ineligible"][:RECOMMENDED_PROGRAMS]
    return {
        "region": company.get("region"),
        "industry": company.get("industry"),
        "urgency": brief.get("urgency"),
        "programs": "," + ",".join(recommended) + "," if recommended else "",
    }


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("assignee_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("team", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("first_contact_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("region", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("industry", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("urgency", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("programs", sa.String(length=1000), nullable=False, server_default=""))
        batch.create_index(op.f("ix_cases_assignee_id"), ["assignee_id"])
        batch.create_index(op.f("ix_cases_team"), ["team"])
        batch.create_index(op.f("ix_cases_status"), ["status"])
        batch.create_index(op.f("ix_cases_region"), ["region"])
        batch.create_index(op.f("ix_cases_industry"), ["industry"])

    connection = op.get_bind()
    connection.execute(sa.update(cases).where(cases.c.status == "new").values(status="received"))
    for case_id, brief in connection.execute(sa.select(cases.c.id, cases.c.brief)).all():
        connection.execute(sa.update(cases).where(cases.c.id == case_id).values(**filter_values(brief or {})))
    # The default was only for the rows that existed; new cases always get their programs.
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("programs", server_default=None, existing_type=sa.String(length=1000),
                           existing_nullable=False)

    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(length=32), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=True),
        sa.Column("to_status", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("assignee_id", sa.String(length=32), nullable=True),
        sa.Column("assignee_name", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_events_case_id_cases"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_events")),
    )
    op.create_index(op.f("ix_case_events_case_id"), "case_events", ["case_id"])
    op.create_table(
        "case_advice_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("expert_id", sa.String(length=32), nullable=False),
        sa.Column("asked_by_id", sa.String(length=32), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_advice_requests_case_id_cases"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["expert_id"], ["users.id"], name=op.f("fk_case_advice_requests_expert_id_users")),
        sa.ForeignKeyConstraint(["asked_by_id"], ["users.id"],
                                name=op.f("fk_case_advice_requests_asked_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_advice_requests")),
    )
    op.create_index(op.f("ix_case_advice_requests_case_id"), "case_advice_requests", ["case_id"])
    op.create_index(op.f("ix_case_advice_requests_expert_id"), "case_advice_requests", ["expert_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_case_advice_requests_expert_id"), table_name="case_advice_requests")
    op.drop_index(op.f("ix_case_advice_requests_case_id"), table_name="case_advice_requests")
    op.drop_table("case_advice_requests")
    op.drop_index(op.f("ix_case_events_case_id"), table_name="case_events")
    op.drop_table("case_events")
    # Before the workflow every case was `new`; later steps have no older name and stay as they are.
    op.get_bind().execute(sa.update(cases).where(cases.c.status == "received").values(status="new"))
    with op.batch_alter_table("cases") as batch:
        batch.drop_index(op.f("ix_cases_industry"))
        batch.drop_index(op.f("ix_cases_region"))
        batch.drop_index(op.f("ix_cases_status"))
        batch.drop_index(op.f("ix_cases_team"))
        batch.drop_index(op.f("ix_cases_assignee_id"))
        batch.drop_column("programs")
        batch.drop_column("urgency")
        batch.drop_column("industry")
        batch.drop_column("region")
        batch.drop_column("closed_at")
        batch.drop_column("first_contact_at")
        batch.drop_column("team")
        batch.drop_column("assignee_id")
