"""The signed assertion internal calls carry: what it proves, and what it refuses."""

import pytest

from bookstore.accounts.tokens import issue_token
from bookstore.errors import Unauthorized
from bookstore.internal_proof import Signer, verify
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
