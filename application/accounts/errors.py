"""Account errors. Each has a stable `code`; the web layer and the CLI turn them into their
own words, so nothing here knows about HTTP."""

from application.errors import AppError


class AccountError(AppError):
    pass


class InvalidCredentials(AccountError):
    """Wrong email, wrong password or an inactive account: deliberately one error, so a
    caller cannot learn which accounts exist."""

    code = "invalid_credentials"
    status = 401

    def __init__(self) -> None:
        super().__init__("The email or password is not right.")


class DuplicateEmail(AccountError):
    code = "duplicate_email"
    status = 409

    def __init__(self, email: str) -> None:
        super().__init__(f"An account with the email {email} already exists.")
        self.email = email


class UserNotFound(AccountError):
    code = "user_not_found"
    status = 404

    def __init__(self, key: str) -> None:
        super().__init__(f"No account {key}.")
        self.key = key


class WeakPassword(AccountError):
    """`reason` is one of passwords.WEAKNESSES."""

    code = "weak_password"
    status = 422

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class LastAdmin(AccountError):
    """Deactivating or demoting the only active admin would lock everyone out of the admin pages."""

    code = "last_admin"
    status = 409

    def __init__(self) -> None:
        super().__init__("This is the last active admin account; create another admin first.")
