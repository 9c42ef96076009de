"""Partners (widget keys), resume codes and extra device tokens, consent version on cases.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chat_sessions") as batch:
        batch.add_column(sa.Column("resume_code_hash", sa.String(length=64), nullable=True))
        batch.create_unique_constraint(op.f("uq_chat_sessions_resume_code_hash"), ["resume_code_hash"])
    op.create_table(
        "session_access",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["chat_sessions.id"], name=op.f("fk_session_access_session_id_chat_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_session_access")),
    )
    op.create_index(op.f("ix_session_access_session_id"), "session_access", ["session_id"])
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("consent_version", sa.String(length=32), nullable=True))
    op.create_table(
        "partners",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("greeting", sa.String(length=1000), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=True),
        sa.Column("greeting_en", sa.String(length=1000), nullable=True),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("allowed_origins", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_partners")),
    )


def downgrade() -> None:
    op.drop_table("partners")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("consent_version")
    op.drop_index(op.f("ix_session_access_session_id"), table_name="session_access")
    op.drop_table("session_access")
    with op.batch_alter_table("chat_sessions") as batch:
        batch.drop_constraint(op.f("uq_chat_sessions_resume_code_hash"), type_="unique")
        batch.drop_column("resume_code_hash")
