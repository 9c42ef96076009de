"""Shared fixtures: real components throughout — the shipped knowledge base, the bundled
embedding model, an embedded Chroma in a temporary folder."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from application.runtime import Runtime, build_runtime
from application.settings import Settings
from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR

# A developer's own INTAKE_* variables must not steer the tests.
for _name in [n for n in os.environ if n.startswith("INTAKE_")]:
    del os.environ[_name]

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED_SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def session_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("intake-data")


@pytest.fixture(scope="session")
def settings(session_data_dir: Path) -> Settings:
    return Settings(
        data_dir=session_data_dir,
        knowledge_dir=DEFAULT_ENTRIES_DIR,
        seeds_dir=DEFAULT_SEEDS_DIR,
        # Every in-process test client is one address; tests of the limits set their own.
        rate_limit_sessions="10000/minute",
        rate_limit_messages="10000/minute",
        rate_limit_resume="10000/minute",
        _env_file=None,
    )


@pytest.fixture(scope="session")
def runtime(settings: Settings) -> Iterator[Runtime]:
    yield build_runtime(settings)
