"""HR tables as they were before migrations: accounts, sign-in attempts, reindex runs, webhooks.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from jobboard.hr.db import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hr_user",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("signed_out_at", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "hr_login_attempt",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
    )
    for column in ("address", "at", "email"):
        op.create_index(f"ix_hr_login_attempt_{column}", "hr_login_attempt", [column])
    op.create_table(
        "hr_reindex_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("who", sa.String(320), nullable=True),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("generation", sa.String(32), nullable=True),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("invalid", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
    )
    for column in ("outcome", "started_at"):
        op.create_index(f"ix_hr_reindex_run_{column}", "hr_reindex_run", [column])
    op.create_table(
        "hr_webhook_delivery",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("delivery_id", sa.String(128), nullable=False, unique=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("hr_reindex_run.id"), nullable=True),
    )


def downgrade() -> None:
    for table in ("hr_webhook_delivery", "hr_reindex_run", "hr_login_attempt", "hr_user"):
        op.drop_table(table)
