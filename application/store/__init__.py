"""Database plumbing only: engines and sessions for SQLite or PostgreSQL (database), the
declarative Base the features' tables share (models), every table in one metadata (registry)
and the Alembic migrations that bring a database to the current schema (migrate, migrations/)."""
