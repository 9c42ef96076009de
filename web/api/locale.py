"""Which language an API answer speaks, and error answers in it (prompts/errors)."""

from collections.abc import Mapping

from fastapi import Request

from prompts import LANGS, Lang
from prompts.errors import load_error_prompts
from web.errors import ApiError

DEFAULT_LANG: Lang = "ko"


def _accepted(header: str) -> list[tuple[float, int, str]]:
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        ranked.append((-quality, position, tag.strip().lower().split("-")[0]))
    return sorted(ranked)


def request_lang(request: Request, preferred: str | None = None) -> Lang:
    """`preferred` (a session's or a body's language) when it is one we speak, else the best
    of the browser's Accept-Language, else Korean."""
    for candidate in [preferred, *(tag for _, _, tag in _accepted(request.headers.get("accept-language", "")))]:
        for lang in LANGS:
            if candidate == lang:
                return lang
    return DEFAULT_LANG


def localized_error(
    status: int,
    code: str,
    lang: Lang,
    values: Mapping[str, object] | None = None,
    *,
    text: str | None = None,
    headers: dict[str, str] | None = None,
    fallback: str | None = None,
) -> ApiError:
    """An ApiError whose message is prompts/errors/<lang>.yaml's `text` (default: the code),
    filled in with `values`; `fallback` when the file has no such message."""
    message = load_error_prompts(lang).message(text or code, **(values or {})) or fallback
    if message is None:
        raise KeyError(f"prompts/errors has no message {text or code!r}")
    return ApiError(status, code, message, headers)
