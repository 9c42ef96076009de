"""A failed statement's parameters are personal data (e-mail addresses, password hashes,
owners' messages): they must not reach an error message, a traceback or a log line."""

import logging

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from application.accounts.models import UserRow

EMAIL = "hidden-parameter@example.kr"
HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0c2FsdA$aGlkZGVuLWhhc2gtdmFsdWU"


def test_a_failed_insert_names_no_parameter(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    with Session(engine) as db:
        db.add(UserRow(email=EMAIL, name="김숨김", role="mentor", password_hash=HASH))
        db.commit()
    # Statements are logged with their parameters when SQLAlchemy's logger is turned up.
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    with Session(engine) as db, pytest.raises(IntegrityError) as failed:
        db.add(UserRow(email=EMAIL, name="김숨김", role="mentor", password_hash=HASH))
        db.commit()
    for text in (str(failed.value), caplog.text):
        assert EMAIL not in text and HASH not in text and "김숨김" not in text
    assert "hidden due to hide_parameters" in str(failed.value)
