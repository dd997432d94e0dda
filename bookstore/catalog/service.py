"""Catalog's use cases."""

from bookstore.catalog import repository
from bookstore.errors import Conflict, NotFound


def list_books(conn, q: str, page: int, page_size: int) -> dict:
    """A catalog page in the contract's shape."""
    items, total = repository.page(conn, q, page, page_size)
    return {"items": items, "page": page, "page_size": page_size, "total": total}


def get_book(conn, book_id: int) -> dict:
    """One book; NotFound when it does not exist."""
    book = repository.get(conn, book_id)
    if book is None:
        raise NotFound(f"book {book_id} not found")
    return book


def prices(conn, book_ids: list[int]) -> dict[int, int]:
    """Unit price per book; NotFound naming the first unknown book."""
    found = repository.prices(conn, book_ids)
    missing = [book_id for book_id in book_ids if book_id not in found]
    if missing:
        raise NotFound(f"book {missing[0]} not found")
    return found


def reserve(conn, lines: list[tuple[int, int]]) -> None:
    """Take stock for every (book_id, quantity) line or for none.

    Lines are taken in book-id order so concurrent orders lock rows in the same order and
    cannot deadlock. The caller's transaction makes the lines all-or-nothing.
    """
    for book_id, quantity in sorted(lines):
        if not repository.take_stock(conn, book_id, quantity):
            raise Conflict(f"not enough stock for book {book_id}", code="out_of_stock")


def release(conn, lines: list[tuple[int, int]]) -> None:
    """Give back stock taken by reserve (used where no single transaction spans the order)."""
    for book_id, quantity in sorted(lines):
        repository.put_back_stock(conn, book_id, quantity)
