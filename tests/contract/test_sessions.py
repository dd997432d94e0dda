"""Contract tests for POST /api/sessions and Bearer token checks on protected operations."""

import base64
import json

import pytest
from edge_api import (
    TIMEOUT,
    assert_error,
    assert_json,
    http,
    log_in,
    order_body,
    post_json,
)


def me(edge_url: str, authorization: str | None):
    headers = {"Authorization": authorization} if authorization is not None else {}
    return http.get(f"{edge_url}/api/accounts/me", headers=headers, timeout=TIMEOUT)


def test_logging_in_answers_a_token_and_the_account_id(edge_url, customer):
    body = assert_json(log_in(edge_url, customer.email, customer.password), 200, "Session")
    assert body["account_id"] == customer.id


def test_the_email_of_a_login_is_compared_case_insensitively(edge_url, customer):
    body = assert_json(log_in(edge_url, customer.email.upper(), customer.password), 200, "Session")
    assert body["account_id"] == customer.id


def test_a_seeded_reader_can_log_in(edge_url):
    assert_json(log_in(edge_url, "reader1@bookstore.test", "bookstore-reader"), 200, "Session")


def test_a_wrong_password_is_refused_with_401(edge_url, customer):
    assert_error(log_in(edge_url, customer.email, "wrong-password-1"), 401, "unauthorized")


def test_an_unknown_email_is_refused_with_401(edge_url):
    assert_error(log_in(edge_url, "nobody-at-all@example.test", "correct-horse-9"), 401, "unauthorized")


@pytest.mark.parametrize(
    "body",
    [
        {"email": "a@example.test"},
        {"password": "correct-horse-9"},
        {"email": 1, "password": "x" * 8},
        {"email": "a@example.test", "password": "correct-horse-9", "remember": True},
        ["a@example.test"],
    ],
    ids=["no password", "no email", "email not a string", "unknown field", "array body"],
)
def test_a_malformed_login_is_refused_with_invalid_request(edge_url, body):
    assert_error(post_json(edge_url, "/api/sessions", body), 400, "invalid_request")


def test_a_valid_token_opens_the_own_profile(edge_url, customer):
    assert_json(me(edge_url, f"Bearer {customer.token}"), 200, "Account")


def tampered(token: str) -> str:
    """The token with one character near its middle changed."""
    index = len(token) // 2
    while not token[index].isalnum():
        index += 1
    return token[:index] + ("A" if token[index] != "A" else "B") + token[index + 1 :]


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Bearer garbage",
        "Bearer a.b.c",
        "Basic dXNlcjpwYXNz",
        f"Bearer {b64({'alg': 'none', 'typ': 'JWT'})}.{b64({'sub': '1'})}.",
    ],
    ids=["missing", "empty", "scheme only", "scheme and space", "garbage", "fake jwt", "basic", "alg none"],
)
def test_a_missing_or_garbage_token_is_refused_with_401(edge_url, authorization):
    assert_error(me(edge_url, authorization), 401, "unauthorized")


def test_a_tampered_token_is_refused_with_401(edge_url, customer):
    assert_error(me(edge_url, f"Bearer {tampered(customer.token)}"), 401, "unauthorized")


def test_a_token_whose_claims_were_rewritten_is_refused_with_401(edge_url, customer):
    parts = customer.token.split(".")
    if len(parts) != 3:
        pytest.skip("the token is not a JWT")
    claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    forged = {
        key: (str(customer.id + 1) if value in (customer.id, str(customer.id)) else value)
        for key, value in claims.items()
    }
    forged_token = ".".join([parts[0], b64(forged), parts[2]])
    assert_error(me(edge_url, f"Bearer {forged_token}"), 401, "unauthorized")


def test_every_protected_operation_refuses_a_request_without_a_token(edge_url):
    for path in ["/api/accounts/me", "/api/orders", "/api/orders/1", "/api/shipments/1"]:
        response = http.get(f"{edge_url}{path}", timeout=TIMEOUT)
        assert_error(response, 401, "unauthorized")
    response = post_json(edge_url, "/api/orders", order_body([(1, 1)]))
    assert_error(response, 401, "unauthorized")


def test_every_protected_operation_refuses_a_tampered_token(edge_url, customer):
    headers = {"Authorization": f"Bearer {tampered(customer.token)}"}
    for path in ["/api/orders", "/api/orders/1", "/api/shipments/1"]:
        assert_error(http.get(f"{edge_url}{path}", headers=headers, timeout=TIMEOUT), 401, "unauthorized")
    response = http.post(f"{edge_url}/api/orders", json=order_body([(1, 1)]), headers=headers, timeout=TIMEOUT)
    assert_error(response, 401, "unauthorized")
