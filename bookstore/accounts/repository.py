"""Accounts' data access (SQLAlchemy Core); the statements built once (see catalog/repository.py)."""

from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from bookstore.accounts.tables import accounts
from bookstore.errors import Conflict

_PUBLIC = (accounts.c.id, accounts.c.email, accounts.c.name)
_ADD = insert(accounts).returning(*_PUBLIC)
_CREDENTIALS = select(accounts.c.id, accounts.c.password_hash).where(accounts.c.email == bindparam("email"))
_BY_ID = select(*_PUBLIC).where(accounts.c.id == bindparam("account_id"))
_EXISTS = select(accounts.c.id).where(accounts.c.id == bindparam("account_id"))


def add(conn, email: str, name: str, password_hash: str) -> dict:
    """Insert an account; Conflict when the email is taken."""
    try:
        with conn.begin_nested():
            row = conn.execute(_ADD, {"email": email, "name": name, "password_hash": password_hash}).one()
    except IntegrityError:
        raise Conflict("an account with this email already exists", code="email_taken") from None
    return dict(row._mapping)


def credentials(conn, email: str) -> tuple[int, str] | None:
    """(id, password hash) for an email, or None."""
    row = conn.execute(_CREDENTIALS, {"email": email}).first()
    return (row.id, row.password_hash) if row else None


def by_id(conn, account_id: int) -> dict | None:
    """The public profile of an account, or None."""
    row = conn.execute(_BY_ID, {"account_id": account_id}).first()
    return dict(row._mapping) if row else None


def exists(conn, account_id: int) -> bool:
    """Whether an account has this id."""
    return conn.execute(_EXISTS, {"account_id": account_id}).first() is not None
