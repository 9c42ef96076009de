"""Accounts: users, passwords and server-side login sessions."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from application.accounts.errors import DuplicateEmail, InvalidCredentials, LastAdmin, UserNotFound, WeakPassword
from application.accounts.models import LoginSessionRow, UserRow
from application.accounts.passwords import WEAKNESSES, Passwords, initial_password, weakness
from application.accounts.schemas import (
    Flash,
    IssuedSession,
    LoginSession,
    NewUser,
    Profile,
    Role,
    User,
    check_email,
    normalise_email,
)
from application.settings import Settings
from application.store.database import session_factory
from application.store.migrate import migrated_engine
from application.store.models import utc_now

# last_seen_at is written at most this often, so a busy page does not write on every request.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _to_user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, name=row.name, role=Role(row.role), team=row.team,
                capacity=row.capacity, active=row.active, password_change_required=row.password_change_required,
                created_at=row.created_at, last_login_at=row.last_login_at)


def _refuse_weak(password: str, *, email: str, name: str) -> None:
    reason = weakness(password, email=email, name=name)
    if reason is not None:
        raise WeakPassword(reason, f"Password refused: {WEAKNESSES[reason]}.")


class AccountService:
    def __init__(self, writer: sessionmaker[Session], *, idle: timedelta, lifetime: timedelta,
                 passwords: Passwords | None = None) -> None:
        self._writer = writer
        self._idle = idle
        self._lifetime = lifetime
        self._passwords = passwords or Passwords()

    @classmethod
    def from_settings(cls, writer: sessionmaker[Session], settings: Settings) -> "AccountService":
        return cls(writer, idle=timedelta(minutes=settings.login_idle_minutes),
                   lifetime=timedelta(days=settings.login_max_days))

    @classmethod
    def open(cls, settings: Settings) -> "AccountService":
        """For the command line: brings the database up to date and connects."""
        return cls.from_settings(session_factory(migrated_engine(settings.effective_database_url)), settings)

    # --- users -------------------------------------------------------------------------

    def create_user(self, new: NewUser, *, password: str) -> User:
        """An account with the password its owner chose (command line)."""
        _refuse_weak(password, email=new.email, name=new.name)
        return self._insert(new, password, change_required=False)

    def invite_user(self, new: NewUser) -> tuple[User, str]:
        """An account with a generated initial password, returned to be shown to the admin
        once (it is stored only as a hash); the user is asked to change it at first login."""
        password = initial_password()
        return self._insert(new, password, change_required=True), password

    def _insert(self, new: NewUser, password: str, *, change_required: bool) -> User:
        row = UserRow(email=new.email, name=new.name, role=new.role.value, team=new.team, capacity=new.capacity,
                      password_hash=self._passwords.hash(password), password_change_required=change_required)
        try:
            with self._writer.begin() as db:
                db.add(row)
        except IntegrityError as exc:
            raise DuplicateEmail(new.email) from exc
        return _to_user(row)

    def get_user(self, user_id: str) -> User:
        with self._writer() as db:
            row = db.get(UserRow, user_id)
            if row is None:
                raise UserNotFound(user_id)
            return _to_user(row)

    def find_by_email(self, email: str) -> User | None:
        with self._writer() as db:
            row = db.scalar(select(UserRow).where(UserRow.email == normalise_email(email)))
            return _to_user(row) if row is not None else None

    def list_users(self, *, role: Role | None = None, team: str | None = None,
                   active_only: bool = False) -> list[User]:
        query = select(UserRow).order_by(UserRow.active.desc(), UserRow.role, UserRow.name, UserRow.email)
        if role is not None:
            query = query.where(UserRow.role == role.value)
        if team is not None:
            query = query.where(UserRow.team == team)
        if active_only:
            query = query.where(UserRow.active.is_(True))
        with self._writer() as db:
            return [_to_user(row) for row in db.scalars(query)]

    def update_profile(self, user_id: str, profile: Profile) -> User:
        with self._writer.begin() as db:
            row = self._locked(db, user_id)
            if row.role == Role.admin and profile.role != Role.admin and row.active:
                self._keep_an_admin(db, user_id)
            row.name, row.role, row.team, row.capacity = profile.name, profile.role.value, profile.team, profile.capacity
            return _to_user(row)

    def deactivate(self, user_id: str) -> User:
        """The account can no longer sign in and its open logins end at once."""
        with self._writer.begin() as db:
            row = self._locked(db, user_id)
            if row.role == Role.admin and row.active:
                self._keep_an_admin(db, user_id)
            row.active = False
            db.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == user_id))
            return _to_user(row)

    def activate(self, user_id: str) -> User:
        with self._writer.begin() as db:
            row = self._locked(db, user_id)
            row.active = True
            return _to_user(row)

    # --- passwords ---------------------------------------------------------------------

    def authenticate(self, *, email: str, password: str) -> User:
        """The active user with this email and password; InvalidCredentials otherwise, the
        same for an unknown email, a wrong password and an inactive account."""
        try:
            key = check_email(email)
        except ValueError:
            self._passwords.waste_time(password)
            raise InvalidCredentials() from None
        with self._writer() as db:
            row = db.scalar(select(UserRow).where(UserRow.email == key))
            stored = (row.id, row.password_hash, row.active) if row is not None else None
        if stored is None:
            self._passwords.waste_time(password)
            raise InvalidCredentials()
        user_id, password_hash, active = stored
        verified = self._passwords.verify(password_hash, password)
        if not verified.ok or not active:
            raise InvalidCredentials()
        if verified.new_hash is not None:
            with self._writer.begin() as db:
                row = self._locked(db, user_id)
                # Only if nobody changed the password meanwhile.
                if row.password_hash == password_hash:
                    row.password_hash = verified.new_hash
        return self.get_user(user_id)

    def change_password(self, *, user_id: str, current_password: str, new_password: str,
                        keep_session: str | None = None) -> User:
        """The user's own change: needs the current password; ends every other login of theirs."""
        with self._writer() as db:
            row = db.get(UserRow, user_id)
            if row is None:
                raise UserNotFound(user_id)
            email, name, password_hash = row.email, row.name, row.password_hash
        if not self._passwords.verify(password_hash, current_password).ok:
            raise InvalidCredentials()
        _refuse_weak(new_password, email=email, name=name)
        return self._store_password(user_id, new_password, change_required=False, keep_session=keep_session)

    def set_password(self, user_id: str, password: str) -> User:
        """An operator sets the password (command line); every login of the user ends."""
        user = self.get_user(user_id)
        _refuse_weak(password, email=user.email, name=user.name)
        return self._store_password(user_id, password, change_required=False, keep_session=None)

    def reset_password(self, user_id: str) -> tuple[User, str]:
        """A new initial password for the admin to pass on; the user is asked to change it."""
        password = initial_password()
        return self._store_password(user_id, password, change_required=True, keep_session=None), password

    def _store_password(self, user_id: str, password: str, *, change_required: bool,
                        keep_session: str | None) -> User:
        new_hash = self._passwords.hash(password)
        with self._writer.begin() as db:
            row = self._locked(db, user_id)
            row.password_hash = new_hash
            row.password_change_required = change_required
            ended = delete(LoginSessionRow).where(LoginSessionRow.user_id == user_id)
            if keep_session is not None:
                ended = ended.where(LoginSessionRow.token_hash != token_hash(keep_session))
            db.execute(ended)
            return _to_user(row)

    # --- login sessions ----------------------------------------------------------------

    def start_session(self, user_id: str, *, replacing: str | None = None) -> IssuedSession:
        """A new login for the user, with a new random token. `replacing` is the token the
        browser presented, if any: that session ends, so a token planted before login
        (session fixation) is worth nothing after it."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = utc_now()
        with self._writer.begin() as db:
            row = self._locked(db, user_id)
            if replacing:
                db.execute(delete(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash(replacing)))
            db.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == user_id,
                                                     LoginSessionRow.expires_at <= now))
            session = LoginSessionRow(token_hash=token_hash(token), user_id=user_id, csrf_token=csrf,
                                      created_at=now, last_seen_at=now, expires_at=now + self._lifetime,
                                      flashes=[])
            db.add(session)
            row.last_login_at = now
        return IssuedSession(token=token, csrf_token=csrf, expires_at=session.expires_at)

    def resolve_session(self, token: str, *, take_flashes: bool = False) -> LoginSession | None:
        """The live login for a cookie token, or None (unknown, idle too long, past its end, or
        the account was deactivated — such a row is deleted). `take_flashes` hands over the
        pending notices and clears them, for a page about to show them."""
        now = utc_now()
        with self._writer.begin() as db:
            row = db.get(LoginSessionRow, token_hash(token))
            if row is None:
                return None
            user = db.get(UserRow, row.user_id)
            if now >= row.expires_at or now - row.last_seen_at >= self._idle or user is None or not user.active:
                db.delete(row)
                return None
            if now - row.last_seen_at >= LAST_SEEN_RESOLUTION:
                row.last_seen_at = now
            flashes = [Flash.model_validate(item) for item in row.flashes] if take_flashes else []
            if flashes:
                row.flashes = []
            return LoginSession(user=_to_user(user), csrf_token=row.csrf_token, created_at=row.created_at,
                                expires_at=min(row.expires_at, row.last_seen_at + self._idle), flashes=flashes)

    def add_flash(self, token: str, flash: Flash) -> None:
        with self._writer.begin() as db:
            row = db.get(LoginSessionRow, token_hash(token))
            if row is not None:
                row.flashes = [*row.flashes, flash.model_dump()]

    def end_session(self, token: str) -> None:
        with self._writer.begin() as db:
            db.execute(delete(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash(token)))

    def purge_expired_sessions(self) -> int:
        now = utc_now()
        with self._writer.begin() as db:
            idle_since = now - self._idle
            result = db.execute(delete(LoginSessionRow).where(
                (LoginSessionRow.expires_at <= now) | (LoginSessionRow.last_seen_at <= idle_since)))
            return int(getattr(result, "rowcount", 0) or 0)

    # --- helpers -----------------------------------------------------------------------

    @staticmethod
    def _locked(db: Session, user_id: str) -> UserRow:
        row = db.get(UserRow, user_id, with_for_update=True)
        if row is None:
            raise UserNotFound(user_id)
        return row

    @staticmethod
    def _keep_an_admin(db: Session, leaving_id: str) -> None:
        others = db.scalar(select(func.count()).select_from(UserRow).where(
            UserRow.role == Role.admin.value, UserRow.active.is_(True), UserRow.id != leaving_id))
        if not others:
            raise LastAdmin()
