"""Barrier feedback from the accessibility statement (jobboard/feedback/models.py).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from jobboard.hr.db import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "a11y_feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("page", sa.String(2000), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("assistive_technology", sa.String(300), nullable=True),
        sa.Column("reply_by", sa.String(16), nullable=False),
        sa.Column("contact", sa.String(500), nullable=True),
        sa.Column("sender", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("acknowledged_at", UTCDateTime(), nullable=True),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
        sa.Column("updated_by", sa.String(320), nullable=True),
    )
    for column in ("received_at", "resolved_at", "sender", "status"):
        op.create_index(f"ix_a11y_feedback_{column}", "a11y_feedback", [column])


def downgrade() -> None:
    op.drop_table("a11y_feedback")
