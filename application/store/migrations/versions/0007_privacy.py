"""Personal-data access log, and when a case's contact data was purged (issue 7)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("user_email", sa.String(length=320), nullable=True),
        sa.Column("user_name", sa.String(length=200), nullable=True),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("what", sa.String(length=32), nullable=False),
        sa.Column("client_address", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index(op.f("ix_access_log_at"), "access_log", ["at"])
    op.create_index(op.f("ix_access_log_user_email"), "access_log", ["user_email"])
    op.create_index("ix_access_log_case_id_at", "access_log", ["case_id", "at"])
    op.create_index("ix_access_log_user_id_at", "access_log", ["user_id", "at"])
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("contact_purged_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("contact_purged_at")
    op.drop_index("ix_access_log_user_id_at", table_name="access_log")
    op.drop_index("ix_access_log_case_id_at", table_name="access_log")
    op.drop_index(op.f("ix_access_log_user_email"), table_name="access_log")
    op.drop_index(op.f("ix_access_log_at"), table_name="access_log")
    op.drop_table("access_log")
