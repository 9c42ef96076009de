"""`intake users …` through Typer's CliRunner, on SQLite and PostgreSQL."""

import pytest
from typer.testing import CliRunner

from application.accounts import AccountService, Role
from application.cli import app
from application.settings import Settings

runner = CliRunner()


@pytest.fixture
def service(database_url: str, monkeypatch: pytest.MonkeyPatch) -> AccountService:
    monkeypatch.setenv("INTAKE_DATABASE_URL", database_url)
    return AccountService.open(Settings(_env_file=None))


def test_create_list_set_password_deactivate(service: AccountService) -> None:
    created = runner.invoke(app, ["users", "create", "--email", "Lead@Example.kr", "--name", "김리드",
                                  "--role", "lead", "--team", "대전 1팀", "--capacity", "8"],
                            input="vivid harbour lamps\nvivid harbour lamps\n")
    assert created.exit_code == 0, created.output
    assert "Created lead account lead@example.kr (김리드)" in created.output
    # The prompt hides what is typed.
    assert "vivid harbour lamps" not in created.output
    user = service.find_by_email("lead@example.kr")
    assert user is not None and (user.role, user.team, user.capacity) == (Role.lead, "대전 1팀", 8)
    assert service.authenticate(email="lead@example.kr", password="vivid harbour lamps").id == user.id

    scripted = runner.invoke(app, ["users", "create", "--email", "ops@example.kr", "--name", "박운영",
                                   "--role", "staff", "--password-stdin"], input="quiet river stones\n")
    assert scripted.exit_code == 0, scripted.output

    listed = runner.invoke(app, ["users", "list"])
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    lead_line = next(line for line in lines if "lead@example.kr" in line)
    assert "김리드" in lead_line and "lead" in lead_line and "8" in lead_line and "never" in lead_line
    assert any("ops@example.kr" in line and "staff" in line for line in lines)

    changed = runner.invoke(app, ["users", "set-password", "LEAD@example.kr", "--password-stdin"],
                            input="a brand new phrase\n")
    assert changed.exit_code == 0, changed.output
    assert service.authenticate(email="lead@example.kr", password="a brand new phrase").id == user.id

    gone = runner.invoke(app, ["users", "deactivate", "lead@example.kr"])
    assert gone.exit_code == 0 and "Deactivated lead@example.kr" in gone.output
    assert not service.get_user(user.id).active
    assert "no" in next(line for line in runner.invoke(app, ["users", "list"]).output.splitlines()
                        if "lead@example.kr" in line)


def test_clear_errors(service: AccountService) -> None:
    base = ["users", "create", "--email", "m@example.kr", "--name", "김멘토", "--password-stdin"]
    assert runner.invoke(app, [*base, "--role", "mentor"], input="mentor password ok\n").exit_code == 0

    duplicate = runner.invoke(app, ["users", "create", "--email", "M@EXAMPLE.KR", "--name", "다른", "--role",
                                    "mentor", "--password-stdin"], input="mentor password ok\n")
    assert duplicate.exit_code == 1
    assert "An account with the email m@example.kr already exists." in duplicate.output

    unknown_role = runner.invoke(app, [*base, "--role", "boss"], input="mentor password ok\n")
    assert unknown_role.exit_code == 2 and "'boss' is not one of" in unknown_role.output

    for password, reason in [("short", "at least 10 characters"), ("password1234", "most common passwords"),
                             ("1234567890", "most common passwords"), ("aaaaaaaaaaaa", "a run, a repeat")]:
        weak = runner.invoke(app, ["users", "create", "--email", "w@example.kr", "--name", "약한", "--role",
                                   "mentor", "--password-stdin"], input=f"{password}\n")
        assert weak.exit_code == 1 and "Password refused" in weak.output and reason in weak.output
    assert service.find_by_email("w@example.kr") is None

    bad_email = runner.invoke(app, ["users", "create", "--email", "nope", "--name", "x", "--role", "mentor",
                                    "--password-stdin"], input="mentor password ok\n")
    assert bad_email.exit_code == 1 and "--email" in bad_email.output

    mismatch = runner.invoke(app, ["users", "set-password", "m@example.kr"], input="first phrase one\nsecond one\n")
    assert mismatch.exit_code != 0 and "do not match" in mismatch.output.lower()

    missing = runner.invoke(app, ["users", "set-password", "ghost@example.kr", "--password-stdin"],
                            input="whatever phrase\n")
    assert missing.exit_code == 1 and "No account with the email ghost@example.kr" in missing.output

    runner.invoke(app, ["users", "create", "--email", "a@example.kr", "--name", "관리", "--role", "admin",
                        "--password-stdin"], input="admin password ok\n")
    last = runner.invoke(app, ["users", "deactivate", "a@example.kr"])
    assert last.exit_code == 1 and "last active admin" in last.output


def test_update_changes_role_team_and_capacity_and_keeps_the_last_admin(service: AccountService) -> None:
    create = ["users", "create", "--name", "박리드", "--password-stdin"]
    assert runner.invoke(app, [*create, "--email", "u@example.kr", "--role", "mentor", "--team", "대전"],
                         input="vivid harbour lamps\n").exit_code == 0
    changed = runner.invoke(app, ["users", "update", "U@example.kr", "--role", "lead", "--team", "세종",
                                  "--capacity", "8"])
    assert changed.exit_code == 0, changed.output
    user = service.find_by_email("u@example.kr")
    assert user is not None and (user.role, user.team, user.capacity, user.name) == (Role.lead, "세종", 8, "박리드")
    assert runner.invoke(app, ["users", "update", "u@example.kr", "--team", ""]).exit_code == 0
    user = service.find_by_email("u@example.kr")
    assert user is not None and (user.role, user.team, user.capacity) == (Role.lead, None, 8)

    assert runner.invoke(app, [*create, "--email", "only-admin@example.kr", "--role", "admin"],
                         input="quiet river stones\n").exit_code == 0
    demoted = runner.invoke(app, ["users", "update", "only-admin@example.kr", "--role", "staff"])
    assert demoted.exit_code == 1 and "last active admin" in demoted.output
    missing = runner.invoke(app, ["users", "update", "ghost@example.kr", "--role", "staff"])
    assert missing.exit_code == 1 and "No account with the email ghost@example.kr" in missing.output
