"""Alembic migrations of the HR database (see jobboard/hr/migrate.py)."""
