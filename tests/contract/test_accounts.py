"""Contract tests for POST /api/accounts and GET /api/accounts/me."""

import uuid

import pytest
from edge_api import (
    assert_error,
    assert_json,
    get,
    log_in,
    new_customer,
    post_json,
    register,
    registration,
    unique_email,
)


def test_registering_answers_201_with_the_new_account(edge_url):
    email = unique_email()
    body = assert_json(register(edge_url, email=email, name="Grace Hopper"), 201, "Account")
    assert body["email"] == email
    assert body["name"] == "Grace Hopper"
    assert "password" not in body


def test_an_email_already_taken_is_refused_with_email_taken(edge_url):
    email = unique_email()
    assert_json(register(edge_url, email=email), 201)
    assert_error(register(edge_url, email=email), 409, "email_taken")


def test_an_email_taken_in_another_letter_case_is_refused_with_email_taken(edge_url):
    email = unique_email()
    assert_json(register(edge_url, email=email), 201)
    assert_error(register(edge_url, email=email.upper()), 409, "email_taken")
    assert_error(register(edge_url, email=email.capitalize()), 409, "email_taken")


def test_the_boundary_lengths_of_password_and_name_are_accepted(edge_url):
    assert_json(register(edge_url, password="p" * 8, name="N"), 201, "Account")
    assert_json(register(edge_url, password="p" * 128, name="N" * 100), 201, "Account")


def long_email() -> str:
    return "a" * 243 + "@example.test"


@pytest.mark.parametrize(
    "fields",
    [
        {"email": "no-at-sign.example.test"},
        {"email": "two@at@example.test"},
        {"email": "@example.test"},
        {"email": "nobody@"},
        {"email": "nodot@example"},
        {"email": ""},
        {"email": long_email()},
        {"password": "p" * 7},
        {"password": "p" * 129},
        {"password": ""},
        {"name": ""},
        {"name": "   "},
        {"name": "N" * 101},
        {"name": "Bell\x07Ringer"},
        {"name": "Line\nBreak"},
        {"email": 42},
        {"password": 12345678},
        {"name": None},
        {"name": ["Ada"]},
        {"role": "admin"},
    ],
    ids=lambda fields: repr(fields)[:40],
)
def test_an_invalid_registration_is_refused_with_invalid_request(edge_url, fields):
    assert_error(register(edge_url, **fields), 400, "invalid_request")


@pytest.mark.parametrize("missing", ["email", "password", "name"])
def test_a_registration_missing_a_field_is_refused(edge_url, missing):
    body = registration()
    del body[missing]
    assert_error(post_json(edge_url, "/api/accounts", body), 400, "invalid_request")


def test_the_email_at_its_maximum_length_is_accepted(edge_url):
    email = f"{uuid.uuid4().hex}{'a' * 209}@example.test"
    assert len(email) == 254
    assert_json(register(edge_url, email=email), 201, "Account")


def test_the_own_profile_is_the_account_the_token_belongs_to(edge_url):
    customer = new_customer(edge_url)
    body = assert_json(get(edge_url, "/api/accounts/me", customer), 200, "Account")
    assert body["id"] == customer.id
    assert body["email"] == customer.email


def test_a_new_account_can_log_in_with_its_password(edge_url):
    email = unique_email()
    account = assert_json(register(edge_url, email=email), 201)
    session = assert_json(log_in(edge_url, email, "correct-horse-9"), 200, "Session")
    assert session["account_id"] == account["id"]
