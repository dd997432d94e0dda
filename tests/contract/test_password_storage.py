"""A password is stored as a salted, slow Argon2id hash and never as itself, in every architecture's database."""

import pytest
from argon2 import PasswordHasher, Type, extract_parameters
from edge_api import assert_json, register, unique_email
from sqlalchemy import create_engine, select

from bookstore.accounts.tables import accounts

PASSWORD = "Zoë's correct horse 🐎 9"
# OWASP's Password Storage Cheat Sheet: Argon2id with one of these (memory KiB, passes), parallelism 1.
OWASP_MINIMUMS = [(47104, 1), (19456, 2), (12288, 3), (9216, 4), (7168, 5)]


@pytest.fixture(scope="module")
def stored_hashes(edge, edge_url) -> list[str]:
    """The password column of two accounts registered through the edge with the same password."""
    if edge.name == "external":
        pytest.skip("reading the stored password needs the database of the lab's own servers")
    emails = [unique_email() for _ in range(2)]
    for email in emails:
        assert_json(register(edge_url, email=email, password=PASSWORD), 201, "Account")
    engine = create_engine(edge.database_of("accounts"))
    try:
        with engine.connect() as conn:
            query = select(accounts.c.email, accounts.c.password_hash).where(accounts.c.email.in_(emails))
            found = dict(conn.execute(query).all())
    finally:
        engine.dispose()
    return [found[email] for email in emails]


def test_the_stored_password_is_not_the_password(stored_hashes):
    for stored in stored_hashes:
        assert PASSWORD not in stored
        assert PASSWORD.encode().hex() not in stored.lower()


def test_the_stored_password_is_an_argon2id_hash_that_verifies(stored_hashes):
    for stored in stored_hashes:
        assert stored.startswith("$argon2id$")
        assert PasswordHasher().verify(stored, PASSWORD)


def test_the_hash_is_at_least_as_slow_as_owasp_asks(stored_hashes):
    parameters = extract_parameters(stored_hashes[0])
    assert parameters.type is Type.ID
    memory, passes = parameters.memory_cost, parameters.time_cost
    assert any(memory >= least_memory and passes >= least_passes for least_memory, least_passes in OWASP_MINIMUMS), (
        f"m={memory} KiB, t={passes}"
    )
    assert parameters.salt_len >= 16  # RFC 9106 recommends 128-bit salts


def test_two_accounts_with_the_same_password_store_different_hashes(stored_hashes):
    first, second = stored_hashes
    assert first != second
    assert first.split("$")[-2] != second.split("$")[-2]  # a fresh salt for each
