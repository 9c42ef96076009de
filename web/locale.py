"""Which language an answer speaks: the session's or the body's when given, else the browser's
Accept-Language, else Korean."""

from fastapi import Request

from prompts import LANGS, Lang

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


def answer_in(request: Request, lang: Lang) -> None:
    """Errors of this request speak `lang` (the session's or the body's language)."""
    request.state.lang = lang


def error_lang(request: Request) -> Lang:
    return request_lang(request, getattr(request.state, "lang", None))
