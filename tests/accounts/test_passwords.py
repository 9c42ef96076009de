"""argon2id hashing, rehash on changed parameters, and the password floor (length and
zxcvbn with the account's own words)."""

import re

import pytest
from argon2 import PasswordHasher

from application.accounts.passwords import (
    MIN_LENGTH,
    WEAKNESSES,
    Passwords,
    initial_password,
    keyboard_typed,
    user_inputs,
    weakness,
)


def test_hash_is_argon2id_and_verifies() -> None:
    passwords = Passwords()
    stored = passwords.hash("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "correct horse battery" not in stored
    assert passwords.verify(stored, "correct horse battery").ok
    assert not passwords.verify(stored, "correct horse batterY").ok
    assert not passwords.verify("not a hash", "correct horse battery").ok
    # The same password hashes differently every time (random salt).
    assert passwords.hash("correct horse battery") != stored


def test_hash_made_with_old_parameters_is_replaced() -> None:
    old = Passwords(PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    stored = old.hash("correct horse battery")
    verified = Passwords().verify(stored, "correct horse battery")
    assert verified.ok and verified.new_hash is not None
    assert "m=65536,t=3,p=4" in verified.new_hash
    assert Passwords().verify(verified.new_hash, "correct horse battery").new_hash is None
    # A wrong password never produces a new hash.
    assert Passwords().verify(stored, "wrong horse battery") == type(verified)(ok=False)


@pytest.mark.parametrize(("password", "reason"), [
    ("short1!", "too_short"),
    ("x" * 257, "too_long"),
    ("Password2024!", "common"),
    ("qwer1234!!", "common"),
    ("iloveyou123", "common"),
    ("aaaaaaaaaaaa", "simple"),
    ("abcabcabcabc", "simple"),
    ("1q2w3e4r5t", "common"),
    ("0987654321", "common"),
    ("01012345678", "simple"),
    ("minsu.kim1990", "personal"),
    ("김민수화이팅12345", "personal"),
    # The name typed with the keyboard left in English mode.
    ("rlaalstn1234", "personal"),
    ("19900101minsu", "personal"),
])
def test_weak_passwords_are_refused_with_a_reason(password: str, reason: str) -> None:
    assert weakness(password, email="minsu.kim@example.kr", name="김민수") == reason
    assert reason in WEAKNESSES


@pytest.mark.parametrize("password", ["correct horse battery", "Tr0ub4dor&3x", "대전 금형공장 3번 라인", "mentor-visits-6-times"])
def test_reasonable_passwords_pass(password: str) -> None:
    assert weakness(password, email="minsu.kim@example.kr", name="김민수") is None


def test_initial_passwords_are_random_readable_and_strong() -> None:
    made = {initial_password() for _ in range(50)}
    assert len(made) == 50
    for password in made:
        assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", password)
        assert not set(password) & set("01ilo")
        assert len(password) >= MIN_LENGTH and weakness(password) is None


def test_the_account_s_own_words_include_its_korean_name_as_typed() -> None:
    assert keyboard_typed("김민수") == "rlaalstn"
    assert keyboard_typed("닭갈비") == "ekfrrkfql"
    words = user_inputs(email="minsu.kim@example.kr", name="김민수")
    assert {"minsu.kim", "minsu", "kim", "김민수", "민수", "rlaalstn", "alstn", "intake"} <= set(words)
