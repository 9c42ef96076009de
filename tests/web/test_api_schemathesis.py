"""Schemathesis against the app's OpenAPI document, over real HTTP (uvicorn on 127.0.0.1) on
SQLite and on PostgreSQL: generated requests, valid and invalid, checked for server errors and
for answers that break the document (status, content type, headers, body schema).

The document is the app factory's own (it does not depend on the database). The budget is
small (EXAMPLES per operation), so a run stays well under a minute per database. Rate limits
are the test settings' high ones (tests/conftest.py); the limiter itself works as in production."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from application.runtime import Runtime
from application.settings import Settings
from tests.web.browser.conftest import serve
from web.app import create_app

EXAMPLES = 15
BUDGET = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
# A JSON Schema string admits NUL and lone surrogates, which no database can store: a request
# valid by the document may get the documented 400 `invalid_text` (web/guards.py). Server
# errors stay failures (not_a_server_error).
CONFIG = SchemathesisConfig.from_dict({"checks": {"positive_data_acceptance": {
    "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]}}})
SCHEMA = schemathesis.openapi.from_dict(create_app(Settings(_env_file=None)).openapi(), config=CONFIG)


@pytest.fixture(scope="module")
def sqlite_url(settings: Settings, runtime: Runtime) -> Iterator[str]:
    with serve(create_app(settings, runtime=runtime)) as url:
        yield url


@pytest.fixture(scope="module")
def postgres_url(pg_runtime: Runtime) -> Iterator[str]:
    with serve(create_app(pg_runtime.settings, runtime=pg_runtime)) as url:
        yield url


@SCHEMA.parametrize()
@BUDGET
def test_api_on_sqlite(case: Any, sqlite_url: str) -> None:
    case.call_and_validate(base_url=sqlite_url)


@SCHEMA.parametrize()
@BUDGET
def test_api_on_postgresql(case: Any, postgres_url: str) -> None:
    case.call_and_validate(base_url=postgres_url)
