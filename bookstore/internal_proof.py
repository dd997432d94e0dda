"""Proof, not a claim, on every internal call: a short-lived assertion signed by the caller (JWT, HS256).

The edge that checked a customer's bearer token, or a component calling another on its own behalf (a catalog
read, a saga step), signs a few seconds' assertion with INTERNAL_SECRET: who calls (iss), for which account
(sub, when on behalf of one), and the client's address as the edge saw it (addr, for the log-in throttle).
Every application tier, provider and service checks it before anything else; a bare X-Account-Id proves nothing.
Its audience is fixed and its secret is not TOKEN_SECRET, so a customer's token never passes for one.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

import jwt

from bookstore.errors import Unauthorized
from bookstore.request_context import current_client_address

HEADER = "X-Internal-Assertion"  # over HTTP; the SOA carries it in a WS-Security SOAP header (soa/soap.py)
AUDIENCE = "bookstore-internal"
TTL_S = 30  # long enough for clocks a little apart and a slow hop, short enough that a copied one soon dies
_ALGORITHM = "HS256"


@dataclass(frozen=True)
class Assertion:
    """What a verified assertion says."""

    issuer: str
    account_id: int | None
    client_address: str | None


class Signer:
    """Signs the assertions one component sends (issuer: its name)."""

    def __init__(self, secret: str, issuer: str, ttl_s: int = TTL_S, clock: Callable[[], float] = time.time):
        self.secret, self.issuer, self.ttl_s, self.clock = secret, issuer, ttl_s, clock

    def sign(self, account_id: int | None = None) -> str:
        """An assertion for this call: on behalf of account_id if given, from the current client's address."""
        now = int(self.clock())
        claims: dict = {"iss": self.issuer, "aud": AUDIENCE, "iat": now, "exp": now + self.ttl_s}
        if account_id is not None:
            claims["sub"] = str(account_id)
        address = current_client_address.get()
        if address:
            claims["addr"] = address
        return jwt.encode(claims, self.secret, algorithm=_ALGORITHM)

    def headers(self, account_id: int | None = None) -> dict[str, str]:
        """The HTTP header carrying a fresh assertion."""
        return {HEADER: self.sign(account_id)}


def verify(token: str, secret: str) -> Assertion:
    """What a valid assertion says; Unauthorized when it is missing, forged, expired or malformed."""
    if not token:
        raise Unauthorized("an internal call must carry a signed assertion")
    try:
        claims = jwt.decode(
            token, secret, algorithms=[_ALGORITHM], audience=AUDIENCE, options={"require": ["exp", "iss", "aud"]}
        )
        account_id = int(claims["sub"]) if "sub" in claims else None
    except jwt.ExpiredSignatureError:
        raise Unauthorized("the internal assertion has expired") from None
    except (jwt.InvalidTokenError, ValueError):
        raise Unauthorized("the internal assertion is not valid") from None
    address = claims.get("addr")
    return Assertion(str(claims["iss"]), account_id, address if isinstance(address, str) else None)
