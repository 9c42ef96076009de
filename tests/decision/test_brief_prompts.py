"""The brief's sentences load in both languages, cover the same keys and every tag, and a
mistyped placeholder is caught at load."""

from typing import Any

import pytest
import yaml

from knowledge.loader import load_knowledge_base
from prompts.brief import BRIEF_PROMPTS_DIR, BriefPrompts, load_brief_prompts


def raw(lang: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((BRIEF_PROMPTS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    return data


def keys(data: Any, prefix: str = "") -> set[str]:
    if isinstance(data, dict):
        return {k for key, value in data.items() for k in keys(value, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


def test_both_languages_load_with_the_same_keys() -> None:
    assert load_brief_prompts("ko").lang == "ko" and load_brief_prompts("en").lang == "en"
    assert keys(raw("ko")) == keys(raw("en"))


def test_every_capability_tag_has_a_label() -> None:
    kb, _ = load_knowledge_base()
    tags = {t for e in kb.entries.values() for t in e.capability_tags}
    for lang in ("ko", "en"):
        assert sorted(tags - set(load_brief_prompts(lang).tags)) == []


def test_unknown_placeholder_or_missing_advice_is_refused() -> None:
    data = raw("ko")
    data["mentors"] = {**data["mentors"], "full": "꽉 찼어요 {opne}/{capacity}"}
    with pytest.raises(ValueError, match="opne"):
        BriefPrompts.model_validate(data)
    data = raw("en")
    data["advice"] = {**data["advice"], "cloud": {"basic": "x"}}
    with pytest.raises(ValueError, match=r"advice\.cloud\.average"):
        BriefPrompts.model_validate(data)
