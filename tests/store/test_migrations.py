import os
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from application.store.database import make_engine
from application.store.migrate import ALEMBIC_INI, alembic_config, upgrade_database
from application.store.registry import metadata

TABLES = {"alembic_version", *metadata.tables}
HEAD = "0009_reassessment"


def schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_upgrade_twice_gives_the_models_schema(database_url: str) -> None:
    upgrade_database(database_url)
    upgrade_database(database_url)
    engine = make_engine(database_url)
    try:
        assert set(inspect(engine).get_table_names()) == TABLES
        assert schema_differences(engine) == []
        with engine.connect() as connection:
            assert connection.scalars(text("SELECT version_num FROM alembic_version")).all() == [HEAD]
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(engine: Engine, database_url: str) -> None:
    command.downgrade(alembic_config(database_url), "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    upgrade_database(database_url)
    assert schema_differences(engine) == []


def test_processes_starting_together_migrate_once(database_url: str) -> None:
    code = "import sys; from application.store.migrate import upgrade_database; upgrade_database(sys.argv[1])"
    processes = [
        subprocess.Popen([sys.executable, "-c", code, database_url], stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 0, stderr
    engine = make_engine(database_url)
    try:
        assert schema_differences(engine) == []
        with engine.connect() as connection:
            assert connection.scalars(text("SELECT version_num FROM alembic_version")).all() == [HEAD]
    finally:
        engine.dispose()


def test_alembic_command_takes_the_url_from_settings(engine: Engine, database_url: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(ALEMBIC_INI), "check"],
        env={**os.environ, "INTAKE_DATABASE_URL": database_url},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "No new upgrade operations detected" in result.stdout + result.stderr
