"""The Korean messages of the account pages cover every role and every password problem."""

from application.accounts import Role
from application.accounts.passwords import MAX_LENGTH, MIN_LENGTH, WEAKNESSES
from prompts.accounts import PasswordProblems, RoleLabels, load_account_prompts


def test_every_role_and_password_problem_has_a_message() -> None:
    prompts = load_account_prompts()
    assert set(RoleLabels.model_fields) == {role.value for role in Role}
    assert set(PasswordProblems.model_fields) == set(WEAKNESSES)
    for reason in WEAKNESSES:
        text = prompts.password_problem(reason, min=MIN_LENGTH, max=MAX_LENGTH)
        assert text.endswith("요.") and "{" not in text
    assert prompts.password_problem("too_short", min=MIN_LENGTH, max=MAX_LENGTH) == "비밀번호는 10자 이상으로 정해 주세요."
    assert [prompts.role(role) for role in Role] == ["관리자", "운영 담당자", "리드 멘토", "현장 멘토", "전문가"]
    assert prompts.messages.login_missing == "이메일과 비밀번호를 모두 입력해 주세요."
