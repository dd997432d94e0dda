"""Passwords are stored as Argon2id hashes; tokens are signed and expire."""

import time

import jwt
import pytest

from bookstore.accounts import passwords, service, tokens
from bookstore.errors import Unauthorized

SECRET = "test-secret-of-sufficient-length-0123456789"


def test_a_password_is_stored_as_a_salted_argon2id_hash():
    first, second = passwords.hash_password("correct horse"), passwords.hash_password("correct horse")
    assert first.startswith("$argon2id$")
    assert first != second  # a fresh salt each time
    assert "correct horse" not in first


def test_only_the_right_password_verifies():
    stored = passwords.hash_password("correct horse")
    assert passwords.verify_password(stored, "correct horse")
    assert not passwords.verify_password(stored, "wrong horse")
    assert not passwords.verify_password(None, "correct horse")


def test_an_email_is_lower_cased_one_character_for_one():
    # str.lower() makes two characters of "İ"; a stored email must keep the length it was checked at.
    assert service.normalized_email("İSTANBUL.Ada@Example.TEST") == "istanbul.ada@example.test"
    assert len(service.normalized_email("İ" * 241 + "@example.test")) == 254


def test_a_token_names_its_account():
    assert tokens.account_of(tokens.issue_token(7, SECRET), SECRET) == 7


def test_an_expired_token_is_refused():
    expired = jwt.encode({"sub": "7", "exp": int(time.time()) - 1}, SECRET, algorithm="HS256")
    with pytest.raises(Unauthorized, match="expired"):
        tokens.account_of(expired, SECRET)


def test_a_token_signed_with_another_secret_is_refused():
    with pytest.raises(Unauthorized):
        tokens.account_of(tokens.issue_token(7, "another-secret-also-long-enough-0123456789"), SECRET)


def test_a_tampered_token_is_refused():
    header, claims, signature = tokens.issue_token(7, SECRET).split(".")
    forged = jwt.encode({"sub": "8", "exp": int(time.time()) + 60}, "x" * 40, algorithm="HS256").split(".")[1]
    with pytest.raises(Unauthorized):
        tokens.account_of(f"{header}.{forged}.{signature}", SECRET)


def test_garbage_is_not_a_token():
    with pytest.raises(Unauthorized):
        tokens.account_of("not-a-token", SECRET)
