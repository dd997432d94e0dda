"""The signed assertion internal calls carry: what it proves, and what it refuses."""

import time

import jwt
import pytest

from bookstore.accounts.tokens import issue_token
from bookstore.errors import Unauthorized
from bookstore.internal_proof import Signer, Verifier, verify
from bookstore.request_context import current_client_address

SECRET = "an-internal-secret-of-at-least-32-bytes"


def test_an_assertion_names_its_caller_account_and_client_address():
    token = current_client_address.set("192.0.2.7")
    try:
        assertion = verify(Signer(SECRET, "gateway").sign(7), SECRET)
    finally:
        current_client_address.reset(token)
    assert (assertion.issuer, assertion.account_id, assertion.client_address) == ("gateway", 7, "192.0.2.7")
    assert verify(Signer(SECRET, "orders").sign(), SECRET).account_id is None


@pytest.mark.parametrize(
    "presented",
    [
        "",
        "7",
        Signer("another-secret-of-at-least-32-bytes!!", "gateway").sign(7),
        Signer(SECRET, "gateway", ttl_s=-60).sign(7),
        issue_token(7, SECRET),  # a customer's token, even under the same secret, has no internal audience
    ],
    ids=["missing", "bare-claim", "forged", "expired", "customer-token"],
)
def test_anything_but_a_valid_assertion_is_refused(presented):
    with pytest.raises(Unauthorized):
        verify(presented, SECRET)


class Clock:
    """A clock the test moves by hand, starting now (PyJWT checks expiry against the real one)."""

    def __init__(self):
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_a_cached_assertion_is_refused_once_it_has_expired():
    clock = Clock()
    verifier, token = Verifier(SECRET, clock=clock), Signer(SECRET, "gateway", ttl_s=30, clock=clock).sign(7)
    assert verifier.verify(token).account_id == 7
    assert verifier.verify(token).account_id == 7  # from the cache
    clock.now += 30
    with pytest.raises(Unauthorized):
        verifier.verify(token)


def test_a_forged_or_altered_assertion_never_verifies_even_after_a_valid_one():
    verifier, token = Verifier(SECRET), Signer(SECRET, "gateway").sign(7)
    forged = Signer("another-secret-of-at-least-32-bytes!!", "gateway").sign(7)
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for _attempt in range(2):
        for presented in (forged, altered):
            with pytest.raises(Unauthorized):
                verifier.verify(presented)
        assert verifier.verify(token).account_id == 7


def test_a_signer_reuses_its_assertion_and_signs_afresh_before_half_its_life_is_gone():
    clock = Clock()
    signer = Signer(SECRET, "gateway", ttl_s=30, clock=clock)
    first = signer.sign(7)
    assert signer.sign(7) == first
    assert signer.sign(8) != first  # another account, another assertion
    clock.now += 14
    assert signer.sign(7) == first
    clock.now += 1  # half its life gone: a fresh one, with the other half still ahead of it
    renewed = signer.sign(7)
    assert renewed != first
    assert jwt.decode(renewed, options={"verify_signature": False})["exp"] == int(clock.now) + 30


def test_a_signer_keeps_one_assertion_per_client_address():
    signer = Signer(SECRET, "gateway")
    tokens = []
    for address in ("192.0.2.7", "192.0.2.8"):
        context = current_client_address.set(address)
        try:
            tokens.append(signer.sign(7))
            assert verify(tokens[-1], SECRET).client_address == address
        finally:
            current_client_address.reset(context)
    assert tokens[0] != tokens[1]
