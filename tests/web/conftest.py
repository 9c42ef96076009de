from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from application.runtime import Runtime
from application.settings import Settings
from web.app import create_app


@pytest.fixture(scope="session")
def client(settings: Settings, runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(settings, runtime=runtime)) as test_client:
        yield test_client
