"""Signed, expiring bearer tokens (JWT, HS256) that any component holding the secret can check."""

import time

import jwt

from bookstore.errors import Unauthorized
from bookstore.input_rules import MAX_ID

_ALGORITHM = "HS256"
DEFAULT_TTL_S = 3600


def issue_token(account_id: int, secret: str, ttl_s: int = DEFAULT_TTL_S) -> str:
    """A token naming the account, valid for ttl_s seconds."""
    now = int(time.time())
    claims = {"sub": str(account_id), "iat": now, "exp": now + ttl_s}
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


def account_of(token: str, secret: str) -> int:
    """The account id a valid token names; Unauthorized for a tampered, expired or malformed one."""
    try:
        claims = jwt.decode(token, secret, algorithms=[_ALGORITHM], options={"require": ["exp", "sub"]})
        account_id = int(claims["sub"])
    except jwt.ExpiredSignatureError:
        raise Unauthorized("token expired") from None
    except (jwt.InvalidTokenError, ValueError):
        raise Unauthorized("invalid token") from None
    if not 0 < account_id <= MAX_ID:
        raise Unauthorized("invalid token")
    return account_id
