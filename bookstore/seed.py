"""Deterministic seed data, the same for every architecture: a catalog with stock and reader accounts."""

from bookstore.accounts import passwords
from bookstore.accounts.tables import accounts
from bookstore.catalog.tables import books
from bookstore.settings import SeedSettings

SEED_PASSWORD = "bookstore-reader"

_ADJECTIVES = (
    "Silent Crimson Hidden Last Golden Broken Distant Quiet Endless Secret Wandering Burning Frozen "
    "Lonely Bright Hollow Wild Gentle Forgotten Iron"
).split()
_NOUNS = (
    "River Garden Empire Harbor Mountain Library Winter Kingdom Lantern Orchard Voyage Forest Mirror "
    "Compass Island Engine Tower Meadow Archive Shadow Storm Bridge Signal Atlas Letter"
).split()
_FIRST = "Ada Alan Grace Edsger Barbara Donald Frances Tony Leslie Margaret Niklaus Radia John Sophie Ken".split()
_LAST = (
    "Lovelace Turing Hopper Dijkstra Liskov Knuth Allen Hoare Lamport Hamilton Wirth Perlman Backus Wilson Thompson"
).split()


def book_count() -> int:
    """How many books to seed (SEED_BOOKS, default 10,000)."""
    return SeedSettings.from_environment().books


def account_count() -> int:
    """How many reader accounts to seed (SEED_ACCOUNTS, default 1,000)."""
    return SeedSettings.from_environment().accounts


def _isbn13(n: int) -> str:
    digits = f"978{n:09d}"
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return digits + str(check)


def book(n: int) -> dict:
    """The n-th book of the catalog (n from 1): the same title, price and stock on every run."""
    adjective = _ADJECTIVES[n % len(_ADJECTIVES)]
    noun = _NOUNS[(n // len(_ADJECTIVES)) % len(_NOUNS)]
    volume = n // (len(_ADJECTIVES) * len(_NOUNS)) + 1
    title = f"The {adjective} {noun}" + (f", Volume {volume}" if volume > 1 else "")
    author = f"{_FIRST[n % len(_FIRST)]} {_LAST[(n * 7) % len(_LAST)]}"
    return {
        "id": n,
        "title": title,
        "author": author,
        "search_text": f"{title}\n{author}".lower(),
        "isbn": _isbn13(n),
        "price_cents": 500 + (n * 7919) % 5501,
        "stock": 10 + (n * 104729) % 990,
        "description": f"{title} by {author}: a seeded book of the lab's deterministic catalog (#{n}).",
    }


def seed_catalog(conn, count: int) -> None:
    """Insert books 1..count into an empty catalog."""
    batch = 2000
    for start in range(1, count + 1, batch):
        conn.execute(books.insert(), [book(n) for n in range(start, min(start + batch, count + 1))])


def seed_accounts(conn, count: int) -> None:
    """Insert reader1..readerN@bookstore.test, all with SEED_PASSWORD (hashed once, not per account)."""
    password_hash = passwords.hash_password(SEED_PASSWORD)
    rows = [
        {"email": f"reader{n}@bookstore.test", "name": f"Reader {n}", "password_hash": password_hash}
        for n in range(1, count + 1)
    ]
    if rows:
        conn.execute(accounts.insert(), rows)
