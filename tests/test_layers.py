"""The layer rules are import-linter contracts (pyproject.toml, run by scripts/test as
`lint-imports`). These tests hold the check itself to account: on a small tree shaped like
this repository, the project's own contracts pass, and fail on each kind of forbidden arrow."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = ("web", "application", "assistant", "retrieval", "knowledge", "prompts", "korean")
# Each package of the small tree imports what the real one may.
ALLOWED = {
    "web": "import application.service\nimport fastapi\n",
    "application": "import assistant.engine\nimport sqlalchemy\n",
    "assistant": "import knowledge.entries\nimport prompts.text\nimport korean.morphs\n",
    "retrieval": "import knowledge.entries\nimport chromadb\nimport korean.morphs\n",
    "knowledge": "import prompts.text\n",
    "prompts": "",
    "korean": "",
}


def _config() -> str:
    """The project's [tool.importlinter] section, as the temporary tree's own config."""
    section = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    lines = ["[importlinter]", f"root_packages =\n    {chr(10).join('    ' + p for p in section['root_packages']).strip()}",
             "include_external_packages = True"]
    for number, contract in enumerate(section["contracts"]):
        lines.append(f"\n[importlinter:contract:{number}]")
        for key, value in contract.items():
            if isinstance(value, list):
                lines.append(f"{key} =\n" + "\n".join(f"    {item}" for item in value))
            else:
                lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def _tree(root: Path, extra: dict[str, str]) -> None:
    for package in PACKAGES:
        folder = root / package
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        module = {"web": "app", "application": "service", "assistant": "engine", "retrieval": "search",
                  "knowledge": "entries", "prompts": "text", "korean": "morphs"}[package]
        (folder / f"{module}.py").write_text(ALLOWED[package] + extra.get(package, ""))
    # application.cli.main is the one import of web the contracts let through.
    (root / "application" / "cli").mkdir()
    (root / "application" / "cli" / "__init__.py").write_text("")
    (root / "application" / "cli" / "main.py").write_text("import web.app\n")
    (root / ".importlinter").write_text(_config())


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT_IMPORTS), str(root / ".importlinter"), "--no-cache"], cwd=root,
                          env=env, capture_output=True, text=True, timeout=120)


def test_the_allowed_arrows_pass(tmp_path: Path) -> None:
    _tree(tmp_path, {})
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("package", "line", "broken"), [
    ("assistant", "import application.service\n", "assistant is not allowed to import application"),
    ("assistant", "import chromadb\n", "assistant is not allowed to import chromadb"),
    ("knowledge", "import sqlalchemy\n", "knowledge is not allowed to import sqlalchemy"),
    ("retrieval", "import fastapi\n", "retrieval is not allowed to import fastapi"),
    ("application", "import web.app\n", "application is not allowed to import web"),
    ("prompts", "import application.service\n", "prompts is not allowed to import application"),
    ("knowledge", "import web.app\n", "knowledge is not allowed to import web"),
    ("korean", "import assistant.engine\n", "korean is not allowed to import assistant"),
])
def test_a_forbidden_arrow_breaks_a_contract(tmp_path: Path, package: str, line: str, broken: str) -> None:
    _tree(tmp_path, {package: line})
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout


def test_this_repository_keeps_its_contracts() -> None:
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
