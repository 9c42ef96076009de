"""Every line of the owner's chat page and the partner embed, per language, loaded from
prompts/web/<lang>.yaml and validated at load: a missing line or a mistyped placeholder stops
the service at start, not in front of an owner. The assistant's own sentences stay in
prompts/<lang>.yaml; these are only the page around them."""

from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from prompts import Lang, check_placeholders, load_prompt_file

WEB_PROMPTS_DIR = Path(__file__).resolve().parent


class WebText(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Fields with placeholders, and the names each may use; every other field takes none.
    allowed: ClassVar[dict[str, frozenset[str]]] = {
        "progress_status": frozenset({"n", "total", "topic"}),
        "fix_aria": frozenset({"text"}),
        "resume_chat_note": frozenset({"code"}),
        "source_note": frozenset({"year"}),
        "source_note_inferred": frozenset({"year"}),
    }

    lang: Lang
    app_title: str
    app_tagline: str
    skip_link: str
    switch_language: str
    switch_language_note: str
    progress_title: str
    progress_status: str
    progress_finished: str
    finished_note: str
    finished_placeholder: str
    progress_contact: str
    step_done: str
    log_label: str
    input_label: str
    input_placeholder: str
    input_hint: str
    send: str
    typing: str
    quick_replies: str
    multi_send: str
    fix_hint: str
    fix_aria: str
    fix_choose: str
    fix_more: str
    cancel: str
    resume_title: str
    resume_note: str
    resume_chat_note: str
    resume_open: str
    resume_input_label: str
    resume_input_placeholder: str
    resume_submit: str
    resume_failed: str
    resume_done: str
    copy_code: str
    copied: str
    new_chat: str
    new_chat_confirm: str
    retrying: str
    send_failed: str
    retry: str
    error_generic: str
    session_lost: str
    start_failed: str
    copy_title: str
    copy_loading: str
    copy_failed: str
    copy_print: str
    privacy_note: str
    help_title: str
    help_lines: list[str] = Field(min_length=1)
    footer: str
    close: str
    embed_by: str
    not_found_title: str
    not_found_body: str
    source_heading: str
    source_note: str
    source_note_inferred: str
    source_quoted: str
    source_open: str
    source_back: str
    not_found_home: str

    @model_validator(mode="after")
    def _known_placeholders(self) -> "WebText":
        check_placeholders(self, self.allowed)
        return self


@lru_cache(maxsize=2)
def load_web_text(lang: Lang) -> WebText:
    path = WEB_PROMPTS_DIR / f"{lang}.yaml"
    return load_prompt_file(path, WebText, {"lang": lang}, f"web/{path.name}")
