from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

from app.db import db
from app import models  # noqa: F401  (registers the tables)

config = context.config
fileConfig(config.config_file_name)
target_metadata = db.metadata


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
