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


def reserve_once(conn, reservation_id: str, lines: list[tuple[int, int]]) -> bool:
    """Take stock under an idempotency key: a retry of the same key changes nothing. True if taken now.

    The key is inserted first, so two concurrent calls with one key cannot both take stock: the
    second waits on the primary key, finds the first one's reservation and changes nothing.
    """
    existing = repository.reservation(conn, reservation_id)
    if existing is None and repository.add_reservation(conn, reservation_id, lines):
        reserve(conn, lines)
        return True
    existing = existing or repository.reservation(conn, reservation_id)
    if existing is not None and existing["status"] == "released":
        raise Conflict(f"reservation {reservation_id} was already released", code="reservation_released")
    return False


def release_once(conn, reservation_id: str) -> bool:
    """Give back a reservation's stock once; unknown or released keys change nothing. True if released now."""
    existing = repository.reservation(conn, reservation_id, lock=True)
    if existing is None:  # the release overtook its reservation: a tombstone makes the late reservation fail
        repository.add_reservation(conn, reservation_id, [], status="released")
        return False
    if existing["status"] == "released":
        return False
    release(conn, [(book_id, quantity) for book_id, quantity in existing["lines"]])
    repository.mark_released(conn, reservation_id)
    return True
