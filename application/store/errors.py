"""Which failures of the database mean "not now" rather than "wrong": web/ answers those with
503 and Retry-After, and the client sends the same request again (a chat message keeps its
client_message_id, so a resend after a lost answer records nothing twice)."""

from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# Every error the store's engine raises derives from this.
DatabaseError = SQLAlchemyError


def is_unavailable(error: SQLAlchemyError) -> bool:
    """True for a database that refused or dropped the connection, did not answer within the
    store's timeouts, was locked past the busy timeout, or is full ("database or disk is
    full"): the transaction was rolled back, so nothing of the request was recorded."""
    if isinstance(error, OperationalError | PoolTimeout):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated
