"""Re-assessment runs on both databases with cases made by real intakes, like casework."""

from tests.casework.conftest import stores, world  # noqa: F401  (shared fixtures)
from tests.store.conftest import database_url, postgres_admin  # noqa: F401  (shared fixtures)
