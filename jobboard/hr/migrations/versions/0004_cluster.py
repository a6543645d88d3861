"""Cluster coordination: the run queue, published generations and the current pointer.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from jobboard.hr.db import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cluster_run",
        sa.Column("run_id", sa.Integer(),
                  sa.ForeignKey("hr_reindex_run.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False, unique=True),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("queued_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(200), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'running')", name="cluster_run_state"),
    )
    if op.get_bind().dialect.name == "postgresql":  # SQLite numbers rows itself
        op.execute(sa.schema.CreateSequence(sa.Sequence("index_generation_number")))
    op.create_table(
        "index_generation",
        sa.Column("number", sa.Integer(), primary_key=True),
        sa.Column("folder", sa.String(64), nullable=False),
        sa.Column("source_url", sa.String(500), nullable=False),
        sa.Column("fingerprint", sa.String(200), nullable=False),
        sa.Column("manifest", sa.JSON(), nullable=False),
        sa.Column("manifest_digest", sa.String(64), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("per_language", sa.JSON(), nullable=False),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("hr_reindex_run.id"), nullable=True),
        sa.Column("rollback_of", sa.Integer(), nullable=True),
        sa.Column("published_at", UTCDateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_table(
        "index_pointer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.Integer(), sa.ForeignKey("index_generation.number"),
                  nullable=True),
        sa.Column("moved_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("id = 1", name="index_pointer_one_row"),
    )


def downgrade() -> None:
    for table in ("index_pointer", "index_generation", "cluster_run"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.DropSequence(sa.Sequence("index_generation_number")))
