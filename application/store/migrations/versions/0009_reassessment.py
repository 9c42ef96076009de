"""Re-assessment at the end of mentoring: T1 readiness, the mentor's summary and the programs
applied, one row per case (issue 17)

Revision ID: 0009_reassessment
Revises: 0008_notifications
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_reassessment"
down_revision: str | None = "0008_notifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_reassessments",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("programs_applied", sa.JSON(), nullable=False),
        sa.Column("recorded_by_id", sa.String(length=32), nullable=False),
        sa.Column("recorded_by_name", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_reassessments_case_id_cases"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_reassessments")),
    )


def downgrade() -> None:
    op.drop_table("case_reassessments")
