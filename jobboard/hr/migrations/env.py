"""Alembic environment: runs on the connection that jobboard.hr.migrate hands over.

No alembic.ini and no URL here: the caller owns the engine, the transaction and the lock.
"""

from alembic import context

from jobboard.hr.db import Base, load_models

load_models()
connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
