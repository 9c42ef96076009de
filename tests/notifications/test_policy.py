"""The parts of notifications that need no server: the back-off's shape, the mail texts'
checks, the settings' checks."""

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from application.notifications.models import SUBJECT_MAX
from application.notifications.schemas import DeliveryPolicy, Kind, Mail
from application.settings import Settings
from prompts import PromptsError, load_prompt_file
from prompts.notifications import (
    NOTIFICATION_PROMPTS_DIR,
    KoreanNotificationPrompts,
    MailText,
    load_notification_prompts,
    load_staff_prompts,
)


@given(retry=st.integers(1, 3600), cap=st.integers(1, 86400), attempts=st.integers(1, 60))
def test_back_off_doubles_from_the_first_wait_up_to_the_cap(retry: int, cap: int, attempts: int) -> None:
    policy = DeliveryPolicy(retry_seconds=retry, retry_max_seconds=cap)
    assert policy.backoff(1) == timedelta(seconds=min(retry, cap))
    assert policy.backoff(attempts) <= policy.backoff(attempts + 1) <= timedelta(seconds=cap)
    if policy.backoff(attempts + 1) < timedelta(seconds=cap):
        assert policy.backoff(attempts + 1) == 2 * policy.backoff(attempts)


def korean_texts() -> list[str]:
    prompts = load_staff_prompts()
    texts = [prompts.sender_name]
    for group in (prompts.owner, prompts.staff):
        for name in type(group).model_fields:
            value = getattr(group, name)
            texts.extend([value.subject, value.body] if isinstance(value, MailText) else [value])
    return texts


def test_the_korean_mails_speak_haeyo_and_both_languages_load() -> None:
    texts = korean_texts()
    assert len(texts) > 10
    for text in texts:
        assert "니다" not in text and "습니까" not in text, text
    english = load_notification_prompts("en")
    assert english.owner.handed_over.subject and not hasattr(english, "staff")


def test_a_mail_text_with_an_unknown_placeholder_stops_the_load(tmp_path: Path) -> None:
    original = (NOTIFICATION_PROMPTS_DIR / "ko.yaml").read_text(encoding="utf-8")
    # An owner's address in the new-case mail is exactly what must never be possible.
    broken = tmp_path / "ko.yaml"
    broken.write_text(original.replace("· 지역: {region}", "· 연락처: {email}", 1), encoding="utf-8")
    with pytest.raises(PromptsError, match=r"new_case.*email"):
        load_prompt_file(broken, KoreanNotificationPrompts, {}, "ko.yaml")


def test_region_teams_must_name_known_regions() -> None:
    settings = Settings(notify_region_teams={"daejeon": "chungcheong"}, _env_file=None)
    assert settings.notify_region_teams == {"daejeon": "chungcheong"}
    with pytest.raises(ValidationError, match="atlantis"):
        Settings(notify_region_teams={"atlantis": "sea"}, _env_file=None)


@given(subject=st.text(max_size=1000))
def test_any_subject_becomes_one_line_that_fits(subject: str) -> None:
    made = Mail(key="k", kind=Kind.assigned, case_id=None, recipient_id=None, to_address="a@example.kr", lang="ko",
                subject=subject, body="")
    assert len(made.subject) <= SUBJECT_MAX
    assert not any(c in made.subject for c in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    line = " ".join(subject.split())
    assert made.subject == line if len(line) <= SUBJECT_MAX else made.subject == line[:SUBJECT_MAX - 1] + "…"
