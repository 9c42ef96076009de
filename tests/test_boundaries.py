"""The plain-Python packages never import the web stack (as Rasa keeps rasa/shared apart)."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FORBIDDEN = {"web", "fastapi", "starlette", "jinja2", "uvicorn"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["assistant", "retrieval", "knowledge"])
def test_plain_packages_do_not_import_the_web(package: str) -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_modules(path) & FORBIDDEN)
        for path in (REPO / package).rglob("*.py")
        if imported_modules(path) & FORBIDDEN
    }
    assert offenders == {}


def test_assistant_does_not_touch_storage_or_chroma() -> None:
    forbidden = {"sqlalchemy", "chromadb", "langchain_chroma", "alembic", "psycopg"}
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_modules(path) & forbidden)
        for path in (REPO / "assistant").rglob("*.py")
        if imported_modules(path) & forbidden
    }
    assert offenders == {}
