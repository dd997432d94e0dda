"""Accounts' use cases."""

import time
from collections.abc import Callable

from bookstore.accounts import passwords, repository, tokens
from bookstore.accounts.login_throttle import LoginThrottle
from bookstore.errors import Unauthorized


def hash_password(password: str) -> str:
    """Hash outside any transaction: the slow hash must not hold database locks."""
    return passwords.hash_password(password)


def normalized_email(email: str) -> str:
    """The email as stored and looked up: lower-cased one character for one, so it keeps its length.

    str.lower() turns "İ" (U+0130) into two characters, so an email of 254 would outgrow its column;
    Unicode's simple lower-case mapping of "İ" is "i".
    """
    return email.replace("\u0130", "i").lower()


def register(conn, email: str, password_hash: str, name: str) -> dict:
    """Create an account; emails are unique whatever their case."""
    return repository.add(conn, normalized_email(email), name, password_hash)


def check_credentials(
    db,
    throttle: LoginThrottle,
    email: str,
    password: str,
    address: str | None,
    clock: Callable[[], float] = time.time,
) -> int:
    """The account id for matching credentials; Unauthorized otherwise, TooManyRequests when throttled.

    db: a bookstore.database.Database (its primary: every replica of the caller must see the same counters).
    address: the client's, as the edge saw it; None when unknown (then only the account is counted).
    The slow hash runs outside any transaction, so it holds no database lock.
    """
    email, now = normalized_email(email), clock()
    with db.read(single_statement=True) as conn:
        had_failures = throttle.refuse_if_throttled(conn, email, address, now)
        found = repository.credentials(conn, email)
    if not passwords.verify_password(found[1] if found else None, password) or not found:
        with db.write() as conn:
            throttle.record_failure(conn, email, address, now)
        raise Unauthorized("wrong email or password")
    if had_failures:
        with db.write() as conn:
            throttle.forget_account(conn, email)
    return found[0]


def log_in(account_id: int, secret: str) -> dict:
    """A session for an account whose credentials were checked."""
    return {"token": tokens.issue_token(account_id, secret), "account_id": account_id}


def confirm_account(conn, account_id: int) -> None:
    """Unauthorized when no account has this id (a signed token may outlive its account)."""
    if not repository.exists(conn, account_id):
        raise Unauthorized("unknown account")


def profile(conn, account_id: int) -> dict:
    """The account's profile; Unauthorized when the token names no existing account."""
    account = repository.by_id(conn, account_id)
    if account is None:
        raise Unauthorized("unknown account")
    return account
