"""Proof, not a claim, on every internal call: a short-lived assertion signed by the caller (JWT, HS256).

The edge that checked a customer's bearer token, or a component calling another on its own behalf (a catalog
read, a saga step), signs a few seconds' assertion with INTERNAL_SECRET: who calls (iss), for which account
(sub, when on behalf of one), and the client's address as the edge saw it (addr, for the log-in throttle).
Every application tier, provider and service checks it before anything else; a bare X-Account-Id proves nothing.
Its audience is fixed and its secret is not TOKEN_SECRET, so a customer's token never passes for one.

Signing and checking an HS256 JWT costs tens of microseconds, on every hop of every request; both sides cache
(priced by `make bench-micro`, lab/bench/micro/proof_cost.py). A signer reuses its assertion for an account and
client address while more than half its life is left; a verifier remembers a token it checked, by its exact
text, until that token's own expiry and never past it. A forged token is never remembered.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import jwt
from cachetools import TLRUCache, TTLCache

from bookstore.errors import Unauthorized
from bookstore.request_context import current_client_address

HEADER = "X-Internal-Assertion"  # over HTTP; the SOA carries it in a WS-Security SOAP header (soa/soap.py)
AUDIENCE = "bookstore-internal"
TTL_S = 30  # long enough for clocks a little apart and a slow hop, short enough that a copied one soon dies
_ALGORITHM = "HS256"
_CACHED = 4096  # assertions each cache holds: more accounts than a run signs for within one TTL


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
        # reused while more than half its TTL is left, so that any assertion sent has at least that to live
        self._signed: TTLCache[tuple[int | None, str | None], str]  # by (account, client address)
        self._signed = TTLCache(_CACHED, ttl=max(ttl_s / 2, 0), timer=clock)
        self._lock = threading.Lock()  # cachetools caches are not thread-safe, and gthread workers share this

    def sign(self, account_id: int | None = None) -> str:
        """An assertion for this call: on behalf of account_id if given, from the current client's address."""
        key = (account_id, current_client_address.get())
        with self._lock:
            token = self._signed.get(key)
        if token is None:
            token = self._sign_afresh(account_id)
            with self._lock:
                self._signed[key] = token
        return token

    def _sign_afresh(self, account_id: int | None = None) -> str:
        """A new assertion, bypassing the cache."""
        now = int(self.clock())
        claims: dict = {"iss": self.issuer, "aud": AUDIENCE, "iat": now, "exp": now + self.ttl_s}
        if account_id is not None:
            claims["sub"] = str(account_id)
        address = current_client_address.get()
        if address:
            claims["addr"] = address
        return jwt.encode(claims, self.secret, algorithm=_ALGORITHM)

    def headers(self, account_id: int | None = None) -> dict[str, str]:
        """The HTTP header carrying the assertion for this call."""
        return {HEADER: self.sign(account_id)}


class Verifier:
    """Checks the assertions one server receives, remembering the valid ones until their own expiry."""

    def __init__(self, secret: str, clock: Callable[[], float] = time.time):
        self.secret, self.clock = secret, clock
        self._verified: TLRUCache[str, tuple[Assertion, float]]  # by exact text: what it says, its expiry
        self._verified = TLRUCache(_CACHED, ttu=lambda _token, found, _now: found[1], timer=clock)
        self._lock = threading.Lock()  # cachetools caches are not thread-safe, and gthread workers share this

    def verify(self, token: str) -> Assertion:
        """What a valid assertion says; Unauthorized when it is missing, forged, expired or malformed."""
        with self._lock:
            found = self._verified.get(token)
        if found is None:
            found = _checked(token, self.secret)
            with self._lock:
                self._verified[token] = found  # TLRUCache drops (never stores) it once its expiry has passed
        assertion, expires = found
        if not self.clock() < expires:  # the cache's own rule, said again for a token checked just now
            raise Unauthorized("the internal assertion has expired")
        return assertion


def verify(token: str, secret: str) -> Assertion:
    """What a valid assertion says; Unauthorized when it is missing, forged, expired or malformed (no cache)."""
    return _checked(token, secret)[0]


def _checked(token: str, secret: str) -> tuple[Assertion, float]:
    """The assertion a token makes and its expiry (epoch seconds), checked in full by PyJWT."""
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
    assertion = Assertion(str(claims["iss"]), account_id, address if isinstance(address, str) else None)
    return assertion, float(claims["exp"])
