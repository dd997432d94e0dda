"""Catalog's data access (SQLAlchemy Core); stock changes are single conditional UPDATEs.

The statements of every request are built once, here, with bound parameters: building a statement and
computing its cache key anew for each call cost more than running it (about 70 µs against 27 µs for a book).
"""

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bookstore.catalog.tables import books, reservations

_SUMMARY = (books.c.id, books.c.title, books.c.author, books.c.price_cents, books.c.stock)
_DETAIL = _SUMMARY + (books.c.isbn, books.c.description)
_MATCHES = books.c.search_text.like(bindparam("pattern"), escape="\\")
_COUNT = select(func.count()).select_from(books)
_PAGE = select(*_SUMMARY).order_by(books.c.id).limit(bindparam("limit")).offset(bindparam("offset"))
_COUNT_MATCHES, _PAGE_MATCHES = _COUNT.where(_MATCHES), _PAGE.where(_MATCHES)
_BOOK = select(*_DETAIL).where(books.c.id == bindparam("book_id"))
_PRICES = select(books.c.id, books.c.price_cents).where(books.c.id.in_(bindparam("book_ids", expanding=True)))
_TAKE_STOCK = (
    update(books)
    .where(books.c.id == bindparam("book_id"), books.c.stock >= bindparam("quantity"))
    .values(stock=books.c.stock - bindparam("quantity"))
)
_PUT_BACK_STOCK = (
    update(books).where(books.c.id == bindparam("book_id")).values(stock=books.c.stock + bindparam("quantity"))
)
_RESERVATION = select(reservations).where(reservations.c.id == bindparam("reservation_id"))
_RESERVATION_LOCKED = _RESERVATION.with_for_update()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def page(conn, q: str, page_number: int, page_size: int) -> tuple[list[dict], int]:
    """One page of books matching q (case-insensitive substring of title or author), and the match count."""
    window = {"limit": page_size, "offset": (page_number - 1) * page_size}
    if q:
        matching = {"pattern": f"%{_escape_like(q.lower())}%"}
        total = conn.execute(_COUNT_MATCHES, matching).scalar_one()
        rows = conn.execute(_PAGE_MATCHES, {**matching, **window})
    else:
        total = conn.execute(_COUNT).scalar_one()
        rows = conn.execute(_PAGE, window)
    return [dict(r._mapping) for r in rows], total


def get(conn, book_id: int) -> dict | None:
    """One book with all its fields, or None."""
    row = conn.execute(_BOOK, {"book_id": book_id}).first()
    return dict(row._mapping) if row else None


def prices(conn, book_ids: list[int]) -> dict[int, int]:
    """Price of each existing book among book_ids."""
    rows = conn.execute(_PRICES, {"book_ids": list(book_ids)})
    return {r.id: r.price_cents for r in rows}


def take_stock(conn, book_id: int, quantity: int) -> bool:
    """Decrement stock only if enough is left; the check and the write are one atomic statement."""
    return conn.execute(_TAKE_STOCK, {"book_id": book_id, "quantity": quantity}).rowcount == 1


def put_back_stock(conn, book_id: int, quantity: int) -> None:
    """Return stock taken for an order that did not go through."""
    conn.execute(_PUT_BACK_STOCK, {"book_id": book_id, "quantity": quantity})


def add_many(conn, rows: list[dict]) -> None:
    """Bulk insert of books (seeding)."""
    conn.execute(insert(books), rows)


def set_stock(conn, book_id: int, stock: int) -> None:
    """Set a book's stock (seeding and tests)."""
    conn.execute(update(books).where(books.c.id == book_id).values(stock=stock))


def reservation(conn, reservation_id: str, lock: bool = False) -> dict | None:
    """A reservation by its idempotency key (locked for update when asked), or None."""
    row = conn.execute(_RESERVATION_LOCKED if lock else _RESERVATION, {"reservation_id": reservation_id}).first()
    return dict(row._mapping) if row else None


def add_reservation(conn, reservation_id: str, lines: list[tuple[int, int]], status: str = "reserved") -> bool:
    """Record a reservation under its key; False when another call recorded that key first."""
    rows = [[book_id, quantity] for book_id, quantity in lines]
    try:
        with conn.begin_nested():
            conn.execute(insert(reservations).values(id=reservation_id, lines=rows, status=status))
    except IntegrityError:
        return False
    return True


def mark_released(conn, reservation_id: str) -> None:
    """Record that the reservation's stock went back."""
    conn.execute(update(reservations).where(reservations.c.id == reservation_id).values(status="released"))


def held_reservations(conn) -> list[dict]:
    """Every reservation whose stock is still taken."""
    return [dict(r._mapping) for r in conn.execute(select(reservations).where(reservations.c.status == "reserved"))]
