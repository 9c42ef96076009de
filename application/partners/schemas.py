"""What crosses the partners boundary: a partner portal with its key, theme and the origins
allowed to embed the chat widget."""

import re
from datetime import datetime

from pydantic import BaseModel, Field, field_validator

KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]{1,63}$"
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$|^https?://\[[0-9a-fA-F:]+\](:\d{1,5})?$")


class Partner(BaseModel):
    key: str = Field(pattern=KEY_PATTERN, description="The widget's data-partner value")
    name: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=200, description="Chat panel title (Korean)")
    greeting: str = Field(min_length=1, max_length=1000, description="First line in the panel (Korean)")
    title_en: str | None = Field(default=None, max_length=200)
    greeting_en: str | None = Field(default=None, max_length=1000)
    colour: str = Field(default="#1f5fbf", pattern=r"^#[0-9a-fA-F]{6}$")
    allowed_origins: list[str] = Field(min_length=1)
    active: bool = True

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, values: list[str]) -> list[str]:
        cleaned = []
        for value in values:
            origin = value.strip().rstrip("/")
            if not _ORIGIN.match(origin):
                raise ValueError(f"{value!r} is not an origin like https://portal.example.kr (no path)")
            cleaned.append(origin.lower())
        return list(dict.fromkeys(cleaned))

    def allows(self, origin: str | None) -> bool:
        return self.active and origin is not None and origin.rstrip("/").lower() in self.allowed_origins

    def title_for(self, lang: str) -> str:
        return self.title_en if lang == "en" and self.title_en else self.title

    def greeting_for(self, lang: str) -> str:
        return self.greeting_en if lang == "en" and self.greeting_en else self.greeting


class PartnerListing(BaseModel):
    """A partner on the admin list: with its newest version and who saved it."""

    partner: Partner
    version: int
    edited_by: str | None
    edited_at: datetime | None
