"""One error base: every refusal of the service is an AppError subclass with a stable
snake_case code, an HTTP status, and a text in every language (prompts/errors) that uses only
the placeholders the error fills in."""

import importlib
import pkgutil
import re
import string

import pytest

import application
import web
from application.errors import AppError
from prompts import LANGS
from prompts.errors import load_error_prompts


def _load_every_module() -> None:
    for package in (application, web):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)


def _subclasses(cls: type[AppError]) -> list[type[AppError]]:
    found = []
    for sub in cls.__subclasses__():
        found.extend([sub, *_subclasses(sub)])
    return found


_load_every_module()
# The errors raised: a base that only groups its subclasses is not.
ERRORS = sorted({cls for cls in _subclasses(AppError) if not cls.__subclasses__()}, key=lambda c: c.__qualname__)


def test_the_features_raise_their_own_subclasses() -> None:
    modules = {cls.__module__ for cls in ERRORS}
    for feature in ("chat", "cases", "partners", "catalog", "accounts", "casework", "briefs"):
        assert f"application.{feature}.errors" in modules
    assert len(ERRORS) > 40


@pytest.mark.parametrize("error", ERRORS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_error_has_a_code_a_status_and_a_text_in_each_language(error: type[AppError]) -> None:
    assert re.fullmatch(r"[a-z]+(_[a-z]+)*", error.code)
    assert 400 <= error.status <= 599
    for lang in LANGS:
        text = load_error_prompts(lang).texts.get(error.text_key())
        assert text, f"prompts/errors/{lang}.yaml has no {error.text_key()!r}"
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        assert used <= error.placeholders, (lang, error.text_key(), used - error.placeholders)


def test_every_text_belongs_to_an_error() -> None:
    keys = {error.text_key() for error in ERRORS}
    for lang in LANGS:
        assert set(load_error_prompts(lang).texts) == keys
