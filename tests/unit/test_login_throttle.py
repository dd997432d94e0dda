"""The failed log-in throttle's rule, on a SQLite accounts database, with a clock the test moves."""

import pytest

from bookstore.accounts import passwords, repository
from bookstore.accounts.login_throttle import LoginThrottle
from bookstore.accounts.service import check_credentials
from bookstore.accounts.tables import metadata
from bookstore.database import Database
from bookstore.errors import TooManyRequests, Unauthorized

RULE = LoginThrottle(per_account=3, per_address=5, window_s=60)


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'accounts.sqlite'}")
    database.create_schema(metadata)
    with database.write() as conn:
        for name in ("ada", "bob", "cy"):
            repository.add(conn, f"{name}@example.test", name, passwords.hash_password("right"))
    yield database
    database.dispose()


def attempt(db, clock, email: str, password: str, address: str = "10.0.0.1"):
    return check_credentials(db, RULE, email, password, address, clock)


def test_past_the_account_limit_even_the_right_password_waits_for_the_window(db):
    clock = Clock()
    for _ in range(RULE.per_account):
        with pytest.raises(Unauthorized):
            attempt(db, clock, "ada@example.test", "wrong")
    clock.now += 20
    with pytest.raises(TooManyRequests) as throttled:
        attempt(db, clock, "ada@example.test", "right")
    assert throttled.value.retry_after_s == 40
    assert attempt(db, clock, "bob@example.test", "right")  # another account, same address
    clock.now += 41
    assert attempt(db, clock, "ada@example.test", "right")


def test_past_the_address_limit_every_account_from_it_waits_but_other_addresses_do_not(db):
    clock = Clock()
    for n in range(RULE.per_address):
        with pytest.raises(Unauthorized):
            attempt(db, clock, f"nobody{n}@example.test", "wrong")
    with pytest.raises(TooManyRequests):
        attempt(db, clock, "cy@example.test", "right")
    assert attempt(db, clock, "cy@example.test", "right", address="10.0.0.2")


def test_a_correct_log_in_clears_its_accounts_failures_but_not_its_addresss(db):
    clock = Clock()
    for _ in range(RULE.per_account - 1):
        with pytest.raises(Unauthorized):
            attempt(db, clock, "ada@example.test", "wrong")
    attempt(db, clock, "ada@example.test", "right")
    for _ in range(RULE.per_account - 1):
        with pytest.raises(Unauthorized):
            attempt(db, clock, "ada@example.test", "wrong")
    assert attempt(db, clock, "ADA@example.test", "right")
