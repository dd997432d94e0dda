"""The edge's memory of confirmed accounts: asks the owner once per lifetime, never remembers a refusal."""

import pytest

from bookstore.accounts.known_accounts import KnownAccounts
from bookstore.errors import Unauthorized


class Owner:
    """Stands for whoever owns the accounts: counts the questions, knows a set of ids."""

    def __init__(self, existing: set[int]):
        self.existing, self.asked = existing, 0

    def confirm(self, account_id: int) -> None:
        self.asked += 1
        if account_id not in self.existing:
            raise Unauthorized("unknown account")


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_confirmed_account_is_not_asked_about_again_within_the_lifetime():
    owner, clock = Owner({7}), Clock()
    known = KnownAccounts(owner.confirm, ttl_s=30, clock=clock)
    assert known.require(7) == 7
    clock.now = 29
    assert known.require(7) == 7
    assert owner.asked == 1


def test_a_deleted_account_is_refused_once_its_confirmation_expires():
    owner, clock = Owner({7}), Clock()
    known = KnownAccounts(owner.confirm, ttl_s=30, clock=clock)
    known.require(7)
    owner.existing.clear()
    clock.now = 31
    with pytest.raises(Unauthorized):
        known.require(7)


def test_an_unknown_account_is_asked_about_every_time_and_always_refused():
    owner = Owner(set())
    known = KnownAccounts(owner.confirm, ttl_s=30, clock=Clock())
    for _ in range(2):
        with pytest.raises(Unauthorized):
            known.require(8)
    assert owner.asked == 2


def test_a_lifetime_of_zero_asks_every_time():
    owner = Owner({7})
    known = KnownAccounts(owner.confirm, ttl_s=0)
    known.require(7)
    known.require(7)
    assert owner.asked == 2
